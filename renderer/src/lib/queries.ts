import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { CallArgs, CallName, CallResult } from '../../../shared/contract/index.ts';
import { call } from '../api.ts';

/**
 * A small cache of read calls, keyed by name and arguments: components subscribe, mutations put fresh values in
 * or invalidate by name. (What @tanstack/react-query would do, in the little we need.)
 */
interface Entry {
  data: unknown;
  error: unknown;
  loading: boolean;
  promise: Promise<void> | null;
  /** Bumped on every change, so snapshots compare cheaply. */
  version: number;
  /** Bumped when a load starts or the data is put in by hand: a load of an older generation is stale, ignored. */
  generation: number;
  snapshot: QueryState<unknown>;
}

export interface QueryState<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
}

const entries = new Map<string, Entry>();
const listeners = new Map<string, Set<() => void>>();

export function queryKey<N extends CallName>(name: N, args: CallArgs<N>): string {
  return `${name}\u0000${JSON.stringify(args ?? {})}`;
}

function entryFor(key: string): Entry {
  let e = entries.get(key);
  if (!e) {
    e = { data: undefined, error: null, loading: false, promise: null, version: 0, generation: 0, snapshot: { data: undefined, error: null, loading: false } };
    entries.set(key, e);
  }
  return e;
}

function notify(key: string): void {
  const e = entryFor(key);
  e.version++;
  e.snapshot = { data: e.data, error: e.error, loading: e.loading };
  for (const l of listeners.get(key) ?? []) l();
}

/**
 * Lists read in pages, this many rows a call: one answer of 20,000 rows is a 14 MB parse that holds the page for
 * half a second; pages of 1,000 parse in a few ms each, with a task boundary between them.
 */
const PAGED: Partial<Record<CallName, number>> = { 'nominations.list': 1_000 };

/** The next task, so the page keeps answering between pages. */
const nextTask = () => new Promise<void>((resolve) => { setTimeout(resolve, 0); });

interface Page { total: number; items: unknown[] }

/**
 * A paged call read whole: pages one after another, the first page's other fields (facets) kept, the items joined.
 * Stops early once `stale()` says a newer load or a hand-put value took over (what it returns then is ignored).
 */
export async function loadPaged(name: CallName, args: CallArgs<CallName>, size: number, stale: () => boolean): Promise<unknown> {
  const base = (args ?? {}) as Record<string, unknown>;
  for (let attempt = 1; ; attempt++) {
    const first = await call(name, { ...base, offset: 0, limit: size } as never) as unknown as Page;
    const items = first.items.slice();
    let changed = false;
    while (items.length < first.total && !stale()) {
      await nextTask();
      if (stale()) break;
      const page = await call(name, { ...base, offset: items.length, limit: size } as never) as unknown as Page;
      for (const it of page.items) items.push(it);
      if (page.total !== first.total || page.items.length === 0) { changed = true; break; }
    }
    // The list changed under the pages (an import, someone else's edit): read it again, a few times at most.
    if (changed && attempt < 3 && !stale()) { await nextTask(); continue; }
    return { ...first, total: first.total, items };
  }
}

function argsOf(key: string): CallArgs<CallName> {
  return JSON.parse(key.slice(key.indexOf('\u0000') + 1)) as CallArgs<CallName>;
}

/** Load a key. `fresh`: start a new load even if one is in flight (its answer, now stale, is then ignored). */
function fetchKey<N extends CallName>(key: string, name: N, args: CallArgs<N>, fresh = false): Promise<void> {
  const e = entryFor(key);
  if (e.promise && !fresh) return e.promise;
  const generation = ++e.generation;
  const stale = () => e.generation !== generation;
  e.loading = true;
  notify(key);
  const size = PAGED[name];
  const paged = size !== undefined && (args as { offset?: number; limit?: number } | undefined)?.offset === undefined
    && (args as { limit?: number } | undefined)?.limit === undefined;
  const load: Promise<unknown> = paged ? loadPaged(name, args as CallArgs<CallName>, size, stale) : call(name, args);
  const p = load.then(
    (value) => { if (!stale()) { e.data = value; e.error = null; } },
    (err: unknown) => { if (!stale()) e.error = err; },
  ).finally(() => {
    if (stale()) return;
    e.loading = false;
    e.promise = null;
    notify(key);
  });
  e.promise = p;
  return p;
}

/** Read a call's result; fetched on first use and after invalidation. */
export function useCall<N extends CallName>(name: N, args: CallArgs<N>, enabled = true): QueryState<CallResult<N>> & { reload: () => Promise<void> } {
  const key = queryKey(name, args);
  const subscribe = useCallback((l: () => void) => {
    let set = listeners.get(key);
    if (!set) listeners.set(key, (set = new Set()));
    set.add(l);
    return () => { set.delete(l); };
  }, [key]);
  const snapshot = useSyncExternalStore(subscribe, () => entryFor(key).snapshot);
  useEffect(() => {
    const e = entryFor(key);
    if (enabled && e.data === undefined && e.error === null && !e.promise) void fetchKey(key, name, argsOf(key) as CallArgs<N>);
  }, [key, name, enabled, snapshot]);
  const reload = useCallback(
    () => fetchKey(key, name, argsOf(key) as CallArgs<N>),
    [key, name],
  );
  return { ...(snapshot as QueryState<CallResult<N>>), reload };
}

/**
 * Put a fresh value in the cache (a mutation's answer), so every reader shows it at once. A load in flight for the
 * same key may have read its rows before the mutation: it is dropped and, with readers, started again.
 */
export function setCallData<N extends CallName>(name: N, args: CallArgs<N>, value: CallResult<N>): void {
  const key = queryKey(name, args);
  const e = entryFor(key);
  const inFlight = e.promise !== null;
  e.generation++;
  e.promise = null;
  e.loading = false;
  e.data = value;
  e.error = null;
  notify(key);
  if (inFlight && (listeners.get(key)?.size ?? 0) > 0) void fetchKey(key, name, args, true);
}

/** Drop cached results of these calls; mounted readers fetch again (a load in flight, maybe stale, is replaced). */
export function invalidate(...names: CallName[]): void {
  for (const [key, e] of entries) {
    const name = key.slice(0, key.indexOf('\u0000'));
    if (!names.includes(name as CallName)) continue;
    if ((listeners.get(key)?.size ?? 0) > 0) {
      void fetchKey(key, name as CallName, argsOf(key) as never, true);
    } else {
      e.generation++;
      e.promise = null;
      e.loading = false;
      e.data = undefined;
      e.error = null;
      notify(key);
    }
  }
}
