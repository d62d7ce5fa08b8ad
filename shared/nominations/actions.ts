import type { CampaignKind } from '../campaign/model.ts';
import { fieldsFor, identityField } from './fields.ts';
import { nominationKey, parseField, type FieldValue } from './map-rows.ts';
import { labelOf } from './merge.ts';
import type { Nomination, NominationSource } from './record.ts';
import { cleanText } from './values.ts';

/**
 * The secretary's actions on the list that are more than an edit (issue 9, item 2): a nomination added by hand, and
 * an import undone. Pure: the clock, ids and actor are passed in.
 */

/** A value a hand-added nomination's form refused: its field and why (a value error code, or REQUIRED_MISSING). */
export interface FormProblem {
  readonly field: string;
  readonly code: string;
}

export type HandAdded = { readonly ok: true; readonly nomination: Nomination } | { readonly ok: false; readonly problems: readonly FormProblem[] };

/**
 * A nomination from a hand-filled form, read as an imported row's cells are (parseField): a value that an import
 * would not take is refused, and so is a form without the identity field (title or name). Its one source is by hand.
 */
export function handNomination(kind: CampaignKind, values: Readonly<Record<string, unknown>>, meta: { id: string; at: string; actor: string }): HandAdded {
  const problems: FormProblem[] = [];
  const fields: Record<string, FieldValue> = {};
  for (const def of fieldsFor(kind)) {
    if (!Object.prototype.hasOwnProperty.call(values, def.id)) continue;
    const parsed = parseField(def, values[def.id]);
    if ('error' in parsed) problems.push({ field: def.id, code: parsed.error });
    else if (parsed.value !== null) fields[def.id] = parsed.value;
  }
  const id = identityField(kind).id;
  if (fields[id] === undefined && !problems.some((p) => p.field === id)) problems.push({ field: id, code: 'REQUIRED_MISSING' });
  const key = nominationKey(kind, fields);
  if (problems.length > 0 || key === null) return { ok: false, problems };
  const nominator = typeof fields.nominator === 'string' ? cleanText(fields.nominator) : '';
  const source: NominationSource = { importId: '', file: '', sha256: '', sheet: '', row: 0, nominator, fields, extra: [], at: meta.at, byHand: { actor: meta.actor } };
  return { ok: true, nomination: { id: meta.id, key, sources: [source], edits: {}, override: null, distinctFrom: [], createdAt: meta.at, updatedAt: meta.at } };
}

export interface UndoPlan {
  /** Nominations that leave: every source of theirs came from the import. */
  readonly removed: string[];
  /** Nominations that stay with the import's sources taken out (the rows they replaced given back). */
  readonly upserts: Nomination[];
  /** Nominations from the import alone but changed by hand since, kept as they are (the secretary chose to keep them). */
  readonly kept: string[];
  /** Those changed by hand since (hand edits, an override, a withdrawal, an accepted problem), named. */
  readonly edited: { readonly id: string; readonly label: string }[];
}

/** A source with the import's rows taken out of it and of the rows it replaced; null when it was the import's own. */
function withoutImport(s: NominationSource, importId: string): NominationSource | null {
  if (s.importId === importId) return s.replaced ? withoutImport(s.replaced, importId) : null;
  if (!s.replaced) return s;
  const earlier = withoutImport(s.replaced, importId);
  if (earlier === s.replaced) return s;
  const { replaced: _r, ...rest } = s;
  return earlier ? { ...rest, replaced: earlier } : rest;
}

function changedByHand(n: Nomination): boolean {
  return Object.keys(n.edits).length > 0 || n.override !== null || !!n.withdrawn || (n.accepted?.length ?? 0) > 0;
}

/**
 * Undoing an import (all its parts): its new nominations leave, its added rows leave the nominations they joined, a
 * row it replaced comes back. A nomination from this import alone that was changed by hand since is named in `edited`;
 * `keep` says what becomes of those: kept whole, or removed with the rest.
 */
export function planUndo(kind: CampaignKind, list: readonly Nomination[], importId: string, keep: boolean, at: string): UndoPlan {
  const removed: string[] = [];
  const upserts: Nomination[] = [];
  const kept: string[] = [];
  const edited: { id: string; label: string }[] = [];
  for (const n of list) {
    let touched = false;
    const sources: NominationSource[] = [];
    for (const s of n.sources) {
      const next = withoutImport(s, importId);
      if (next !== s) touched = true;
      if (next) sources.push(next);
    }
    if (!touched) continue;
    if (sources.length > 0) {
      upserts.push({ ...n, sources, updatedAt: at });
      continue;
    }
    if (changedByHand(n)) {
      edited.push({ id: n.id, label: labelOf(kind, n) });
      if (keep) {
        kept.push(n.id);
        continue;
      }
    }
    removed.push(n.id);
  }
  return { removed, upserts, kept, edited };
}
