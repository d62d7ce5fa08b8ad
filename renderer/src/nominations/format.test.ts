import { describe, expect, it } from 'vitest';
import { createInstance, type TFunction } from 'i18next';
import { IMPORT_ISSUE_CODES } from '../../../shared/nominations/map-rows.ts';
import type { EligibilityReason } from '../../../shared/nominations/record.ts';
import type { NominationRow } from '../../../shared/contract/index.ts';
import { ApiError } from '../api.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { en } from '../i18n/en.ts';
import { cellName, editErrorText, formatBytes, formatValue, issueText, LabelIndex, reasonsSummary, reasonText } from './format.ts';
import { defaultVisibility, nominationColumns } from './columns.ts';

async function tFor(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const i = createInstance();
  await i.init({ lng, resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return i.t;
}

const REASONS: EligibilityReason['code'][] = ['REQUIRED_MISSING', 'YEAR_OUTSIDE_WINDOW', 'NOT_BEIJING', 'AFFILIATION_UNKNOWN', 'DISCIPLINE_UNKNOWN', 'OVER_AGE_LIMIT', 'AGE_UNKNOWN', 'SOURCES_DISAGREE', 'NEAR_DUPLICATE', 'OVERRIDDEN'];

describe('nominations words', () => {
  it('word every import issue code and every eligibility reason in both languages', () => {
    for (const tree of [zhCN, en]) {
      for (const code of IMPORT_ISSUE_CODES) expect(tree.nominations.issues[code], code).toBeTruthy();
      for (const code of REASONS) expect(tree.nominations.reasons[code], code).toBeTruthy();
    }
  });

  it('say what is wrong with a cell, quoting it, with the field in the user’s language', async () => {
    const issue = { sheet: '推荐论文', row: 4, column: 'D', field: 'year', code: 'BAD_YEAR', severity: 'warning', message: 'Year: not a year', value: 'abc' } as const;
    expect(issueText(issue, 'papers', await tFor('zh-CN'), 'zh-CN')).toBe('“abc”不是有效的年份');
    expect(issueText(issue, 'papers', await tFor('en'), 'en')).toBe('“abc” is not a year');
    expect(issueText({ ...issue, code: 'COLUMN_MISSING', field: 'journal', column: '', value: null }, 'papers', await tFor('zh-CN'), 'zh-CN')).toBe('没有哪一列对应“期刊”');
    expect(cellName(issue)).toBe('D4');
  });

  it('sum up many reasons for a cell: near duplicates as one line, at most five lines, then how many more', async () => {
    const near = (i: number): EligibilityReason => ({ code: 'NEAR_DUPLICATE', status: 'attention', values: { otherId: `n-${i}` } });
    const labelOf = (id: string) => `论文${id.slice(2)}`;
    const zh = await tFor('zh-CN');
    const many = [{ code: 'NOT_BEIJING', status: 'attention', values: { institution: '清华' } } as EligibilityReason, ...Array.from({ length: 99 }, (_, i) => near(i))];
    expect(reasonsSummary(many, 'papers', zh, 'zh-CN', labelOf)).toEqual([
      '单位“清华”未识别为北京地区单位',
      '与另外 99 项推荐相似（如“论文0”“论文1”），请确认是否重复',
    ]);
    const en = await tFor('en');
    expect(reasonsSummary([near(7)], 'papers', en, 'en', labelOf)).toEqual(['Resembles another nomination, “论文7”: confirm whether it is the same']);
    const seven: EligibilityReason[] = ['journal', 'authors', 'year', 'doi', 'discipline', 'affiliation', 'title'].map((field) => ({ code: 'REQUIRED_MISSING', status: 'attention', field }));
    const lines = reasonsSummary([...seven, near(1), near(2)], 'papers', en, 'en', labelOf);
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('3 more in the details');
    expect(reasonsSummary([], 'papers', en, 'en')).toEqual([]);
  });

  it('index labels over every list given, lazily, and move the version only when a known label changes', () => {
    const labels = new LabelIndex();
    const a = [{ id: 'n1', label: '甲' }, { id: 'n2', label: '乙' }];
    labels.take(a);
    expect(labels.lookup('n2')).toBe('乙');
    const v = labels.version;
    // A filtered list: what it leaves out is still known; nothing changed.
    labels.take([{ id: 'n1', label: '甲' }]);
    expect(labels.lookup('n2')).toBe('乙');
    expect(labels.version).toBe(v);
    // A title edited by hand: its new label, and a new version.
    labels.take([{ id: 'n1', label: '甲（改）' }, { id: 'n2', label: '乙' }]);
    expect(labels.version).toBe(v + 1);
    expect(labels.lookup('n1')).toBe('甲（改）');
    // New nominations only: the same version.
    labels.take([{ id: 'n3', label: '丙' }]);
    expect(labels.version).toBe(v + 1);
    expect(labels.lookup('n3')).toBe('丙');
  });

  it('word the formal check’s reasons with their values', async () => {
    const t = await tFor('zh-CN');
    expect(reasonText({ code: 'YEAR_OUTSIDE_WINDOW', status: 'ineligible', field: 'year', values: { year: 2019, from: 2023, to: 2025 } }, 'papers', t, 'zh-CN'))
      .toBe('年份 2019 不在征集范围（2023–2025 年）内');
    expect(reasonText({ code: 'REQUIRED_MISSING', status: 'attention', field: 'journal' }, 'papers', t, 'zh-CN')).toBe('缺少必填项“期刊”');
    expect(reasonText({ code: 'NEAR_DUPLICATE', status: 'attention', values: { otherId: 'n-2' } }, 'papers', t, 'zh-CN', (id) => (id === 'n-2' ? '另一篇论文' : undefined)))
      .toBe('与另一项推荐“另一篇论文”相似，请确认是否重复');
    expect(reasonText({ code: 'OVERRIDDEN', status: 'eligible', values: { note: '已核实', from: 'attention' } }, 'papers', await tFor('en'), 'en'))
      .toBe('Set by hand to “Eligible” (was “Needs attention”): 已核实');
  });

  it('word main’s refusal of a hand edit by the field and the value’s problem', async () => {
    const err = new ApiError({ code: 'FIELD_INVALID', message: 'DOI: "x" is not a valid value (BAD_DOI)', values: { field: 'doi', code: 'BAD_DOI' } });
    expect(editErrorText(err, 'papers', await tFor('zh-CN'), 'zh-CN')).toBe('DOI：不是 DOI（应为 10.xxxx/…）');
    expect(editErrorText(new ApiError({ code: 'NOT_FOUND', message: 'gone' }), 'papers', await tFor('en'), 'en')).not.toMatch(/NOT_FOUND|gone/);
  });

  it('show values as the secretary types them', () => {
    expect(formatValue(['张三', '李四'])).toBe('张三; 李四');
    expect(formatValue({ start: '2026-06-08', end: '2026-06-10', precision: 'day' })).toBe('2026-06-08 – 2026-06-10');
    expect(formatValue({ start: '2026-09-01', precision: 'month' })).toBe('2026-09');
    expect(formatValue(85)).toBe('85');
    expect(formatValue(undefined)).toBe('');
    expect(formatBytes(51 * 1024 * 1024)).toBe('51.0 MB');
  });
});

describe('nominations grid columns', () => {
  it('put status and the identity first, every field of the kind editable, rarer ones hidden at first', async () => {
    const t = await tFor('zh-CN');
    const cols = nominationColumns('papers', t, 'zh-CN', new LabelIndex());
    expect(cols.slice(0, 3).map((c) => c.id)).toEqual(['status', 'title', 'nominators']);
    expect(cols.find((c) => c.id === 'year')?.editable).toBe(true);
    expect(cols.find((c) => c.id === 'status')?.editable).toBeUndefined();
    expect(defaultVisibility('papers')).toMatchObject({ firstAuthor: false, url: false });
    const row = { id: 'n1', key: 'doi:x', label: 'T', fields: { year: 2025, authors: ['甲', '乙'] }, nominators: ['中国化学会'], status: 'attention', reasons: [{ code: 'NOT_BEIJING', status: 'attention', field: 'affiliation', values: { institution: '清华大学' } }], edited: ['year'], disagreements: [], updatedAt: '' } as NominationRow;
    const status = cols.find((c) => c.id === 'status')!;
    expect(status.format?.(status.accessor(row), row)).toBe('需关注');
    expect(status.cellTitle?.(row.status, row)).toBe('单位“清华大学”未识别为北京地区单位');
    const year = cols.find((c) => c.id === 'year')!;
    expect(year.accessor(row)).toBe(2025);
    expect(year.cellClassName?.(2025, row)).toContain('nm-edited');
    expect(cols.find((c) => c.id === 'authors')!.accessor(row)).toBe('甲; 乙');
  });
});
