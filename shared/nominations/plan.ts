import type { CampaignKind } from '../campaign/model.ts';
import { AppError, type AppErrorData } from '../contract/errors.ts';
import type { ImportPreview, SheetSummary } from '../contract/nominations.ts';
import { fieldsFor, identityField } from './fields.ts';
import { cellText, columnLetter, findHeader, normaliseHeader, overrideMapping, type ColumnGuess, type ColumnMapping, type MappingOverride } from './header.ts';
import type { ImportIssue, MapRowsInput, MapRowsResult } from './map-rows.ts';
import { draftNominator, nominatorKey } from './merge.ts';
import { isBlank } from './values.ts';

/**
 * What an import or a preview would do, worked out from plain data: which sheet, where its header is, what its
 * columns hold (a remembered layout, a guess, or the secretary's mapping), and the sheets at a glance. The handlers
 * (main/nominations) load the campaign and the workbook, call these, and commit.
 */

/** A sheet as the reader gives it (main/xlsx/reader.ts SheetData), the parts planning needs. */
export interface SheetRows {
  readonly name: string;
  readonly rows: readonly (readonly unknown[])[];
  readonly date1904: boolean;
  readonly range: { readonly rows: number; readonly columns: number };
  readonly hidden: boolean;
  readonly error?: AppErrorData;
}

export interface WorkbookRows<S extends SheetRows = SheetRows> {
  readonly fileName: string;
  readonly sheets: readonly S[];
}

/** Remembered column layouts by nominator key (CampaignDoc.mappings). */
export type Mappings = Readonly<Record<string, Readonly<Record<string, string | null>>>>;
type Memory = Readonly<Record<string, string | null>>;

export const emptyResult = (): MapRowsResult => ({ items: [], issues: [], rejected: 0, skipped: 0 });

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The columns of a given header row: the guess for that row, or its cells with no field. */
export function columnsAt(kind: CampaignKind, rows: readonly (readonly unknown[])[], index: number): ColumnGuess[] {
  const row = rows[index] ?? [];
  const guess = findHeader(kind, [row], { scanRows: 1 });
  if (guess) return [...guess.columns];
  return Array.from(row, (v, c) => ({ column: c, letter: columnLetter(c), header: cellText(v).trim(), field: null, score: 0, match: null }));
}

/** The remembered mapping applies when every titled column of this header is one it knows. */
export function remembered(columns: readonly ColumnGuess[], memory: Memory | undefined, kind: CampaignKind): ColumnGuess[] | null {
  if (!memory) return null;
  const known = new Set(fieldsFor(kind).map((d) => d.id));
  const titled = columns.filter((c) => normaliseHeader(c.header) !== '');
  if (titled.length === 0) return null;
  const out: ColumnGuess[] = [];
  for (const c of columns) {
    const h = normaliseHeader(c.header);
    if (h === '') {
      out.push({ ...c, field: null, score: 0, match: null });
      continue;
    }
    if (!own(memory, h)) return null;
    const field = memory[h] ?? null;
    out.push({ ...c, field: field !== null && known.has(field) ? field : null, score: field ? 1 : 0, match: field ? 'exact' : null });
  }
  return out.some((c) => c.field !== null) ? out : null;
}

/** The layout to remember: each titled column's header → its field. */
export function memoryOf(columns: readonly ColumnGuess[], mapping: ColumnMapping): Record<string, string | null> {
  const entries: [string, string | null][] = [];
  for (const c of columns) {
    const h = normaliseHeader(c.header);
    if (h) entries.push([h, mapping[c.column] ?? null]);
  }
  return Object.fromEntries(entries);
}

/** The remembered layouts to try: the named nominator's; without a nominator named, every nominator's. */
export function memoriesFor(mappings: Mappings, nominator: string): Memory[] {
  const key = nominatorKey(nominator);
  if (key && own(mappings, key)) return [mappings[key]!];
  return nominator ? [] : Object.values(mappings);
}

/**
 * Where a sheet's header is and what its columns hold: a remembered layout that fits a row of the first 30 wins
 * over a guess from the header texts (a nominator's own headers may name no field a guess knows).
 */
