import { describe, expect, it } from 'vitest';
import { blend, paperScores, poolWindow, type MetricRules, type BlendRules, type PaperMetricsInput } from './metrics.ts';
import { defaultSettings } from '../campaign/settings.ts';
import { template } from '../campaign/templates.ts';

const papersSettings = template('papers').settings;
const rules: MetricRules & BlendRules = { ...papersSettings.metrics, ...papersSettings.blend };
const paper = (itemId: string, discipline: string | null, year: number | null, m: { a?: number; c?: number; d?: number }): PaperMetricsInput => ({
  itemId,
  discipline,
  year,
  metrics: {
    ...(m.a !== undefined ? { attention: { value: m.a, source: 'Altmetric', date: '2026-03-01' } } : {}),
    ...(m.c !== undefined ? { citations: { value: m.c, source: 'CNKI', date: '2026-03-02' } } : {}),
    ...(m.d !== undefined ? { downloads: { value: m.d } } : {}),
  },
});
const get = <T extends { itemId: string }>(xs: readonly T[], id: string): T => {
  const x = xs.find((p) => p.itemId === id);
  if (!x) throw new Error(id);
  return x;
};

describe('percentiles', () => {
  it('uses the papers template: attention 50, citations 30, downloads 20, blend 60/40, groups of 10', () => {
    expect(rules).toMatchObject({ attentionWeight: 50, citationsWeight: 30, downloadsWeight: 20, minGroupSize: 10, metricWeight: 60, expertWeight: 40 });
  });

  it('are mid-rank within a discipline × year: ties share one percentile (hand-computed)', () => {
    const values = [0, 0, 3, 5, 5, 5, 8, 9, 10, 12];
    const papers = values.map((c, k) => paper(`p${k}`, 'bio', 2022, { c }));
    const r = paperScores(papers, new Map(), rules);
    expect(get(r, 'p0').components.citations?.percentile).toBeCloseTo(10, 12); // (0 + 2/2)/10
    expect(get(r, 'p3').components.citations?.percentile).toBeCloseTo(45, 12); // (3 + 3/2)/10
    expect(get(r, 'p5').components.citations?.percentile).toBeCloseTo(45, 12);
    expect(get(r, 'p9').components.citations?.percentile).toBeCloseTo(95, 12); // (9 + 1/2)/10
    expect(get(r, 'p9').components.citations).toMatchObject({ value: 12, source: 'CNKI', date: '2026-03-02', pool: { discipline: 'bio', fromYear: 2022, toYear: 2022, n: 10 } });
  });

  it('keeps a missing metric missing: not 0, not in the pool, weights re-normalised and flagged', () => {
    const papers = Array.from({ length: 10 }, (_, k) => paper(`p${k}`, 'bio', 2022, { a: k * 10, c: k, d: 100 + k }));
    papers.push(paper('gap', 'bio', 2022, { a: 45, d: 104.5 }));
    const r = paperScores(papers, new Map([['gap', 70]]), rules);
    const g = get(r, 'gap');
    expect(g.components.citations).toBeNull();
    expect(get(r, 'p0').components.citations?.pool.n).toBe(10);
    expect(get(r, 'p0').components.attention?.pool.n).toBe(11);
    // attention 45 among 0,10,…,90 and itself: 5 below → (5 + 0.5)/11; downloads 104.5: likewise.
    const pa = (100 * 5.5) / 11;
    expect(g.components.attention?.percentile).toBeCloseTo(pa, 12);
    expect(g.metricScore).toBeCloseTo((50 * pa + 20 * pa) / 70, 12);
    expect(g.flags).toContainEqual({ code: 'METRIC_RENORMALISED', values: { missing: 'citations', weight: 70 } });
    expect(g.final).toBeCloseTo(0.6 * (g.metricScore as number) + 0.4 * 70, 12);
  });

  it('pools adjacent years symmetrically for a cell under 10, per cell, and says which years', () => {
    // bio: 2020 ×4, 2021 ×3, 2022 ×5, 2023 ×12; chem 2021 ×20 must not mix in.
    const counts: [number, number][] = [[2020, 4], [2021, 3], [2022, 5], [2023, 12]];
    const papers: PaperMetricsInput[] = [];
    for (const [y, n] of counts) for (let k = 0; k < n; k++) papers.push(paper(`b${y}-${k}`, 'bio', y, { a: y - 2000 + k }));
    for (let k = 0; k < 20; k++) papers.push(paper(`c${k}`, 'chem', 2021, { a: 1000 + k }));
    const r = paperScores(papers, new Map(), rules);
    const pool = (id: string) => get(r, id).components.attention?.pool;
    expect(pool('b2021-0')).toEqual({ discipline: 'bio', fromYear: 2020, toYear: 2022, n: 12 });
    expect(pool('b2020-0')).toEqual({ discipline: 'bio', fromYear: 2020, toYear: 2022, n: 12 }); // 2019–2021 held 7, 2018–2022 holds 12
    expect(pool('b2022-0')).toEqual({ discipline: 'bio', fromYear: 2021, toYear: 2023, n: 20 });
    expect(pool('b2023-0')).toEqual({ discipline: 'bio', fromYear: 2023, toYear: 2023, n: 12 });
    expect(pool('c0')).toEqual({ discipline: 'chem', fromYear: 2021, toYear: 2021, n: 20 });
    expect(get(r, 'b2021-0').flags).toContainEqual({ code: 'METRIC_POOLED', values: { metric: 'attention', discipline: 'bio', year: 2021, fromYear: 2020, toYear: 2022, n: 12 } });
    expect(get(r, 'b2023-0').flags).toEqual([{ code: 'METRIC_RENORMALISED', values: { missing: 'citations,downloads', weight: 50 } }, { code: 'BLEND_MISSING_PART', values: { part: 'expert' } }]);
    // b2021-0's attention is 21; in 2020–2022 one value is below it (20) and two equal it (its own, b2020-1's).
    expect(get(r, 'b2021-0').components.attention?.percentile).toBeCloseTo((100 * (1 + 2 / 2)) / 12, 12);
  });

  it('uses the whole discipline when even that is small, and flags it; a paper without a year or discipline is flagged', () => {
    const papers = [paper('m1', 'math', 2020, { c: 1 }), paper('m2', 'math', 2024, { c: 3 }), paper('m3', 'math', null, { c: 2 }), paper('x', null, 2020, { c: 5 })];
    const r = paperScores(papers, new Map(), { ...rules, attentionWeight: 0, downloadsWeight: 0 });
    expect(get(r, 'm1').components.citations?.pool).toEqual({ discipline: 'math', fromYear: 2020, toYear: 2024, n: 2 });
    expect(get(r, 'm1').flags).toContainEqual({ code: 'METRIC_SMALL_GROUP', values: { metric: 'citations', discipline: 'math', n: 2, needed: 10 } });
    expect(get(r, 'm3').components.citations).toMatchObject({ percentile: 50, pool: { discipline: 'math', fromYear: null, toYear: null, n: 3 } });
    expect(get(r, 'm3').flags[0]).toEqual({ code: 'METRIC_NO_YEAR', values: { discipline: 'math' } });
    expect(get(r, 'x').flags[0]).toEqual({ code: 'METRIC_NO_DISCIPLINE' });
    expect(get(r, 'x').components.citations?.percentile).toBe(50);
  });

  it('poolWindow widens one year each side until the size is met or every year is covered', () => {
    const counts = new Map([[2018, 9], [2020, 1], [2025, 2]]);
    expect(poolWindow(counts, 2020, 10)).toEqual({ from: 2018, to: 2022, n: 10 });
    expect(poolWindow(counts, 2025, 10)).toEqual({ from: 2018, to: 2032, n: 12 });
    expect(poolWindow(counts, 2018, 5)).toEqual({ from: 2018, to: 2018, n: 9 });
  });
});

describe('metric score and blend', () => {
  it('flags a paper with no metric at all; its final score is missing, not the expert score alone', () => {
    const r = paperScores([paper('none', 'bio', 2022, {})], new Map([['none', 88]]), rules);
    expect(r[0]).toMatchObject({ metricScore: null, expertScore: 88, final: null });
    expect(r[0]?.flags).toEqual([{ code: 'METRIC_NONE' }, { code: 'BLEND_MISSING_PART', values: { part: 'metric' } }]);
  });

  it('blends 60 % metric + 40 % expert, and needs only the parts with weight', () => {
    expect(blend(80, 70, { metricWeight: 60, expertWeight: 40 }).final).toBeCloseTo(76, 12);
    expect(blend(null, 70, { metricWeight: 0, expertWeight: 100 })).toEqual({ final: 70, flags: [] });
    expect(blend(80, null, { metricWeight: 60, expertWeight: 40 })).toEqual({ final: null, flags: [{ code: 'BLEND_MISSING_PART', values: { part: 'expert' } }] });
    expect(blend(80, 70, { metricWeight: 0, expertWeight: 0 }).final).toBeNull();
    expect(defaultSettings().blend).toEqual({ metricWeight: 0, expertWeight: 100 });
  });
});
