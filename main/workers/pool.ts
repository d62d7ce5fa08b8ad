import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { AppError, ERROR_CODES, type ErrorCode } from '../../shared/contract/errors.ts';
import { cancelledError } from '../jobs/jobs.ts';
import type { Tasks } from '../worker.ts';
import type { TaskInput, TaskOutput, TaskRegistry, WorkerErrorData, WorkerMessage, WorkerRequest } from './tasks.ts';

/**
 * One pool of worker threads for every step's heavy work (reading workbooks, mapping rows, near matches, writing
 * exports): tasks by kind (tasks.ts), at most `maxWorkers` at once (more wait their turn), each worker under V8
 * memory limits so that no workbook can take the machine's memory. A worker that dies (its limit reached) answers
 * the task's outOfMemory error and is replaced by a new one for the next task.
 */

export interface PoolOptions {
  /**
   * The worker's entry: a .ts module (run through tsx's CommonJS hook: node --import tsx, bin/paneldesk.js, vitest)
   * or a bundled .cjs (Electron: read here, as inside an asar archive only Electron's fs can, and evaluated).
   * Default: main/worker.ts, or worker.cjs beside the bundle this code is in.
   */
  readonly entry?: string;
  /** Idle workers kept (unreferenced: they never keep the process alive) for the next task; default 1. */
  readonly keepIdle?: number;
  /** Workers busy at once; default 2 (the machine's memory is shared by them: see limits). */
  readonly maxWorkers?: number;
  /** V8 limits of each worker (resourceLimits); tests lower them. */
  readonly limits?: ResourceLimits;
}

/**
 * Each worker's heap: a 50 MB workbook within the per-sheet caps (100,000 rows, 2,000,000 cells) reads in well under
 * this; what would need more is refused rather than allowed to take the machine.
 */
export const DEFAULT_WORKER_LIMITS: ResourceLimits = Object.freeze({ maxOldGenerationSizeMb: 1536, maxYoungGenerationSizeMb: 64 });

export interface RunOptions {
  /** What the task is about, for messages: a file's name, "export". */
  readonly label: string;
  /** Items sent ahead of the task in slices of `slice` (default 1000), a macrotask apart, so cloning never holds main long. */
  readonly chunks?: readonly unknown[];
  readonly slice?: number;
  /** After each slice sent: how many of the chunks are sent. */
  readonly onSent?: (sent: number, total: number) => void;
  /** The task's notes on its way. */
  readonly onNote?: (note: unknown) => void;
  /** A failure that is not an AppError (the task threw something else, the worker stopped): default INTERNAL. */
  readonly failed?: (message: string) => AppError;
  /** The worker reached its memory limit: default FILE_TOO_LARGE about `label`. */
  readonly outOfMemory?: () => AppError;
}

export interface TaskHandle<T> {
  readonly done: Promise<T>;
  /** Stop the task (its worker is terminated); `done` rejects with CANCELLED. */
  cancel(): void;
}

function defaultEntry(): string {
  const here = fileURLToPath(import.meta.url);
  // Bundled (dist/electron/main.cjs): worker.cjs is built beside it.
  if (here.endsWith('.cjs')) return path.join(path.dirname(here), 'worker.cjs');
  return path.join(path.dirname(here), '..', 'worker.ts');
}

/**
 * From TypeScript, tsx's CommonJS hook is registered inside the worker, which then requires the entry. (Node 20 does
 * not apply `--import tsx` from a worker's execArgv before its main module, and tsx's ESM register() does not reach
 * into a worker, so the CommonJS hook it is.)
 */