export function locateHeader(kind: CampaignKind, rows: readonly (readonly unknown[])[], memories: readonly Memory[]): { headerRow: number; columns: ColumnGuess[]; remembered: boolean } | null {
  for (let i = 0; memories.length > 0 && i < Math.min(30, rows.length); i++) {
    const at = columnsAt(kind, rows, i);
    for (const m of memories) {
      const r = remembered(at, m, kind);
      if (r) return { headerRow: i, columns: r, remembered: true };
    }
  }
  const g = findHeader(kind, rows);
  return g ? { headerRow: g.headerRow, columns: [...g.columns], remembered: false } : null;
}

/** A sheet at a glance: its header, its data rows, or why it has nothing to import. */
export function sheetSummary(kind: CampaignKind, s: SheetRows, memories: readonly Memory[]): SheetSummary {
  const base = { name: s.name, rows: s.range.rows, columns: s.range.columns, hidden: s.hidden };
  if (s.error) return { ...base, headerRow: null, dataRows: 0, skip: s.error.code === 'SHEET_TOO_LARGE' ? 'too-large' : 'unreadable' };
  if (!s.rows.some((row) => row.some((v) => !isBlank(v)))) return { ...base, headerRow: null, dataRows: 0, skip: 'empty' };
  const layout = locateHeader(kind, s.rows, memories);
  if (!layout) return { ...base, headerRow: null, dataRows: 0, skip: 'no-header' };
  const matched = layout.columns.filter((c) => c.field !== null).map((c) => c.column);
  let dataRows = 0;
  for (let r = layout.headerRow + 1; r < s.rows.length; r++) {
    const row = s.rows[r];
    if (row && matched.some((c) => !isBlank(row[c]))) dataRows++;
  }
  return { ...base, headerRow: layout.headerRow, dataRows, skip: dataRows === 0 ? 'no-rows' : null };
}

function sheetError(e: AppErrorData): AppError {
  return new AppError(e.code, e.message, e.values ? { values: { ...e.values } } : undefined);
}

/** The sheet a workbook's nominations are on: the one named, else the best header naming the identity field. */
export function chooseSheet<S extends SheetRows>(kind: CampaignKind, wb: WorkbookRows<S>, name: string | undefined): S {
  if (name !== undefined) {
    const s = wb.sheets.find((x) => x.name === name);
    if (!s) throw new AppError('NOT_FOUND', `no sheet "${name}"; the workbook has ${wb.sheets.map((x) => `"${x.name}"`).join(', ')}`, { values: { sheet: name } });
    if (s.error) throw sheetError(s.error);
    return s;
  }
  const id = identityField(kind).id;
  let best: { s: S; score: number } | null = null;
  for (const s of wb.sheets) {
    if (s.error || s.rows.length === 0) continue;
    const g = findHeader(kind, s.rows);
    const score = g ? g.confidence + (g.columns.some((c) => c.field === id) ? 1 : 0) : -1;
    if (!best || score > best.score) best = { s, score };
  }
  if (!best) {
    const refused = wb.sheets.find((s) => s.error);
    if (refused?.error) throw sheetError(refused.error);
    throw new AppError('FILE_EMPTY', `${wb.fileName} has no data`, { values: { file: wb.fileName } });
  }
  return best.s;
}

