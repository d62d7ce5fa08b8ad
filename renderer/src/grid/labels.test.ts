import { describe, expect, it } from 'vitest';
import { describeRefusal, gridLabelsEn, gridLabelsZh, withCount } from './labels.ts';

describe('labels', () => {
  it('English and Chinese cover the same keys, none empty', () => {
    expect(Object.keys(gridLabelsZh).sort()).toEqual(Object.keys(gridLabelsEn).sort());
    for (const v of [...Object.values(gridLabelsEn), ...Object.values(gridLabelsZh)]) expect(v.length).toBeGreaterThan(0);
  });
  it('words refusals in each language', () => {
    expect(describeRefusal({ code: 'not-a-number' }, gridLabelsZh)).toBe('不是有效数字');
    expect(describeRefusal({ code: 'readonly' }, gridLabelsEn)).toBe('This cell cannot be edited');
    expect(describeRefusal({ code: 'not-an-option' }, gridLabelsZh)).toBe('不在可选值范围内');
    expect(describeRefusal({ code: 'invalid', message: '应在 0 至 25 之间' }, gridLabelsEn)).toBe('应在 0 至 25 之间');
    expect(withCount(gridLabelsZh.refusedCells, 3)).toBe('3 个单元格未修改');
  });
});
