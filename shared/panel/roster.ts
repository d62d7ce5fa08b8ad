import type { DisciplineGroup } from '../campaign/model.ts';
import { cellText, columnLetter, headerForms } from '../nominations/header.ts';
import { cleanText, isBlank, normaliseKeyText, parseEmail, parseList } from '../nominations/values.ts';
import type { Expert } from './model.ts';

/**
 * A roster workbook (专家名单) → experts, with the same tolerance as nominations: a title row above the header,
 * headers in Chinese or English with variants, full-width text, trailing spaces; problems reported on their cells
 * (row as Excel shows it, column letters). Pure: ids are passed in.
 */

export const ROSTER_FIELDS = [
  { id: 'name', zh: '姓名', en: 'Name', required: true, variants: ['姓名', '专家姓名', '专家', '名字', 'name', 'fullname', 'expert', 'expertname'] },
  { id: 'institution', zh: '工作单位', en: 'Institution', required: false, variants: ['工作单位', '单位', '所在单位', '单位名称', '机构', '所在机构', '依托单位', 'institution', 'affiliation', 'organization', 'organisation', 'employer'] },
  { id: 'department', zh: '部门', en: 'Department', required: false, variants: ['部门', '院系', '院系所', '所在院系', '系', '科室', 'department', 'dept', 'school', 'faculty'] },
  { id: 'title', zh: '职称', en: 'Title', required: false, variants: ['职称', '专业技术职称', '职称职务', 'title', 'professionaltitle', 'position', 'rank'] },
  { id: 'disciplines', zh: '学科', en: 'Disciplines', required: false, variants: ['学科', '学科领域', '所属学科', '研究领域', '专业', '专业领域', '研究方向', 'discipline', 'disciplines', 'field', 'fields', 'researcharea', 'subject'] },
  { id: 'offices', zh: '学会任职', en: 'Offices in societies', required: false, variants: ['学会任职', '社会兼职', '兼职', '任职学会', '学会职务', '学术兼职', 'offices', 'societyoffices', 'societies', 'society'] },
  { id: 'phone', zh: '电话', en: 'Phone', required: false, variants: ['电话', '手机', '联系电话', '手机号', '手机号码', '联系方式', 'phone', 'mobile', 'tel', 'telephone'] },
  { id: 'email', zh: '电子邮箱', en: 'E-mail', required: false, variants: ['电子邮箱', '邮箱', '电子邮件', 'email', 'e-mail', 'mail'] },
  { id: 'group', zh: '评审组', en: 'Group', required: false, variants: ['评审组', '学科评审组', '学科组', '分组', '组别', 'group', 'panel'] },
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number]['id'];

export type RosterIssueCode = 'HEADER_NOT_FOUND' | 'REQUIRED_MISSING' | 'DUPLICATE_KEY' | 'BAD_EMAIL' | 'UNKNOWN_GROUP';

export interface RosterIssue {
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly field: string;
  readonly code: RosterIssueCode;
  /** error: the row was not imported; warning: imported without this value. */
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly value: string | null;
}

export interface RosterColumn {
  readonly letter: string;
  readonly header: string;
  readonly field: RosterField | null;
}

export interface RosterDraft {
  /** Excel row. */
  readonly row: number;
  readonly name: string;
  readonly institution: string;
  readonly department: string;
  readonly title: string;
  readonly disciplines: readonly string[];
  readonly offices: readonly string[];
  readonly phone: string;
  readonly email: string;
  /** The group named in the roster, or placed by discipline; null: none. */
  readonly groupId: string | null;
}

export interface RosterMapped {
  readonly headerRow: number | null;
  readonly columns: readonly RosterColumn[];
  readonly drafts: readonly RosterDraft[];
  readonly issues: readonly RosterIssue[];
  readonly rejected: number;
}

