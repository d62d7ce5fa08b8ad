import type { CampaignKind } from '../../shared/campaign/model.ts';
import type { NominationRow } from '../../shared/contract/nominations.ts';
import { fieldsFor, type FieldDef } from '../../shared/nominations/fields.ts';
import type { FieldValue } from '../../shared/nominations/map-rows.ts';
import { fieldWord, issueCell, reasonCell, statusCell } from '../../shared/nominations/words.ts';
import type { ProblemRow } from '../../shared/nominations/preview.ts';
import type { DateValue } from '../../shared/nominations/values.ts';
import { cell, closeSheet, FROZEN_HEADER, newWriter, styleHeader, writeRow, type CellOut, type ExportProgress } from '../xlsx/writer.ts';

/**
 * Workbooks PanelDesk writes for people: the campaign's nominations with their formal check, and the rows of a
 * society's file that need fixing. Every value goes through cell() (main/xlsx/writer.ts: text neutralised, numbers and
 * dates as real cells); a bold, frozen header row with an autofilter.
 *
 * They are written with the streaming writer, a row at a time: 20,000 rows take ~2 s where the in-memory workbook
 * took ~4 s, ~85 % of it in its one writeBuffer() step, so an export can say how far it has got, row by row.
 */

function isoToDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function isDateValue(v: FieldValue | undefined): v is DateValue {
  return v !== undefined && typeof v === 'object' && !Array.isArray(v) && 'start' in v;
}

interface Column {
  readonly header: string;
  readonly width: number;
  readonly numFmt?: string;
  readonly value: (row: NominationRow) => CellOut;
}

function fieldColumns(kind: CampaignKind, def: FieldDef): Column[] {
  const header = `${def.zh} ${def.en}`;
  const get = (r: NominationRow) => r.fields[def.id];
  switch (def.type) {
    case 'date':
    case 'dateRange': {
      const fmt = (v: DateValue) => (v.precision === 'month' ? 'yyyy-mm' : 'yyyy-mm-dd');
      const start: Column = { header: def.type === 'date' ? header : `${header}（开始 start）`, width: 14, numFmt: 'yyyy-mm-dd', value: (r) => { const v = get(r); return isDateValue(v) ? isoToDate(v.start) : null; } };
      if (def.type === 'date') return [start];
      // A month-only value is shown as a month; numFmt is per column, so the text form goes beside it.
      return [
        start,
        { header: `${header}（结束 end）`, width: 14, numFmt: 'yyyy-mm-dd', value: (r) => { const v = get(r); return isDateValue(v) ? isoToDate(v.end ?? v.start) : null; } },
        { header: `${header}（精度 precision）`, width: 10, value: (r) => { const v = get(r); return isDateValue(v) ? (fmt(v) === 'yyyy-mm' ? '月 month' : '日 day') : null; } },
      ];
    }
    case 'list':
      return [{ header, width: 30, value: (r) => { const v = get(r); return Array.isArray(v) ? cell(v.join('; ')) : cell(v); } }];
    case 'int':
    case 'number':
    case 'year':
      return [{ header, width: 10, value: (r) => { const v = get(r); return typeof v === 'number' ? v : cell(v); } }];
    default:
      return [{ header, width: def.type === 'longText' ? 50 : kind === 'papers' && def.id === 'title' ? 50 : 20, value: (r) => cell(get(r)) }];
  }
}

