import { describe, expect, it } from 'vitest';
import { campaignWarnings, canSendSheets, newCampaign } from './campaign.ts';
import { CAMPAIGN_KINDS } from './model.ts';
import { defaultSettings, settingsSchema } from './settings.ts';
import { template } from './templates.ts';

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
    expect(d.aggregation).toEqual({ method: 'trimmed', trimHighest: 1, trimLowest: 1, minScoresAfterTrim: 3 });
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
