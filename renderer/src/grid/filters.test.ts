import { describe, expect, it } from 'vitest';
import { distinctValues, filterFromChoice, isFilterActive, passesFilter, searchValues } from './filters.ts';

describe('column filters (AutoFilter)', () => {
  it('keeps the ticked shown texts, blanks included when ticked', () => {
    const f = { values: ['符合', ''] };
    expect(passesFilter('符合', 'eligible', f)).toBe(true);
    expect(passesFilter('需关注', 'attention', f)).toBe(false);
    expect(passesFilter('', null, f)).toBe(true);
    expect(passesFilter('符合', 'eligible', { values: [] })).toBe(false);
  });

  it('keeps numbers in a range, inclusive; a range leaves out empty and text cells', () => {
    expect(passesFilter('85', 85, { min: 50, max: 85 })).toBe(true);
    expect(passesFilter('86', 86, { min: 50, max: 85 })).toBe(false);
    expect(passesFilter('12', 12, { min: 50 })).toBe(false);
    expect(passesFilter('12', 12, { max: 50 })).toBe(true);
    expect(passesFilter('', null, { min: 0 })).toBe(false);
    expect(passesFilter('', null, {})).toBe(true);
  });

  it('understands the older forms: a text contained, a [min, max] pair', () => {
    expect(passesFilter('Nature Energy', 'Nature Energy', 'energy')).toBe(true);
    expect(passesFilter('Science', 'Science', 'energy')).toBe(false);
    expect(passesFilter('7', 7, [5, undefined])).toBe(true);
    expect(passesFilter('3', 3, [5, 10])).toBe(false);
    expect(isFilterActive('')).toBe(false);
    expect(isFilterActive([undefined, undefined])).toBe(false);
    expect(isFilterActive({ min: 0 })).toBe(true);
  });

  it('lists distinct values with counts, in pinyin and number order, blanks last', () => {
    expect(distinctValues(['生物学', '', '材料科学', '生物学', '第10组', '第2组'])).toEqual([
      { text: '材料科学', count: 1 },
      { text: '第2组', count: 1 },
      { text: '第10组', count: 1 },
      { text: '生物学', count: 2 },
      { text: '', count: 1 },
    ]);
  });

  it('searches the values list with several words, case and width aside', () => {
    const values = distinctValues(['Physical Review Letters', 'Nature Energy', 'Nature Physics']);
    expect(searchValues(values, 'ＮＡＴＵＲＥ　phys').map((v) => v.text)).toEqual(['Nature Physics']);
    expect(searchValues(values, '  ').length).toBe(3);
  });

  it('turns a confirmed choice into a filter: all ticked is no value filter', () => {
    const all = ['a', 'b', ''];
    expect(filterFromChoice(all, new Set(all))).toBeNull();
    expect(filterFromChoice(all, new Set(['a']))).toEqual({ values: ['a'] });
    expect(filterFromChoice(all, new Set(all), 10)).toEqual({ min: 10 });
    expect(filterFromChoice(all, new Set(), undefined, Number.NaN)).toEqual({ values: [] });
  });
});
