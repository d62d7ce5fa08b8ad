// Runs in a worker thread: untrusted workbook bytes → rows, and rows → the workbooks PanelDesk exports, off main's
// event loop (design.md: heavy work off the event loops). The worker stays for the next file (loading SheetJS takes
// half a second, ExcelJS as much again); the parent terminates it to cancel.
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../shared/contract/errors.ts';
import { mapRows, nearMatchSearch, type MapRowsInput, type MapRowsResult, type NearMatchOptions, type NearMatchResult } from '../../shared/nominations/map-rows.ts';
import { writeExport, type ExportJob } from './export.ts';
import { readWorkbook, type ReadOptions, type WorkbookData } from './workbook.ts';

export type ParseRequest =
  | { readonly type?: 'read'; readonly id: number; readonly bytes: Uint8Array; readonly fileName: string; readonly options: ReadOptions }
  /** Rows → nominations (mapRows) for a big sheet, so main's event loop stays free. */
  | { readonly type: 'map'; readonly id: number; readonly input: MapRowsInput }
  /** Near matches (nearMatchSearch) over many titles, for the same reason. */
  | { readonly type: 'near'; readonly id: number; readonly entries: readonly { readonly text: string; readonly key?: string }[]; readonly options: NearMatchOptions }
  /**
   * Rows of an export, sent ahead of it in slices (a slice of 1,000 rows costs main a few ms to clone; 20,000 rows
   * at once held it ~100 ms).
   */
  | { readonly type: 'export-rows'; readonly id: number; readonly rows: readonly unknown[] }
  /** Write the export: `job` with its rows being the slices sent before under the same id, in order. */
  | { readonly type: 'export'; readonly id: number; readonly job: ExportJob };

export type ParseMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'stage'; readonly id: number; readonly stage: 'parsing' }
  | { readonly type: 'done'; readonly id: number; readonly workbook: WorkbookData }
  | { readonly type: 'mapped'; readonly id: number; readonly result: MapRowsResult }
  | { readonly type: 'near'; readonly id: number; readonly result: NearMatchResult }
  /** How far an export's writing has got (ExportProgress): every 500 rows, then once as the file is packed. */
  | { readonly type: 'export-progress'; readonly id: number; readonly phase: 'rows' | 'packing'; readonly rows: number; readonly total: number }
  /** The export's .xlsx bytes; their ArrayBuffer is transferred, not copied. */
  | { readonly type: 'exported'; readonly id: number; readonly bytes: Uint8Array }
  | { readonly type: 'error'; readonly id: number; readonly error: { readonly code?: string | undefined; readonly message: string; readonly values?: Record<string, string | number> } };

function errorOf(e: unknown): Extract<ParseMessage, { type: 'error' }>['error'] {
  return isAppError(e) ? { code: e.code, message: e.message, ...(e.values ? { values: { ...e.values } } : {}) } : { message: e instanceof Error ? e.message : String(e) };
}

/** Rows received for exports not yet written, by request id. */
const exportRows = new Map<number, unknown[]>();

const port = parentPort;
if (port) {
  port.on('message', (req: ParseRequest) => {
    try {
      if (req.type === 'export-rows') {
        const rows = exportRows.get(req.id);
        if (rows) for (const r of req.rows) rows.push(r);
        else exportRows.set(req.id, req.rows.slice());
        return;
      }
      if (req.type === 'export') {
        const rows = exportRows.get(req.id) ?? [];
        exportRows.delete(req.id);
        const progress = (phase: 'rows' | 'packing', done: number, total: number) => port.postMessage({ type: 'export-progress', id: req.id, phase, rows: done, total } satisfies ParseMessage);
        writeExport({ ...req.job, rows } as ExportJob, progress).then(
          (bytes) => {
            // toBytes gives bytes over an ArrayBuffer of their own: handing it over costs nothing.
            const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
            port.postMessage({ type: 'exported', id: req.id, bytes: owned } satisfies ParseMessage, [owned.buffer as ArrayBuffer]);
          },
          (e: unknown) => port.postMessage({ type: 'error', id: req.id, error: errorOf(e) } satisfies ParseMessage),
        );
        return;
      }
      if (req.type === 'near') {
        port.postMessage({ type: 'near', id: req.id, result: nearMatchSearch(req.entries, req.options) } satisfies ParseMessage);
        return;
      }
      if (req.type === 'map') {
        const result = mapRows(req.input);
        // Drafts use null-prototype records; structured clone gives plain objects, as the store keeps them anyway.
        port.postMessage({ type: 'mapped', id: req.id, result } satisfies ParseMessage);
        return;
      }
      port.postMessage({ type: 'stage', id: req.id, stage: 'parsing' } satisfies ParseMessage);
      const workbook = readWorkbook(req.bytes, req.fileName, req.options);
      port.postMessage({ type: 'done', id: req.id, workbook } satisfies ParseMessage);
    } catch (e) {
      port.postMessage({ type: 'error', id: req.id, error: errorOf(e) } satisfies ParseMessage);
    }
  });
  port.postMessage({ type: 'ready' } satisfies ParseMessage);
}
