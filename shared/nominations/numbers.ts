/**
 * The numbers a title or a name carries (届 ordinals, years, volumes, "13th", "Phase II"), so that two texts alike
 * in every other way but numbered differently — "第十三届中国智能系统会议" and "第十四届中国智能系统会议", "2025中国计算机
 * 大会" and "2026中国计算机大会" — are known to be two items, not one item typed twice. Pure.
 *
 * Read: digits after NFKC (full-width １３ and circled ⑬ are 13; leading zeros dropped); Chinese numerals after 第
 * or before a counter (届 次 期 卷 号 年 版 …: 第十三届, 二〇二五年, 三期), so that the 一 of 统一 or 一种 is not a number;
 * English ordinals first…twentieth; Roman numerals after part, phase, type, vol., no., …
 * A number from 1900 to 2099 is a year; the rest are counts.
 */

export interface TextNumbers {
  /** Distinct, ascending. */
  readonly years: readonly number[];
  /** Distinct, ascending: ordinals, volumes, issues, versions, and any other number. */
  readonly counts: readonly number[];
}

const CN_DIGIT: Readonly<Record<string, number>> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const CN = '〇零一二三四五六七八九十百千万两';
const COUNTERS = '届次期卷号年版辑册部季轮批代集篇章节';
const CHINESE = new RegExp(`第([${CN}]+)|([${CN}]+)(?=[${COUNTERS}])`, 'gu');
const DIGITS = /\d+/g;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth'];
const ORDINAL = new RegExp(`\\b(${ORDINALS.join('|')})\\b`, 'g');
const ROMAN = /\b(?:part|phase|type|vol|volume|no|number|chapter|section|stage|grade|class|series)\.?\s*([ivxlc]+)\b/g;
const ROMAN_VALUE: Readonly<Record<string, number>> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

/** 十三 → 13, 二十 → 20, 一百零五 → 105, 二〇二五 → 2025, 三万 → 30000; null when not one number (十三五). */
export function chineseNumeral(s: string): number | null {
  const chars = [...s];
  if (chars.length === 0) return null;
  if (chars.every((c) => c in CN_DIGIT)) {
    // Written digit by digit (二〇二五), or a single digit.
    return chars.length === 1 || chars.every((c) => c !== '两') ? Number(chars.map((c) => CN_DIGIT[c]).join('')) : null;
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  for (const c of chars) {
    if (c in CN_DIGIT) {
      // Two digits in a row make no number here (十三五), except after 零 (一百零五).
      if (digit !== null && digit !== 0) return null;
      digit = CN_DIGIT[c]!;
    } else if (c === '万') {
      section += digit ?? 0;
      if (section === 0 || total > 0) return null;
      total = section * 10_000;
      section = 0;
      digit = null;
      lastUnit = Infinity;
    } else {
      const unit = CN_UNIT[c]!;
      if (unit >= lastUnit) return null;
      section += (digit ?? 1) * unit;
      digit = null;
      lastUnit = unit;
    }
  }
  return total + section + (digit ?? 0);
}

function romanNumeral(s: string): number | null {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUE[s[i]!]!;
    const next = i + 1 < s.length ? ROMAN_VALUE[s[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : null;
}

/** The numbers in a text, as years and counts. */
export function textNumbers(text: string): TextNumbers {
  const s = text.normalize('NFKC').toLowerCase();
  const found = new Set<number>();
  const ordinal = new Set<number>();
  for (const m of s.matchAll(DIGITS)) (s[m.index - 1] === '第' ? ordinal : found).add(Number(m[0]));
  for (const m of s.matchAll(CHINESE)) {
    const n = chineseNumeral(m[1] ?? m[2]!);
    if (n !== null) (m[1] !== undefined ? ordinal : found).add(n);
  }
  for (const m of s.matchAll(ORDINAL)) ordinal.add(ORDINALS.indexOf(m[1]!) + 1);
  for (const m of s.matchAll(ROMAN)) {
    const n = romanNumeral(m[1]!);
    if (n !== null) found.add(n);
  }
  // A 第 number is an ordinal whatever its size (第2025项); a bare 1900–2099 is a year.
  const years = [...found].filter(isYear);
  const counts = [...new Set([...found].filter((n) => !isYear(n)).concat([...ordinal]))];
  return { years: years.sort((a, b) => a - b), counts: counts.sort((a, b) => a - b) };
}

const isYear = (n: number): boolean => n >= 1900 && n <= 2099;

/** Neither list holds all of the other's numbers (both have some). */
function apart(a: readonly number[], b: readonly number[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const within = (x: readonly number[], y: readonly number[]) => x.every((n) => y.includes(n));
  return !within(a, b) && !within(b, a);
}

/**
 * True when the numbers of two texts say they are two items: their years, or their other numbers, disagree so that
 * neither text's are all in the other's ({13} and {14}; {2025} and {2026}). A number on one side only says nothing
 * ("2025年第十三届X会议" and "第十三届X会议" may be one conference, named more or less fully).
 */
export function numbersDisagree(a: TextNumbers, b: TextNumbers): boolean {
  return apart(a.years, b.years) || apart(a.counts, b.counts);
}
