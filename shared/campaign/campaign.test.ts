import { describe, expect, it } from 'vitest';
import { campaignWarnings, canSendSheets, followYear, newCampaign } from './campaign.ts';
import { checkEligibility } from '../nominations/eligibility.ts';
import { CAMPAIGN_KINDS } from './model.ts';
import { defaultSettings, settingsSchema } from './settings.ts';
import { template, yearWindow } from './templates.ts';

const NOW = '2026-03-05T01:02:03.000Z';

describe('templates', () => {
  it.each(CAMPAIGN_KINDS)('%s: a valid campaign whose rubric totals 100', (kind) => {
    const c = newCampaign({ template: kind, name: 'x', year: 2026 }, 'c-1', NOW);
    expect(c.kind).toBe(kind);
    expect(c.criteria.reduce((a, x) => a + x.weight, 0)).toBe(100);
    for (const cr of c.criteria) expect([cr.min, cr.max, cr.step]).toEqual([0, cr.weight, 1]);
    expect(c.createdAt).toBe(NOW);
    expect(canSendSheets(c)).toBe(true);
  });

  it('conferences: the seed\'s four criteria at 25 each, marked to confirm, quota 10', () => {
    const c = newCampaign({ template: 'conferences', name: '十佳会议', year: 2026 }, 'c-1', NOW);
    expect(c.criteria.map((x) => [x.name, x.weight, x.toConfirm])).toEqual([
      ['学术价值', 25, true], ['社会影响力', 25, true], ['科技工作者关注度', 25, true], ['服务经济社会发展', 25, true],
    ]);
    expect(c.settings.quota.total).toBe(10);
    expect(campaignWarnings(c).map((w) => w.code)).toEqual(['RUBRIC_TO_CONFIRM']);
  });

  it('papers: metrics 50/30/20, blend 60/40, quota 100 shared in proportion', () => {
    const c = newCampaign({ template: 'papers', name: '百篇论文', year: 2026 }, 'c-1', NOW);
    expect(c.criteria.map((x) => x.weight)).toEqual([40, 30, 30]);
    expect(c.settings.metrics).toMatchObject({ enabled: true, attentionWeight: 50, citationsWeight: 30, downloadsWeight: 20, minGroupSize: 10 });
    expect(c.settings.blend).toEqual({ metricWeight: 60, expertWeight: 40 });
    expect(c.settings.quota).toMatchObject({ total: 100, allocation: 'proportional' });
    expect(campaignWarnings(c)).toEqual([]);
  });

  it('every template starts from the design defaults', () => {
    const d = defaultSettings();
    expect(d.assignment).toEqual({ perItem: 5, loadSlack: 2 });
    expect(d.aggregation).toEqual({ method: 'trimmed', trimHighest: 1, trimLowest: 1, minScoresAfterTrim: 3, minExpertScores: 3, tieBreaks: [] });
    expect(d.disagreement).toEqual({ span: 30, stdDev: 12 });
    expect(d.vote).toEqual({ quorumNumerator: 3, quorumDenominator: 2, passNumerator: 3, passDenominator: 2, abstainCountsAsPresent: true, secretBallot: true });
    expect(d.display.timeZone).toBe('Asia/Shanghai');
    for (const kind of CAMPAIGN_KINDS) expect(template(kind).settings.assignment.perItem).toBe(5);
    expect(template('talent').settings.eligibility.ageLimit).toBe(35);
  });

  it('templates are copies: changing a campaign never changes the template', () => {
    const a = template('papers');
    (a.criteria[0] as { weight: number }).weight = 1;
    expect(template('papers').criteria[0]!.weight).toBe(40);
  });

  it('the settings schema rejects what is out of range', () => {
    expect(settingsSchema.safeParse({ assignment: { perItem: 0 } }).success).toBe(false);
    expect(settingsSchema.safeParse({ disagreement: { span: 101 } }).success).toBe(false);
  });
});

