import { appendHistory, emptyHistory, historyEntries, type HistoryEntry, type HistoryLine } from '../campaign/history.ts';
import { ReplayError, type DocCore, type EntryMeta, type HistoryWords, type Outcome, type SliceMigration } from '../campaign/slice.ts';
import { nominationsSlice, type NominationsChange, type NominationsPart } from '../nominations/slice.ts';
import { setupSlice, type SetupChange, type SetupPart } from '../setup/slice.ts';

/**
 * What one campaign's store holds: the snapshot lowdb keeps, into which journal entries are folded. It is composed
 * of the steps' slices (shared/<step>/slice.ts), in the steps' order: a new step adds its slice to `slices`, its part
 * to CampaignDoc and its changes to Change, one line each, and edits no other step's reducer.
 */
export const SCHEMA_VERSION = 5;

export const slices = [setupSlice, nominationsSlice] as const;
export type CampaignDoc = DocCore & SetupPart & NominationsPart;
/** A change, as appended to the journal. Each is applied by the pure reducer of the slice that owns its type. */
export type Change = SetupChange | NominationsChange;

export interface JournalEntry extends EntryMeta {
  readonly change: Change;
}

type Reduce = (doc: CampaignDoc | null, change: Change, meta: EntryMeta) => Outcome<object>;
interface Owner {
  readonly step: string;
  readonly reduce: Reduce;
  readonly opens: boolean;
}

const owners: ReadonlyMap<string, Owner> = (() => {
  const m = new Map<string, Owner>();
  for (const s of slices) {
    for (const type of s.changeTypes) {
      if (m.has(type)) throw new Error(`change ${type} is owned by two slices: ${m.get(type)!.step} and ${s.step}`);
      m.set(type, { step: s.step, reduce: s.reduce as unknown as Reduce, opens: (s.opens as readonly string[] | undefined)?.includes(type) ?? false });
    }
  }
  return m;
})();

/** Every slice's part of a new doc; the opening change fills in the rest. */
function newDoc(): CampaignDoc {
  return Object.assign({ schemaVersion: SCHEMA_VERSION, seq: 0, history: emptyHistory }, ...slices.map((s) => s.initial())) as CampaignDoc;
}

/** Fold one journal entry into a doc. Pure: returns a new doc, never touches its input. */
export function applyEntry(doc: CampaignDoc | null, entry: JournalEntry): CampaignDoc {
  const { change } = entry;
  const owner = owners.get(change.type);
  if (!owner) throw new ReplayError(`entry ${entry.seq}: unknown change ${change.type}`);
  if (!doc && !owner.opens) throw new ReplayError(`entry ${entry.seq}: no campaign to change`);
  const out = owner.reduce(doc, change, { seq: entry.seq, at: entry.at, actor: entry.actor });
  const base = doc ?? newDoc();
  const line: HistoryLine | undefined = out.line;
  const history = line ? appendHistory(base.history, { seq: entry.seq, at: entry.at, actor: entry.actor, type: change.type, ...line }) : base.history;
  return { ...base, ...out.state, seq: entry.seq, history };
}

/** The campaign's history, oldest first: the one way to list it (the doc keeps it in chunks). */
export function historyOf(doc: Pick<CampaignDoc, 'history'>): readonly HistoryEntry[] {
  return historyEntries(doc.history);
}

const words = new Map<string, HistoryWords<string>['en']>();
for (const lang of ['zh-CN', 'en'] as const) {
  words.set(lang, Object.assign({}, ...slices.map((s) => s.words[lang])) as Record<string, string>);
}

/** A change type in words, from the slice that owns it; an unknown type (a newer PanelDesk's) as it is. */
export function historyTypeWord(type: string, lang: string): string {
  const w = words.get(lang.startsWith('en') ? 'en' : 'zh-CN')!;
  return Object.prototype.hasOwnProperty.call(w, type) ? w[type]! : type;
}

/** The slices' migrations, by the version they migrate from, in the steps' order. */
export function sliceMigrations(from: number): readonly SliceMigration[] {
  return slices.flatMap((s) => (s.migrations?.[from] ? [s.migrations[from]] : []));
}

export { ReplayError };
export { diff } from '../setup/diff.ts';
export { findNomination, nominationIndex } from '../nominations/slice.ts';
export type { MappingMemory, ImportPart, NominationsPart } from '../nominations/slice.ts';
export type { SetupPart } from '../setup/slice.ts';
export type { HistoryEntry, HistoryLine, HistoryLog, ImportSummary } from '../campaign/history.ts';
export type { DocCore, EntryMeta } from '../campaign/slice.ts';
