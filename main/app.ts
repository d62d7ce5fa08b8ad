import { randomBytes } from 'node:crypto';
import type { StepDeps } from './deps.ts';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher.ts';
import { identityHandlers } from './identity/handlers.ts';
import { openIdentity } from './identity/identity.ts';
import { jobHandlers } from './jobs/handlers.ts';
import { Jobs } from './jobs/jobs.ts';
import { nominationHandlers, type NominationServiceOptions } from './nominations/handlers.ts';
import { panelHandlers, type PanelServiceOptions } from './panel/handlers.ts';
import { campaignHandlers } from './setup/handlers.ts';
import { scoringHandlers } from './scoring/handlers.ts';
import { storeHandlers } from './store/handlers.ts';
import { resultsHandlers, type ResultsServiceOptions } from './results/handlers.ts';
import { openStore } from './store/store.ts';
import type { Store } from './store/types.ts';
import { WorkerPool, type PoolOptions } from './workers/pool.ts';
import { meetingHandlers, type MeetingServiceOptions } from './meeting/handlers.ts';

export interface App {
  readonly store: Store;
  readonly dispatch: Dispatch;
  close(): Promise<void>;
}

export interface AppOptions {
  readonly dataDir: string;
  readonly now?: () => Date;
  readonly newId?: (prefix: string) => string;
  readonly nominations?: NominationServiceOptions;
  /** Where an unexpected failure of a call is logged (default: main's stderr); the caller only learns INTERNAL. */
  readonly onInternalError?: (e: unknown, name: string) => void;
  /** The worker threads (their memory limits, how many at once). */
  readonly workers?: PoolOptions;
  /** The person's name for a workstation identity made on this first run (default: PANELDESK_NAME or the system user). */
  readonly identityName?: string;
  readonly panel?: PanelServiceOptions;
  /** Results: from how many scores a computation goes to a worker. */
  readonly results?: ResultsServiceOptions;
  /** The meeting: from how many scores its results, from how many items its result sheet, go to a worker. */
  readonly meeting?: MeetingServiceOptions;
  /** The desktop door's print view → PDF (Electron's printToPDF); absent elsewhere (meeting.printPdf then says so). */
  readonly printPdf?: (html: string) => Promise<Uint8Array>;
}

/** Ids that sort by creation and are safe as folder names: prefix, time, randomness. */
export function defaultId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(5).toString('hex')}`;
}

/**
 * The services behind every door: the Electron shell, the browser host and the command line all open this. Each
 * step's handlers come from its home (main/<step>/handlers.ts); jobs and the worker pool are the app's, shared by
 * the steps and by nothing else in the process.
 */
export async function openApp(opts: AppOptions): Promise<App> {
  const now = opts.now ?? (() => new Date());
  const store = await openStore({ dataDir: opts.dataDir, now });
  const pool = new WorkerPool(opts.workers);
  const identity = openIdentity(opts.dataDir, { now, ...(opts.identityName !== undefined ? { defaultName: opts.identityName } : {}) });
  const deps: StepDeps = { store, now, newId: opts.newId ?? defaultId, jobs: new Jobs(), pool, identity, ...(opts.printPdf ? { printPdf: opts.printPdf } : {}) };
  const handlers: Handlers = {
    ...campaignHandlers(deps),
    ...storeHandlers(store),
    ...nominationHandlers(deps, opts.nominations),
    ...jobHandlers(deps.jobs),
    ...identityHandlers(identity),
    ...panelHandlers(deps, opts.panel),
    ...resultsHandlers(deps, opts.results),
    ...meetingHandlers(deps, opts.meeting),
    ...scoringHandlers(deps),
  };
  return {
    store,
    dispatch: createDispatcher(handlers, opts.onInternalError),
    close: async () => {
      await pool.close();
      await store.close();
    },
  };
}
