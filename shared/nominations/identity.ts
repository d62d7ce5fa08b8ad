import type { CampaignKind } from '../campaign/model.ts';
import { nominationKey } from './map-rows.ts';
import { effectiveFields } from './merge.ts';
import type { Nomination } from './record.ts';

/**
 * A nomination's identity after a hand edit. Its key is what its effective values say (nominationKey: the DOI, or
 * the title and year, …), so a corrected title or DOI finds the duplicates it really has. The keys its sources were
 * imported under stay as aliases: re-importing a society's file, written with the old value, still finds it (and the
 * hand edit still wins). Pure.
 */

/** The keys a nomination answers to: its key first, then its aliases. */
export function keysOf(n: Nomination): string[] {
  return [n.key, ...(n.aliases ?? [])];
}

/**
 * The key and aliases of `after` (a nomination whose edits changed) when they differ from `before`'s, else null.
 * The aliases: `before`'s, and the key each source was imported under, less the new key. With no identity left
 * (a paper without DOI whose title was cleared) the key stays as it was.
 */
export function rekey(kind: CampaignKind, before: Nomination, after: Nomination): { key: string; aliases: string[] } | null {
  const key = nominationKey(kind, effectiveFields(after).fields);
  if (key === null) return null;
  const known = new Set(before.aliases ?? []);
  for (const s of after.sources) {
    const k = nominationKey(kind, s.fields);
    if (k !== null) known.add(k);
  }
  known.delete(key);
  const aliases = [...known];
  const had = before.aliases ?? [];
  if (key === before.key && aliases.length === had.length && aliases.every((a, i) => a === had[i])) return null;
  return { key, aliases };
}

/** Another nomination than `id` that answers to `key` (by its key or one of its aliases), if any. */
export function keyHolder(list: readonly Nomination[], key: string, id: string): Nomination | undefined {
  return list.find((n) => n.id !== id && (n.key === key || (n.aliases ?? []).includes(key)));
}
