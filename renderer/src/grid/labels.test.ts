import { describe, expect, it } from 'vitest';
import { describeRefusal, gridLabelsEn, gridLabelsZh, gridMenuLabelsEn, gridMenuLabelsZh, withCount, wordOf, wordRefusals } from './labels.ts';
import type { GridLabels, GridWords } from './labels.ts';

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
    expect(describeRefusal({ code: 'out-of-range', min: 0, max: 25 }, gridLabelsZh)).toBe('应在 0 至 25 之间');
    expect(describeRefusal({ code: 'out-of-range', min: 0, max: 25 }, gridLabelsEn)).toBe('Must be between 0 and 25');
    expect(describeRefusal({ code: 'out-of-range', min: 1 }, gridLabelsEn)).toBe('Must be between 1 and ∞');
    expect(describeRefusal({ code: 'off-step', step: 0.5 }, gridLabelsZh)).toBe('应为 0.5 的整数倍');
    let lang: 'zh' | 'en' = 'zh';
    const callers = () => (lang === 'zh' ? '专家已回避' : 'The expert is recused');
    expect(describeRefusal({ code: 'invalid', message: callers }, gridLabelsEn)).toBe('专家已回避');
    lang = 'en';
    expect(describeRefusal({ code: 'invalid', message: callers }, gridLabelsEn)).toBe('The expert is recused');
  });

  it('re-words the refusals on cells when the language switches: the grid\'s own by its labels, a caller\'s function when called', () => {
    let lang: 'zh' | 'en' = 'zh';
    const outOfRange = (l: GridLabels) => l.refusedValue.replace('{text}', '30').replace('{reason}', describeRefusal({ code: 'out-of-range', min: 0, max: 25 }, l));
    const kept = new Map<string, { message: GridWords; text?: string }>([
      ['n1/score', { message: outOfRange, text: '30' }],
      ['n2/score', { message: () => (lang === 'zh' ? '评分已提交，不能修改' : 'The sheet is submitted') }],
      ['n3/score', { message: 'host gone' }],
    ]);
    const zh = wordRefusals(kept, gridLabelsZh);
    expect([...zh.values()]).toEqual([
      { message: '「30」应在 0 至 25 之间', text: '30' },
      { message: '评分已提交，不能修改', text: undefined },
      { message: 'host gone', text: undefined },
    ]);
    lang = 'en';
    const en = wordRefusals(kept, gridLabelsEn);
    // A new map: the memoised rows that get it render again.
    expect(en).not.toBe(zh);
    expect([...en.values()].map((r) => r.message)).toEqual(['“30”: Must be between 0 and 25', 'The sheet is submitted', 'host gone']);
    expect([...en.keys()]).toEqual([...kept.keys()]);
    expect(wordOf((l) => l.nothingToUndo, gridLabelsZh)).toBe('没有可撤销的操作');
    expect(wordRefusals(new Map(), gridLabelsZh)).toBe(wordRefusals(new Map(), { ...gridLabelsEn }));
  });
});
