// Excel's clipboard text: tab-separated cells, one line per row. A cell holding a tab, a line break or a
// double quote is wrapped in quotes with its quotes doubled; Excel ends the text with a line break.
import type { Bounds, Rect } from './types.ts';

export interface TsvOptions {
  /** Line ending between rows; Excel on Windows writes CRLF. */
  readonly eol?: '\r\n' | '\n';
  /** End the text with a line break after the last row, as Excel does. */
  readonly trailingNewline?: boolean;
}

export function quoteCell(text: string): string {
  return /[\t\r\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toTsv(matrix: readonly (readonly string[])[], options: TsvOptions = {}): string {
  const eol = options.eol ?? '\r\n';
  const body = matrix.map((row) => row.map(quoteCell).join('\t')).join(eol);
  return matrix.length && (options.trailingNewline ?? true) ? body + eol : body;
}

/**
 * Parse clipboard text from Excel, WPS, Google Sheets or a plain editor into rows of cells.
 * Quoted cells may hold tabs, line breaks and doubled quotes; a quote inside an unquoted cell is literal;
 * CRLF, LF and lone CR all end a row; one trailing line break does not make an empty last row.
 * Rows keep their own lengths (ragged); use `padRows` for a rectangle. Empty text gives no rows.
 */
export function parseTsv(text: string): string[][] {
  if (text === '') return [];
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  let atCellStart = true;
  while (i < n) {
    const ch = text[i] as string;
    if (atCellStart && ch === '"') {
      // A quoted cell: find its closing quote (a quote not doubled).
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < n) {
        const cj = text[j] as string;
        if (cj === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j += 1;
          break;
        }
        value += cj;
        j += 1;
      }
      const next = text[j];
      if (closed && (j >= n || next === '\t' || next === '\n' || next === '\r')) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell (e.g. `"a" b`): Excel reads the quote literally.
      cell += ch;
      i += 1;
      atCellStart = false;
      continue;
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i += 1;
    }
  }
  // The last row, unless the text ended with its line break.
  if (!atCellStart || row.length > 0 || cell !== '') {
    row.push(cell);
    rows.push(row);
  } else if (row.length === 0 && rows.length === 0) {
    rows.push(['']);
  }
  return rows;
}

/** Make ragged rows rectangular, filling with empty cells. */
export function padRows(rows: readonly (readonly string[])[]): string[][] {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
}

export interface PlannedCell {
  readonly row: number;
  readonly col: number;
  readonly text: string;
}

export interface PastePlan {
  /** The cells to write, in row-major order. */
  readonly cells: readonly PlannedCell[];
  /** The rectangle the paste covers (what becomes selected afterwards). */
  readonly rect: Rect;
  /** Cells of the block that fell outside the grid and were dropped. */
  readonly clipped: number;
}

/**
 * Where a pasted block goes, Excel's way: into the selection's top-left corner at its own size; when the
 * selection is larger and a whole multiple of the block in both directions (a single value always is), the
 * block is repeated to fill it. Cells beyond the grid's edge are dropped and counted.
 */
export function planPaste(block: readonly (readonly string[])[], target: Rect, bounds: Bounds): PastePlan {
  const rowsIn = padRows(block);
  const bh = rowsIn.length;
  const bw = rowsIn[0]?.length ?? 0;
  if (bh === 0 || bw === 0) return { cells: [], rect: target, clipped: 0 };
  const th = target.bottom - target.top + 1;
  const tw = target.right - target.left + 1;
  const tile = th >= bh && tw >= bw && th % bh === 0 && tw % bw === 0;
  const h = tile ? th : bh;
  const w = tile ? tw : bw;
  const cells: PlannedCell[] = [];
  let clipped = 0;
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      const row = target.top + i;
      const col = target.left + j;
      if (row >= bounds.rows || col >= bounds.cols) {
        clipped++;
        continue;
      }
      cells.push({ row, col, text: rowsIn[i % bh]?.[j % bw] ?? '' });
    }
  }
  const rect: Rect = {
    top: target.top,
    left: target.left,
    bottom: Math.min(target.top + h - 1, bounds.rows - 1),
    right: Math.min(target.left + w - 1, bounds.cols - 1),
  };
  return { cells, rect, clipped };
}

/** The text of a rectangle, for copy. */
export function rectToTsv(rect: Rect, getText: (row: number, col: number) => string, options?: TsvOptions): string {
  const matrix: string[][] = [];
  for (let r = rect.top; r <= rect.bottom; r++) {
    const line: string[] = [];
    for (let c = rect.left; c <= rect.right; c++) line.push(getText(r, c));
    matrix.push(line);
  }
  return toTsv(matrix, options);
}
