import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { looksLikeFormula } from './neutralise.ts';
import { inspectZip, replaceParts } from './zip-guard.ts';

/**
 * The streaming writer every export uses (ExcelJS's WorkbookWriter, a row at a time: each row's XML made as it is
 * added, the zip packed as it goes), and cell(), the one place exported text is made safe for Excel.
 */

/**
 * Text that Excel would take for a formula (= + - @, a tab, a carriage return first), written as Excel itself writes
 * what one types after an apostrophe: the text as it is, in a cell styled quotePrefix (the apostrophe is not shown, and
 * editing or saving as CSV keeps it text).
 */
export interface QuotedText {
  readonly quoted: string;
}

export type CellOut = string | number | boolean | Date | null | QuotedText;

const isQuoted = (v: unknown): v is QuotedText => typeof v === 'object' && v !== null && typeof (v as QuotedText).quoted === 'string';

/** The one place exported text is made safe for Excel: formula-like text quoted (QuotedText), numbers and dates as real cells. */
export function cell(v: unknown): CellOut {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  const text = String(v);
  return looksLikeFormula(text) ? { quoted: text } : text;
}

/**
 * A cell filled in place (sheets laid out cell by cell, as score sheets are): cell()'s value, a quoted text as text in
 * the text format, which withQuotePrefix(bytes) turns into Excel's own quote prefix once the workbook is packed.
 */
export function setCell(target: ExcelJS.Cell, v: unknown): void {
  const out = cell(v);
  if (isQuoted(out)) {
    target.value = out.quoted;
    target.numFmt = TEXT_FORMAT;
  } else {
    target.value = out;
  }
}

/** Sheets with quoted cells: their workbook's styles get quotePrefix when it is packed (closeSheet). */
const quotedSheets = new WeakSet<ExcelJS.Worksheet>();

/** The number format that marks a quoted cell ('@', text: built-in format 49) until its style gets quotePrefix. */
const TEXT_FORMAT = '@';

/**
 * How far the writing of an export has got: `rows` of `total` written into the sheet (told every PROGRESS_EVERY rows
 * and at the last), then `packing` (the zip's last entries and its directory: a small part of the time).
 */
export type ExportProgress = (phase: 'rows' | 'packing', rows: number, total: number) => void;

/** Rows written between two progress notes: 20,000 rows make 40 notes. */
export const PROGRESS_EVERY = 500;

/** One body row written (top-aligned, wrapped) and committed, i.e. streamed out; progress every PROGRESS_EVERY rows. */
export function writeRow(ws: ExcelJS.Worksheet, values: unknown[], i: number, total: number, onProgress: ExportProgress | undefined): void {
  let quoted: number[] | null = null;
  const plain = values.map((v, c) => {
    if (!isQuoted(v)) return v;
    (quoted ??= []).push(c + 1);
    return v.quoted;
  });
  const row = ws.addRow(plain);
  row.alignment = { vertical: 'top', wrapText: true };
  if (quoted) {
    for (const c of quoted as number[]) row.getCell(c).numFmt = TEXT_FORMAT;
    quotedSheets.add(ws);
  }
  row.commit();
  if (onProgress && ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === total)) onProgress('rows', i + 1, total);
}

/** The sheet closed and the workbook packed. */
export async function closeSheet(ws: ExcelJS.Worksheet, total: number, onProgress: ExportProgress | undefined, finish: () => Promise<Uint8Array>): Promise<Uint8Array> {
  ws.commit();
  onProgress?.('packing', total, total);
  const bytes = await finish();
  return quotedSheets.has(ws) ? withQuotePrefix(bytes) : bytes;
}

/**
 * ExcelJS writes no quotePrefix: the packed workbook's text-format cell styles (only quoted cells have one) get it in
 * xl/styles.xml; every other part is copied as it is.
 */
export function withQuotePrefix(bytes: Uint8Array): Uint8Array {
  let styles: string | null = null;
  const entries = inspectZip(bytes, { maxUncompressedBytes: 2 ** 31, maxRatio: Number.POSITIVE_INFINITY, maxEntries: 10_000 }, (name, data) => {
    if (name.replace(/^\//, '') === 'xl/styles.xml') styles = new TextDecoder().decode(data);
  });
  if (styles === null) return bytes;
  const patched = (styles as string).replace(/<cellXfs\b[\s\S]*?<\/cellXfs>/, (xfs) =>
    xfs.replace(/<xf\b([^>]*?)(\/?)>/g, (xf, attrs: string, close: string) => (/\bnumFmtId="49"/.test(attrs) && !/quotePrefix=/.test(attrs) ? `<xf${attrs} quotePrefix="1"${close}>` : xf)));
  return replaceParts(bytes, entries, new Map([['xl/styles.xml', new TextEncoder().encode(patched)]]));
}

/** Bold, wrapped header row (row 1) and an autofilter over it; the freeze is given when the sheet is added. */
export function styleHeader(ws: ExcelJS.Worksheet, columns: number): void {
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columns) } };
}

export const FROZEN_HEADER: Partial<ExcelJS.WorksheetView>[] = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];

export interface Writer {
  readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  /** Commits the workbook: its .xlsx bytes, over an ArrayBuffer of their own (so a worker can transfer them). */
  finish(): Promise<Uint8Array>;
}

/** ExcelJS takes most of a second to load: only when a workbook is written, not on every command. */
export async function newWriter(): Promise<Writer> {
  const { default: Excel } = await import('exceljs');
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  // Shared strings, as Excel writes them; zlib's usual level 6 (the writer's own default packs 20,000 rows into
  // ~2.9 MB, not ~2.0 MB, for ~0.3 s less).
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 6 } } });
  wb.creator = 'PanelDesk 评审工作台';
  return {
    wb,
    finish: async () => {
      await wb.commit();
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      return out;
    },
  };
}
