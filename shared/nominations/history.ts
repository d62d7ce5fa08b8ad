import { historyEntries, type HistoryEntry, type HistoryLog } from '../campaign/history.ts';
import { summariseSource } from './merge.ts';
import type { ImportRecord, Nomination } from './record.ts';

type Line = HistoryEntry['changes'][number];

/**
 * One nomination's history, oldest first: the entries whose lines are about it (hand edits, overrides, merges, and
 * imports saved with their lines before imports were kept short), each with only those lines; and for each short
 * import entry (one per import, `import` set) the lines its sources give:
 *  - the import that created it: `nominations.<id>`, before null, after the source (nominator, file, sheet, row);
 *  - an import that gave it another source, or replaced one: `nominations.<id>.sources`, before null, after it.
 * A source a later import replaced is no longer there, so that earlier import shows no line (and what a replaced
 * row said before is not kept: the import's record says how many rows changed). Pure.
 *
 * The creating import is the one whose record's time is the nomination's createdAt (the service gives both the same
 * time) and that it has a source from; with none such, the first at that time.
 */
export function nominationHistory(n: Nomination, log: HistoryLog | readonly HistoryEntry[], imports: readonly ImportRecord[]): HistoryEntry[] {
  const history: readonly HistoryEntry[] = Array.isArray(log) ? log : historyEntries(log as HistoryLog);
  const prefix = `nominations.${n.id}`;
  const mine = (k: string) => k === prefix || k.startsWith(`${prefix}.`);
  const at = new Map(imports.map((r) => [r.id, r.at]));
  const bySource = new Map<string, Nomination['sources'][number][]>();
  for (const s of n.sources) {
    const l = bySource.get(s.importId);
    if (l) l.push(s);
    else bySource.set(s.importId, [s]);
  }
  const atCreation = history.filter((h) => h.import && !h.import.undone && at.get(h.import.id) === n.createdAt).map((h) => h.import!.id);
  const creator = atCreation.find((id) => bySource.has(id)) ?? atCreation[0] ?? null;
  const out: HistoryEntry[] = [];
  for (const h of history) {
    if (h.import?.undone) {
      // An undone import: the nominations it touched are named by the import's own entry.
      if (bySource.has(h.import.id) || h.changes.some((c) => mine(c.key))) out.push({ ...h, changes: h.changes.filter((c) => mine(c.key)) });
      continue;
    }
    if (h.import) {
      const sources = bySource.get(h.import.id) ?? [];
      const lines: Line[] = [];
      if (h.import.id === creator) {
        const first = sources[0];
        lines.push({ key: prefix, before: null, after: first ? summariseSource(first) : { nominator: h.import.nominator, file: h.import.file, sheet: h.import.sheet } });
        for (const s of sources.slice(1)) lines.push({ key: `${prefix}.sources`, before: null, after: summariseSource(s) });
      } else {
        for (const s of sources) lines.push({ key: `${prefix}.sources`, before: null, after: summariseSource(s) });
      }
      if (lines.length > 0) out.push({ ...h, changes: lines });
      continue;
    }
    if (h.changes.some((c) => mine(c.key))) out.push({ ...h, changes: h.changes.filter((c) => mine(c.key)) });
  }
  return out;
}
