import type { HistoryLine, HistoryLog } from './history.ts';

/**
 * A step's slice of the campaign's store (setup, nominations, then panel, scoring, results, meeting): its part of
 * the doc, the changes it owns, the pure reducer that folds them in, its migrations and the words for its history.
 * `shared/store/doc.ts` composes the slices, as `shared/contract/index.ts` composes the steps' entries: a new step
 * adds its slice there and edits no other step's code.
 */

/** What every doc has, whatever the steps. */
export interface DocCore {
  readonly schemaVersion: number;
  /** The last journal sequence number folded in. */
  readonly seq: number;
  readonly history: HistoryLog;
}

/** The journal entry's own facts, beside its change. */
export interface EntryMeta {
  readonly seq: number;
  /** ISO 8601 in UTC, from the clock passed in. */
  readonly at: string;
  readonly actor: string;
}

/** What a reducer returns: the parts of its slice that changed, and the history line, if the change has one. */
export interface Outcome<S> {
  readonly state?: Partial<S>;
  readonly line?: HistoryLine;
}

/** Words for each change type in both languages (the campaign's history, on screen and in exports). */
export interface HistoryWords<T extends string> {
  readonly 'zh-CN': Readonly<Record<T, string>>;
  readonly en: Readonly<Record<T, string>>;
}

/** One migration step of a slice: its part of a doc of version `from` turned into version `from + 1`. Pure. */
export type SliceMigration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * S: the slice's part of the doc. C: its changes. D: the parts of earlier steps it reads (setup's campaign…).
 * `reduce` must not change what it is given; it sees a null doc only for a change listed in `opens`.
 */
export interface Slice<S extends object, C extends { readonly type: string }, D extends object = object> {
  readonly step: string;
  readonly changeTypes: readonly C['type'][];
  /** Changes that start a campaign's doc (none but setup's `campaign.created`). */
  readonly opens?: readonly C['type'][];
  /** The slice's part of a new doc. */
  readonly initial: () => Partial<S>;
  readonly reduce: (doc: (DocCore & D & S) | null, change: C, meta: EntryMeta) => Outcome<S>;
  /** By the schema version they migrate from (the store's version numbers are shared by all slices). */
  readonly migrations?: Readonly<Record<number, SliceMigration>>;
  readonly words: HistoryWords<C['type']>;
}

export class ReplayError extends Error {}
