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
    e = { data: undefined, error: null, loading: false, promise: null, version: 0, snapshot: { data: undefined, error: null, loading: false } };
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

function fetchKey<N extends CallName>(key: string, name: N, args: CallArgs<N>): Promise<void> {
  const e = entryFor(key);
  if (e.promise) return e.promise;
  e.loading = true;
  notify(key);
  const p = call(name, args).then(
    (value) => { e.data = value; e.error = null; },
    (err: unknown) => { e.error = err; },
  ).finally(() => {
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
    if (enabled && e.data === undefined && e.error === null && !e.promise) void fetchKey(key, name, JSON.parse(key.slice(key.indexOf('\u0000') + 1)) as CallArgs<N>);
  }, [key, name, enabled, snapshot]);
  const reload = useCallback(
    () => fetchKey(key, name, JSON.parse(key.slice(key.indexOf('\u0000') + 1)) as CallArgs<N>),
    [key, name],
  );
  return { ...(snapshot as QueryState<CallResult<N>>), reload };
}

/** Put a fresh value in the cache (a mutation's answer), so every reader shows it at once. */
export function setCallData<N extends CallName>(name: N, args: CallArgs<N>, value: CallResult<N>): void {
  const key = queryKey(name, args);
  const e = entryFor(key);
  e.data = value;
  e.error = null;
  notify(key);
}

/** Drop cached results of these calls; mounted readers fetch again. */
export function invalidate(...names: CallName[]): void {
  for (const [key, e] of entries) {
    const name = key.slice(0, key.indexOf('\u0000'));
    if (!names.includes(name as CallName)) continue;
    if ((listeners.get(key)?.size ?? 0) > 0) {
      void fetchKey(key, name as CallName, JSON.parse(key.slice(key.indexOf('\u0000') + 1)) as never);
    } else {
      e.data = undefined;
      e.error = null;
      notify(key);
    }
  }
}

/** For tests. */
export function clearCalls(): void {
  entries.clear();
}