const variantIndex: ReadonlyMap<string, RosterField> = (() => {
  const m = new Map<string, RosterField>();
  for (const f of ROSTER_FIELDS) for (const v of f.variants) for (const form of headerForms(v)) if (!m.has(form)) m.set(form, f.id);
  return m;
})();

/** The field a header names, by exact form, then by the longest variant it contains. */
export function rosterFieldOf(header: string): RosterField | null {
  const forms = headerForms(header);
  for (const f of forms) {
    const hit = variantIndex.get(f);
    if (hit) return hit;
  }
  let best: { field: RosterField; len: number } | null = null;
  for (const f of forms) {
    for (const [v, field] of variantIndex) {
      if (v.length >= 2 && f.includes(v) && (!best || v.length > best.len)) best = { field, len: v.length };
    }
  }
  return best?.field ?? null;
}

function columnsOf(row: readonly unknown[]): RosterColumn[] {
  const taken = new Set<RosterField>();
  return row.map((v, c) => {
    const header = cellText(v).trim();
    let field = header ? rosterFieldOf(header) : null;
    if (field && taken.has(field)) field = null;
    if (field) taken.add(field);
    return { letter: columnLetter(c), header, field };
  });
}

/** The header: among the first 30 rows, the one naming the most fields, with the name among them. 0-based. */
export function findRosterHeader(rows: readonly (readonly unknown[] | undefined)[]): number | null {
  let best: { row: number; score: number } | null = null;
  for (let r = 0; r < Math.min(rows.length, 30); r++) {
    const cols = columnsOf(rows[r] ?? []);
    if (!cols.some((c) => c.field === 'name')) continue;
    const score = cols.filter((c) => c.field).length;
    if (score >= 2 && (!best || score > best.score)) best = { row: r, score };
  }
  return best?.row ?? null;
}

/** A person's key within a campaign: name and institution, as text compared loosely. */
export function expertKey(name: string, institution: string): string {
  return `${normaliseKeyText(name)}\u0000${normaliseKeyText(institution)}`;
}

/** The group an expert goes to: named in the roster (by name or id), else the first group sharing a discipline. */
export function groupFor(groups: readonly DisciplineGroup[], named: string, disciplines: readonly string[]): { groupId: string | null; unknown: boolean } {
  if (named) {
    const k = normaliseKeyText(named);
    const g = groups.find((x) => normaliseKeyText(x.name) === k || normaliseKeyText(x.nameEn) === k || x.id === named);
    return { groupId: g?.id ?? null, unknown: !g };
  }
  const ds = new Set(disciplines.map(normaliseKeyText));
  const g = groups.find((x) => x.disciplines.some((d) => ds.has(normaliseKeyText(d))));
  return { groupId: g?.id ?? null, unknown: false };
}

export interface MapRosterInput {
  readonly sheet: string;
  readonly rows: readonly (readonly unknown[] | undefined)[];
  /** 0-based; absent: found. */
  readonly headerRow?: number | undefined;
  readonly groups: readonly DisciplineGroup[];
}

