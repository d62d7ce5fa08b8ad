// Runs in a worker thread: untrusted workbook bytes → rows, off main's event loop (design.md: heavy work off the
// event loops). The worker stays for the next file (loading SheetJS takes half a second); the parent terminates it
// to cancel a read.
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../shared/contract/errors.ts';
import { mapRows, nearMatchSearch, type MapRowsInput, type MapRowsResult, type NearMatchOptions, type NearMatchResult } from '../../shared/nominations/map-rows.ts';
import { readWorkbook, type ReadOptions, type WorkbookData } from './workbook.ts';

export type ParseRequest =
  | { readonly type?: 'read'; readonly id: number; readonly bytes: Uint8Array; readonly fileName: string; readonly options: ReadOptions }
  /** Rows → nominations (mapRows) for a big sheet, so main's event loop stays free. */
  | { readonly type: 'map'; readonly id: number; readonly input: MapRowsInput }
  /** Near matches (nearMatchSearch) over many titles, for the same reason. */
  | { readonly type: 'near'; readonly id: number; readonly entries: readonly { readonly text: string; readonly key?: string }[]; readonly options: NearMatchOptions };

export type ParseMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'stage'; readonly id: number; readonly stage: 'parsing' }
  | { readonly type: 'done'; readonly id: number; readonly workbook: WorkbookData }
  | { readonly type: 'mapped'; readonly id: number; readonly result: MapRowsResult }
  | { readonly type: 'near'; readonly id: number; readonly result: NearMatchResult }
  | { readonly type: 'error'; readonly id: number; readonly error: { readonly code?: string | undefined; readonly message: string; readonly values?: Record<string, string | number> } };

const port = parentPort;
if (port) {
  port.on('message', (req: ParseRequest) => {
    try {
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
      const error = isAppError(e) ? { code: e.code, message: e.message, ...(e.values ? { values: { ...e.values } } : {}) } : { message: e instanceof Error ? e.message : String(e) };
      port.postMessage({ type: 'error', id: req.id, error } satisfies ParseMessage);
    }
  });
  port.postMessage({ type: 'ready' } satisfies ParseMessage);
}
