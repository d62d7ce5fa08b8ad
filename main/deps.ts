import type { Identity } from './identity/identity.ts';
import type { Jobs } from './jobs/jobs.ts';
import type { Store } from './store/types.ts';
import type { WorkerPool } from './workers/pool.ts';

/** What every step's handlers are given by openApp (main/app.ts): one of each per app, never shared between apps. */
export interface ServiceDeps {
  readonly store: Store;
  readonly now: () => Date;
  readonly newId: (prefix: string) => string;
}

export interface StepDeps extends ServiceDeps {
  /** Long calls' progress and cancel (jobs.progress, jobs.cancel). */
  readonly jobs: Jobs;
  /** The worker threads for heavy work. */
  readonly pool: WorkerPool;
  /** This workstation's signing identity (score sheets, result sheets). */
  readonly identity: Identity;
  /** The print view's HTML as a PDF (A4): only the desktop door has it (Electron's printToPDF). */
  readonly printPdf?: (html: string) => Promise<Uint8Array>;
}
