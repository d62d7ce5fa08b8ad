/**
 * What a worker thread can be asked to do: each step registers its task kinds (a name → a function of plain,
 * structured-cloneable data), and main/worker.ts composes them, as main/app.ts composes the steps' handlers.
 */

export interface TaskContext {
  /** Items sent ahead of the task in slices (PoolRun.chunks), in order; [] when none were sent. */
  readonly chunks: readonly unknown[];
  /** A note on the way (a read's stage, an export's progress): the caller's onNote receives it. */
  note(note: unknown): void;
}

// Inputs are checked by the step that sends them (main side, typed); the worker only routes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Task = (input: any, ctx: TaskContext) => unknown;

export type TaskRegistry = Readonly<Record<string, Task>>;

export type TaskInput<R extends TaskRegistry, K extends keyof R> = Parameters<R[K]>[0];
export type TaskOutput<R extends TaskRegistry, K extends keyof R> = Awaited<ReturnType<R[K]>>;

/** A step's task kinds, named `<step>.<task>` so two steps never collide. */
export function defineTasks<T extends TaskRegistry>(tasks: T): T {
  return tasks;
}

/** Messages main → worker: a slice of a task's items, then the task itself under the same id. */
export type WorkerRequest =
  | { readonly type: 'chunk'; readonly id: number; readonly items: readonly unknown[] }
  | { readonly type: 'run'; readonly id: number; readonly kind: string; readonly input: unknown };

export interface WorkerErrorData {
  readonly code?: string | undefined;
  readonly message: string;
  readonly values?: Record<string, string | number>;
}

/** Messages worker → main. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'note'; readonly id: number; readonly note: unknown }
  | { readonly type: 'done'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: WorkerErrorData };
