import { describe, expect, it } from 'vitest';
import type { NominationRow } from '../contract/nominations.ts';
import { foldText, matchesWords, searchableText, searchWords } from './find.ts';
import { listPage } from './list.ts';

const row = (id: string, label: string, fields: NominationRow['fields'], nominators: string[] = ['中国化学会']): NominationRow =>
  ({ id, key: `k-${id}`, label, fields: { title: label, ...fields }, nominators, status: 'eligible', reasons: [], edited: [], disagreements: [], updatedAt: '' });

const rows = [
  row('a', '高效钙钛矿太阳能电池的界面工程', { authors: ['张三', '李四'], affiliation: '清华大学化学系', journal: 'Nature Energy', year: 2025, doi: '10.1038/s41560-025-0001' }),
  row('b', '拓扑超导体中的马约拉纳零能模', { authors: ['王五'], affiliation: '中国科学院物理研究所', journal: 'Physical Review Letters', year: 2024 }, ['中国物理学会']),
  row('c', 'Deep Learning for Protein Folding', { authors: ['Smith, J.', 'Chen, L.'], affiliation: 'Peking University', journal: 'Science', year: 2025 }),
];
const ids = (words: string) => rows.filter((r) => matchesWords(r, searchWords(words))).map((r) => r.id);

describe('search words', () => {
  it('folds case and width: full-width letters, digits and spaces', () => {
    expect(foldText('ＮＡＴＵＲＥ　Ｅｎｅｒｇｙ ２０２５')).toBe('nature energy 2025');
    expect(searchWords('  物理　研究所  物理 ')).toEqual(['物理', '研究所']);
    expect(searchWords('')).toEqual([]);
  });

  it('finds a word in any column: authors, institution, journal, year, DOI, nominators', () => {
    expect(ids('李四')).toEqual(['a']);
    expect(ids('物理研究所')).toEqual(['b']);
    expect(ids('physical review')).toEqual(['b']);
    expect(ids('2025')).toEqual(['a', 'c']);
    expect(ids('10.1038/S41560')).toEqual(['a']);
    expect(ids('中国物理学会')).toEqual(['b']);
  });

  it('needs every word, each in some column', () => {
    expect(ids('清华 Nature')).toEqual(['a']);
    expect(ids('ＳＣＩＥＮＣＥ　２０２５')).toEqual(['c']);
    expect(ids('Science 2024')).toEqual([]);
    expect(ids('清华 王五')).toEqual([]);
  });

  it('sets punctuation aside, but a word never spans two columns', () => {
    expect(ids('smith j')).toEqual(['c']);
    expect(ids('Smith J.')).toEqual(['c']);
    // "Energy" ends the journal, "2025" is the next column: not one word.
    expect(ids('energy2025')).toEqual([]);
  });

  it('reads lists and dates as text', () => {
    expect(searchableText(['a', 'b'])).toBe('a; b');
    expect(searchableText({ start: '2026-05-01', end: '2026-05-03', precision: 'day' })).toBe('2026-05-01 2026-05-03');
    expect(searchableText(null)).toBe('');
  });

  it('is what the list answers for its text', () => {
    const near = { total: 0, truncated: false };
    expect(listPage(rows, { offset: 0, limit: 10, text: '大学 2025' }, near).items.map((r) => r.id)).toEqual(['a']);
    expect(listPage(rows, { offset: 0, limit: 10, text: 'university 2025' }, near).items.map((r) => r.id)).toEqual(['c']);
  });
});
