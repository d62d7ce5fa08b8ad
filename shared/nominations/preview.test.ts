import { describe, expect, it } from 'vitest';
import { findHeader, mappingOf } from './header.ts';
import { mapRows } from './map-rows.ts';
import { mergeImport } from './merge.ts';
import { nearEntries, previewNear, previewRows, previewTotals, problemRows } from './preview.ts';

const rows: unknown[][] = [
  ['题目', '作者', '刊名', '年份', '学科', '推荐单位'],
  ['可穿戴传感器的柔性电子研究', '陈一', 'Advanced Materials', 2024, '材料科学', '学会甲'],
  ['', '刘二', 'Radiology', 2025, '生物学', '学会甲'],
  ['医学影像中的深度学习方法', '周三', 'Radiology', 'abc', '生物学', '学会甲'],
  ['可穿戴传感器的柔性电子研究', '陈一', 'Advanced Materials', 2024, '材料科学', '学会甲'],
];
const g = findHeader('papers', rows)!;
const mapping = mappingOf(g.columns);
const mapped = mapRows({ kind: 'papers', rows, headerRow: g.headerRow, mapping, sheet: 'S' });
let n = 0;
const merge = mergeImport({ kind: 'papers', existing: [], drafts: mapped.items, importMeta: { importId: 'p', file: 'a.xlsx', sha256: 'x', sheet: 'S', nominator: '' }, now: '2026-03-01T00:00:00.000Z', newId: () => `new-${++n}` });

describe('a preview, shaped', () => {
  it('the rows in order with their fates; a rejected row shows its mapped cells as written', () => {
    const out = previewRows(rows, g.headerRow, mapping, mapped, merge, undefined);
    expect(out.map((r) => [r.row, r.fate])).toEqual([[2, 'new'], [3, 'rejected'], [4, 'new'], [5, 'duplicate']]);
    expect(out[1]!.cells).toMatchObject({ B: '刘二', C: 'Radiology' });
    expect(previewRows(rows, g.headerRow, mapping, mapped, merge, 2)).toHaveLength(2);
  });

  it('totals count rows, good, rejected, new and existing', () => {
    expect(previewTotals(mapped, merge)).toEqual({ rows: 4, good: 3, rejected: 1, skipped: 0, new: 2, existing: 0 });
  });

  it('near matches pair a file row with a nomination or another row, as many as asked', () => {
    const entries = nearEntries('papers', [], mapped);
    expect(entries.map((e) => e.text)).toEqual(mapped.items.map((d) => d.label));
    const found = { pairs: [{ a: 0, b: 1, similarity: 0.9 }, { a: 0, b: 2, similarity: 0.8 }], truncated: false };
    expect(previewNear([], entries, mapped, found, 1)).toEqual([{ row: 4, label: mapped.items[1]!.label, otherId: null, otherLabel: entries[0]!.text, similarity: 0.9 }]);
  });

  it('the rows to fix: below the header, in order, each with its cells and problems', () => {
    const fix = problemRows(rows, g.headerRow, mapped.issues);
    expect(fix.map((r) => [r.row, r.rejected])).toEqual(fix.map((r) => [r.row, r.issues.some((i) => i.severity === 'error')]));
    expect(fix.map((r) => r.row)).toEqual([...new Set(mapped.issues.map((i) => i.row))].filter((r) => r > 1).sort((a, b) => a - b));
    expect(fix.find((r) => r.row === 3)!.cells).toBe(rows[2]);
  });
});