/** The campaign's nominations, their effective values, nominators, status and reasons. */
export async function exportNominations(kind: CampaignKind, campaignName: string, rows: readonly NominationRow[], onProgress?: ExportProgress): Promise<Uint8Array> {
  const { wb, finish } = await newWriter();
  wb.title = cell(campaignName) as string;
  const ws = wb.addWorksheet('推荐名单 Nominations', { views: FROZEN_HEADER });
  const labels = new Map(rows.map((r) => [r.id, r.label]));
  const labelOf = (id: string) => labels.get(id);
  const fieldName = (id: string) => `${fieldWord(kind, id, 'zh-CN')} ${fieldWord(kind, id, 'en')}`;
  const columns: Column[] = [
    { header: '序号 No.', width: 7, value: () => null },
    ...fieldsFor(kind).filter((d) => d.id !== 'nominator').flatMap((d) => fieldColumns(kind, d)),
    { header: '推荐单位 Nominators', width: 30, value: (r) => cell(r.nominators.join('; ')) },
    { header: '推荐单位数 Nominator count', width: 8, value: (r) => r.nominators.length },
    { header: '形式审查 Status', width: 16, value: (r) => cell(statusCell(r.status)) },
    { header: '原因 Reasons', width: 50, value: (r) => cell(r.reasons.map((x) => reasonCell(x, kind, labelOf)).join('\n')) },
    { header: '人工修改 Edited fields', width: 20, value: (r) => cell(r.edited.map(fieldName).join('; ')) },
    { header: '识别码 Key', width: 30, value: (r) => cell(r.key) },
    { header: 'ID', width: 22, value: (r) => cell(r.id) },
  ];
  ws.columns = columns.map((c) => ({ header: cell(c.header) as string, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  // The header is styled before the first row is committed (a committed row is written and cannot change).
  styleHeader(ws, columns.length);
  rows.forEach((r, i) => {
    const values = columns.map((c) => c.value(r));
    values[0] = i + 1;
    writeRow(ws, values, i, rows.length, onProgress);
  });
  return closeSheet(ws, rows.length, onProgress, finish);
}

/** The rows of a society's sheet that need fixing: their original cells, what happened to them, and the problems. */
export async function exportProblemRows(kind: CampaignKind, sheetName: string, header: readonly unknown[], rows: readonly ProblemRow[], onProgress?: ExportProgress): Promise<Uint8Array> {
  const { wb, finish } = await newWriter();
  wb.title = cell(sheetName) as string;
  const ws = wb.addWorksheet('需修改 To fix', { views: FROZEN_HEADER });
  // A loop, not Math.max(...rows): tens of thousands of arguments overflow the stack.
  let width = header.length;
  for (const r of rows) width = Math.max(width, r.cells.length);
  const titles = ['原行号 Row', '处理 Outcome', '问题 Problems', ...Array.from({ length: width }, (_, c) => cell(header[c]) ?? '')];
  // Widths first: the streaming writer writes the columns before the first row.
  ws.columns = [{ width: 8 }, { width: 18 }, { width: 50 }];
  ws.addRow(titles.map(cell));
  styleHeader(ws, titles.length);
  for (const [i, r] of rows.entries()) {
    const values = [
      r.row,
      cell(r.rejected ? '未导入 not imported' : '已导入，部分值未采用 imported without some values'),
      cell(r.issues.map((x) => issueCell(x, kind)).join('\n')),
      ...Array.from({ length: width }, (_, c) => cell(r.cells[c])),
    ];
    writeRow(ws, values, i, rows.length, onProgress);
  }
  return closeSheet(ws, rows.length, onProgress, finish);
}

/**
 * One export as data, so it can be written here or in the worker thread (main/worker.ts) alike: what to write and
 * the rows it is written from.
 */
export type ExportJob =
  | { readonly what: 'nominations'; readonly kind: CampaignKind; readonly campaignName: string; readonly rows: readonly NominationRow[] }
  | { readonly what: 'problems'; readonly kind: CampaignKind; readonly sheetName: string; readonly header: readonly unknown[]; readonly rows: readonly ProblemRow[] };

export function writeExport(job: ExportJob, onProgress?: ExportProgress): Promise<Uint8Array> {
  return job.what === 'nominations' ? exportNominations(job.kind, job.campaignName, job.rows, onProgress) : exportProblemRows(job.kind, job.sheetName, job.header, job.rows, onProgress);
}
