import { describe, expect, it } from 'vitest';
import { importParts, memoryChange, PART_SIZE } from './import-plan.ts';
import type { ColumnGuess } from './header.ts';
import type { ImportRecord, Nomination } from './record.ts';

const record: ImportRecord = { id: 'i1', file: 'a.xlsx', sha256: 'x', size: 1, sheet: 'S', nominator: '学会甲', mapping: { A: 'title' }, at: '2026-03-01T00:00:00.000Z', actor: 'me', imported: 4_500, updated: 0, unchanged: 0, rejected: 0 };
const noms = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `n${i}` }) as unknown as Nomination);
const memory = { nominator: '学会甲', mapping: { 题目: 'title' } };

describe('importParts', () => {
  it('a small import is one change without a part', () => {
    const parts = importParts(record, noms(PART_SIZE), memory);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toEqual({ type: 'nominations.imported', import: record, upserts: noms(PART_SIZE), memory });
    expect('part' in parts[0]!).toBe(false);
  });

  it('a big one is parts of at most `size` nominations, in order, all with the record, the memory only on the last', () => {
    const parts = importParts(record, noms(4_500), memory, 2_000);
    expect(parts.map((p) => p.part)).toEqual([{ index: 0, of: 3 }, { index: 1, of: 3 }, { index: 2, of: 3 }]);
    expect(parts.map((p) => p.upserts.length)).toEqual([2_000, 2_000, 500]);
    expect(parts.flatMap((p) => p.upserts.map((n) => n.id))).toEqual(noms(4_500).map((n) => n.id));
    expect(parts.map((p) => p.memory)).toEqual([null, null, memory]);
    expect(parts.every((p) => p.import.id === record.id)).toBe(true);
    expect(parts.at(-1)!.import).toBe(record);
  });

  it('the report goes with the last part only', () => {
    const withReport: ImportRecord = { ...record, report: { duplicates: 0, issueCount: 1, issues: [{ row: 3, column: 'B', field: 'year', code: 'BAD_YEAR', severity: 'warning', value: 'x' }] } };
    const parts = importParts(withReport, noms(4_500), memory, 2_000);
    expect(parts.map((p) => 'report' in p.import)).toEqual([false, false, true]);
    expect(parts[0]!.import).toEqual(record);
  });
});

describe('memoryChange', () => {
  const columns: ColumnGuess[] = [
    { column: 0, letter: 'A', header: '题目', field: 'title', score: 1, match: 'exact' },
    { column: 1, letter: 'B', header: '', field: null, score: 0, match: null },
    { column: 2, letter: 'C', header: '备注', field: null, score: 0, match: null },
  ];
  it('remembers each titled column\'s field for the nominator, unless it is already remembered', () => {
    const m = memoryChange({}, '学会甲', 0, columns, ['title', null, null]);
    expect(m).toEqual({ nominator: '学会甲', mapping: { 题目: 'title', 备注: null } });
    expect(memoryChange({ [m!.nominator]: m!.mapping }, '学会甲', 0, columns, ['title', null, null])).toBeNull();
  });
  it('nothing to remember without a nominator, a header or any mapped column', () => {
    expect(memoryChange({}, '', 0, columns, ['title', null, null])).toBeNull();
    expect(memoryChange({}, '学会甲', null, columns, ['title', null, null])).toBeNull();
    expect(memoryChange({}, '学会甲', 0, columns, [null, null, null])).toBeNull();
  });
});