/** A few distinct values from below the header of one column, as text, so the secretary can tell what it holds. */
export function columnSamples(rows: readonly (readonly unknown[] | undefined)[], headerRow: number | null, column: number, max = 3): string[] {
  const out: string[] = [];
  if (headerRow === null) return out;
  for (let r = headerRow + 1; r < rows.length && r < headerRow + 200 && out.length < max; r++) {
    const v = cellText(rows[r]?.[column]).trim();
    const s = v.length > 40 ? `${v.slice(0, 40)}…` : v;
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

export interface HeaderChoice {
  readonly campaignKind: CampaignKind;
  readonly sheet: SheetRows;
  readonly mappings: Mappings;
  /** The nominator named for the import, cleaned ('' for none). */
  readonly nominator: string;
  /** The Excel row of the header, when the secretary gave it (1-based). */
  readonly headerRow?: number | undefined;
  readonly mapping?: readonly MappingOverride[] | undefined;
}

/** Where the header is and what each column holds; `input` is what mapRows is then given (null: no header found). */
export interface HeaderPlan {
  /** 0-based, or null when no header row was found. */
  readonly headerRow: number | null;
  readonly columns: readonly ColumnGuess[];
  readonly mapping: ColumnMapping;
  readonly mappingSource: ImportPreview['mappingSource'];
  readonly input: MapRowsInput | null;
  /** Set when no header row was found: the one issue the import reports. */
  readonly noHeader: ImportIssue | null;
}

/**
 * The header and the mapping an import uses: the row the secretary gave; else the nominator's own layout,
 * remembered from their last workbook, over a guess (without a nominator named, any remembered layout that fits these
 * headers exactly); else, when the secretary mapped columns of a sheet with no known header, its first row with content.
 */
export function planHeader(c: HeaderChoice): HeaderPlan {
  const { campaignKind: kind, sheet, nominator } = c;
  let headerRow: number | null = null;
  let columns: ColumnGuess[] = [];
  let mappingSource: ImportPreview['mappingSource'] = 'guessed';
  const memoryKey = nominatorKey(nominator);
  const memory = memoryKey && own(c.mappings, memoryKey) ? c.mappings[memoryKey] : undefined;
  if (c.headerRow !== undefined) {
    headerRow = c.headerRow - 1;
    if (headerRow >= sheet.rows.length) throw new AppError('BAD_ARGUMENTS', `row ${c.headerRow} is below the sheet's last row (${sheet.rows.length})`, { details: [{ path: 'headerRow', message: 'no such row' }] });
    columns = columnsAt(kind, sheet.rows, headerRow);
    const r = remembered(columns, memory, kind);
    if (r) {
      columns = r;
      mappingSource = 'remembered';
    }
  } else {
    const found = locateHeader(kind, sheet.rows, memoriesFor(c.mappings, nominator));
    if (found) {
      headerRow = found.headerRow;
      columns = found.columns;
      if (found.remembered) mappingSource = 'remembered';
    } else if (c.mapping && c.mapping.length > 0) {
      const first = sheet.rows.findIndex((row) => row.some((v) => cellText(v).trim() !== ''));
      if (first >= 0) {
        headerRow = first;
        columns = columnsAt(kind, sheet.rows, first);
      }
    }
  }
  if (headerRow === null) {
    const id = identityField(kind);
    const noHeader: ImportIssue = { sheet: sheet.name, row: 1, column: '', field: id.id, code: 'HEADER_NOT_FOUND', severity: 'error', message: `no header row naming "${id.en}" (${id.zh}) in the first 30 rows: give the header row`, value: null };
    return { headerRow, columns: [], mapping: [], mappingSource, input: null, noHeader };
  }
  let mapping: ColumnMapping = columns.map((col) => col.field);
  if (c.mapping && c.mapping.length > 0) {
    mapping = overrideMapping(kind, columns, c.mapping);
    mappingSource = 'given';
  }
  return { headerRow, columns, mapping, mappingSource, input: { kind, rows: sheet.rows, headerRow, mapping, sheet: sheet.name, date1904: sheet.date1904 }, noHeader: null };
}

/** A nominator named for the import stands for a missing 推荐单位 column. */
export function withNominatorNamed(mapped: MapRowsResult, nominator: string): MapRowsResult {
  return nominator ? { ...mapped, issues: mapped.issues.filter((i) => !(i.code === 'COLUMN_MISSING' && i.field === 'nominator')) } : mapped;
}

/** Whose layout an import remembers: the nominator named, else the one nominator every row names ('' for none). */
export function nominatorForMemory(nominator: string, mapped: MapRowsResult): string {
  if (nominator) return nominator;
  const names = new Set(mapped.items.map((d) => nominatorKey(draftNominator(d, ''))));
  if (names.size !== 1) return '';
  const only = mapped.items[0];
  return only ? draftNominator(only, '') : '';
}

/** The mapping as column letters → field ids, as an import records it. */
export function mappingLetters(mapping: ColumnMapping): Record<string, string> {
  return Object.fromEntries(mapping.flatMap((f, i) => (f ? [[columnLetter(i), f]] : [])));
}
