import type { HistoryEntry, ImportSummary } from '../campaign/history.ts';
import { ReplayError, type Outcome, type Slice } from '../campaign/slice.ts';
import type { SetupPart } from '../setup/slice.ts';
import { effectiveFields, labelOf, nominatorsOf, summariseSource } from './merge.ts';
import type { HandEdit, ImportRecord, Nomination, StatusOverride } from './record.ts';

/** The nominations step's part of the doc (since schema 2). */
export interface NominationsPart {
  /** The campaign's nominations, in import order. */
  readonly nominations: readonly Nomination[];
  /** Every import that changed something, oldest first. */
  readonly imports: readonly ImportRecord[];
  /** The column mapping remembered per nominating organisation: normalised header text → field id (null: ignored). */
  readonly mappings: Readonly<Record<string, Readonly<Record<string, string | null>>>>;
}

/** What an import asks the store to remember for a nominator's next workbook. */
export interface MappingMemory {
  readonly nominator: string;
  readonly mapping: Readonly<Record<string, string | null>>;
}

/** Which piece of an import committed in pieces this is: 0-based `index` of `of` pieces. */
export interface ImportPart {
  readonly index: number;
  readonly of: number;
}

export type NominationsChange =
  /**
   * One import of one sheet: new and changed nominations whole. A big import may be committed in `part`s, so that
   * no journal line is huge: every part carries the same `import` and some upserts; only the last part
   * (index === of - 1) records the import, remembers the mapping and writes the history line. Without `part`: whole.
   */
  | { readonly type: 'nominations.imported'; readonly import: ImportRecord; readonly upserts: readonly Nomination[]; readonly memory: MappingMemory | null; readonly part?: ImportPart }
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

type Changes = HistoryEntry['changes'][number][];
type Doc = SetupPart & NominationsPart;

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

export function findNomination(doc: Pick<NominationsPart, 'nominations'>, id: string): Nomination | undefined {
  const i = nominationIndex(doc.nominations).get(id);
  return i === undefined ? undefined : doc.nominations[i];
}

