import { describe, expect, it } from 'vitest';
import {
  cleanText,
  excelSerialToDate,
  isBlank,
  normaliseKeyText,
  parseCount,
  parseDate,
  parseDateRange,
  parseDoi,
  parseEmail,
  parseList,
  parseLongText,
  parseMeasure,
  parseNumber,
  parseText,
  parseUrl,
  parseYear,
} from './values.ts';

describe('numbers', () => {
  it.each([
    [85, 85],
    ['８５', 85],
    ['１２３', 123],
    ['4,567', 4567],
    ['4，567', 4567],
    ['1,234,567.5', 1234567.5],
    [' 45 ', 45],
    ['4 567', 4567],
    ['12000', 12000],
    ['1.2万', 12000],
    ['300人', 300],
    ['0', 0],
    ['-3', -3],
    ['1e3', 1000],
  ])('%j → %j', (raw, want) => {
    expect(parseNumber(raw)).toEqual({ value: want });
  });

  it.each(['', '  ', '-', '—', '——', '无', '暂无', 'N/A', '－', null, undefined])('%j is no value, not 0', (raw) => {
    expect(parseNumber(raw)).toEqual({ value: null });
    expect(isBlank(raw)).toBe(true);
  });

  it.each(['abc', '4,56', '12,3456', '1.2.3', '约1800', '#DIV/0!', '1800余人'])('%j is not a number', (raw) => {
    expect(parseNumber(raw)).toEqual({ error: 'NOT_A_NUMBER' });
  });

  it('counts are whole and not negative; measures may be fractional', () => {
    expect(parseCount('12.5')).toEqual({ error: 'NOT_AN_INTEGER' });
    expect(parseCount(-1)).toEqual({ error: 'NEGATIVE_NUMBER' });
    expect(parseCount('-')).toEqual({ value: null });
    expect(parseMeasure('12.5')).toEqual({ value: 12.5 });
    expect(parseMeasure('-2')).toEqual({ error: 'NEGATIVE_NUMBER' });
    expect(parseNumber(Infinity)).toEqual({ error: 'NOT_A_NUMBER' });
    expect(parseNumber(true)).toEqual({ error: 'NOT_A_NUMBER' });
  });
});

describe('years', () => {
  it.each([
    [2025, 2025],
    ['2025', 2025],
    ['2025年', 2025],
    ['２０２５年', 2025],
    ['2025年度', 2025],
    [' 2025 ', 2025],
    ['2025-03-05', 2025],
    ['2025年3月', 2025],
  ])('%j → %j', (raw, want) => {
    expect(parseYear(raw)).toEqual({ value: want });
  });
  it.each([1899, 2025.5, 45658, '25', 'abc', '3025'])('%j is not a year', (raw) => {
    expect(parseYear(raw)).toEqual({ error: 'BAD_YEAR' });
  });
  it('blank is no value', () => expect(parseYear('-')).toEqual({ value: null }));
});

describe('Excel serial dates', () => {
  it('1900 system, with the phantom 29 February 1900', () => {
    expect(excelSerialToDate(1, false)).toBe('1900-01-01');
    expect(excelSerialToDate(59, false)).toBe('1900-02-28');
    expect(excelSerialToDate(60, false)).toBeNull();
    expect(excelSerialToDate(61, false)).toBe('1900-03-01');
    expect(excelSerialToDate(45658, false)).toBe('2025-01-01');
    expect(excelSerialToDate(46162, false)).toBe('2026-05-20');
    expect(excelSerialToDate(46162.75, false)).toBe('2026-05-20');
    expect(excelSerialToDate(0, false)).toBeNull();
  });
  it('1904 system', () => {
    expect(excelSerialToDate(0, true)).toBe('1904-01-01');
    expect(excelSerialToDate(44700, true)).toBe('2026-05-20');
    // the same serial read as 1900-based is four years and a day off
    expect(excelSerialToDate(44700, false)).toBe('2022-05-19');
  });
  it('refuses absurd serials', () => {
    expect(excelSerialToDate(-1, false)).toBeNull();
    expect(excelSerialToDate(1e12, false)).toBeNull();
    expect(parseDate(3e6)).toEqual({ error: 'BAD_DATE' });
  });
});

