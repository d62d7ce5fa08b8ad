import { describe, expect, it } from 'vitest';
import { importSheets, planImport, type SheetRows } from './import.ts';

const header = ['题目', '作者', '刊名', '年份', 'DOI', '学科', '推荐单位'];
const sheets: SheetRows[] = [
  { name: '说明', rows: [['说明'], ['引用次数以中国知网为准']], date1904: false },
  { name: '材料', rows: [['材料组推荐'], header, ['论文甲', '甲', 'Cell', 2024, '10.1000/a', '材料', '材料学会']], date1904: false },
  { name: '生物', rows: [header, ['论文乙', '乙', 'Nature', 2025, null, '生物', '生物学会'], ['论文甲', '甲', 'Cell', 2024, 'doi:10.1000/A', '材料', '生物学会']], date1904: false },
];

describe('planImport', () => {
  it('uses every sheet whose header names the title, and passes over notes', () => {
    const plan = planImport('papers', sheets);
    expect(plan.map((p) => [p.name, p.used, p.reason ?? null, p.headerRow])).toEqual([
      ['说明', false, 'no-header', null],
      ['材料', true, null, 1],
      ['生物', true, null, 0],
    ]);
    expect(plan[1]!.mapping).toEqual(['title', 'authors', 'journal', 'year', 'doi', 'discipline', 'nominator']);
  });
  it('uses the named sheet only, with the secretary’s corrections', () => {
    const plan = planImport('papers', sheets, { sheet: '生物', overrides: [{ column: 'C', field: null }] });
    expect(plan.map((p) => [p.used, p.reason ?? null])).toEqual([[false, 'not-chosen'], [false, 'not-chosen'], [true, null]]);
    expect(plan[2]!.mapping[2]).toBeNull();
  });
  it('refuses a sheet that is not there', () => {
    expect(() => planImport('papers', sheets, { sheet: '__proto__' })).toThrow(/no sheet "__proto__"/);
  });
});

describe('importSheets', () => {
  it('imports the sheets and flags a nomination seen on another sheet', () => {
    const r = importSheets('papers', sheets);
    expect(r.items.map((i) => [i.source.sheet, i.source.row, i.key])).toEqual([
      ['材料', 3, 'doi:10.1000/a'],
      ['生物', 2, 'title:论文乙|2025'],
      ['生物', 3, 'doi:10.1000/a'],
    ]);
    expect(r.issues).toEqual([
      { sheet: '生物', row: 3, column: 'A', field: 'title', code: 'DUPLICATE_KEY', severity: 'warning', message: 'the same nomination appears on an earlier row (sheet "材料", row 3)', value: '论文甲' },
    ]);
    expect(r.rejected).toBe(0);
  });
  it('says so when no sheet has a header', () => {
    const r = importSheets('papers', [sheets[0]!]);
    expect(r.items).toEqual([]);
    expect(r.issues).toEqual([expect.objectContaining({ sheet: '说明', row: 1, code: 'HEADER_NOT_FOUND', severity: 'error' })]);
  });
});
