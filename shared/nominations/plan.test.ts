import { describe, expect, it } from 'vitest';
import { chooseSheet, memoriesFor, nominatorForMemory, planHeader, sheetSummary, withNominatorNamed, type SheetRows } from './plan.ts';
import { mapRows } from './map-rows.ts';

const sheet = (name: string, rows: unknown[][], extra: Partial<SheetRows> = {}): SheetRows => ({ name, rows, date1904: false, range: { rows: rows.length, columns: 6 }, hidden: false, ...extra });
const papers = sheet('推荐论文', [['汇总表'], ['题目', '作者', '刊名', '年份', '学科', '推荐单位'], ['论文一', '陈一', 'Nature', 2024, '化学', '学会甲']]);
const notes = sheet('说明', [['请按模板填写']]);
const own = sheet('自定义', [['甲列', '乙列', '丙列'], ['论文二', '刘二', 'Cell']]);

describe('planning an import', () => {
  it('chooses the sheet whose header names the nominations, or the one named; a refused sheet says why', () => {
    expect(chooseSheet('papers', { fileName: 'a.xlsx', sheets: [notes, papers] }, undefined).name).toBe('推荐论文');
    expect(chooseSheet('papers', { fileName: 'a.xlsx', sheets: [notes, papers] }, '说明').name).toBe('说明');
    expect(() => chooseSheet('papers', { fileName: 'a.xlsx', sheets: [papers] }, '无')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    const big = sheet('大表', [], { error: { code: 'SHEET_TOO_LARGE', message: 'too big' } });
    expect(() => chooseSheet('papers', { fileName: 'a.xlsx', sheets: [big] }, undefined)).toThrow(expect.objectContaining({ code: 'SHEET_TOO_LARGE' }));
    expect(sheetSummary('papers', big, []).skip).toBe('too-large');
    expect(sheetSummary('papers', notes, []).skip).toBe('no-header');
    expect(sheetSummary('papers', papers, [])).toMatchObject({ headerRow: 1, dataRows: 1, skip: null });
  });

  it('the header is guessed, or given; with no header a mapping given heads the first row with content', () => {
    const guessed = planHeader({ campaignKind: 'papers', sheet: papers, mappings: {}, nominator: '' });
    expect(guessed).toMatchObject({ headerRow: 1, mappingSource: 'guessed', noHeader: null });
    expect(guessed.mapping.slice(0, 2)).toEqual(['title', 'authors']);
    const none = planHeader({ campaignKind: 'papers', sheet: own, mappings: {}, nominator: '' });
    expect(none.input).toBeNull();
    expect(none.noHeader).toMatchObject({ code: 'HEADER_NOT_FOUND', severity: 'error' });
    const given = planHeader({ campaignKind: 'papers', sheet: own, mappings: {}, nominator: '', mapping: [{ column: 'A', field: 'title' }] });
    expect(given).toMatchObject({ headerRow: 0, mappingSource: 'given' });
    expect(given.mapping[0]).toBe('title');
    expect(() => planHeader({ campaignKind: 'papers', sheet: own, mappings: {}, nominator: '', headerRow: 9 })).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENTS' }));
  });

  it('a nominator\'s remembered layout wins over a guess, and is what makes their own headers a header', () => {
    const mappings = { 学会乙: { 甲列: 'title', 乙列: 'authors', 丙列: 'journal' } };
    expect(memoriesFor(mappings, '学会乙')).toEqual([mappings.学会乙]);
    expect(memoriesFor(mappings, '学会丙')).toEqual([]);
    expect(memoriesFor(mappings, '')).toEqual([mappings.学会乙]);
    const plan = planHeader({ campaignKind: 'papers', sheet: own, mappings, nominator: '学会乙' });
    expect(plan).toMatchObject({ headerRow: 0, mappingSource: 'remembered', mapping: ['title', 'authors', 'journal'] });
  });

  it('whose layout to remember, and a nominator named standing for a missing column', () => {
    const plan = planHeader({ campaignKind: 'papers', sheet: papers, mappings: {}, nominator: '' });
    const mapped = mapRows(plan.input!);
    expect(nominatorForMemory('', mapped)).toBe('学会甲');
    expect(nominatorForMemory('学会乙', mapped)).toBe('学会乙');
    const noColumn = mapRows({ ...plan.input!, mapping: plan.mapping.map((f) => (f === 'nominator' ? null : f)) });
    expect(noColumn.issues.some((i) => i.code === 'COLUMN_MISSING' && i.field === 'nominator')).toBe(true);
    expect(withNominatorNamed(noColumn, '学会乙').issues.some((i) => i.code === 'COLUMN_MISSING' && i.field === 'nominator')).toBe(false);
    expect(nominatorForMemory('', noColumn)).toBe('');
  });
});