describe('dates', () => {
  it.each([
    ['2026年3月5日', '2026-03-05', 'day'],
    ['2026年3月5号', '2026-03-05', 'day'],
    ['２０２６年３月５日', '2026-03-05', 'day'],
    ['2026-03-05', '2026-03-05', 'day'],
    ['2026/3/5', '2026-03-05', 'day'],
    ['2026.3.5', '2026-03-05', 'day'],
    ['20260305', '2026-03-05', 'day'],
    ['2026-03-05 14:30', '2026-03-05', 'day'],
    ['2026-03-05T14:30:00Z', '2026-03-05', 'day'],
    ['2026.3', '2026-03-01', 'month'],
    ['2026年3月', '2026-03-01', 'month'],
    ['2026-03', '2026-03-01', 'month'],
    [' 1990年12月 ', '1990-12-01', 'month'],
  ])('%j → %s (%s)', (raw, start, precision) => {
    expect(parseDate(raw)).toEqual({ value: { start, precision } });
  });
  it.each(['2026-02-30', '2026年13月1日', '2026-3-5-7', 'next week', '3/5/2026', '2026.3.5.'])('%j is a bad date', (raw) => {
    expect(parseDate(raw)).toEqual({ error: 'BAD_DATE' });
  });
  it('serials follow the workbook date system', () => {
    expect(parseDate(44700, true)).toEqual({ value: { start: '2026-05-20', precision: 'day' } });
    expect(parseDate(46162, false)).toEqual({ value: { start: '2026-05-20', precision: 'day' } });
  });
});

describe('date ranges', () => {
  it.each([
    ['2026年6月8日-10日', '2026-06-08', '2026-06-10', 'day'],
    ['2026年6月8日—10日', '2026-06-08', '2026-06-10', 'day'],
    ['2026年6月8日至6月10日', '2026-06-08', '2026-06-10', 'day'],
    ['2026年6月8日 至 10日', '2026-06-08', '2026-06-10', 'day'],
    ['2026年6月30日-7月2日', '2026-06-30', '2026-07-02', 'day'],
    ['2026年12月30日-1月2日', '2026-12-30', '2027-01-02', 'day'],
    ['2026年12月30日至2027年1月2日', '2026-12-30', '2027-01-02', 'day'],
    ['2026-06-08~2026-06-10', '2026-06-08', '2026-06-10', 'day'],
    ['2026-06-08～06-10', '2026-06-08', '2026-06-10', 'day'],
    ['2026-06-08-10', '2026-06-08', '2026-06-10', 'day'],
    ['2026.6.8-6.10', '2026-06-08', '2026-06-10', 'day'],
    ['2026年6月-7月', '2026-06-01', '2026-07-01', 'month'],
  ])('%j → %s … %s', (raw, start, end, precision) => {
    expect(parseDateRange(raw)).toEqual({ value: { start, end, precision } });
  });
  it('single dates are ranges without an end', () => {
    expect(parseDateRange('2026-10-16')).toEqual({ value: { start: '2026-10-16', precision: 'day' } });
    expect(parseDateRange('2026.9')).toEqual({ value: { start: '2026-09-01', precision: 'month' } });
    expect(parseDateRange(44700, true)).toEqual({ value: { start: '2026-05-20', precision: 'day' } });
    expect(parseDateRange('2026年6月8日-8日')).toEqual({ value: { start: '2026-06-08', precision: 'day' } });
    expect(parseDateRange('')).toEqual({ value: null });
  });
  it('refuses ends that are not dates or come first', () => {
    expect(parseDateRange('2026年6月8日-32日')).toEqual({ error: 'BAD_DATE_RANGE' });
    expect(parseDateRange('2026年6月8日至2026年6月1日')).toEqual({ error: 'BAD_DATE_RANGE' });
    expect(parseDateRange('2026年6月8日-下旬')).toEqual({ error: 'BAD_DATE_RANGE' });
    expect(parseDateRange('2026年6月-10日')).toEqual({ error: 'BAD_DATE_RANGE' });
    expect(parseDateRange('六月')).toEqual({ error: 'BAD_DATE' });
  });
});

