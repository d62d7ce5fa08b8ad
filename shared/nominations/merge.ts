import type { CampaignKind } from '../campaign/model.ts';
import { identityField } from './fields.ts';
import type { FieldValue, ImportIssue, NominationDraft } from './map-rows.ts';
import { issuesByRow } from './problems.ts';
import type { Nomination, NominationSource, SourceIssue } from './record.ts';
import { cleanText, normaliseKeyText } from './values.ts';

/**
 * Folding a sheet's drafts into the campaign's nominations. Pure: the clock and the id generator are passed in.
 *  - the same key is the same nomination;
 *  - the same nomination from another nominator is a second source (one nomination, two nominators);
 *  - a row from a nominator who already sent it replaces that nominator's source when it differs, else nothing;
 *  - hand edits live apart from the sources, so no import ever overwrites them.
 */

export interface ImportMeta {
  readonly importId: string;
  readonly file: string;
  readonly sha256: string;
  readonly sheet: string;
  /** The nominating organisation for rows that do not name one ('' when none was given). */
  readonly nominator: string;
}

export type RowFate = 'new' | 'adds-nominator' | 'updates' | 'unchanged' | 'duplicate';

export interface MergeInput {
  readonly kind: CampaignKind;
  readonly existing: readonly Nomination[];
  readonly drafts: readonly NominationDraft[];
  readonly importMeta: ImportMeta;
  readonly now: string;
  readonly newId: () => string;
  /** The sheet's problems: those about a row's values are kept on its source (problems.ts). */
  readonly issues?: readonly ImportIssue[];
}

export interface MergeResult {
  /** New and changed nominations, whole, in the order first touched. */
  readonly upserts: Nomination[];
  /** Nominations created. */
  readonly imported: number;
  /** Existing nominations changed (a new or changed source). */
  readonly updated: number;
  /** Rows that changed nothing. */
  readonly unchanged: number;
  /** Rows repeating an earlier row of the same file and nominator: passed over. */
  readonly duplicates: number;
  /** One per draft, in order: its Excel row, its fate and the nomination it went to. */
  readonly fates: { readonly row: number; readonly fate: RowFate; readonly id: string }[];
}

/** The nominator as a source keeps it: the row's own, else the import's. */
export function draftNominator(draft: NominationDraft, fallback: string): string {
  const own = draft.fields.nominator;
  return typeof own === 'string' && own.trim() ? own : cleanText(fallback);
}

/** Nominators are the same organisation when their normalised names are equal ('中国化学会 ' = '中国化学会'). */
export function nominatorKey(name: string): string {
  return normaliseKeyText(name);
}

/** Deep equality of plain JSON-like values (key order ignored; an undefined property is an absent one). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b || (a === undefined && b === undefined);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], bb[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let nx = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    nx++;
    if (!sameValue(x[k], y[k])) return false;
  }
  let ny = 0;
  for (const k in y) if (y[k] !== undefined) ny++;
  return nx === ny;
}

/** Whether a row says what a source already says (where it was read from aside). */
function sameContent(s: NominationSource, draft: NominationDraft, nominator: string): boolean {
  if (nominatorKey(s.nominator) !== nominatorKey(nominator) || s.extra.length !== draft.extra.length) return false;
  for (let i = 0; i < s.extra.length; i++) {
    const a = s.extra[i]!;
    const b = draft.extra[i]!;
    if (a.header !== b.header || !sameValue(a.value, b.value)) return false;
  }
  return sameValue(s.fields, draft.fields);
}

function toSource(draft: NominationDraft, meta: ImportMeta, now: string, issues?: readonly SourceIssue[]): NominationSource {
  return {
    ...(issues && issues.length > 0 ? { issues } : {}),
    importId: meta.importId,
    file: meta.file,
    sha256: meta.sha256,
    sheet: draft.source.sheet,
    row: draft.source.row,
    nominator: draftNominator(draft, meta.nominator),
    // A plain object (drafts use null prototypes): it goes through JSON and structured clone unchanged.
    fields: { ...draft.fields },
    extra: draft.extra,
    at: now,
  };
}

