import { describe, expect, it } from 'vitest';
import { IMPORT_ISSUE_CODES } from './map-rows.ts';
import type { EligibilityReason } from './record.ts';
import { bothLanguages, fill, issueCell, issueMessage, issueSentence, ISSUE_WORDS, REASON_WORDS, reasonCell, reasonSentence, statusCell, wordsIn } from './words.ts';

const params = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('words', () => {
  it('word every import issue code, in both languages with the same parameters', () => {
    expect(Object.keys(ISSUE_WORDS).sort()).toEqual([...IMPORT_ISSUE_CODES].sort());
    for (const [code, w] of Object.entries(ISSUE_WORDS)) {
      expect(w.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(w.en, code).toMatch(/^[^\u4e00-\u9fff]+$/);
      expect(params(w.zh), code).toEqual(params(w.en));
    }
    for (const [code, w] of Object.entries(REASON_WORDS)) {
      expect(w.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(params(w.zh), code).toEqual(params(w.en));
    }
  });

  it('fill puts parameters in, leaves one not given empty, and reads no inherited names', () => {
    expect(fill('“{{value}}” is not a number', { value: 'abc' })).toBe('“abc” is not a number');
    expect(fill('{{a}}-{{b}}', { a: 1 })).toBe('1-');
    expect(fill('{{constructor}}{{toString}}', {})).toBe('');
  });

  it('words an issue in either language, quoting the cell (or saying it was empty) and naming the field', () => {
    expect(issueSentence({ code: 'NOT_A_NUMBER', field: 'citations', value: '很多' }, 'papers', 'zh-CN')).toBe('“很多”不是数字');
    expect(issueSentence({ code: 'BAD_YEAR', field: 'year', value: 'abc' }, 'papers', 'en')).toBe('“abc” is not a year');
    expect(issueSentence({ code: 'BAD_DATE', field: 'year', value: null }, 'papers', 'en')).toBe('“(empty)” is not a date');
    expect(issueSentence({ code: 'REQUIRED_MISSING', field: 'title', value: null }, 'papers', 'zh-CN')).toBe('缺少必填的“论文题目”');
  });

  it('gives an issue a plain-English message with its field, once', () => {
    expect(issueMessage({ code: 'NOT_A_NUMBER', field: 'citations', value: 'many' }, 'papers')).toBe('Citations: “many” is not a number');
    expect(issueMessage({ code: 'COLUMN_MISSING', field: 'nominator', value: null }, 'papers')).toBe('No column is matched to “Nominator”');
  });

  it('words reasons with their windows, the other nomination’s label, and an override’s statuses', () => {
    const year = (values: Record<string, number>): EligibilityReason => ({ code: 'YEAR_OUTSIDE_WINDOW', status: 'ineligible', field: 'year', values: { year: 2019, ...values } });
    expect(reasonSentence(year({ from: 2021, to: 2025 }), 'papers', 'zh-CN')).toBe('年份 2019 不在征集范围（2021–2025 年）内');
    expect(reasonSentence(year({ from: 2021 }), 'papers', 'en')).toBe('The year 2019 is outside the window from 2021');
    expect(reasonSentence(year({ to: 2018 }), 'papers', 'en')).toBe('The year 2019 is outside the window up to 2018');
    const near: EligibilityReason = { code: 'NEAR_DUPLICATE', status: 'attention', values: { otherId: 'n7' } };
    expect(reasonSentence(near, 'papers', 'en', (id) => (id === 'n7' ? '论文甲' : undefined))).toBe('Resembles another nomination, “论文甲”: confirm whether it is the same');
    expect(reasonSentence(near, 'papers', 'en')).toContain('“n7”');
    const over: EligibilityReason = { code: 'OVERRIDDEN', status: 'eligible', values: { from: 'ineligible', note: '材料已补' } };
    expect(reasonSentence(over, 'papers', 'zh-CN')).toBe('人工改判为“符合”（原为“不符合”）：材料已补');
    const missing: EligibilityReason = { code: 'REQUIRED_MISSING', status: 'ineligible', field: 'title' };
    expect(reasonSentence(missing, 'papers', 'en')).toBe('The required “Title” is missing');
    expect(bothLanguages((lang) => reasonSentence(missing, 'papers', lang))).toBe('缺少必填项“论文题目” The required “Title” is missing');
  });

  it('words an export’s cells in both languages, Chinese first', () => {
    expect(statusCell('attention')).toBe('需关注 Needs attention');
    expect(issueCell({ code: 'BAD_YEAR', field: 'year', value: 'x', column: 'B', row: 3 }, 'papers')).toBe('B3 发表年份 Year：“x”不是有效的年份 “x” is not a year');
    expect(issueCell({ code: 'COLUMN_MISSING', field: 'nominator', value: null, column: '', row: 2 }, 'papers')).toBe('row 2 推荐单位 Nominator：没有哪一列对应“推荐单位” No column is matched to “Nominator”');
    const near: EligibilityReason = { code: 'NEAR_DUPLICATE', status: 'attention', values: { otherId: 'n7' } };
    expect(reasonCell(near, 'papers', () => '论文甲')).toBe('与另一项推荐“论文甲”相似，请确认是否重复 Resembles another nomination, “论文甲”: confirm whether it is the same');
  });

  it('lays out a table in one language for an i18n resource', () => {
    expect(wordsIn(ISSUE_WORDS, 'en').BAD_URL).toBe('“{{value}}” is not a web address');
    expect(wordsIn(ISSUE_WORDS, 'zh-CN').BAD_URL).toBe('“{{value}}”不是网址');
  });
});
