import * as XLSX from 'xlsx';
import { AppError, isAppError, type AppErrorData } from '../../shared/contract/errors.ts';
import { countSheetXml, sheetParts, type SheetCount } from './sheet-scan.ts';
import { inspectZip, isZip, replaceParts, type ZipEntryInfo, type ZipLimits } from './zip-guard.ts';

/**
 * The one door through which a nominations workbook (untrusted bytes from a society) becomes rows of raw cell
 * values. Parsing those values is the pure layer's job (shared/nominations).
 */

export interface WorkbookLimits extends ZipLimits {
  readonly maxBytes: number;
  /**
   * Per sheet: real data beyond these is refused (SHEET_TOO_LARGE, that sheet alone); a used range (!ref) that merely
   * claims more is clamped. An .xlsx sheet's rows and cells are counted before it is parsed, so one past the caps
   * costs a pass over its XML, not a parse.
   */
  readonly maxRows: number;
  readonly maxColumns: number;
  /** Cells with a value, per sheet. */
  readonly maxCells: number;
}

export interface ReadOptions extends Partial<WorkbookLimits> {
  /**
   * Copy a merged area's value into every cell of it (default true): a 学科 cell merged down over the rows of its
   * discipline then reaches each row. At most 2,000,000 cells are filled per sheet.
   */
  readonly fillMerges?: boolean;
}

const MAX_FILLED_CELLS = 2_000_000;

export const DEFAULT_WORKBOOK_LIMITS: WorkbookLimits = Object.freeze({
  maxBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 200 * 1024 * 1024,
  // Deflate tops out near 1032:1; real sheets rarely pass 100:1.
  maxRatio: 500,
  maxEntries: 10_000,
  // design.md's largest campaign is 20,000 nominations; a sheet five times that is still read.
  maxRows: 100_000,
  maxColumns: 1_000,
  maxCells: 2_000_000,
});

export type WorkbookFormat = 'xlsx' | 'xlsb' | 'xls' | 'ods' | 'csv' | 'html' | 'xml';

export interface CellRange {
  readonly s: { readonly r: number; readonly c: number };
  readonly e: { readonly r: number; readonly c: number };
}

export interface SheetData {
  readonly name: string;
  /**
   * Row i is Excel row i + 1 and cell c is column c: numbers as numbers, text as text, booleans, null for an
   * empty cell (formula cells give their cached value; error cells their text, '#N/A'). A row stops at its last
   * cell with content; a blank row is [].
   */
  readonly rows: unknown[][];
  readonly date1904: boolean;
  /** The range the data really covers (null for an empty sheet), and what the file claimed. */
  readonly range: { readonly ref: string | null; readonly rows: number; readonly columns: number; readonly declaredRef: string | null };
  readonly hidden: boolean;
  /** Merged areas within the data (their value is copied into each of their cells unless fillMerges is false). */
  readonly merges: readonly CellRange[];
  /** Set when the sheet was refused (SHEET_TOO_LARGE): its rows are then empty; the other sheets still read. */
  readonly error?: AppErrorData;
}

export interface WorkbookData {
  readonly fileName: string;
  readonly format: WorkbookFormat;
  readonly size: number;
  readonly date1904: boolean;
  readonly sheets: SheetData[];
}

// SheetJS types its CFB module as any: this is the part used here.
interface CfbApi {
  read(data: Uint8Array, opts: { type: 'array' }): unknown;
  find(container: unknown, path: string): unknown;
}
const CFB = XLSX.CFB as CfbApi;

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const ERRORS: Readonly<Record<number, string>> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };

function notWorkbook(fileName: string, why: string): AppError {
  return new AppError('FILE_NOT_WORKBOOK', `${fileName} is not a workbook: ${why}`, { values: { file: fileName } });
}

function extension(fileName: string): string {
  const m = /\.([a-z0-9]{1,5})$/i.exec(fileName);
  return m ? m[1]!.toLowerCase() : '';
}