function startWorker(entry: string, resourceLimits: ResourceLimits): Worker {
  if (entry.endsWith('.cjs')) return new Worker(fs.readFileSync(entry, 'utf8'), { eval: true, execArgv: [], resourceLimits });
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const code = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`;
  return new Worker(code, { eval: true, execArgv: [], resourceLimits });
}

function toError(e: WorkerErrorData, failed: (message: string) => AppError): AppError {
  if (!(ERROR_CODES as readonly string[]).includes(e.code ?? '')) return failed(e.message);
  return new AppError(e.code as ErrorCode, e.message, e.values ? { values: e.values } : undefined);
}

function isOutOfMemory(e: Error): boolean {
  return (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' || e.name === 'RangeError' || /memory/i.test(e.message);
}

export class WorkerPool<R extends TaskRegistry = Tasks> {
  private idle: Worker[] = [];
  private readonly watched = new WeakSet<Worker>();
  private readonly waiting: (() => void)[] = [];
  private busy = 0;
  private nextId = 1;
  private readonly entry: string;
  private readonly keepIdle: number;
  private readonly maxWorkers: number;
  private readonly limits: ResourceLimits;

  constructor(opts: PoolOptions = {}) {
    this.entry = opts.entry ?? defaultEntry();
    this.keepIdle = opts.keepIdle ?? 1;
    this.maxWorkers = Math.max(1, opts.maxWorkers ?? 2);
    this.limits = { ...DEFAULT_WORKER_LIMITS, ...opts.limits };
  }

  /** Whether a started worker is waiting: work sent now does not wait for one to load. */
  warmed(): boolean {
    return this.idle.length > 0;
  }

  run<K extends keyof R & string>(kind: K, input: TaskInput<R, K>, opts: RunOptions): TaskHandle<TaskOutput<R, K>> {
    type T = TaskOutput<R, K>;
    const id = this.nextId++;
    const failed = opts.failed ?? ((message: string) => new AppError('INTERNAL', `${opts.label}: the work failed: ${message.slice(0, 200)}`));
    const outOfMemory = opts.outOfMemory ?? (() => new AppError('FILE_TOO_LARGE', `${opts.label} does not fit in the reader's memory`, { values: { file: opts.label } }));
    let settled = false;
    let worker: Worker | null = null;
    let resolveDone!: (v: T) => void;
    let rejectDone!: (e: unknown) => void;
    const done = new Promise<T>((resolve, reject) => {
      resolveDone = resolve;
      rejectDone = reject;
    });
    const onMessage = (m: WorkerMessage) => {
      if (m.type === 'ready' || m.id !== id) return;
      if (m.type === 'note') return opts.onNote?.(m.note);
      if (m.type === 'error') return finish(() => rejectDone(toError(m.error, failed)), true);
      finish(() => resolveDone(m.value as T), true);
    };
    const onError = (e: Error) => finish(() => rejectDone(isOutOfMemory(e) ? outOfMemory() : failed(e.message)), false);
    const onExit = (code: number) => finish(() => rejectDone(failed(`the worker stopped (exit ${code})`)), false);
    const finish = (fn: () => void, keep: boolean) => {
      if (settled) return;
      settled = true;
      if (worker) {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        this.busy--;
        if (keep) this.release(worker);
        else void worker.terminate();
        this.next();
      } else {
        const i = this.waiting.indexOf(begin);
        if (i >= 0) this.waiting.splice(i, 1);
      }
      fn();
    };
    const begin = () => {
      this.busy++;
      const w = this.idle.pop() ?? startWorker(this.entry, this.limits);
      worker = w;
      w.ref();
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      this.send(w, id, kind, input, opts, () => !settled).catch((e: unknown) => finish(() => rejectDone(e), false));
    };
    if (this.busy < this.maxWorkers) begin();
    else this.waiting.push(begin);
    return { done, cancel: () => finish(() => rejectDone(cancelledError()), false) };
  }

  private async send(w: Worker, id: number, kind: string, input: unknown, opts: RunOptions, live: () => boolean): Promise<void> {
    const post = (r: WorkerRequest) => w.postMessage(r);
    const chunks = opts.chunks;
    if (chunks) {
      const slice = opts.slice ?? 1000;
      for (let i = 0; i < chunks.length; i += slice) {
        post({ type: 'chunk', id, items: chunks.slice(i, i + slice) });
        await new Promise((resolve) => setImmediate(resolve));
        if (!live()) return;
        opts.onSent?.(Math.min(chunks.length, i + slice), chunks.length);
      }
    }
    post({ type: 'run', id, kind, input });
  }

  private next(): void {
    while (this.busy < this.maxWorkers && this.waiting.length > 0) this.waiting.shift()!();
  }

  private release(worker: Worker): void {
    if (this.idle.length >= this.keepIdle) {
      void worker.terminate();
      return;
    }
    worker.unref();
    if (!this.watched.has(worker)) {
      // A worker that dies while idle is simply forgotten (and replaced when next needed).
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