export function mergeImport(input: MergeInput): MergeResult {
  const { existing, drafts, importMeta, now, newId } = input;
  const problems = issuesByRow(input.issues ?? []);
  const source = (draft: NominationDraft): NominationSource => toSource(draft, importMeta, now, problems.get(draft.source.row));
  // Key → nomination id: keys first, then aliases (keys sources were imported under before a hand edit re-keyed
  // the nomination), so a file written with the old value finds it. Ids, so a change is seen under every key.
  const idByKey = new Map<string, string>();
  const byId = new Map<string, Nomination>();
  for (const n of existing) {
    byId.set(n.id, n);
    if (!idByKey.has(n.key)) idByKey.set(n.key, n.id);
  }
  for (const n of existing) for (const a of n.aliases ?? []) if (!idByKey.has(a)) idByKey.set(a, n.id);
  const byKey = {
    get: (key: string): Nomination | undefined => {
      const id = idByKey.get(key);
      return id === undefined ? undefined : byId.get(id);
    },
    set: (n: Nomination): void => {
      byId.set(n.id, n);
      if (!idByKey.has(n.key)) idByKey.set(n.key, n.id);
    },
  };
  const touched = new Map<string, Nomination>();
  const created = new Set<string>();
  const seenInFile = new Set<string>();
  const fates: { row: number; fate: RowFate; id: string }[] = [];
  let unchanged = 0;
  let duplicates = 0;

  for (const draft of drafts) {
    const nominator = draftNominator(draft, importMeta.nominator);
    const who = nominatorKey(nominator);
    const fileKey = `${draft.key}\u0000${who}`;
    const current = byKey.get(draft.key);
    if (seenInFile.has(fileKey)) {
      duplicates++;
      fates.push({ row: draft.source.row, fate: 'duplicate', id: current?.id ?? '' });
      continue;
    }
    seenInFile.add(fileKey);
    if (!current) {
      const n: Nomination = { id: newId(), key: draft.key, sources: [source(draft)], edits: {}, override: null, distinctFrom: [], createdAt: now, updatedAt: now };
      byKey.set(n);
      touched.set(n.id, n);
      created.add(n.id);
      fates.push({ row: draft.source.row, fate: 'new', id: n.id });
      continue;
    }
    const at = current.sources.findIndex((s) => nominatorKey(s.nominator) === who);
    let next: Nomination;
    let fate: RowFate;
    if (at < 0) {
      next = { ...current, sources: [...current.sources, source(draft)], updatedAt: now };
      fate = 'adds-nominator';
    } else if (sameContent(current.sources[at]!, draft, nominator)) {
      unchanged++;
      fates.push({ row: draft.source.row, fate: 'unchanged', id: current.id });
      continue;
    } else {
      const sources = current.sources.slice();
      // The row it replaces is kept inside it, so undoing this import gives the nominator's earlier row back.
      sources[at] = { ...source(draft), replaced: current.sources[at]! };
      next = { ...current, sources, updatedAt: now };
      fate = 'updates';
    }
    byKey.set(next);
    touched.set(next.id, next);
    fates.push({ row: draft.source.row, fate, id: next.id });
  }
  const upserts = [...touched.values()];
  return { upserts, imported: created.size, updated: upserts.length - created.size, unchanged, duplicates, fates };
}

export interface Disagreement {
  readonly field: string;
  /** Each source's value, in source order. */
  readonly values: readonly { readonly nominator: string; readonly value: FieldValue }[];
}

export interface Effective {
  /** Hand edits over the first source; a field the first source lacks comes from the next source that has it. */
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** Fields where the sources give different values (fields corrected by hand are settled, so not listed). */
  readonly disagreements: readonly Disagreement[];
  readonly edited: readonly string[];
}

/** Fields where disagreement is expected and says nothing: each source names its own nominator. */
const OWN_FIELDS = new Set(['nominator']);

const effectiveCache = new WeakMap<Nomination, Effective>();

export function effectiveFields(n: Nomination): Effective {
  const hit = effectiveCache.get(n);
  if (hit) return hit;
  const fields: Record<string, FieldValue> = {};
  const seen = new Map<string, { nominator: string; value: FieldValue }[]>();
  for (const s of n.sources) {
    for (const [k, v] of Object.entries(s.fields)) {
      if (!(k in fields)) Object.defineProperty(fields, k, { value: v, enumerable: true, writable: true, configurable: true });
      const list = seen.get(k);
      if (list) list.push({ nominator: s.nominator, value: v });
      else seen.set(k, [{ nominator: s.nominator, value: v }]);
    }
  }
  const edited = Object.keys(n.edits);
  for (const k of edited) {
    const e = n.edits[k]!;
    if (e.value === null) delete fields[k];
    else Object.defineProperty(fields, k, { value: e.value, enumerable: true, writable: true, configurable: true });
  }
  const disagreements: Disagreement[] = [];
  for (const [field, values] of seen) {
    if (OWN_FIELDS.has(field) || edited.includes(field) || values.length < 2) continue;
    const first = values[0]!.value;
    if (values.some((v) => !sameValue(v.value, first))) disagreements.push({ field, values });
  }
  const out = { fields, disagreements, edited };
  effectiveCache.set(n, out);
  return out;
}

/** The nominators of a nomination, one per source, as they wrote their names. */
export function nominatorsOf(n: Nomination): string[] {
  const out: string[] = [];
  const keys = new Set<string>();
  for (const s of n.sources) {
    const k = nominatorKey(s.nominator);
    if (!keys.has(k) && s.nominator) {
      keys.add(k);
      out.push(s.nominator);
    }
  }
  return out;
}

/** The label (title or name) a nomination is shown by. */
export function labelOf(kind: CampaignKind, n: Nomination): string {
  const v = effectiveFields(n).fields[identityField(kind).id];
  return typeof v === 'string' ? v : '';
}

/** Where a source came from, for the history. */
export function summariseSource(s: NominationSource): { nominator: string; file: string; sheet: string; row: number } {
  return { nominator: s.nominator, file: s.file, sheet: s.sheet, row: s.row };
}

/**
 * Join `other` into `kept` (a near match confirmed as the same nomination): other's sources from nominators kept
 * has not heard from are added; kept's hand edits win, other's fill the fields kept did not correct.
 */
export function joinNominations(kept: Nomination, other: Nomination, now: string): Nomination {
  const have = new Set(kept.sources.map((s) => nominatorKey(s.nominator)));
  const joined = other.sources.filter((s) => !have.has(nominatorKey(s.nominator)));
  const sources = [...kept.sources, ...joined];
  const edits = { ...other.edits, ...kept.edits };
  const distinctFrom = [...new Set([...kept.distinctFrom, ...other.distinctFrom])].filter((id) => id !== kept.id && id !== other.id);
  // Other's keys come along with its sources, so re-importing its files finds the joined nomination.
  const aliases = [...new Set([...(kept.aliases ?? []), ...(joined.length > 0 ? [other.key, ...(other.aliases ?? [])] : [])])].filter((k) => k !== kept.key);
  return { ...kept, sources, edits, distinctFrom, ...(aliases.length > 0 ? { aliases } : {}), updatedAt: now };
}
