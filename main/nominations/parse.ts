import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, ERROR_CODES, type ErrorCode } from '../../shared/contract/errors.ts';
import type { ParseMessage, ParseRequest } from './parse-worker.ts';
import type { MapRowsInput, MapRowsResult, NearMatchOptions, NearMatchResult } from '../../shared/nominations/map-rows.ts';
import type { ReadOptions, WorkbookData } from './workbook.ts';
import type { ExportJob } from './export.ts';

/**
 * Starting the parse worker in each way PanelDesk runs:
 *  - bundled (Electron: this code sits in dist/electron/main.cjs): dist/electron/parse-worker.cjs, built beside it;
 *  - from TypeScript (node --import tsx, bin/paneldesk.js, vitest): tsx's CommonJS hook is registered inside the
 *    worker, which then requires parse-worker.ts. (Node 20 does not apply `--import tsx` from a worker's execArgv
 *    before its main module, and tsx's ESM register() does not reach into a worker, so the CommonJS hook it is.)
 */
function startWorker(): Worker {
  const here = fileURLToPath(import.meta.url);
  // Inside an asar archive only Electron's fs can read the bundle, so it is read here and evaluated in the worker.
  if (here.endsWith('.cjs')) return bundledWorker(path.join(path.dirname(here), 'parse-worker.cjs'));
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const target = path.join(path.dirname(here), 'parse-worker.ts');
  const code = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(target)});`;
  return new Worker(code, { eval: true, execArgv: [] });
}

/** A worker from the bundled parse-worker.cjs (CommonJS, dependencies inlined). */
export function bundledWorker(file: string): Worker {
  return new Worker(fs.readFileSync(file, 'utf8'), { eval: true, execArgv: [] });
}

/** Sends a request's messages to the worker; `live` turns false once the request is settled (cancelled, failed). */
type Send = (id: number, post: (request: ParseRequest) => void, live: () => boolean) => void | Promise<void>;

/** A request that is one message. */
const one = (request: (id: number) => ParseRequest): Send => (id, post) => post(request(id));

export interface ParseHandle {
  readonly done: Promise<WorkbookData>;
  /** Stop the read (the worker is terminated); `done` rejects with CANCELLED. */
  cancel(): void;
}

/**
 * How far an export written in the worker has got: `sending` its rows to the worker (`rows` of `total` sent), the
 * worker `writing` them into the sheet, then `packing` the .xlsx.
 */
export interface WriteProgress {
  readonly phase: 'sending' | 'writing' | 'packing';
  readonly rows: number;
  readonly total: number;
}

export function cancelledError(): AppError {
  return new AppError('CANCELLED', 'the work was cancelled');
}

function toError(e: { code?: string | undefined; message: string; values?: Record<string, string | number> }): AppError {
  const code = (ERROR_CODES as readonly string[]).includes(e.code ?? '') ? (e.code as ErrorCode) : 'FILE_UNREADABLE';
  return new AppError(code, e.message, e.values ? { values: e.values } : undefined);
}

/**
 * Workers that read workbooks (and write the exports), one file at a time each. An idle worker is kept (unreferenced, so it never keeps
 * the process alive) for the next file; a busy one is never shared, so a cancel stops only its own file.
 */
export class WorkbookReaders {
  private idle: Worker[] = [];
  private readonly watched = new WeakSet<Worker>();
  private nextId = 1;
  constructor(private readonly keepIdle = 1) {}

  /** Start a worker now, so the first file does not wait for SheetJS to load. */
  warm(): void {
    if (this.idle.length === 0) this.release(startWorker());
  }

  read(bytes: Uint8Array, fileName: string, options: ReadOptions, onStage: (stage: 'parsing') => void = () => undefined): ParseHandle {
    return this.run<WorkbookData>(one((id) => ({ id, bytes, fileName, options })), fileName, (m) => (m.type === 'stage' ? onStage(m.stage) : undefined), (m) => (m.type === 'done' ? m.workbook : undefined));
  }

  /** mapRows in a worker: for big sheets, so main's event loop is not held for seconds. */
  map(input: MapRowsInput): { readonly done: Promise<MapRowsResult>; cancel(): void } {
    return this.run<MapRowsResult>(one((id) => ({ type: 'map', id, input })), input.sheet, () => undefined, (m) => (m.type === 'mapped' ? m.result : undefined));
  }

  /** Whether a started worker is waiting: work sent now does not wait for one to load. */
  warmed(): boolean {
    return this.idle.length > 0;
  }

  /** nearMatchSearch in a worker: over tens of thousands of titles it can take a second. */
  near(entries: readonly { readonly text: string; readonly key?: string }[], options: NearMatchOptions = {}): { readonly done: Promise<NearMatchResult>; cancel(): void } {
    return this.run<NearMatchResult>(one((id) => ({ type: 'near', id, entries, options })), 'near matches', () => undefined, (m) => (m.type === 'near' ? m.result : undefined));
  }

  /**
   * An export workbook written in a worker (ExcelJS takes seconds over 20,000 rows). The rows go over in slices of
   * `slice`, a macrotask apart, so cloning them never holds main long either; the bytes come back transferred.
   */
  write(job: ExportJob, slice = 1000, onProgress: (p: WriteProgress) => void = () => undefined): { readonly done: Promise<Uint8Array>; cancel(): void } {
    const total = job.rows.length;
    const send: Send = async (id, post, live) => {
      for (let i = 0; i < total; i += slice) {
        post({ type: 'export-rows', id, rows: job.rows.slice(i, i + slice) });
        await new Promise((resolve) => setImmediate(resolve));
        if (!live()) return;
        onProgress({ phase: 'sending', rows: Math.min(total, i + slice), total });
      }
      post({ type: 'export', id, job: { ...job, rows: [] } });
    };
    const onNote = (m: ParseMessage) => {
      if (m.type === 'export-progress') onProgress({ phase: m.phase === 'rows' ? 'writing' : 'packing', rows: m.rows, total: m.total });
    };
    return this.run<Uint8Array>(send, 'export', onNote, (m) => (m.type === 'exported' ? m.bytes : undefined), 'write');
  }

  /** `onNote`: the request's notes on its way (a read's stage, an export's progress); `pick`: its answer, if this is it. */
  private run<T>(send: Send, fileName: string, onNote: (m: ParseMessage) => void, pick: (m: ParseMessage) => T | undefined, work: 'read' | 'write' = 'read'): { readonly done: Promise<T>; cancel(): void } {
    const worker = this.idle.pop() ?? startWorker();
    worker.ref();
    const id = this.nextId++;
    let settled = false;
    let resolveDone!: (v: T) => void;
    let rejectDone!: (e: unknown) => void;
    const done = new Promise<T>((resolve, reject) => {
      resolveDone = resolve;
      rejectDone = reject;
    });
    const finish = (fn: () => void, keep: boolean) => {
      if (settled) return;
      settled = true;
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      fn();
      if (keep) this.release(worker);
      else void worker.terminate();
    };
    // A writer that fails is PanelDesk's own fault (INTERNAL); a reader that fails was most likely given a bad file.
    const failed = (message: string, tooBig: boolean): AppError => {
      if (work === 'write') return new AppError('INTERNAL', `the export could not be written: ${message.slice(0, 200)}`);
      if (tooBig) return new AppError('FILE_TOO_LARGE', `${fileName} does not fit in the reader's memory`, { values: { file: fileName } });
      return new AppError('FILE_UNREADABLE', `${fileName} could not be read: ${message.slice(0, 200)}`, { values: { file: fileName } });
    };
    const onMessage = (m: ParseMessage) => {
      if (m.type === 'ready' || m.id !== id) return;
      if (m.type === 'stage' || m.type === 'export-progress') return onNote(m);
      if (m.type === 'error') return finish(() => rejectDone(toError(m.error)), true);
      const value = pick(m);
      if (value !== undefined) finish(() => resolveDone(value), true);
    };
    const onError = (e: Error) => finish(() => rejectDone(failed(e.message, e.name === 'RangeError' || /memory/i.test(e.message))), false);
    const onExit = (code: number) => finish(() => rejectDone(work === 'write' ? failed(`the worker stopped (exit ${code})`, false) : new AppError('FILE_UNREADABLE', `the workbook reader stopped (exit ${code})`, { values: { file: fileName } })), false);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    const sent = send(id, (r) => worker.postMessage(r), () => !settled);
    if (sent) sent.catch((e: unknown) => finish(() => rejectDone(e), false));
    return {
      done,
      cancel: () => finish(() => rejectDone(cancelledError()), false),
    };
  }

  private release(worker: Worker): void {
    if (this.idle.length >= this.keepIdle) {
      void worker.terminate();
      return;
    }
    worker.unref();
    if (!this.watched.has(worker)) {
      // A worker that dies while idle is simply forgotten.
      this.watched.add(worker);
      worker.once('exit', () => {
        this.idle = this.idle.filter((w) => w !== worker);
      });
    }
    this.idle.push(worker);
  }

  async close(): Promise<void> {
    const all = this.idle;
    this.idle = [];
    await Promise.all(all.map((w) => w.terminate()));
  }
}