function decodeText(bytes: Uint8Array): string | null {
  if (bytes.subarray(0, 8192).includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    // Excel saves CSV from a Chinese Windows in GBK.
    try {
      return new TextDecoder('gbk', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
}

/** What the zip's parts said before parsing: the workbook's sheet list and each worksheet part's counts. */
interface Pre {
  entries: readonly ZipEntryInfo[];
  workbookXml: string | null;
  relsXml: string | null;
  readonly counts: Map<string, SheetCount>;
}

type Source = { format: WorkbookFormat; data: Uint8Array | string; pre?: Pre };

function sniff(bytes: Uint8Array, fileName: string, limits: WorkbookLimits): Source {
  if (isZip(bytes)) {
    const pre: Pre = { entries: [], workbookXml: null, relsXml: null, counts: new Map() };
    const text = (data: Uint8Array) => new TextDecoder().decode(data);
    const entries = inspectZip(bytes, limits, (name, data) => {
      const n = name.replace(/^\//, '');
      if (n === 'xl/workbook.xml') pre.workbookXml = text(data);
      else if (n === 'xl/_rels/workbook.xml.rels') pre.relsXml = text(data);
      else if (n.startsWith('xl/worksheets/') && n.endsWith('.xml')) pre.counts.set(n, countSheetXml(data));
    });
    pre.entries = entries;
    const names = new Set(entries.map((e) => e.name.replace(/^\//, '')));
    if (names.has('xl/workbook.xml')) return { format: 'xlsx', data: bytes, pre };
    if (names.has('xl/workbook.bin')) return { format: 'xlsb', data: bytes };
    if (names.has('content.xml') && (names.has('META-INF/manifest.xml') || names.has('mimetype'))) return { format: 'ods', data: bytes };
    if (entries.length === 0) throw new AppError('FILE_EMPTY', `${fileName} is an empty archive`, { values: { file: fileName } });
    throw notWorkbook(fileName, 'a zip archive without a workbook (a Word document?)');
  }
  if (CFB_MAGIC.every((b, i) => bytes[i] === b)) {
    let cfb: unknown;
    try {
      cfb = CFB.read(bytes, { type: 'array' });
    } catch {
      throw new AppError('FILE_UNREADABLE', `${fileName} is damaged`, { values: { file: fileName } });
    }
    if (CFB.find(cfb, 'EncryptionInfo') || CFB.find(cfb, 'EncryptedPackage')) {
      throw new AppError('FILE_ENCRYPTED', `${fileName} is protected by a password: open it in Excel, remove the password and save it again`, { values: { file: fileName } });
    }
    if (CFB.find(cfb, 'Workbook') || CFB.find(cfb, 'Book')) return { format: 'xls', data: bytes };
    throw notWorkbook(fileName, 'an Office file that is not a workbook (a Word document?)');
  }
  const ext = extension(fileName);
  if (bytes.length >= 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) throw notWorkbook(fileName, 'a PDF');
  const text = decodeText(bytes);
  if (text === null) throw notWorkbook(fileName, 'unrecognised binary content');
  if (ext === 'csv') return { format: 'csv', data: text };
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  // Many web systems export an HTML table or Excel 2003 XML and call it .xls.
  if (['xls', 'xlsx', 'xml', 'htm', 'html'].includes(ext) && head.startsWith('<')) {
    if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) return { format: 'xml', data: text };
    if (head.includes('<table') || head.includes('<html')) return { format: 'html', data: text };
  }
  throw notWorkbook(fileName, ext === 'txt' ? 'a text file' : 'neither an Excel workbook nor a CSV file');
}

interface DenseCell {
  t?: string;
  v?: unknown;
  w?: string;
}

function cellValue(cell: DenseCell | undefined): unknown {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  if (cell.t === 'e') return ERRORS[cell.v as number] ?? cell.w ?? '#ERROR';
  if (cell.v instanceof Date) return cell.v.toISOString();
  const v = cell.v;
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : null;
}

function hasContent(v: unknown): boolean {
  return v !== null && !(typeof v === 'string' && v.trim() === '');
}

/** Own indexes of a possibly sparse array: a row with one cell at column 16,000 costs one step, not 16,000. */
function indexes(a: readonly unknown[]): number[] {
  const out: number[] = [];
  for (const k of Object.keys(a)) {
    const n = Number(k);
    if (Number.isInteger(n) && n >= 0) out.push(n);
  }
  return out.sort((x, y) => x - y);
}

function fill(rows: unknown[][], merges: readonly CellRange[]): void {
  let budget = MAX_FILLED_CELLS;
  for (const m of merges) {
    const v = rows[m.s.r]?.[m.s.c];
    if (v === null || v === undefined) continue;
    const cells = (m.e.r - m.s.r + 1) * (m.e.c - m.s.c + 1);
    if (cells > budget) return;
    budget -= cells;
    for (let r = m.s.r; r <= m.e.r; r++) {
      const row = rows[r]!;
      while (row.length <= m.e.c) row.push(null);
      for (let c = m.s.c; c <= m.e.c; c++) row[c] = v;
    }
  }
}

/** A sheet past the per-sheet caps, refused on its own: why, in numbers, and no rows. */
function refusedSheet(name: string, date1904: boolean, hidden: boolean, limits: WorkbookLimits, found: { rows: number; columns: number | null; cells: number }, declaredRef: string | null): SheetData {
  const what = found.rows > limits.maxRows ? `data up to row ${found.rows}, more than ${limits.maxRows} rows`
    : found.cells > limits.maxCells ? `${found.cells} cells with values, more than ${limits.maxCells}`
    : `data up to column ${found.columns ?? 0}, more than ${limits.maxColumns} columns`;
  const error = new AppError('SHEET_TOO_LARGE', `sheet "${name}" has ${what}: split it into smaller sheets or workbooks`, {
    values: { sheet: name, rows: found.rows, columns: found.columns ?? 0, cells: found.cells, maxRows: limits.maxRows, maxCells: limits.maxCells },
  }).toData();
  return { name, rows: [], date1904, range: { ref: null, rows: found.rows, columns: found.columns ?? 0, declaredRef }, hidden, merges: [], error };
}

function readSheet(ws: XLSX.WorkSheet, name: string, date1904: boolean, hidden: boolean, limits: WorkbookLimits, fillMerges: boolean): SheetData {
  const data = ((ws as { '!data'?: (DenseCell[] | undefined)[] })['!data'] ?? []) as (DenseCell[] | undefined)[];
  const declaredRef = (ws['!fullref'] as string | undefined) ?? ws['!ref'] ?? null;
  const cells: { r: number; c: number; v: unknown }[] = [];
  let lastRow = -1;
  let lastCol = -1;
  for (const r of indexes(data)) {
    const row = data[r];
    if (!row) continue;
    for (const c of indexes(row)) {
      const v = cellValue(row[c]);
      if (!hasContent(v) && typeof v !== 'string') continue;
      cells.push({ r, c, v });
      if (hasContent(v)) {
        lastRow = Math.max(lastRow, r);
        lastCol = Math.max(lastCol, c);
      }
    }
  }
  let filled = 0;
  for (const x of cells) if (hasContent(x.v)) filled++;
  if (lastRow + 1 > limits.maxRows || lastCol + 1 > limits.maxColumns || filled > limits.maxCells) {
    return refusedSheet(name, date1904, hidden, limits, { rows: lastRow + 1, columns: lastCol + 1, cells: filled }, declaredRef);
  }
  const rows: unknown[][] = Array.from({ length: lastRow + 1 }, () => []);
  for (const { r, c, v } of cells) {
    if (r > lastRow || c > lastCol) continue;
    const row = rows[r]!;
    while (row.length < c) row.push(null);
    row[c] = v;
  }
  const merges = ((ws['!merges'] ?? []) as CellRange[])
    .filter((m) => m.s.r <= lastRow && m.s.c <= lastCol && m.s.r >= 0 && m.s.c >= 0)
    .map((m) => ({ s: { r: m.s.r, c: m.s.c }, e: { r: Math.min(Math.max(m.e.r, m.s.r), lastRow), c: Math.min(Math.max(m.e.c, m.s.c), lastCol) } }));
  if (fillMerges) fill(rows, merges);
  for (const row of rows) {
    while (row.length && !hasContent(row[row.length - 1])) row.pop();
  }
  const ref = lastRow < 0 ? null : XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: lastRow, c: lastCol } });
  return { name, rows, date1904, range: { ref, rows: lastRow + 1, columns: lastCol + 1, declaredRef }, hidden, merges };
}

/**
 * Read a workbook from bytes: xlsx, xlsm, xlsb, xls, ods; CSV by its extension; an HTML or Excel 2003 XML table
 * saved as .xls. Refuses what is too large, a zip bomb, encrypted, not a workbook, or empty; a sheet whose real
 * data goes beyond the row or column cap is refused on its own (SheetData.error), the whole file only when no other
 * sheet has data.
 */
export function readWorkbook(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): WorkbookData {
  const { fillMerges = true, ...limits } = options;
  const lim: WorkbookLimits = { ...DEFAULT_WORKBOOK_LIMITS, ...limits };
  if (bytes.length > lim.maxBytes) {
    throw new AppError('FILE_TOO_LARGE', `${fileName} is ${bytes.length} bytes; the limit is ${lim.maxBytes}`, { values: { file: fileName, bytes: bytes.length, limit: lim.maxBytes } });
  }
  if (bytes.length === 0) throw new AppError('FILE_EMPTY', `${fileName} is empty`, { values: { file: fileName } });
  const source = sniff(bytes, fileName, lim);

  // An .xlsx sheet past the caps is refused before the parse, and left out of it.
  const parts = source.pre?.workbookXml && source.pre.relsXml !== null ? sheetParts(source.pre.workbookXml, source.pre.relsXml) : [];
  const refused = new Map<number, SheetData>();
  for (const p of parts) {
    const count = p.part ? source.pre!.counts.get(p.part) : undefined;
    if (count && (count.lastRow > lim.maxRows || count.cells > lim.maxCells)) {
      refused.set(p.index, refusedSheet(p.name, false, p.hidden, lim, { rows: count.lastRow, columns: null, cells: count.cells }, null));
    }
  }
  if (parts.length > 0 && refused.size === parts.length) {
    const first = refused.values().next().value!.error!;
    throw new AppError(first.code, first.message, first.values ? { values: { ...first.values } } : undefined);
  }

  // SheetJS inflates every part it is given: a refused sheet's part is swapped for an empty sheet first.
  let data = source.data;
  if (refused.size > 0 && source.pre && typeof data !== 'string') {
    const swap = new Map<string, Uint8Array>();
    const empty = new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>');
    for (const p of parts) if (refused.has(p.index) && p.part) swap.set(p.part, empty);
    data = replaceParts(data, source.pre.entries, swap);
  }

  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(data, {
      ...(refused.size > 0 ? { sheets: parts.filter((p) => !refused.has(p.index)).map((p) => p.index) } : {}),
      type: typeof data === 'string' ? 'string' : 'array',
      dense: true,
      cellDates: false,
      cellFormula: false,
      cellHTML: false,
      cellNF: false,
      cellStyles: false,
      cellText: false,
      bookVBA: false,
      bookFiles: false,
      sheetStubs: false,
      // CSV and HTML: keep text as text ('0012', '2026-03-05'); the pure layer parses it.
      raw: source.format === 'csv' || source.format === 'html',
      // Stops reading rows a sheet should not have.
      sheetRows: lim.maxRows + 1,
      WTF: false,
    });
  } catch (e) {
    if (isAppError(e)) throw e;
    const message = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(message)) {
      throw new AppError('FILE_ENCRYPTED', `${fileName} is protected by a password: open it in Excel, remove the password and save it again`, { values: { file: fileName } });
    }
    throw new AppError('FILE_UNREADABLE', `${fileName} could not be read: ${message.slice(0, 200)}`, { values: { file: fileName } });
  }

  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const sheets: SheetData[] = [];
  wb.SheetNames.forEach((name, i) => {
    const pre = refused.get(i);
    if (pre) return void sheets.push({ ...pre, date1904 });
    const ws = wb.Sheets[name];
    if (!ws) return;
    const hidden = (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0;
    sheets.push(readSheet(ws, name, date1904, hidden, lim, fillMerges));
  });
  if (sheets.every((s) => s.rows.length === 0)) {
    const refused = sheets.find((s) => s.error);
    if (refused?.error) throw new AppError(refused.error.code, refused.error.message, refused.error.values ? { values: { ...refused.error.values } } : undefined);
    throw new AppError('FILE_EMPTY', `${fileName} has no data`, { values: { file: fileName } });
  }
  return { fileName, format: source.format, size: bytes.length, date1904, sheets };
}
