import type { HistoryEntry, ImportSummary } from '../campaign/history.ts';
import { ReplayError, type Outcome, type Slice } from '../campaign/slice.ts';
import type { SetupPart } from '../setup/slice.ts';
import { effectiveFields, labelOf, nominatorsOf, summariseSource } from './merge.ts';
import type { AcceptedIssue, HandEdit, ImportRecord, Nomination, StatusOverride, Withdrawal } from './record.ts';

/** The nominations step's part of the doc (since schema 2). */
export interface NominationsPart {
  /** The campaign's nominations, in import order. */
  readonly nominations: readonly Nomination[];
  /** Every import that changed something, oldest first. */
  readonly imports: readonly ImportRecord[];
  /** The column mapping remembered per nominating organisation: normalised header text → field id (null: ignored). */
  readonly mappings: Readonly<Record<string, Readonly<Record<string, string | null>>>>;
  /**
   * Since schema 5: the parts of an import committed in parts, held until its last part comes, so that an import
   * whose later part failed leaves no rows behind (a new import's first part drops an abandoned one). Absent or null: none.
   */
  readonly importInProgress?: { readonly import: ImportRecord; readonly upserts: readonly Nomination[] } | null;
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
  | { readonly type: 'nomination.distinct'; readonly id: string; readonly otherId: string; readonly at: string }
  /** Since schema 5: many near pairs confirmed as different at once (one history entry). */
  | { readonly type: 'nominations.distinctMany'; readonly pairs: readonly { readonly id: string; readonly otherId: string }[]; readonly at: string }
  /** Since schema 5: a nomination entered by hand (its one source has byHand set). */
  | { readonly type: 'nomination.added'; readonly nomination: Nomination }
  /** Since schema 5: withdrawn with a note (kept, out of the selection); null takes it back into the selection. */
  | { readonly type: 'nomination.withdrawn'; readonly id: string; readonly withdrawn: Withdrawal | null; readonly at: string }
  /** Since schema 5: deleted (it leaves the campaign; the history keeps what it was). */
  | { readonly type: 'nomination.deleted'; readonly id: string; readonly at: string }
  /** Since schema 5: an import problem accepted as it is (its reason goes); field and cell name it in the history. */
  | { readonly type: 'nomination.problemAccepted'; readonly id: string; readonly accepted: AcceptedIssue; readonly field: string; readonly cell: string; readonly value: string | number | boolean | null }
  /** An accepted import problem open again (accepted by mistake): its reason is back. */
  | { readonly type: 'nomination.problemReopened'; readonly id: string; readonly key: string; readonly at: string; readonly field: string; readonly cell: string; readonly value: string | number | boolean | null }
  /**
   * Since schema 5: an import undone (all its parts): `removed` nominations leave, `upserts` lose its sources (the
   * rows they replaced come back), `kept` (edited by hand since, and chosen to stay) keep theirs.
   */
  | { readonly type: 'nominations.importUndone'; readonly importId: string; readonly removed: readonly string[]; readonly upserts: readonly Nomination[]; readonly kept: readonly string[]; readonly at: string };

type Changes = HistoryEntry['changes'][number][];
type EntryMeta = { readonly seq: number; readonly at: string; readonly actor: string };
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

/** A nomination marked as different from another. */
function mark(n: Nomination, other: string, at: string): Nomination {
  return n.distinctFrom.includes(other) ? n : { ...n, distinctFrom: [...n.distinctFrom, other], updatedAt: at };
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
  // A part before the last is held aside: the import's rows arrive, and it is recorded and said, with its last part.
  const held = part && part.index > 0 && doc.importInProgress?.import.id === change.import.id ? doc.importInProgress.upserts : [];
  if (part && part.index < part.of - 1) return { state: { importInProgress: { import: change.import, upserts: [...held, ...change.upserts] } } };
  const nominations = upsert(doc.nominations, held.length > 0 ? [...held, ...change.upserts] : change.upserts);
  let mappings = doc.mappings;
  if (change.memory) {
    // fromEntries, never obj[key] = …: a nominator called "__proto__" stays a plain key.
    mappings = Object.fromEntries([...Object.entries(doc.mappings).filter(([k]) => k !== change.memory!.nominator), [change.memory.nominator, change.memory.mapping]]);
  }
  const r = change.import;
  // One entry, however many rows: the counts and the import's id (the rows are in the nominations' sources).
  return { state: { nominations, imports: [...doc.imports, r], mappings, ...(doc.importInProgress ? { importInProgress: null } : {}) }, line: { changes: [], import: summaryOf(r) } };
}

function summaryOf(r: ImportRecord): ImportSummary {
  return { id: r.id, file: r.file, sheet: r.sheet, nominator: r.nominator, imported: r.imported, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected };
}

/** What a nomination was, for the history of its leaving: its label and nominators. */
function gone(kind: Doc['campaign']['kind'], n: Nomination): { label: string; nominators: string[] } {
  return { label: labelOf(kind, n), nominators: nominatorsOf(n) };
}

function undone(doc: Doc, change: Extract<NominationsChange, { type: 'nominations.importUndone' }>, meta: EntryMeta): Outcome<NominationsPart> {
  const at = doc.imports.findIndex((r) => r.id === change.importId);
  if (at < 0) throw new ReplayError(`entry ${meta.seq}: no import ${change.importId}`);
  const remove = new Set(change.removed);
  for (const id of remove) mustFind(doc, id, meta.seq);
  const kept = replaceSome(doc.nominations, change.upserts);
  const nominations = remove.size > 0 ? kept.filter((n) => !remove.has(n.id)) : kept;
  const record = doc.imports[at]!;
  const imports = doc.imports.slice();
  imports[at] = { ...record, undone: { at: change.at, actor: meta.actor, removed: change.removed.length, kept: change.kept.length } };
  return {
    state: { nominations, imports, ...(doc.importInProgress?.import.id === change.importId ? { importInProgress: null } : {}) },
    line: { changes: [], import: { ...summaryOf(record), undone: { removed: change.removed.length, kept: change.kept.length } } },
  };
}

export const nominationsSlice: Slice<NominationsPart, NominationsChange, SetupPart> = {
  step: 'nominations',
  changeTypes: [
    'nominations.imported', 'nomination.edited', 'nomination.overridden', 'nominations.merged', 'nomination.distinct',
    'nominations.distinctMany', 'nomination.added', 'nomination.withdrawn', 'nomination.deleted', 'nomination.problemAccepted', 'nominations.importUndone',
    'nomination.problemReopened',
  ],
  initial: () => ({ nominations: [], imports: [], mappings: {} }),
  reduce(doc, change, { seq, at, actor }) {
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
          { key: `nominations.${merged.id}`, before: { key: merged.key, label: labelOf(doc.campaign.kind, merged), nominators: nominatorsOf(merged) }, after: { mergedInto: change.kept.id, label: labelOf(doc.campaign.kind, change.kept), about: labelOf(doc.campaign.kind, merged) } },
        ];
        return { state: { nominations }, line: line(changes, change.kept) };
      }
      case 'nomination.distinct': {
        const a = mustFind(doc, change.id, seq);
        const b = mustFind(doc, change.otherId, seq);
        // The lines name the other nomination by its label (the history speaks in words, never ids).
        return {
          state: { nominations: replaceSome(doc.nominations, [mark(a, b.id, change.at), mark(b, a.id, change.at)]) },
          line: line([
            { key: `nominations.${a.id}.distinctFrom`, before: null, after: { about: labelOf(doc.campaign.kind, a), other: labelOf(doc.campaign.kind, b) } },
            { key: `nominations.${b.id}.distinctFrom`, before: null, after: { about: labelOf(doc.campaign.kind, b), other: labelOf(doc.campaign.kind, a) } },
          ], a),
        };
      }
      case 'nominations.distinctMany': {
        const next = new Map<string, Nomination>();
        const changes: Changes = [];
        const get = (id: string) => next.get(id) ?? mustFind(doc, id, seq);
        for (const p of change.pairs) {
          const a = get(p.id);
          const b = get(p.otherId);
          if (a.id === b.id) throw new ReplayError(`entry ${seq}: a nomination cannot be different from itself`);
          next.set(a.id, mark(a, b.id, change.at));
          next.set(b.id, mark(b, a.id, change.at));
          // Many nominations in one entry: each line names its own (about), the history has no one subject for them.
          changes.push({ key: `nominations.${a.id}.distinctFrom`, before: null, after: { about: labelOf(doc.campaign.kind, a), other: labelOf(doc.campaign.kind, b) } });
        }
        return { state: { nominations: replaceSome(doc.nominations, [...next.values()]) }, line: { changes } };
      }
      case 'nomination.added': {
        const n = change.nomination;
        if (findNomination(doc, n.id)) throw new ReplayError(`entry ${seq}: nomination ${n.id} is already there`);
        const s = n.sources[0];
        return { state: { nominations: upsert(doc.nominations, [n]) }, line: line([{ key: `nominations.${n.id}`, before: null, after: { key: n.key, byHand: true, nominator: s?.nominator ?? '' } }], n) };
      }
      case 'nomination.withdrawn': {
        const before = mustFind(doc, change.id, seq);
        const after: Nomination = { ...before, withdrawn: change.withdrawn, updatedAt: change.at };
        return { state: { nominations: replaceSome(doc.nominations, [after]) }, line: line([{ key: `nominations.${change.id}.withdrawn`, before: before.withdrawn ?? null, after: change.withdrawn }], after) };
      }
      case 'nomination.deleted': {
        const before = mustFind(doc, change.id, seq);
        return {
          state: { nominations: doc.nominations.filter((n) => n.id !== change.id) },
          line: line([{ key: `nominations.${change.id}`, before: gone(doc.campaign.kind, before), after: null }], before),
        };
      }
      case 'nomination.problemAccepted': {
        const before = mustFind(doc, change.id, seq);
        if ((before.accepted ?? []).some((a) => a.key === change.accepted.key)) return {};
        const after: Nomination = { ...before, accepted: [...(before.accepted ?? []), change.accepted], updatedAt: change.accepted.at };
        return {
          state: { nominations: replaceSome(doc.nominations, [after]) },
          line: line([{ key: `nominations.${change.id}.accepted`, before: null, after: { field: change.field, cell: change.cell, value: change.value } }], after),
        };
      }
      case 'nomination.problemReopened': {
        const before = mustFind(doc, change.id, seq);
        const accepted = (before.accepted ?? []).filter((a) => a.key !== change.key);
        if (accepted.length === (before.accepted ?? []).length) return {};
        const after: Nomination = { ...before, accepted, updatedAt: change.at };
        return {
          state: { nominations: replaceSome(doc.nominations, [after]) },
          line: line([{ key: `nominations.${change.id}.accepted`, before: { field: change.field, cell: change.cell, value: change.value }, after: null }], after),
        };
      }
      case 'nominations.importUndone':
        return undone(doc, change, { seq, at, actor });
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
    // 4 → 5: import problems kept on sources, accepted problems, withdrawals, hand-added nominations, reports kept
    // with their imports, undone imports: all optional, absent on what is there. A big import whose later part never
    // came (it failed) left its first parts' new rows behind, never reported: they leave now (nominations none of
    // whose sources belongs to a recorded import).
    4: (doc) => {
      const imports = Array.isArray(doc.imports) ? (doc.imports as { id?: unknown }[]) : [];
      const known = new Set(imports.map((r) => r.id));
      const list = Array.isArray(doc.nominations) ? (doc.nominations as { sources?: { importId?: unknown }[] }[]) : [];
      const orphan = (n: { sources?: { importId?: unknown }[] }) => Array.isArray(n.sources) && n.sources.length > 0 && n.sources.every((s) => typeof s.importId === 'string' && s.importId !== '' && !known.has(s.importId));
      return list.some(orphan) ? { ...doc, nominations: list.filter((n) => !orphan(n)) } : doc;
    },
  },
  words: {
    'zh-CN': {
      'nominations.imported': '导入',
      'nomination.edited': '手工修改',
      'nomination.overridden': '人工改判',
      'nominations.merged': '合并重复项',
      'nomination.distinct': '确认不是重复',
      'nominations.distinctMany': '批量确认不是重复',
      'nomination.added': '手工添加',
      'nomination.withdrawn': '撤回',
      'nomination.deleted': '删除',
      'nomination.problemAccepted': '接受导入问题',
      'nomination.problemReopened': '撤销接受导入问题',
      'nominations.importUndone': '撤销导入',
    },
    en: {
      'nominations.imported': 'Import',
      'nomination.edited': 'Edited by hand',
      'nomination.overridden': 'Override',
      'nominations.merged': 'Duplicates merged',
      'nomination.distinct': 'Confirmed different',
      'nominations.distinctMany': 'Confirmed different (many)',
      'nomination.added': 'Added by hand',
      'nomination.withdrawn': 'Withdrawal',
      'nomination.deleted': 'Deleted',
      'nomination.problemAccepted': 'Import problem accepted',
      'nomination.problemReopened': 'Import problem reopened',
      'nominations.importUndone': 'Import undone',
    },
  },
};
