import { describe, expect, it } from 'vitest';
import { chineseNumeral, numbersDisagree, textNumbers } from './numbers.ts';

const apart = (a: string, b: string): boolean => numbersDisagree(textNumbers(a), textNumbers(b));

describe('chineseNumeral', () => {
  it('reads ordinals, counts and years written in Chinese numerals', () => {
    expect(['一', '十', '十三', '二十', '二十一', '一百零五', '三百', '二〇二五', '一九九九', '两', '三万', '一万二千'].map(chineseNumeral)).toEqual([1, 10, 13, 20, 21, 105, 300, 2025, 1999, 2, 30_000, 12_000]);
  });
  it('refuses runs that are not one number', () => {
    expect(['十三五', '十十', '', '两两'].map(chineseNumeral)).toEqual([null, null, null, null]);
  });
});

describe('textNumbers', () => {
  it('finds the same number however it is written', () => {
    const thirteen = { years: [], counts: [13] };
    for (const t of ['第十三届中国智能系统会议', '第13届中国智能系统会议', '第１３届中国智能系统会议', '十三届中国智能系统会议', 'The 13th Chinese Conference on Intelligent Systems', 'Thirteenth Chinese Conference on Intelligent Systems']) {
      expect(textNumbers(t), t).toEqual(thirteen);
    }
    expect(textNumbers('２０２５中国计算机大会')).toEqual({ years: [2025], counts: [] });
    expect(textNumbers('二〇二五年全国智能制造大会')).toEqual({ years: [2025], counts: [] });
    expect(textNumbers('Phase II trial of drug X')).toEqual(textNumbers('Phase 2 trial of drug X'));
    expect(textNumbers('《电子学报》第50卷第3期')).toEqual({ years: [], counts: [3, 50] });
  });
  it('leaves words that merely contain a numeral alone', () => {
    expect(textNumbers('基于统一框架的一种进一步的方法')).toEqual({ years: [], counts: [] });
    expect(textNumbers('“十三五”规划的回顾')).toEqual({ years: [], counts: [] });
  });
  it('takes a 第 number as an ordinal, however large; a bare 1900–2099 as a year', () => {
    expect(textNumbers('第2025项研究')).toEqual({ years: [], counts: [2025] });
    expect(textNumbers('2025年第十三届全国会议')).toEqual({ years: [2025], counts: [13] });
  });
});

describe('numbersDisagree', () => {
  it('sets apart sessions, years and volumes that differ', () => {
    expect(apart('第十三届中国智能系统会议', '第十四届中国智能系统会议')).toBe(true);
    expect(apart('第1届全国青年材料科学论坛', '第13届全国青年材料科学论坛')).toBe(true);
    expect(apart('2025中国计算机大会', '2026中国计算机大会')).toBe(true);
    expect(apart('The 13th International Conference on Robotics', 'The 14th International Conference on Robotics')).toBe(true);
    expect(apart('《电子学报》第50卷第3期专题', '《电子学报》第50卷第4期专题')).toBe(true);
    expect(apart('2025年第十三届全国会议', '2026年第十三届全国会议')).toBe(true);
  });
  it('keeps together the same number in other forms, and a number said on one side only', () => {
    expect(apart('第十三届中国智能系统会议', '第13届中国智能系统会议')).toBe(false);
    expect(apart('第十三届中国智能系统会议', '中国智能系统会议')).toBe(false);
    expect(apart('2025年第十三届全国会议', '第十三届全国会议')).toBe(false);
    // A year on one side, an ordinal on the other: both may name the same meeting.
    expect(apart('2025中国计算机大会', '第22届中国计算机大会')).toBe(false);
    expect(apart('第十三届全国会议暨第五届青年论坛', '第十三届全国会议')).toBe(false);
  });
});
