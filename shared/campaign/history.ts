/**
 * A campaign's history: one entry per change, oldest first, kept in the doc as chunks of at most HISTORY_CHUNK
 * entries. Appending copies only the last chunk and the short list of chunks (full chunks are shared between docs),
 * so a campaign with 100,000 entries appends in O(HISTORY_CHUNK + n / HISTORY_CHUNK), not O(n); the log stays plain
 * JSON for the snapshot. Read it through historyEntries / historyCount / lastHistoryEntry, never `.chunks` directly.
 */
export const HISTORY_CHUNK = 512;

export interface HistoryEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  /** The change's type (`campaign.replaced`, `nomination.edited`…): the slice that owns it has words for it. */
  readonly type: string;
  /**
   * What changed, key by key (settings, hand edits, overrides, merges). An import has none: a 20,000-row import
   * would be 20,000 lines; its `import` says what it did, and each nomination's sources say which rows it gave them
   * (nominationHistory derives a nomination's lines from them). Imports saved before carry their lines.
   */
  readonly changes: readonly {
    readonly key: string; readonly before: unknown; readonly after: unknown;
    /** The key in words where the step that owns it names it (added when the history is read, never stored). */
    readonly words?: { readonly zh: string; readonly en: string };
  }[];
  /** An import's record, in short: its id (see the doc's imports), where from, and its counts. */
  readonly import?: ImportSummary;
  /** The item a hand edit, override or merge was about, by its label then (entries since schema 3). */
  readonly subject?: { readonly id: string; readonly label: string };
}

/** One import of one sheet, in short (nominations today; score sheets later). */
export interface ImportSummary {
  readonly id: string;
  readonly file: string;
  readonly sheet: string;
  readonly nominator: string;
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** Set on the entry that undid the import: how many of its nominations left, and how many were kept. */
  readonly undone?: { readonly removed: number; readonly kept: number };
}

/** What a slice's reducer says for the history; the doc adds seq, time, actor and type. */
export type HistoryLine = Omit<HistoryEntry, 'seq' | 'at' | 'actor' | 'type'>;

/** Since schema 4. Chunks are never changed once another follows them; only the last one is ever replaced. */
export interface HistoryLog {
  readonly chunks: readonly (readonly HistoryEntry[])[];
}

export const emptyHistory: HistoryLog = { chunks: [] };

/** A new log with the entry appended; the log passed in is left as it was. */
export function appendHistory(log: HistoryLog, entry: HistoryEntry): HistoryLog {
  const { chunks } = log;
  const last = chunks[chunks.length - 1];
  if (!last || last.length >= HISTORY_CHUNK) return { chunks: [...chunks, [entry]] };
  const next = chunks.slice();
  next[next.length - 1] = [...last, entry];
  return { chunks: next };
}

/** A flat list cut into chunks (a migration from the flat history of schema ≤ 3, or a test's seed). */
export function historyFrom(entries: readonly HistoryEntry[]): HistoryLog {
  const chunks: HistoryEntry[][] = [];
  for (let i = 0; i < entries.length; i += HISTORY_CHUNK) chunks.push(entries.slice(i, i + HISTORY_CHUNK));
  return { chunks };
}

const flat = new WeakMap<HistoryLog, readonly HistoryEntry[]>();

/** Every entry, oldest first. Memoised per log (logs are never changed), so repeated reads cost nothing. */
export function historyEntries(log: HistoryLog): readonly HistoryEntry[] {
  let out = flat.get(log);
  if (!out) {
    const all: HistoryEntry[] = [];
    for (const c of log.chunks) for (const e of c) all.push(e);
    out = all;
    flat.set(log, out);
  }
  return out;
}

export function historyCount(log: HistoryLog): number {
  let n = 0;
  for (const c of log.chunks) n += c.length;
  return n;
}

export function lastHistoryEntry(log: HistoryLog): HistoryEntry | undefined {
  return log.chunks[log.chunks.length - 1]?.at(-1);
}
