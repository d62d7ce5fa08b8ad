// Runs in a worker thread: the message loop that answers the pool (pool.ts) with the registered tasks. The worker
// stays for the next task (loading SheetJS takes half a second, ExcelJS as much again); the pool terminates it to
// cancel, and replaces it when it dies (its memory limit reached).
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../shared/contract/errors.ts';
import type { TaskRegistry, WorkerErrorData, WorkerMessage, WorkerRequest } from './tasks.ts';

function errorOf(e: unknown): WorkerErrorData {
  return isAppError(e) ? { code: e.code, message: e.message, ...(e.values ? { values: { ...e.values } } : {}) } : { message: e instanceof Error ? e.message : String(e) };
}

/** Bytes over an ArrayBuffer of their own are handed over (transferred), not copied. */
function transferList(value: unknown): ArrayBuffer[] {
  if (!(value instanceof Uint8Array)) return [];
  return value.byteOffset === 0 && value.byteLength === value.buffer.byteLength && value.buffer instanceof ArrayBuffer ? [value.buffer] : [];
}

/** Answer the pool's requests with `tasks`, when this code runs in a worker thread (no-op on the main thread). */
export function serveTasks(tasks: TaskRegistry): void {
  const port = parentPort;
  if (!port) return;
  /** Items received for tasks not yet run, by request id. */
  const chunks = new Map<number, unknown[]>();
  const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  port.on('message', (req: WorkerRequest) => {
    if (req.type === 'chunk') {
      const had = chunks.get(req.id);
      if (had) for (const item of req.items) had.push(item);
      else chunks.set(req.id, req.items.slice());
      return;
    }
    const items = chunks.get(req.id) ?? [];
    chunks.delete(req.id);
    const task = Object.prototype.hasOwnProperty.call(tasks, req.kind) ? tasks[req.kind] : undefined;
    if (!task) {
      post({ type: 'error', id: req.id, error: { code: 'INTERNAL', message: `no worker task "${req.kind}"` } });
      return;
    }
    try {
      const out = task(req.input, { chunks: items, note: (note) => post({ type: 'note', id: req.id, note }) });
      Promise.resolve(out).then(
        (value) => post({ type: 'done', id: req.id, value }, transferList(value)),
        (e: unknown) => post({ type: 'error', id: req.id, error: errorOf(e) }),
      );
    } catch (e) {
      post({ type: 'error', id: req.id, error: errorOf(e) });
    }
  });
  post({ type: 'ready' });
}
