import { describe, expect, it } from 'vitest';
import { computeResults, type ResultsNomination } from './results.ts';
import { expertCodes } from './disagreement.ts';
import { countableScores, type PanelScore } from './panel.ts';
import { template } from '../campaign/templates.ts';

const s = (itemId: string, expertId: string, total: number): PanelScore => ({ itemId, expertId, total });
// p and q are equally good; p drew the harsh expert h, q the lenient l; a and b link them; r is plainly weaker.
const scores = countableScores([
  s('p', 'h', 70), s('p', 'm', 80),
  s('q', 'l', 90), s('q', 'm', 80),
  s('a', 'h', 55), s('a', 'l', 75), s('a', 'm', 65),
  s('b', 'h', 80), s('b', 'l', 100), s('b', 'm', 90),
  s('r', 'h', 55), s('r', 'l', 75), s('r', 'm', 60),
], { conflicts: [], recusals: [] });
const codes = expertCodes(['h', 'l', 'm']);
const noms: ResultsNomination[] = ['p', 'q', 'a', 'b', 'r', 'none'].map((id) => ({ id, discipline: '化学', year: 2024 }));

describe('computeResults', () => {
  it('switching the method redraws the ranking', () => {
    const settings = { ...template('conferences').settings, quota: { total: 2, allocation: 'manual' as const, perDiscipline: {} } };
    const byMean = computeResults({ settings, nominations: noms, scores, codes, method: 'mean' });
    const byAdditive = computeResults({ settings, nominations: noms, scores, codes, method: 'additive' });
    const view = (r: typeof byMean) => r.ranking.standings.map((x) => `${x.itemId}:${x.rank ?? '-'}:${x.status}`);
    expect(view(byMean)).toEqual(['b:1:selected', 'q:2:selected', 'p:3:out', 'a:4:out', 'r:5:out', 'none:-:unranked']);
    expect(view(byAdditive)).toEqual(['b:1:selected', 'p:2:tie', 'q:2:tie', 'a:4:out', 'r:5:out', 'none:-:unranked']);
    expect(byAdditive.ranking.lines[0]?.reasons[0]?.code).toBe('TIE_AT_LINE');
    expect(byMean.papers).toBeNull();
    expect(byMean.aggregation.items.find((i) => i.itemId === 'none')?.flags).toEqual([{ code: 'NO_SCORES' }]);
  });

  it('papers: the blend ranks, quotas are shared by discipline, and the disagreement list is there', () => {
    const settings = { ...template('papers').settings, quota: { total: 2, allocation: 'proportional' as const, perDiscipline: {} } };
    const papers = noms.map((n, k) => ({ ...n, discipline: k < 3 ? '化学' : '物理', metrics: { attention: { value: 10 * k } } }));
    const trimmed = computeResults({ settings, nominations: papers, scores, codes, tieBreaks: ['metric'] });
    expect(trimmed.method).toBe('trimmed');
    // Three scores leave one after trimming (3 needed): no expert score, so no final score, and nothing ranks.
    expect(trimmed.papers?.find((x) => x.itemId === 'b')?.flags).toContainEqual({ code: 'BLEND_MISSING_PART', values: { part: 'expert' } });
    expect(trimmed.ranking.standings.every((x) => x.status === 'unranked')).toBe(true);
    const r = computeResults({ settings, nominations: papers, scores, codes, method: 'additive', tieBreaks: ['metric'] });
    expect(r.quotas).toEqual({ 化学: 1, 物理: 1 });
    // 化学: attention 0, 10, 20 → percentiles 16.7, 50, 83.3, so a (83.3 × 0.6 + 0.4 × its effect) leads p and q.
    const a = r.papers?.find((x) => x.itemId === 'a');
    expect(a?.metricScore).toBeCloseTo(250 / 3, 9);
    expect(a?.final).toBeCloseTo(0.6 * (250 / 3) + 0.4 * (r.aggregation.items.find((i) => i.itemId === 'a')?.values.additive as number), 9);
    expect(r.ranking.standings.filter((x) => x.status === 'selected').map((x) => x.itemId)).toEqual(['a', 'r']);
    expect(r.disagreements.find((d) => d.itemId === 'b')?.scores.map((x) => x.code)).toEqual(['B', 'C', 'A']);
  });
});

describe('computeResults: the campaign\'s own tie-break and z-score settings', () => {
  const base = template('conferences').settings;
  const two = { ...base, quota: { total: 2, allocation: 'manual' as const, perDiscipline: {} } };

  it('a tie on the line stays a tie without tie-breaks, and the configured one decides it (hand-checked)', () => {
    // Additive: p and q tie at 2 for the last seat. Their medians: p (70, 80) → 75, q (90, 80) → 85: by median q wins.
    const tied = computeResults({ settings: two, nominations: noms, scores, codes, method: 'additive' });
    expect(tied.ranking.standings.filter((x) => x.status === 'tie').map((x) => x.itemId)).toEqual(['p', 'q']);
    const settings = { ...two, aggregation: { ...two.aggregation, tieBreaks: ['median' as const] } };
    const broken = computeResults({ settings, nominations: noms, scores, codes, method: 'additive' });
    expect(broken.ranking.standings.map((x) => `${x.itemId}:${x.rank}:${x.status}`).slice(0, 3)).toEqual(['b:1:selected', 'q:2:selected', 'p:3:out']);
    expect(broken.ranking.lines[0]?.reasons).toEqual([{ code: 'TIE_BROKEN', values: { by: 'median', lastIn: '85', firstOut: '75' } }]);
    // The count cannot separate them (two scores each): still a tie.
    const byCount = computeResults({ settings: { ...two, aggregation: { ...two.aggregation, tieBreaks: ['count' as const] } }, nominations: noms, scores, codes, method: 'additive' });
    expect(byCount.ranking.standings.filter((x) => x.status === 'tie').map((x) => x.itemId)).toEqual(['p', 'q']);
  });

  it('minExpertScores from the settings: with 6 needed, every expert (5 scores at most) is left raw and the z-score is the mean', () => {
    const settings = { ...two, aggregation: { ...two.aggregation, minExpertScores: 6 } };
    const r = computeResults({ settings, nominations: noms, scores, codes, method: 'zscore' });
    for (const i of r.aggregation.items) expect(i.values.zscore).toBe(i.values.mean);
    expect(r.aggregation.experts.every((e) => !e.calibrated && e.flags[0]?.code === 'EXPERT_FEW_SCORES')).toBe(true);
  });

  it('seats equal to the ranked items select them all; one more seat says the quota is not reached', () => {
    const five = computeResults({ settings: { ...two, quota: { ...two.quota, total: 5 } }, nominations: noms, scores, codes, method: 'mean' });
    expect(five.ranking.standings.filter((x) => x.status === 'selected')).toHaveLength(5);
    expect(five.ranking.lines[0]?.reasons).toEqual([]);
    const six = computeResults({ settings: { ...two, quota: { ...two.quota, total: 6 } }, nominations: noms, scores, codes, method: 'mean' });
    expect(six.ranking.lines[0]?.reasons).toEqual([{ code: 'QUOTA_NOT_REACHED', values: { quota: 6, ranked: 5 } }]);
  });
});
