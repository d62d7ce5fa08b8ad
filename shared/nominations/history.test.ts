import { describe, expect, it } from 'vitest';
import { historyFrom, type HistoryEntry } from '../campaign/history.ts';
import { nominationHistory } from './history.ts';
import type { ImportRecord, Nomination, NominationSource } from './record.ts';

function record(id: string, file: string, at: string, nominator = '学会甲'): ImportRecord {
  return { id, file, sha256: 's', size: 1, sheet: 'S', nominator, mapping: {}, at, actor: 'me', imported: 1, updated: 0, unchanged: 0, rejected: 0 };
}

function importEntry(seq: number, r: ImportRecord): HistoryEntry {
  return { seq, at: r.at, actor: 'me', type: 'nominations.imported', changes: [], import: { id: r.id, file: r.file, sheet: r.sheet, nominator: r.nominator, imported: r.imported, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected } };
}

function source(importId: string, file: string, row: number, nominator: string): NominationSource {
  return { importId, file, sha256: 's', sheet: 'S', row, nominator, fields: { title: 'A' }, extra: [], at: 't' };
}

const a = record('i1', 'a.xlsx', '2026-03-01T00:00:00.000Z');
const b = record('i2', 'b.xlsx', '2026-03-02T00:00:00.000Z', '学会乙');
const n: Nomination = { id: 'n1', key: 'title:a|', sources: [source('i1', 'a.xlsx', 4, '学会甲'), source('i2', 'b.xlsx', 7, '学会乙')], edits: {}, override: null, distinctFrom: [], createdAt: a.at, updatedAt: b.at };
const edit: HistoryEntry = { seq: 3, at: 't3', actor: 'me', type: 'nomination.edited', changes: [{ key: 'nominations.n1.year', before: null, after: 2025 }] };
const otherEdit: HistoryEntry = { seq: 4, at: 't4', actor: 'me', type: 'nomination.edited', changes: [{ key: 'nominations.n10.year', before: null, after: 2025 }] };

describe('nominationHistory', () => {
  it('an import that created it, another that added a source, and its own hand edits; nothing of others', () => {
    const h = nominationHistory(n, [importEntry(1, a), importEntry(2, b), edit, otherEdit], [a, b]);
    expect(h.map((x) => x.seq)).toEqual([1, 2, 3]);
    expect(h[0]!.changes).toEqual([{ key: 'nominations.n1', before: null, after: { nominator: '学会甲', file: 'a.xlsx', sheet: 'S', row: 4 } }]);
    expect(h[1]!.changes).toEqual([{ key: 'nominations.n1.sources', before: null, after: { nominator: '学会乙', file: 'b.xlsx', sheet: 'S', row: 7 } }]);
    expect(h[1]!.import).toMatchObject({ id: 'i2', file: 'b.xlsx' });
    expect(h[2]).toEqual(edit);
    // The doc's history as it is kept (in chunks) reads the same.
    expect(nominationHistory(n, historyFrom([importEntry(1, a), importEntry(2, b), edit, otherEdit]), [a, b])).toEqual(h);
  });

  it('an import whose row was replaced later: its creation still shows, from the import\'s record', () => {
    const c = record('i3', 'a2.xlsx', '2026-03-03T00:00:00.000Z');
    const replaced: Nomination = { ...n, sources: [source('i3', 'a2.xlsx', 4, '学会甲'), n.sources[1]!] };
    const h = nominationHistory(replaced, [importEntry(1, a), importEntry(2, b), importEntry(5, c)], [a, b, c]);
    expect(h.map((x) => [x.seq, x.changes.map((l) => l.key)])).toEqual([[1, ['nominations.n1']], [2, ['nominations.n1.sources']], [5, ['nominations.n1.sources']]]);
    expect(h[0]!.changes[0]!.after).toEqual({ nominator: '学会甲', file: 'a.xlsx', sheet: 'S' });
  });

  it('imports at the same time (a fixed clock): the creator is the one it has a source from', () => {
    const same = record('i2', 'b.xlsx', a.at);
    const late: Nomination = { ...n, id: 'n2', sources: [source('i2', 'b.xlsx', 2, '学会甲')] };
    const h = nominationHistory(late, [importEntry(1, a), importEntry(2, same)], [a, same]);
    expect(h.map((x) => [x.seq, x.changes.map((l) => l.key)])).toEqual([[2, ['nominations.n2']]]);
  });

  it('imports saved with their lines (before short entries) show those lines, as before', () => {
    const old: HistoryEntry = { seq: 1, at: 't1', actor: 'me', type: 'nominations.imported', changes: [{ key: 'nominations.n1', before: null, after: { file: 'a.xlsx' } }, { key: 'nominations.n2', before: null, after: { file: 'a.xlsx' } }] };
    expect(nominationHistory(n, [old], [])).toEqual([{ ...old, changes: [old.changes[0]] }]);
  });
});
