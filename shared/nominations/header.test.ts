import { describe, expect, it } from 'vitest';
import { columnIndex, columnLetter, findHeader, headerForms, mappingOf, matchHeader, normaliseHeader, overrideMapping } from './header.ts';

describe('column letters', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16383, 'XFD'],
  ])('%i ↔ %s', (i, s) => {
    expect(columnLetter(i)).toBe(s);
    expect(columnIndex(s)).toBe(i);
  });
  it('refuses what is not a column', () => {
    expect(columnIndex('A1')).toBeNull();
    expect(columnIndex('')).toBeNull();
    expect(() => columnLetter(-1)).toThrow();
    expect(columnIndex(' ab ')).toBe(27);
  });
});

describe('header normalisation', () => {
  it('drops spaces, line breaks, punctuation, notes and case', () => {
    expect(normaliseHeader(' 论文 题目：')).toBe('论文题目');
    expect(normaliseHeader('*论文题目（必填）')).toBe('论文题目');
    expect(normaliseHeader('论文题目\n(必填)')).toBe('论文题目');
    expect(normaliseHeader('论文题目必填')).toBe('论文题目');
    expect(normaliseHeader('ＤＯＩ')).toBe('doi');
    expect(normaliseHeader('Source  Database')).toBe('sourcedatabase');
    expect(headerForms('被引次数(WoS)')).toEqual(['被引次数', '被引次数wos']);
    expect(headerForms('（）')).toEqual([]);
  });
  it('scores exact above contains', () => {
    expect(matchHeader('papers', '题目')[0]).toEqual({ field: 'title', score: 1, match: 'exact' });
    const m = matchHeader('papers', '第一作者单位（必填）');
    expect(m[0]).toEqual({ field: 'affiliation', score: 1, match: 'exact' });
    expect(m.find((x) => x.field === 'firstAuthor')!.score).toBeLessThan(1);
    const contains = matchHeader('papers', '论文被引次数')[0]!;
    expect(contains.field).toBe('citations');
    expect(contains.match).toBe('contains');
    expect(contains.score).toBeGreaterThan(0.5);
    expect(contains.score).toBeLessThan(1);
    expect(matchHeader('papers', 'Source database')[0]!.field).toBe('metricsSource');
    expect(matchHeader('papers', 'Source')[0]!.field).toBe('journal');
    expect(matchHeader('conferences', '境外参会人数(人)')[0]!.field).toBe('foreignAttendees');
    expect(matchHeader('talent', 'Title')[0]!.field).toBe('title');
    expect(matchHeader('papers', '北京生物医学工程学会 2026年度广受关注论文推荐表（推荐单位：某学会）')).toEqual([]);
  });
});

const papersRows: unknown[][] = [
  ['北京生物医学工程学会 2026年度广受关注论文推荐表', null, null, null, null, null, null, null, null],
  ['填报人：王老师', null, null, '日期：', 46280, null, null, null, null],
  ['题目', '作者', '单位', '刊名', '年份', 'DOI', '学科', '引用次数', '下载量'],
  ['可穿戴传感器的柔性电子研究', '陈一, 刘二', '北京航空航天大学', 'Advanced Materials', 2024, 'x', '材料科学', '１２３', '4,567'],
];

describe('findHeader', () => {
  it('finds the header below a title row and form metadata', () => {
    const g = findHeader('papers', papersRows)!;
    expect(g.headerRow).toBe(2);
    expect(mappingOf(g.columns)).toEqual(['title', 'authors', 'affiliation', 'journal', 'year', 'doi', 'discipline', 'citations', 'downloads']);
    expect(g.columns.every((c) => c.match === 'exact')).toBe(true);
    expect(g.confidence).toBe(1);
    expect(g.missingRequired).toEqual(['nominator']);
    expect(g.columns[8]).toMatchObject({ column: 8, letter: 'I', header: '下载量', field: 'downloads' });
  });

  it('copes with blank rows, sparse rows and merged-cell gaps', () => {
    const rows: (unknown[] | undefined)[] = [];
    rows[3] = ['2026年度推荐汇总表'];
    rows[5] = [null, '序号', '会议名称', null, '主办单位', '举办时间', '参会人数（人）'];
    rows[6] = [null, 1, '全国会议', null, '某学会', '2026-10-16', 300];
    const g = findHeader('conferences', rows)!;
    expect(g.headerRow).toBe(5);
    expect(mappingOf(g.columns)).toEqual([null, null, 'name', null, 'organiser', 'dates', 'attendees']);
    expect(g.confidence).toBeGreaterThan(0.8);
  });

  it('reads a two-row header: a merged group label above its sub-headers', () => {
    const rows = [
      ['题目', '作者', '年份', '指标', null, null, '推荐单位'],
      [null, null, null, '被引次数', '下载量', '关注度', null],
      ['论文甲', '甲', 2024, 1, 2, 3, '某学会'],
    ];
    const g = findHeader('papers', rows)!;
    expect(g.headerRow).toBe(1);
    expect(g.rowsSpanned).toBe(2);
    expect(mappingOf(g.columns)).toEqual(['title', 'authors', 'year', 'citations', 'downloads', 'attention', 'nominator']);
  });

  it('a data row below a one-row header is not taken for a header', () => {
    const g = findHeader('papers', [['题目', '作者', 'DOI'], ['论文甲', null, null], ['论文乙', '乙', null]])!;
    expect(g.headerRow).toBe(0);
    expect(g.rowsSpanned).toBe(1);
  });

  it('returns null when nothing looks like a header', () => {
    expect(findHeader('papers', [['a', 'b'], [1, 2]])).toBeNull();
    expect(findHeader('papers', [])).toBeNull();
  });

  it('maps each field once: a second 学科 column is left unmapped', () => {
    const g = findHeader('papers', [['题目', '学科', '学科', '作者']])!;
    expect(mappingOf(g.columns)).toEqual(['title', 'discipline', null, 'authors']);
  });

  it('only looks at the first rows', () => {
    const rows: unknown[][] = Array.from({ length: 40 }, () => ['x']);
    rows[35] = ['题目', '作者', '年份'];
    expect(findHeader('papers', rows)).toBeNull();
    expect(findHeader('papers', rows, { scanRows: 40 })!.headerRow).toBe(35);
  });

  it('never turns a header into an object key', () => {
    const hostile = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '题目', '作者'];
    const g = findHeader('papers', [hostile])!;
    expect(mappingOf(g.columns)).toEqual([null, null, null, null, null, 'title', 'authors']);
    expect(g.columns[0]!.header).toBe('__proto__');
    for (const h of hostile.slice(0, 5)) expect(matchHeader('papers', h)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('title');
  });
});

describe('overrideMapping', () => {
  const g = findHeader('papers', papersRows)!;
  it('moves a field to the column the secretary names, by letters or header', () => {
    const m = overrideMapping('papers', g.columns, [{ column: 'C', field: 'nominator' }, { column: '刊名', field: null }, { column: 'K', field: 'affiliation' }]);
    expect(m).toEqual(['title', 'authors', 'nominator', null, 'year', 'doi', 'discipline', 'citations', 'downloads', null, 'affiliation']);
  });
  it('refuses unknown fields and columns', () => {
    expect(() => overrideMapping('papers', g.columns, [{ column: 'A', field: '__proto__' }])).toThrow(/not a field/);
    expect(() => overrideMapping('papers', g.columns, [{ column: '不存在', field: 'title' }])).toThrow(/no column/);
  });
});
