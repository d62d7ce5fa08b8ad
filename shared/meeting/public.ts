import type { CampaignKind } from '../campaign/model.ts';
import type { Table, TableCell } from './payload.ts';

/**
 * The public list (公示): public fields only — the title, the authors or organiser, the institution, the discipline
 * and the nominator. No score, no rank, no expert: the columns are fixed here per kind, never taken from the data.
 */
interface PublicColumn {
  readonly header: string;
  /** Field ids tried in turn; lists are joined. */
  readonly fields: readonly string[];
  readonly width: number;
}

const NO = { header: '序号 No.', fields: [], width: 8 };
const DISCIPLINE = { header: '学科 Discipline', fields: ['discipline', 'disciplines'], width: 18 };
const NOMINATOR = { header: '推荐单位 Nominator', fields: ['nominator'], width: 24 };

export const PUBLIC_COLUMNS: Readonly<Record<CampaignKind, readonly PublicColumn[]>> = {
  papers: [NO, { header: '论文题目 Title', fields: ['title'], width: 50 }, { header: '作者 Authors', fields: ['authors', 'firstAuthor'], width: 30 }, { header: '单位 Institution', fields: ['affiliation'], width: 30 }, DISCIPLINE, NOMINATOR],
  conferences: [NO, { header: '会议名称 Conference', fields: ['name'], width: 50 }, { header: '主办单位 Organiser', fields: ['organiser'], width: 30 }, { header: '承办单位 Institution', fields: ['coOrganiser'], width: 30 }, DISCIPLINE, NOMINATOR],
  talent: [NO, { header: '姓名 Name', fields: ['name'], width: 16 }, { header: '工作单位 Institution', fields: ['institution'], width: 36 }, DISCIPLINE, NOMINATOR],
  topics: [NO, { header: '议题名称 Title', fields: ['title'], width: 50 }, { header: '提出人 Proposer', fields: ['proposer'], width: 20 }, { header: '单位 Institution', fields: ['institution'], width: 30 }, DISCIPLINE, NOMINATOR],
};

export interface PublicItem {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly nominators: readonly string[];
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(text).filter(Boolean).join('; ');
  if (typeof v === 'object') return '';
  return String(v);
}

/** The selected items, in the order given, as the public list's table. */
export function publicTable(kind: CampaignKind, items: readonly PublicItem[]): Table {
  const cols = PUBLIC_COLUMNS[kind];
  const rows: TableCell[][] = items.map((it, k) => cols.map((c) => {
    if (c === NO) return k + 1;
    if (c === NOMINATOR && it.nominators.length > 0) return it.nominators.join('; ');
    for (const f of c.fields) {
      const t = text(it.fields[f]);
      if (t) return t;
    }
    return '';
  }));
  return { name: '公示名单 Public list', widths: cols.map((c) => c.width), rows: [cols.map((c) => c.header), ...rows] };
}
