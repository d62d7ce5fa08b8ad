import type { Table, TableCell } from '../../shared/meeting/payload.ts';
import { cell, newWriter, type Writer } from '../xlsx/writer.ts';

/**
 * The result sheet as a workbook: the visible sheets made from the payload (shared/meeting/payload.ts), and a
 * very hidden sheet (not listed by Excel's Unhide) with the canonical payload in chunks, the signature, the public
 * key and the digest. A 20,000-item campaign makes a few MB.
 */
export const SEAL_SHEET = '_paneldesk_seal';
/** Under Excel's 32,767 characters a cell. */
const CHUNK = 30_000;
/** Chunks carry a prefix, so no chunk ever begins like a formula (a payload chunk may begin with '-'). */
const PREFIX = 'p:';

export interface SealData {
  readonly format: string;
  readonly version: number;
  readonly digest: string;
  readonly signature: string;
  readonly publicKey: string;
  readonly payload: string;
}

/** Plain sheets (the public list): a bold, frozen header row, every value through cell(). */
export async function writeTables(tables: readonly Table[]): Promise<Uint8Array> {
  const w = await newWriter();
  addTables(w, tables);
  return w.finish();
}

/** After each row: rows written so far of all the tables' rows. */
export type RowProgress = (rows: number, total: number) => void;

function addTables(w: Writer, tables: readonly Table[], onRow?: RowProgress): void {
  const total = tables.reduce((n, t) => n + t.rows.length, 0);
  let done = 0;
  for (const t of tables) {
    const ws = w.wb.addWorksheet(t.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    ws.columns = t.widths.map((width) => ({ width }));
    t.rows.forEach((r, i) => {
      const row = ws.addRow(r.map((v) => cell(v)));
      if (i === 0) row.font = { bold: true };
      row.alignment = { vertical: 'top', wrapText: true };
      row.commit();
      onRow?.(++done, total);
    });
    ws.commit();
  }
}

/** Written in a worker (tasks.ts 'meeting.writeResultSheet'): over 20,000 items it takes tens of seconds. */
export async function writeResultWorkbook(tables: readonly Table[], seal: SealData, onRow?: RowProgress): Promise<Uint8Array> {
  const w = await newWriter();
  addTables(w, tables, onRow);
  const hidden = w.wb.addWorksheet(SEAL_SHEET, { state: 'veryHidden' } as { state: 'veryHidden' });
  const put = (k: string, v: string | number) => hidden.addRow([k, v]).commit();
  put('format', seal.format);
  put('version', seal.version);
  put('digest', seal.digest);
  put('signature', seal.signature);
  put('publicKey', seal.publicKey);
  const chunks = Math.max(1, Math.ceil(seal.payload.length / CHUNK));
  put('chunks', chunks);
  for (let k = 0; k < chunks; k++) put('payload', PREFIX + seal.payload.slice(k * CHUNK, (k + 1) * CHUNK));
  hidden.commit();
  return w.finish();
}

/** The seal sheet's fields, from its rows as read; null when the sheet is not there or malformed. */
export function readSeal(rows: readonly (readonly unknown[])[]): Partial<SealData> & { complete: boolean } {
  const out: { format?: string; version?: number; digest?: string; signature?: string; publicKey?: string } = {};
  let chunks = -1;
  const parts: string[] = [];
  for (const r of rows) {
    const [k, v] = r;
    if (k === 'payload' && typeof v === 'string' && v.startsWith(PREFIX)) parts.push(v.slice(PREFIX.length));
    else if (k === 'chunks' && typeof v === 'number') chunks = v;
    else if (k === 'version' && typeof v === 'number') out.version = v;
    else if ((k === 'format' || k === 'digest' || k === 'signature' || k === 'publicKey') && typeof v === 'string') out[k] = v;
  }
  const complete = chunks === parts.length && parts.length > 0;
  return { ...out, ...(complete ? { payload: parts.join('') } : {}), complete };
}

/** A cell as the sheet holds it once written (text neutralised, '' empty): what the verifier compares. */
export function written(v: TableCell): string | number | null {
  const c = cell(v);
  if (c === null || c === '') return null;
  return c as string | number;
}

/** Excel's A1 name of a 0-based row and column. */
export function a1(row: number, col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return `${s}${row + 1}`;
}
