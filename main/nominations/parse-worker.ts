// Runs in a worker thread: untrusted workbook bytes → rows, off main's event loop (design.md: heavy work off the
// event loops). The worker stays for the next file (loading SheetJS takes half a second); the parent terminates it
// to cancel a read.
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../shared/contract/errors.ts';
import { readWorkbook, type ReadOptions, type WorkbookData } from './workbook.ts';

export interface ParseRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly options: ReadOptions;
}

export type ParseMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'stage'; readonly id: number; readonly stage: 'parsing' }
  | { readonly type: 'done'; readonly id: number; readonly workbook: WorkbookData }
  | { readonly type: 'error'; readonly id: number; readonly error: { readonly code?: string | undefined; readonly message: string; readonly values?: Record<string, string | number> } };

const port = parentPort;
if (port) {
  port.on('message', (req: ParseRequest) => {
    port.postMessage({ type: 'stage', id: req.id, stage: 'parsing' } satisfies ParseMessage);
    try {
      const workbook = readWorkbook(req.bytes, req.fileName, req.options);
      port.postMessage({ type: 'done', id: req.id, workbook } satisfies ParseMessage);
    } catch (e) {
      const error = isAppError(e) ? { code: e.code, message: e.message, ...(e.values ? { values: { ...e.values } } : {}) } : { message: e instanceof Error ? e.message : String(e) };
      port.postMessage({ type: 'error', id: req.id, error } satisfies ParseMessage);
    }
  });
  port.postMessage({ type: 'ready' } satisfies ParseMessage);
}