function mustFind(doc: Doc, id: string, seq: number): Nomination {
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

/** New nominations appended, known ones replaced in place. */
function upsert(list: readonly Nomination[], upserts: readonly Nomination[]): readonly Nomination[] {
  const nextIdx = new Map(nominationIndex(list));
  const out = list.slice();
  for (const n of upserts) {
    const i = nextIdx.get(n.id);
    if (i === undefined) {
      nextIdx.set(n.id, out.length);
      out.push(n);
    } else out[i] = n;
  }
  positions.set(out, nextIdx);
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

function imported(doc: Doc, change: Extract<NominationsChange, { type: 'nominations.imported' }>, seq: number): Outcome<NominationsPart> {
  const { part } = change;
  if (part && !(Number.isInteger(part.of) && part.of >= 1 && Number.isInteger(part.index) && part.index >= 0 && part.index < part.of)) {
    throw new ReplayError(`entry ${seq}: import part ${part.index} of ${part.of} is not a part`);
  }
  const nominations = upsert(doc.nominations, change.upserts);
  // A part before the last: its rows only. The import is recorded, and said, once, by its last part.
  if (part && part.index < part.of - 1) return { state: { nominations } };
  let mappings = doc.mappings;
  if (change.memory) {
    // fromEntries, never obj[key] = …: a nominator called "__proto__" stays a plain key.
    mappings = Object.fromEntries([...Object.entries(doc.mappings).filter(([k]) => k !== change.memory!.nominator), [change.memory.nominator, change.memory.mapping]]);
  }
  const r = change.import;
  const summary: ImportSummary = { id: r.id, file: r.file, sheet: r.sheet, nominator: r.nominator, imported: r.imported, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected };
  // One entry, however many rows: the counts and the import's id (the rows are in the nominations' sources).
  return { state: { nominations, imports: [...doc.imports, r], mappings }, line: { changes: [], import: summary } };
}

export const nominationsSlice: Slice<NominationsPart, NominationsChange, SetupPart> = {
  step: 'nominations',
  changeTypes: ['nominations.imported', 'nomination.edited', 'nomination.overridden', 'nominations.merged', 'nomination.distinct'],
  initial: () => ({ nominations: [], imports: [], mappings: {} }),
  reduce(doc, change, { seq, at }) {
    if (!doc) throw new ReplayError(`entry ${seq}: no campaign to change`);
    const line = (changes: Changes, about: Nomination) => ({ changes, subject: { id: about.id, label: labelOf(doc.campaign.kind, about) } });
    switch (change.type) {
      case 'nominations.imported':
        return imported(doc, change, seq);
      case 'nomination.edited': {
        const before = mustFind(doc, change.id, seq);
        const edits = Object.fromEntries(Object.entries(before.edits).filter(([k]) => k !== change.field));
        const edited: Nomination = { ...before, edits: change.edit ? { ...edits, [change.field]: change.edit } : edits, updatedAt: change.edit?.at ?? at };
        const after: Nomination = change.rekey ? withKey(edited, change.rekey.key, change.rekey.aliases) : edited;
        const b = effectiveFields(before).fields[change.field] ?? null;
        const a = effectiveFields(after).fields[change.field] ?? null;
        const lines: Changes = [{ key: `nominations.${change.id}.${change.field}`, before: b, after: a }];
        if (after.key !== before.key) lines.push({ key: `nominations.${change.id}.key`, before: before.key, after: after.key });
        return { state: { nominations: replaceSome(doc.nominations, [after]) }, line: line(lines, after) };
      }
      case 'nomination.overridden': {
        const before = mustFind(doc, change.id, seq);
        const after: Nomination = { ...before, override: change.override, updatedAt: change.at };
        return { state: { nominations: replaceSome(doc.nominations, [after]) }, line: line([{ key: `nominations.${change.id}.override`, before: before.override, after: change.override }], after) };
      }
      case 'nominations.merged': {
        const before = mustFind(doc, change.kept.id, seq);
        const merged = mustFind(doc, change.mergedId, seq);
        if (change.mergedId === change.kept.id) throw new ReplayError(`entry ${seq}: a nomination cannot be merged into itself`);
        const nominations = doc.nominations.filter((n) => n.id !== change.mergedId).map((n) => (n.id === change.kept.id ? change.kept : n));
        const changes: Changes = [
          ...nominationChanges(before, change.kept),
          { key: `nominations.${change.kept.id}.merged`, before: null, after: { id: merged.id, key: merged.key } },
          { key: `nominations.${merged.id}`, before: { key: merged.key, nominators: nominatorsOf(merged) }, after: { mergedInto: change.kept.id } },
        ];
        return { state: { nominations }, line: line(changes, change.kept) };
      }
      case 'nomination.distinct': {
        const a = mustFind(doc, change.id, seq);
        const b = mustFind(doc, change.otherId, seq);
        const mark = (n: Nomination, other: string): Nomination => (n.distinctFrom.includes(other) ? n : { ...n, distinctFrom: [...n.distinctFrom, other], updatedAt: change.at });
        return {
          state: { nominations: replaceSome(doc.nominations, [mark(a, b.id), mark(b, a.id)]) },
          line: line([
            { key: `nominations.${a.id}.distinctFrom`, before: a.distinctFrom, after: mark(a, b.id).distinctFrom },
            { key: `nominations.${b.id}.distinctFrom`, before: b.distinctFrom, after: mark(b, a.id).distinctFrom },
          ], a),
        };
      }
    }
  },
  migrations: {
    // 1 → 2: nominations arrive: the nominations, the imports, and the column mapping remembered per nominator.
    // What is already there (a partly written doc) is kept; what is malformed is replaced.
    1: (doc) => ({
      ...doc,
      nominations: Array.isArray(doc.nominations) ? doc.nominations : [],
      imports: Array.isArray(doc.imports) ? doc.imports : [],
      mappings: doc.mappings !== null && typeof doc.mappings === 'object' && !Array.isArray(doc.mappings) ? doc.mappings : {},
    }),
    // 2 → 3: a nomination may carry aliases (the keys its sources were imported under, once a hand edit of its title,
    // DOI, year… gave it a new key). Older nominations have none, and the property stays absent; the version says
    // that a PanelDesk which would ignore aliases (and import those files again as new nominations) must not open it.
    2: (doc) => doc,
  },
  words: {
    'zh-CN': {
      'nominations.imported': '导入',
      'nomination.edited': '手工修改',
      'nomination.overridden': '人工改判',
      'nominations.merged': '合并重复项',
      'nomination.distinct': '确认不是重复',
    },
    en: {
      'nominations.imported': 'Import',
      'nomination.edited': 'Edited by hand',
      'nomination.overridden': 'Override',
      'nominations.merged': 'Duplicates merged',
      'nomination.distinct': 'Confirmed different',
    },
  },
};
