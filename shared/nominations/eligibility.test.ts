import { describe, expect, it } from 'vitest';
import { settingsSchema, type SettingsInput } from '../campaign/settings.ts';
import { ageAt, checkEligibility, isBeijing, safePattern } from './eligibility.ts';
import { BEIJING_INSTITUTIONS, defaultSettings } from '../campaign/settings.ts';

const today = '2026-03-05';
function campaign(eligibility: SettingsInput['eligibility'] = {}, disciplines: string[] = []) {
  return { settings: settingsSchema.parse({ eligibility }), disciplines };
}
const paper = { title: 'T', authors: ['A'], journal: 'J', year: 2025, discipline: '材料科学', nominator: '学会', affiliation: '北京大学' };

describe('checkEligibility', () => {
  it('a complete paper within the rules is eligible, with no reasons', () => {
    expect(checkEligibility('papers', { fields: paper }, campaign({ requiredFields: ['title', 'year'], yearFrom: 2024, requireBeijingAffiliation: true }), { today })).toEqual({ status: 'eligible', reasons: [] });
  });

  it('a missing required field needs attention, naming the field; unknown setting names are ignored, aliases followed', () => {
    const r = checkEligibility('papers', { fields: { ...paper, journal: '' } }, campaign({ requiredFields: ['journal', 'doi', 'bogus'] }), { today });
    expect(r.status).toBe('attention');
    expect(r.reasons).toEqual([{ code: 'REQUIRED_MISSING', status: 'attention', field: 'journal' }, { code: 'REQUIRED_MISSING', status: 'attention', field: 'doi' }]);
    const conf = checkEligibility('conferences', { fields: { name: 'X' } }, campaign({ requiredFields: ['startDate'] }), { today });
    expect(conf.reasons).toEqual([{ code: 'REQUIRED_MISSING', status: 'attention', field: 'dates' }]);
  });

  it('a year outside the window is ineligible; conferences by their start', () => {
    const r = checkEligibility('papers', { fields: { ...paper, year: 2022 } }, campaign({ yearFrom: 2024, yearTo: 2025 }), { today });
    expect(r).toEqual({ status: 'ineligible', reasons: [{ code: 'YEAR_OUTSIDE_WINDOW', status: 'ineligible', field: 'year', values: { year: 2022, from: 2024, to: 2025 } }] });
    const c = checkEligibility('conferences', { fields: { name: 'X', dates: { start: '2027-01-02', precision: 'day' } } }, campaign({ yearTo: 2026 }), { today });
    expect(c.status).toBe('ineligible');
  });

  it('Beijing: names exact after normalising, patterns as regexes, an invalid pattern ignored; none or missing → attention', () => {
    const rules = { requireBeijingAffiliation: true, beijingNames: ['清华大学'], beijingPatterns: ['北京', '(unclosed', '^Peking'] };
    expect(checkEligibility('papers', { fields: { ...paper, affiliation: ' 清华 大学 ' } }, campaign(rules), { today }).status).toBe('eligible');
    expect(checkEligibility('papers', { fields: { ...paper, affiliation: 'Peking University' } }, campaign(rules), { today }).status).toBe('eligible');
    expect(checkEligibility('papers', { fields: { ...paper, affiliation: '复旦大学' } }, campaign(rules), { today }).reasons).toEqual([{ code: 'NOT_BEIJING', status: 'attention', field: 'affiliation', values: { institution: '复旦大学' } }]);
    const { affiliation: _a, ...noAff } = paper;
    expect(checkEligibility('papers', { fields: noAff }, campaign(rules), { today }).reasons).toEqual([{ code: 'AFFILIATION_UNKNOWN', status: 'attention', field: 'affiliation' }]);
    // Not asked for: not checked.
    expect(checkEligibility('papers', { fields: { ...paper, affiliation: '复旦大学' } }, campaign({ requireBeijingAffiliation: false }), { today }).status).toBe('eligible');
    expect(safePattern('(unclosed')).toBeNull();
    expect(isBeijing('复旦大学；清华大学', ['清华大学'], [])).toBe(true);
  });

  it('knows Beijing institutions whose names do not say so, within longer names too', () => {
    const { beijingNames, beijingPatterns } = defaultSettings().eligibility;
    for (const inst of ['清华大学', '清华大学化学系', 'Tsinghua University', '中国人民大学 法学院', '首都医科大学', '北京大学', 'Peking University', 'University of Chinese Academy of Sciences']) {
      expect(isBeijing(inst, beijingNames, beijingPatterns), inst).toBe(true);
    }
    for (const inst of ['复旦大学', '南京大学', 'Fudan University', '中国科学技术大学']) expect(isBeijing(inst, beijingNames, beijingPatterns), inst).toBe(false);
  });

  it('a discipline not among the campaign\'s needs attention (only when it has some)', () => {
    expect(checkEligibility('papers', { fields: paper }, campaign({}, ['化学']), { today }).reasons).toEqual([{ code: 'DISCIPLINE_UNKNOWN', status: 'attention', field: 'discipline', values: { discipline: '材料科学' } }]);
    expect(checkEligibility('papers', { fields: paper }, campaign({}, ['材料 科学']), { today }).status).toBe('eligible');
  });

  it('talent: over the age limit at the reference date is ineligible; an unknown age needs attention', () => {
    const rules = { ageLimit: 35, referenceDate: '2026-06-30' };
    const born = (start: string, precision: 'day' | 'month' = 'day') => ({ fields: { name: 'X', birthDate: { start, precision } } });
    expect(checkEligibility('talent', born('1991-06-30'), campaign(rules), { today }).status).toBe('eligible'); // 35 that day
    expect(checkEligibility('talent', born('1990-06-29'), campaign(rules), { today }).reasons).toEqual([{ code: 'OVER_AGE_LIMIT', status: 'ineligible', field: 'birthDate', values: { age: 36, limit: 35, referenceDate: '2026-06-30' } }]);
    expect(checkEligibility('talent', born('1990-07-01', 'month'), campaign(rules), { today }).status).toBe('eligible');
    expect(checkEligibility('talent', { fields: { name: 'X' } }, campaign(rules), { today }).reasons).toEqual([{ code: 'AGE_UNKNOWN', status: 'attention', field: 'birthDate' }]);
    // No reference date: today.
    expect(checkEligibility('talent', born('1990-03-06'), campaign({ ageLimit: 35 }), { today }).status).toBe('eligible');
    expect(ageAt('2000-02-29', '2026-02-28')).toBe(25);
  });

  it('disagreeing sources and unresolved near duplicates need attention', () => {
    const r = checkEligibility('papers', { fields: paper, disagreements: ['citations'], nearDuplicates: ['n9'] }, campaign(), { today });
    expect(r.status).toBe('attention');
    expect(r.reasons.map((x) => x.code)).toEqual(['SOURCES_DISAGREE', 'NEAR_DUPLICATE']);
  });

  it('an override replaces the status; the reasons stay, with OVERRIDDEN and the note', () => {
    const r = checkEligibility('papers', { fields: { ...paper, year: 2000 }, override: { status: 'eligible', note: '专家组认定', at: 't', actor: 'me' } }, campaign({ yearFrom: 2024 }), { today });
    expect(r.status).toBe('eligible');
    expect(r.reasons.map((x) => x.code)).toEqual(['YEAR_OUTSIDE_WINDOW', 'OVERRIDDEN']);
    expect(r.reasons[1]).toEqual({ code: 'OVERRIDDEN', status: 'eligible', values: { note: '专家组认定', from: 'ineligible' } });
  });
});

describe('the default Beijing list comes from the institutions table (shared/campaign/institutions-data.ts)', () => {
  it('knows the CAS institutes in Beijing, not the academy as a whole nor acronyms', () => {
    const patterns = ['北京', 'Beijing'];
    expect(isBeijing('中国科学院物理研究所', BEIJING_INSTITUTIONS, patterns)).toBe(true);
    expect(isBeijing('中科院计算所', BEIJING_INSTITUTIONS, patterns)).toBe(true);
    expect(isBeijing('Institute of Physics, Chinese Academy of Sciences', BEIJING_INSTITUTIONS, patterns)).toBe(true);
    expect(isBeijing('中国科学院上海有机化学研究所', BEIJING_INSTITUTIONS, patterns)).toBe(false);
    expect(isBeijing('Cascade Institute', BEIJING_INSTITUTIONS, patterns)).toBe(false);
    expect(isBeijing('中央音乐学院', BEIJING_INSTITUTIONS, patterns)).toBe(true);
  });
});
