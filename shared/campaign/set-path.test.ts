import { describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors.ts';
import { newCampaign } from './campaign.ts';
import { applyAssignments, parseAssignment } from './set-path.ts';

const base = () => newCampaign({ template: 'conferences', name: '十佳会议', year: 2026 }, 'c-1', '2026-01-01T00:00:00.000Z');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('parseAssignment', () => {
  it('reads JSON values and falls back to text', () => {
    expect(parseAssignment('quota.total=10')).toEqual({ key: 'quota.total', value: 10 });
    expect(parseAssignment('display.expertsByCode=false')).toEqual({ key: 'display.expertsByCode', value: false });
    expect(parseAssignment('name=十佳 会议=2026')).toEqual({ key: 'name', value: '十佳 会议=2026' });
    expect(parseAssignment('quota.total=null')).toEqual({ key: 'quota.total', value: null });
    expect(codeOf(() => parseAssignment('quota.total'))).toBe('BAD_ARGUMENTS');
  });
});

describe('applyAssignments', () => {
  it('a new year moves the papers window derived from the old one, unless the window is set too or was set by hand', () => {
    const papers = newCampaign({ template: 'papers', name: '百篇论文', year: 2026 }, 'c-1', '2026-01-01T00:00:00.000Z');
    const window = (c: typeof papers) => [c.settings.eligibility.yearFrom, c.settings.eligibility.yearTo];
    expect(window(applyAssignments(papers, [{ key: 'year', value: 2027 }]))).toEqual([2025, 2026]);
    expect(window(applyAssignments(papers, [{ key: 'year', value: 2027 }, { key: 'eligibility.yearTo', value: 2027 }]))).toEqual([2024, 2027]);
    const byHand = applyAssignments(papers, [{ key: 'eligibility.yearFrom', value: 2022 }]);
    expect(window(applyAssignments(byHand, [{ key: 'year', value: 2027 }]))).toEqual([2022, 2025]);
    expect(window(applyAssignments(papers, [{ key: 'name', value: '改名' }]))).toEqual([2024, 2025]);
  });

  it('sets settings by path, with or without the settings. prefix', () => {
    const c = applyAssignments(base(), [{ key: 'quota.total', value: 12 }, { key: 'settings.assignment.perItem', value: 3 }]);
    expect(c.settings.quota.total).toBe(12);
    expect(c.settings.assignment.perItem).toBe(3);
  });

  it('sets scoring.blind (JSON false from the command line), also on a campaign stored before that setting', () => {
    expect(base().settings.scoring.blind).toBe(true);
    expect(applyAssignments(base(), [parseAssignment('scoring.blind=false')]).settings.scoring.blind).toBe(false);
    const { scoring: _none, ...older } = base().settings;
    const old = { ...base(), settings: older } as unknown as ReturnType<typeof base>;
    expect(applyAssignments(old, [{ key: 'scoring.blind', value: false }]).settings.scoring).toEqual({ blind: false });
    expect(applyAssignments(old, [{ key: 'quota.total', value: 3 }]).settings.scoring).toEqual({ blind: true });
    expect(codeOf(() => applyAssignments(base(), [{ key: 'scoring.blind', value: 'maybe' }]))).toBe('SETTING_INVALID');
  });

  it('sets the tie-break order as a list and the z-score minimum; refuses an unknown or repeated tie-break', () => {
    const c = applyAssignments(base(), [{ key: 'aggregation.tieBreaks', value: 'metric, count' }, { key: 'aggregation.minExpertScores', value: 5 }]);
    expect(c.settings.aggregation.tieBreaks).toEqual(['metric', 'count']);
    expect(c.settings.aggregation.minExpertScores).toBe(5);
    expect(() => applyAssignments(base(), [{ key: 'aggregation.tieBreaks', value: 'luck' }])).toThrow(expect.objectContaining({ code: 'SETTING_INVALID' }));
    expect(() => applyAssignments(base(), [{ key: 'aggregation.tieBreaks', value: 'count,count' }])).toThrow(expect.objectContaining({ code: 'SETTING_INVALID' }));
    expect(() => applyAssignments(base(), [{ key: 'aggregation.minExpertScores', value: 1 }])).toThrow(expect.objectContaining({ code: 'SETTING_OUT_OF_RANGE' }));
  });

  it('sets campaign fields, criteria and lists typed as people type them', () => {
    const c = applyAssignments(base(), [
      { key: 'name', value: '2026 十佳' },
      { key: 'disciplines', value: '数学, 物理、化学' },
      { key: 'criteria.academic-value.weight', value: 40 },
      { key: 'eligibility.beijingNames', value: '清华大学，北京大学' },
    ]);
    expect(c.name).toBe('2026 十佳');
    expect(c.disciplines).toEqual(['数学', '物理', '化学']);
    expect(c.criteria[0]!.weight).toBe(40);
    expect(c.settings.eligibility.beijingNames).toEqual(['清华大学', '北京大学']);
  });

  it('refuses a weight of −5 as out of range and leaves the campaign as it was', () => {
    const c = base();
    expect(codeOf(() => applyAssignments(c, [{ key: 'criteria.academic-value.weight', value: -5 }]))).toBe('SETTING_OUT_OF_RANGE');
    expect(c.criteria[0]!.weight).toBe(25);
    expect(codeOf(() => applyAssignments(c, [{ key: 'assignment.perItem', value: 0 }]))).toBe('SETTING_OUT_OF_RANGE');
    expect(codeOf(() => applyAssignments(c, [{ key: 'assignment.perItem', value: 'five' }]))).toBe('SETTING_INVALID');
  });

  it('names unknown keys, and never walks into prototypes', () => {
    for (const key of ['quota.nope', 'nope', 'criteria.nope.weight', 'criteria.academic-value.colour', '__proto__.polluted', 'quota.__proto__.x', 'constructor.prototype.x', 'quota']) {
      expect(codeOf(() => applyAssignments(base(), [{ key, value: 1 }])), key).toBe('SETTING_UNKNOWN');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lets a record setting gain keys (per-discipline quotas)', () => {
    const c = applyAssignments(base(), [{ key: 'quota.perDiscipline', value: { 数学: 3 } }]);
    expect(c.settings.quota.perDiscipline).toEqual({ 数学: 3 });
  });

  it('validates the range of a criterion as a whole', () => {
    expect(codeOf(() => applyAssignments(base(), [{ key: 'criteria.service.max', value: 0 }]))).toBe('SETTING_INVALID');
    expect(codeOf(() => applyAssignments(base(), [{ key: 'criteria.service.step', value: 7 }]))).toBe('SETTING_INVALID');
  });
});
