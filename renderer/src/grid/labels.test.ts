import { describe, expect, it } from 'vitest';
import { describeRefusal, gridLabelsEn, gridLabelsZh, gridMenuLabelsEn, gridMenuLabelsZh, withCount } from './labels.ts';

describe('labels', () => {
  it('English and Chinese cover the same keys, none empty', () => {
    expect(Object.keys(gridLabelsZh).sort()).toEqual(Object.keys(gridLabelsEn).sort());
    const { menu: menuEn, ...en } = gridLabelsEn;
    const { menu: menuZh, ...zh } = gridLabelsZh;
    for (const v of [...Object.values(en), ...Object.values(zh)]) expect(v.length).toBeGreaterThan(0);
    // The menus' words too, with the same {placeholders}.
    expect(menuEn).toBe(gridMenuLabelsEn);
    expect(menuZh).toBe(gridMenuLabelsZh);
    expect(Object.keys(gridMenuLabelsZh).sort()).toEqual(Object.keys(gridMenuLabelsEn).sort());
    for (const k of Object.keys(gridMenuLabelsEn) as (keyof typeof gridMenuLabelsEn)[]) {
      expect(gridMenuLabelsZh[k].length).toBeGreaterThan(0);
      expect(gridMenuLabelsZh[k].match(/\{\w+\}/g) ?? []).toEqual(gridMenuLabelsEn[k].match(/\{\w+\}/g) ?? []);
    }
  });
  it('words refusals in each language', () => {
    expect(describeRefusal({ code: 'not-a-number' }, gridLabelsZh)).toBe('不是有效数字');
    expect(describeRefusal({ code: 'readonly' }, gridLabelsEn)).toBe('This cell cannot be edited');
    expect(describeRefusal({ code: 'not-an-option' }, gridLabelsZh)).toBe('不在可选值范围内');
    expect(describeRefusal({ code: 'invalid', message: '应在 0 至 25 之间' }, gridLabelsEn)).toBe('应在 0 至 25 之间');
    expect(withCount(gridLabelsZh.refusedCells, 3)).toBe('3 个单元格未修改');
  });
});