describe('the papers template\'s publication window follows the campaign year', () => {
  const papers = (year: number) => newCampaign({ template: 'papers', name: '百篇论文', year }, 'c-1', NOW);
  const window = (c: ReturnType<typeof papers>) => [c.settings.eligibility.yearFrom, c.settings.eligibility.yearTo];

  it('a new papers campaign accepts the two years before its own; 1999 is not eligible', () => {
    expect(window(papers(2026))).toEqual([2024, 2025]);
    expect(window(papers(2030))).toEqual([2028, 2029]);
    const c = papers(2026);
    const paper = { title: 'X', authors: ['甲'], journal: 'J', discipline: '化学', nominator: '学会', affiliation: '清华大学' };
    const check = (year: number) => checkEligibility('papers', { fields: { ...paper, year } }, c, { today: '2026-05-01' });
    expect(check(1999)).toMatchObject({ status: 'ineligible', reasons: [{ code: 'YEAR_OUTSIDE_WINDOW', values: { year: 1999, from: 2024, to: 2025 } }] });
    expect(check(2025).reasons.map((r) => r.code)).not.toContain('YEAR_OUTSIDE_WINDOW');
    expect(check(2026).reasons.map((r) => r.code)).toContain('YEAR_OUTSIDE_WINDOW');
  });

  it('other kinds stay open; the template shows the window of a year it is given', () => {
    for (const kind of ['conferences', 'talent', 'topics'] as const) {
      expect(window(newCampaign({ template: kind, name: 'x', year: 2026 }, 'c-1', NOW))).toEqual([null, null]);
      expect(yearWindow(kind, 2026)).toBeNull();
    }
    expect(template('papers').settings.eligibility).toMatchObject({ yearFrom: null, yearTo: null });
    expect(template('papers', 2026).settings.eligibility).toMatchObject({ yearFrom: 2024, yearTo: 2025 });
  });

  it('a new year moves the derived window; a window set by hand, or opened, stays', () => {
    const c = papers(2026);
    expect(window(followYear(c, { ...c, year: 2027 }))).toEqual([2025, 2026]);
    expect(followYear(c, c)).toBe(c);
    const byHand = { ...c, settings: { ...c.settings, eligibility: { ...c.settings.eligibility, yearFrom: 2023 } } };
    expect(window(followYear(byHand, { ...byHand, year: 2027 }))).toEqual([2023, 2025]);
    const open = { ...c, settings: { ...c.settings, eligibility: { ...c.settings.eligibility, yearFrom: null, yearTo: null } } };
    expect(window(followYear(open, { ...open, year: 2027 }))).toEqual([null, null]);
    // Year and window changed in one edit: the window given wins.
    const both = { ...c, year: 2027, settings: { ...c.settings, eligibility: { ...c.settings.eligibility, yearFrom: 2020, yearTo: 2026 } } };
    expect(window(followYear(c, both))).toEqual([2020, 2026]);
    const conf = newCampaign({ template: 'conferences', name: 'x', year: 2026 }, 'c-1', NOW);
    expect(followYear(conf, { ...conf, year: 2027 })).toEqual({ ...conf, year: 2027 });
  });
});

describe('warnings', () => {
  it('a rubric that does not total 100 saves with a warning and cannot send sheets', () => {
    const c = newCampaign({ template: 'topics', name: 'x', year: 2026 }, 'c-1', NOW);
    const off = { ...c, criteria: c.criteria.map((x, i) => (i === 0 ? { ...x, weight: 35 } : x)) };
    expect(campaignWarnings(off)).toEqual([{ code: 'RUBRIC_WEIGHTS_NOT_100', values: { total: 95, missing: 5 } }]);
    expect(canSendSheets(off)).toBe(false);
  });

  it('group quota shares beyond the quota are flagged', () => {
    const c = newCampaign({ template: 'conferences', name: 'x', year: 2026 }, 'c-1', NOW);
    const g = (id: string, quotaShare: number) => ({ id, name: id, nameEn: '', disciplines: [], leader: '', quotaShare, everyMemberScores: false });
    const over = { ...c, groups: [g('a', 6), g('b', 5)] };
    expect(campaignWarnings(over).map((w) => w.code)).toContain('GROUP_SHARES_EXCEED_QUOTA');
  });
});