export function mapRoster(input: MapRosterInput): RosterMapped {
  const { sheet, rows } = input;
  const headerRow = input.headerRow ?? findRosterHeader(rows);
  const issues: RosterIssue[] = [];
  if (headerRow === null || !rows[headerRow]) {
    issues.push({ sheet, row: 1, column: '', field: 'name', code: 'HEADER_NOT_FOUND', severity: 'error', message: 'no header row naming the experts (姓名 / Name) was found in the first 30 rows', value: null });
    return { headerRow: null, columns: [], drafts: [], issues, rejected: 0 };
  }
  const columns = columnsOf(rows[headerRow]!);
  const at = new Map<RosterField, number>();
  columns.forEach((c, i) => { if (c.field) at.set(c.field, i); });
  if (!at.has('name')) {
    issues.push({ sheet, row: headerRow + 1, column: '', field: 'name', code: 'HEADER_NOT_FOUND', severity: 'error', message: 'the header row has no name column (姓名 / Name)', value: null });
    return { headerRow, columns, drafts: [], issues, rejected: 0 };
  }
  const drafts: RosterDraft[] = [];
  const seen = new Map<string, number>();
  let rejected = 0;
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const raw = (f: RosterField): unknown => (at.has(f) ? row[at.get(f)!] : undefined);
    const text = (f: RosterField): string => cleanText(cellText(raw(f)).normalize('NFKC'));
    const excelRow = r + 1;
    const cell = (f: RosterField): string => (at.has(f) ? columns[at.get(f)!]!.letter : '');
    if ([...at.values()].every((c) => isBlank(row[c]))) continue;
    const name = text('name');
    if (!name) {
      rejected++;
      issues.push({ sheet, row: excelRow, column: cell('name'), field: 'name', code: 'REQUIRED_MISSING', severity: 'error', message: `row ${excelRow}: no name`, value: null });
      continue;
    }
    const institution = text('institution');
    const key = expertKey(name, institution);
    if (seen.has(key)) {
      issues.push({ sheet, row: excelRow, column: cell('name'), field: 'name', code: 'DUPLICATE_KEY', severity: 'warning', message: `row ${excelRow}: ${name} (${institution}) is already on row ${seen.get(key)}; passed over`, value: name });
      continue;
    }
    seen.set(key, excelRow);
    const list = (f: RosterField): string[] => {
      const p = parseList(raw(f));
      return 'value' in p && p.value ? [...p.value] : [];
    };
    let email = '';
    if (!isBlank(raw('email'))) {
      const e = parseEmail(raw('email'));
      if ('value' in e && e.value) email = e.value;
      else issues.push({ sheet, row: excelRow, column: cell('email'), field: 'email', code: 'BAD_EMAIL', severity: 'warning', message: `row ${excelRow}: "${text('email')}" is not an e-mail address`, value: text('email') });
    }
    const disciplines = list('disciplines');
    const namedGroup = text('group');
    const g = groupFor(input.groups, namedGroup, disciplines);
    if (g.unknown) issues.push({ sheet, row: excelRow, column: cell('group'), field: 'group', code: 'UNKNOWN_GROUP', severity: 'warning', message: `row ${excelRow}: the campaign has no group "${namedGroup}"`, value: namedGroup });
    drafts.push({
      row: excelRow, name, institution, department: text('department'), title: text('title'), disciplines, offices: list('offices'),
      phone: text('phone'), email, groupId: g.groupId,
    });
  }
  return { headerRow, columns, drafts, issues, rejected };
}

export type RosterFate = 'new' | 'updates' | 'unchanged';

export interface RosterPlan {
  readonly upserts: readonly Expert[];
  readonly fates: readonly RosterFate[];
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
}

/**
 * Drafts folded into the panel: an expert of the same name and institution is updated (their group, load limits
 * and fingerprint kept unless the roster names a group), anyone else is new.
 */
export function planRoster(existing: readonly Expert[], drafts: readonly RosterDraft[], newId: () => string): RosterPlan {
  const byKey = new Map(existing.map((e) => [expertKey(e.name, e.institution), e]));
  const upserts: Expert[] = [];
  const fates: RosterFate[] = [];
  let imported = 0;
  let updated = 0;
  let unchanged = 0;
  for (const d of drafts) {
    const had = byKey.get(expertKey(d.name, d.institution));
    const { row: _row, ...fields } = d;
    if (!had) {
      const e: Expert = { id: newId(), ...fields };
      upserts.push(e);
      fates.push('new');
      imported++;
      continue;
    }
    const next: Expert = { ...had, ...fields, groupId: d.groupId ?? had.groupId };
    if (JSON.stringify(next) === JSON.stringify(had)) {
      fates.push('unchanged');
      unchanged++;
    } else {
      upserts.push(next);
      fates.push('updates');
      updated++;
    }
  }
  return { upserts, fates, imported, updated, unchanged };
}
