import { randomBytes } from 'node:crypto';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher.ts';
import { campaignHandlers } from './services/campaigns.ts';
import { nominationHandlers, type NominationServiceOptions } from './services/nominations.ts';
import { storeHandlers } from './services/store.ts';
import { openStore } from './store/store.ts';
import type { Store } from './store/types.ts';

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
}

/** Ids that sort by creation and are safe as folder names: prefix, time, randomness. */
export function defaultId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(5).toString('hex')}`;
}

/** The services behind every door: the Electron shell, the browser host and the command line all open this. */
export async function openApp(opts: AppOptions): Promise<App> {
  const now = opts.now ?? (() => new Date());
  const store = await openStore({ dataDir: opts.dataDir, now });
  const deps = { store, now, newId: opts.newId ?? defaultId };
  const { jobs: _jobs, ...nominations } = nominationHandlers(deps, opts.nominations);
  const handlers: Handlers = {
    ...campaignHandlers(deps),
    ...storeHandlers(store),
    ...nominations,
  };
  return {
    store,
    dispatch: createDispatcher(handlers, opts.onInternalError),
    close: () => store.close(),
  };
}
