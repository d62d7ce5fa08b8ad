import type { Campaign } from '../campaign/campaign.ts';
import type { HandEdit, ImportRecord, Nomination, StatusOverride } from '../nominations/record.ts';
import { effectiveFields, labelOf, nominatorsOf, summariseSource } from '../nominations/merge.ts';

/**
 * What one campaign's store holds: the snapshot lowdb keeps, into which journal entries are folded.
 * Later steps (nominations, panel, scores, votes) add their collections through a migration.
 */
export const SCHEMA_VERSION = 3;

export interface HistoryEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly type: Change['type'];
  /**
   * What changed, key by key (settings, hand edits, overrides, merges). An import has none: a 20,000-row import
   * would be 20,000 lines; its `import` says what it did, and each nomination's sources say which rows it gave them
   * (nominationHistory derives a nomination's lines from them). Imports saved before carry their lines.
   */
  readonly changes: readonly { readonly key: string; readonly before: unknown; readonly after: unknown }[];
  /** An import's record, in short: its id (see the doc's imports), where from, and its counts. */
  readonly import?: ImportSummary;
  /** The nomination a hand edit, override or merge was about, by its label then (entries since schema 3). */
  readonly subject?: { readonly id: string; readonly label: string };
}

export interface ImportSummary {
  readonly id: string;
  readonly file: string;
  readonly sheet: string;
  readonly nominator: string;
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

export interface CampaignDoc {
  readonly schemaVersion: number;
  /** The last journal sequence number folded in. */
  readonly seq: number;
  readonly campaign: Campaign;
  readonly history: readonly HistoryEntry[];
  /** Since schema 2: the campaign's nominations, in import order. */
  readonly nominations: readonly Nomination[];
  /** Since schema 2: every import that changed something, oldest first. */
  readonly imports: readonly ImportRecord[];
  /** Since schema 2: the column mapping remembered per nominating organisation: normalised header text → field id (null: ignored). */
  readonly mappings: Readonly<Record<string, Readonly<Record<string, string | null>>>>;
}

/** What an import asks the store to remember for a nominator's next workbook. */
export interface MappingMemory {
  readonly nominator: string;
  readonly mapping: Readonly<Record<string, string | null>>;
}

/** A change, as appended to the journal. Each is applied by one pure reducer. */
export type Change =
  | { readonly type: 'campaign.created'; readonly campaign: Campaign }
  /** The whole campaign after an edit (setup edits are small; the history keeps the key-by-key diff). */
  | { readonly type: 'campaign.replaced'; readonly campaign: Campaign; readonly changes: HistoryEntry['changes'] }
  /** One import of one sheet: new and changed nominations whole (a 20,000-row import is one journal line). */
  | { readonly type: 'nominations.imported'; readonly import: ImportRecord; readonly upserts: readonly Nomination[]; readonly memory: MappingMemory | null; readonly part?: { readonly index: number; readonly of: number } }
  /**
   * A hand correction of one field; edit null removes the correction (the sources' value shows again). `rekey`
   * (since schema 3): the edit changed what identifies the nomination, which takes this key and these aliases.
   */
  | { readonly type: 'nomination.edited'; readonly id: string; readonly field: string; readonly edit: HandEdit | null; readonly rekey?: { readonly key: string; readonly aliases: readonly string[] } }
  /** The formal check's status set by hand, with a note; null removes the override. */
  | { readonly type: 'nomination.overridden'; readonly id: string; readonly override: StatusOverride | null; readonly at: string }
  /** A near match confirmed as the same nomination: `kept` (with the other's sources joined) replaces keptId, mergedId goes. */
  | { readonly type: 'nominations.merged'; readonly kept: Nomination; readonly mergedId: string }
  /** A near match confirmed as two different nominations. */
  | { readonly type: 'nomination.distinct'; readonly id: string; readonly otherId: string; readonly at: string };

export interface JournalEntry {
  readonly seq: number;
  /** ISO 8601 in UTC, from the clock passed in. */
  readonly at: string;
  readonly actor: string;
  readonly change: Change;
}

export class ReplayError extends Error {}

/** Fold one journal entry into a doc. Pure: returns a new doc, never touches its input. */
export function applyEntry(doc: CampaignDoc | null, entry: JournalEntry): CampaignDoc {
  const { change } = entry;
  switch (change.type) {
    case 'campaign.created': {
      if (doc) throw new ReplayError(`entry ${entry.seq}: campaign ${change.campaign.id} already exists`);
      return {
        schemaVersion: SCHEMA_VERSION,
        seq: entry.seq,
        campaign: change.campaign,
        history: [{ seq: entry.seq, at: entry.at, actor: entry.actor, type: change.type, changes: [] }],
        nominations: [],
        imports: [],
        mappings: {},
      };
    }
    case 'campaign.replaced': {
      if (!doc) throw new ReplayError(`entry ${entry.seq}: no campaign to change`);
      return {
        ...doc,
        seq: entry.seq,
        campaign: change.campaign,
        history: [...doc.history, { seq: entry.seq, at: entry.at, actor: entry.actor, type: change.type, changes: change.changes }],
      };
    }
    case 'nominations.imported':
    case 'nomination.edited':
    case 'nomination.overridden':
    case 'nominations.merged':
    case 'nomination.distinct': {
      if (!doc) throw new ReplayError(`entry ${entry.seq}: no campaign to change`);
      return applyNominationChange(doc, entry, change);
    }
    default: {
      const never: never = change;
      throw new ReplayError(`unknown change ${(never as { type: string }).type}`);
    }
  }
}

/** Key-by-key differences between two plain values, as dotted keys. */
export function diff(before: unknown, after: unknown, prefix = ''): { key: string; before: unknown; after: unknown }[] {
  if (Object.is(before, after)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => diff(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // Arrays of items with ids (criteria, groups) diff by id; others as a whole.
    const byId = (xs: unknown[]) => xs.every((x) => isObj(x) && typeof x.id === 'string');
    if (byId(before) && byId(after)) {
      const b = new Map(before.map((x) => [(x as { id: string }).id, x]));
      const a = new Map(after.map((x) => [(x as { id: string }).id, x]));
      const ids = new Set([...b.keys(), ...a.keys()]);
      const out = [...ids].flatMap((id) => diff(b.get(id), a.get(id), `${prefix}.${id}`));
      const order = (m: Map<string, unknown>) => [...m.keys()].join('\u0000');
      if (out.length === 0 && order(a) !== order(b)) out.push({ key: `${prefix}.order`, before: [...b.keys()], after: [...a.keys()] });
      return out;
    }
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
  }
  return [{ key: prefix, before, after }];
}

type NominationChange = Extract<Change, { type: 'nominations.imported' | 'nomination.edited' | 'nomination.overridden' | 'nominations.merged' | 'nomination.distinct' }>;
type Changes = HistoryEntry['changes'][number][];

/**
 * Position of each nomination by id, cached per array: a change replaces by id in O(1) and copies the array once,
 * so an edit costs O(n) copying, never O(n²). The cache is a memo of a pure function of the (frozen in practice) array.
 */
const positions = new WeakMap<readonly Nomination[], ReadonlyMap<string, number>>();

export function nominationIndex(list: readonly Nomination[]): ReadonlyMap<string, number> {
  let idx = positions.get(list);
  if (!idx) {
    const m = new Map<string, number>();
    list.forEach((n, i) => m.set(n.id, i));
    idx = m;
    positions.set(list, idx);
  }
  return idx;
}

export function findNomination(doc: Pick<CampaignDoc, 'nominations'>, id: string): Nomination | undefined {
  const i = nominationIndex(doc.nominations).get(id);
  return i === undefined ? undefined : doc.nominations[i];
}

function mustFind(doc: CampaignDoc, id: string, seq: number): Nomination {
  const n = findNomination(doc, id);
  if (!n) throw new ReplayError(`entry ${seq}: no nomination ${id}`);
  return n;
}

/** Replace nominations by id (same positions: the index carries over). */
function replaceSome(list: readonly Nomination[], next: readonly Nomination[]): readonly Nomination[] {
  const idx = nominationIndex(list);
  const out = list.slice();
  for (const n of next) {
    const i = idx.get(n.id);
    if (i === undefined) throw new ReplayError(`no nomination ${n.id}`);
    out[i] = n;
  }
  positions.set(out, idx);
  return out;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** History lines for a nomination that changed: its effective fields, nominators, override, key by key. */
function nominationChanges(before: Nomination | undefined, after: Nomination): Changes {
  const base = `nominations.${after.id}`;
  if (!before) {
    const s = after.sources[0];
    return [{ key: base, before: null, after: { key: after.key, ...(s ? summariseSource(s) : {}) } }];
  }
  const out: Changes = [];
  const b = effectiveFields(before).fields;
  const a = effectiveFields(after).fields;
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (!same(b[k], a[k])) out.push({ key: `${base}.${k}`, before: b[k] ?? null, after: a[k] ?? null });
  }
  const nb = nominatorsOf(before);
  const na = nominatorsOf(after);
  if (!same(nb, na)) out.push({ key: `${base}.nominators`, before: nb, after: na });
  if (!same(before.sources.map(summariseSource), after.sources.map(summariseSource)) && out.length === 0) {
    out.push({ key: `${base}.sources`, before: before.sources.map(summariseSource), after: after.sources.map(summariseSource) });
  }
  return out;
}

/** A nomination with another key and aliases (no aliases: the property is left out, as before schema 3). */
function withKey(n: Nomination, key: string, aliases: readonly string[]): Nomination {
  const { aliases: _had, ...rest } = n;
  return aliases.length > 0 ? { ...rest, key, aliases: [...aliases] } : { ...rest, key };
}

function applyNominationChange(doc: CampaignDoc, entry: JournalEntry, change: NominationChange): CampaignDoc {
  const history = (changes: Changes, about?: Nomination): readonly HistoryEntry[] => [
    ...doc.history,
    { seq: entry.seq, at: entry.at, actor: entry.actor, type: change.type, changes, ...(about ? { subject: { id: about.id, label: labelOf(doc.campaign.kind, about) } } : {}) },
  ];
  switch (change.type) {
    case 'nominations.imported': {
      const idx = nominationIndex(doc.nominations);
      const list = doc.nominations.slice();
      const nextIdx = new Map(idx);
      for (const n of change.upserts) {
        const i = nextIdx.get(n.id);
        if (i === undefined) {
          nextIdx.set(n.id, list.length);
          list.push(n);
        } else list[i] = n;
      }
      positions.set(list, nextIdx);
      // A big import comes in parts: all but the last carry only nominations.
      if (change.part && change.part.index < change.part.of - 1) return { ...doc, seq: entry.seq, nominations: list };
      let mappings = doc.mappings;
      if (change.memory) {
        // fromEntries, never obj[key] = …: a nominator called "__proto__" stays a plain key.
        mappings = Object.fromEntries([...Object.entries(doc.mappings).filter(([k]) => k !== change.memory!.nominator), [change.memory.nominator, change.memory.mapping]]);
      }
      const r = change.import;
      const summary: ImportSummary = { id: r.id, file: r.file, sheet: r.sheet, nominator: r.nominator, imported: r.imported, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected };
      // One entry, however many rows: the counts and the import's id (the rows are in the nominations' sources).
      const line: HistoryEntry = { seq: entry.seq, at: entry.at, actor: entry.actor, type: change.type, changes: [], import: summary };
      return { ...doc, seq: entry.seq, nominations: list, imports: [...doc.imports, r], mappings, history: [...doc.history, line] };
    }
    case 'nomination.edited': {
      const before = mustFind(doc, change.id, entry.seq);
      const edits = Object.fromEntries(Object.entries(before.edits).filter(([k]) => k !== change.field));
      const edited: Nomination = { ...before, edits: change.edit ? { ...edits, [change.field]: change.edit } : edits, updatedAt: change.edit?.at ?? entry.at };
      const after: Nomination = change.rekey ? withKey(edited, change.rekey.key, change.rekey.aliases) : edited;
      const b = effectiveFields(before).fields[change.field] ?? null;
      const a = effectiveFields(after).fields[change.field] ?? null;
      const lines: Changes = [{ key: `nominations.${change.id}.${change.field}`, before: b, after: a }];
      if (after.key !== before.key) lines.push({ key: `nominations.${change.id}.key`, before: before.key, after: after.key });
      return { ...doc, seq: entry.seq, nominations: replaceSome(doc.nominations, [after]), history: history(lines, after) };
    }
    case 'nomination.overridden': {
      const before = mustFind(doc, change.id, entry.seq);
      const after: Nomination = { ...before, override: change.override, updatedAt: change.at };
      return { ...doc, seq: entry.seq, nominations: replaceSome(doc.nominations, [after]), history: history([{ key: `nominations.${change.id}.override`, before: before.override, after: change.override }], after) };
    }
    case 'nominations.merged': {
      const before = mustFind(doc, change.kept.id, entry.seq);
      const merged = mustFind(doc, change.mergedId, entry.seq);
      if (change.mergedId === change.kept.id) throw new ReplayError(`entry ${entry.seq}: a nomination cannot be merged into itself`);
      const list = doc.nominations.filter((n) => n.id !== change.mergedId).map((n) => (n.id === change.kept.id ? change.kept : n));
      const changes: Changes = [
        ...nominationChanges(before, change.kept),
        { key: `nominations.${change.kept.id}.merged`, before: null, after: { id: merged.id, key: merged.key } },
        { key: `nominations.${merged.id}`, before: { key: merged.key, nominators: nominatorsOf(merged) }, after: { mergedInto: change.kept.id } },
      ];
      return { ...doc, seq: entry.seq, nominations: list, history: history(changes, change.kept) };
    }
    case 'nomination.distinct': {
      const a = mustFind(doc, change.id, entry.seq);
      const b = mustFind(doc, change.otherId, entry.seq);
      const mark = (n: Nomination, other: string): Nomination => (n.distinctFrom.includes(other) ? n : { ...n, distinctFrom: [...n.distinctFrom, other], updatedAt: change.at });
      return {
        ...doc,
        seq: entry.seq,
        nominations: replaceSome(doc.nominations, [mark(a, b.id), mark(b, a.id)]),
        history: history([
          { key: `nominations.${a.id}.distinctFrom`, before: a.distinctFrom, after: mark(a, b.id).distinctFrom },
          { key: `nominations.${b.id}.distinctFrom`, before: b.distinctFrom, after: mark(b, a.id).distinctFrom },
        ], a),
      };
    }
  }
}