const shared = new WorkbookReaders();

/** Read a workbook in a worker thread (the process's shared readers). */
export function parseInWorker(bytes: Uint8Array, fileName: string, options: ReadOptions, onStage?: (stage: 'parsing') => void): ParseHandle {
  return shared.read(bytes, fileName, options, onStage);
}

/** mapRows in a worker thread (the process's shared readers). */
export function mapInWorker(input: MapRowsInput): { readonly done: Promise<MapRowsResult>; cancel(): void } {
  return shared.map(input);
}

/** nearMatchSearch in a worker thread (the process's shared readers). */
export function nearInWorker(entries: readonly { readonly text: string; readonly key?: string }[], options?: NearMatchOptions): { readonly done: Promise<NearMatchResult>; cancel(): void } {
  return shared.near(entries, options);
}

/** An export workbook written in a worker thread (the process's shared workers). */
export function writeInWorker(job: ExportJob, onProgress?: (p: WriteProgress) => void): { readonly done: Promise<Uint8Array>; cancel(): void } {
  return shared.write(job, undefined, onProgress);
}

/** Whether the shared readers have a worker waiting (one has read a file and stayed). */
export function workerWarmed(): boolean {
  return shared.warmed();
}

/** Start the shared reader ahead of the first file. */
export function warmWorkbookReader(): void {
  shared.warm();
}
