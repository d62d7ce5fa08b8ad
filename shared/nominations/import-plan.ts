import type { ColumnGuess, ColumnMapping } from './header.ts';
import { nominatorKey, sameValue } from './merge.ts';
import { memoryOf, type Mappings } from './plan.ts';
import type { ImportRecord, Nomination } from './record.ts';

/**
 * An import committed in parts: a journal line holds at most PART_SIZE nominations (a 100,000-row import is ~50 lines
 * of ≤ ~2 MB, not one line that every later open reads for seconds). Parts 0..of-2 carry only upserts; the last
 * also the ImportRecord, the mapping memory and the one history line. All parts carry the same import record.
 */
export const PART_SIZE = 2_000;

export interface MappingMemoryChange {
  readonly nominator: string;
  readonly mapping: Record<string, string | null>;
}

export interface ImportPart {
  readonly type: 'nominations.imported';
  readonly import: ImportRecord;
  readonly upserts: readonly Nomination[];
  readonly memory: MappingMemoryChange | null;
  /** Absent when the import is one part. */
  readonly part?: { readonly index: number; readonly of: number };
}

/** The layout to remember for `who` (a nominator), or null when there is none or it is already remembered. */
export function memoryChange(mappings: Mappings, who: string, headerRow: number | null, columns: readonly ColumnGuess[], mapping: ColumnMapping): MappingMemoryChange | null {
  if (!who || headerRow === null || !mapping.some((f) => f !== null)) return null;
  const remembered = memoryOf(columns, mapping);
  const key = nominatorKey(who);
  return sameValue(mappings[key], remembered) ? null : { nominator: key, mapping: remembered };
}

/** The changes that commit an import: one when it is small, else parts of ≤ `size` upserts, the last with the memory. */
export function importParts(record: ImportRecord, upserts: readonly Nomination[], memory: MappingMemoryChange | null, size = PART_SIZE): ImportPart[] {
  if (upserts.length <= size) return [{ type: 'nominations.imported', import: record, upserts, memory }];
  const of = Math.ceil(upserts.length / size);
  const parts: ImportPart[] = [];
  // The report goes with the last part only (the record it saves): the parts before carry the record without it.
  const { report: _report, ...bare } = record;
  for (let index = 0; index < of; index++) {
    const last = index === of - 1;
    parts.push({ type: 'nominations.imported', import: last ? record : bare, upserts: upserts.slice(index * size, (index + 1) * size), memory: last ? memory : null, part: { index, of } });
  }
  return parts;
}