describe('DOIs', () => {
  it.each([
    ['https://doi.org/10.1002/ADMA.2024.00001', '10.1002/adma.2024.00001'],
    ['http://dx.doi.org/10.1002/adma.2024.00001', '10.1002/adma.2024.00001'],
    ['doi:10.1002/adma.2024.00001', '10.1002/adma.2024.00001'],
    ['DOI: 10.1002/adma.2024.00001', '10.1002/adma.2024.00001'],
    ['DOI：10.1002/adma.2024.00001', '10.1002/adma.2024.00001'],
    ['doi.org/10.1002/adma.2024.00001', '10.1002/adma.2024.00001'],
    [' 10.1148/radiol.2025.00002 ', '10.1148/radiol.2025.00002'],
    ['https://doi.org/10.1000%2Fabc', '10.1000/abc'],
  ])('%j → %j', (raw, want) => {
    expect(parseDoi(raw)).toEqual({ value: want });
  });
  it.each(['10.1002/adma.2024.00001 (online first)', '10.1002/ adma', '10.12/abc', '11.1002/abc', 'adma.2024', 'https://example.com/10.1002/x', '10.1002/', '%E0%A4%A'])('%j is a bad DOI', (raw) => {
    expect(parseDoi(raw)).toEqual({ error: 'BAD_DOI' });
  });
  it('blank is no value', () => expect(parseDoi(null)).toEqual({ value: null }));
});

describe('text and lists', () => {
  it('folds full-width letters, collapses whitespace, keeps Chinese punctuation', () => {
    expect(parseText('  超长标题\n换行的论文：关于心血管植入器械的长期随访研究  ')).toEqual({ value: '超长标题换行的论文：关于心血管植入器械的长期随访研究' });
    expect(cleanText('Ｄｅｅｐ  Learning\r\nfor   CT')).toBe('Deep Learning for CT');
    expect(cleanText('CO₂ 与 m²')).toBe('CO₂ 与 m²');
    expect(parseText(2024)).toEqual({ value: '2024' });
    expect(parseText('—')).toEqual({ value: null });
    expect(parseLongText('第一段  \n\n  第二段')).toEqual({ value: '第一段\n第二段' });
  });
  it('splits lists on the separators people type', () => {
    expect(parseList('陈一, 刘二')).toEqual({ value: ['陈一', '刘二'] });
    expect(parseList('陈一，刘二、张三')).toEqual({ value: ['陈一，刘二', '张三'] });
    expect(parseList('陈一、刘二、张三')).toEqual({ value: ['陈一', '刘二', '张三'] });
    expect(parseList('Zhou San; Wu Si')).toEqual({ value: ['Zhou San', 'Wu Si'] });
    expect(parseList('Smith, J.; Doe, A.')).toEqual({ value: ['Smith, J.', 'Doe, A.'] });
    expect(parseList('数学；物理\n化学')).toEqual({ value: ['数学', '物理', '化学'] });
    expect(parseList('-')).toEqual({ value: null });
    expect(parseList(' , ; ')).toEqual({ value: null });
  });
  it('urls and emails', () => {
    expect(parseUrl('www.example.org/a')).toEqual({ value: 'https://www.example.org/a' });
    expect(parseUrl('ftp://x')).toEqual({ error: 'BAD_URL' });
    expect(parseEmail('Wang＠PKU.edu.cn ')).toEqual({ value: 'wang@pku.edu.cn' });
    expect(parseEmail('wang at pku')).toEqual({ error: 'BAD_EMAIL' });
  });
  it('key text drops case, width, punctuation and spaces', () => {
    expect(normaliseKeyText('  Deep  Learning：A Review!\n')).toBe('deeplearningareview');
    expect(normaliseKeyText('超长标题 换行的论文：关于')).toBe('超长标题换行的论文关于');
    expect(normaliseKeyText('ＡＢＣ（1）')).toBe('abc1');
  });
});
