import { describe, expect, it } from 'vitest';
import { aggregate, type AggregationRules } from './aggregate.ts';
import { countableScores, panelTotals, type PanelScore } from './panel.ts';
import { template } from '../campaign/templates.ts';

const rules: AggregationRules = { trimHighest: 1, trimLowest: 1, minScoresAfterTrim: 3 };
const s = (itemId: string, expertId: string, total: number): PanelScore => ({ itemId, expertId, total });
const none = { conflicts: [], recusals: [] };
const run = (scores: PanelScore[], itemIds: string[] = []) => aggregate(countableScores(scores, none), rules, itemIds);
const byId = (r: ReturnType<typeof run>, id: string) => {
  const x = r.items.find((i) => i.itemId === id);
  if (!x) throw new Error(`no ${id}`);
  return x;
};

describe('countableScores', () => {
  it('takes conflicts and recusals out, refuses invalid and duplicate totals, and says why', () => {
    const c = countableScores(
      [s('a', 'x', 70), s('a', 'y', 80), s('a', 'z', 90), s('b', 'x', 101), s('b', 'y', Number.NaN), s('b', 'z', 60), s('b', 'z', 65)],
      { conflicts: [{ itemId: 'a', expertId: 'y' }], recusals: [{ itemId: 'a', expertId: 'z' }] },
    );
    expect(c.scores).toEqual([s('a', 'x', 70), s('b', 'z', 60)]);
    expect(c.excluded.map((e) => e.reason.code)).toEqual(['SCORE_CONFLICT', 'SCORE_RECUSAL', 'SCORE_INVALID', 'SCORE_INVALID', 'SCORE_DUPLICATE']);
  });

  it('never lets an excluded score into any method', () => {
    const scores = [s('a', 'x', 60), s('a', 'y', 70), s('a', 'z', 80), s('a', 'w', 0)];
    const r = aggregate(countableScores(scores, { conflicts: [{ itemId: 'a', expertId: 'w' }], recusals: [] }), rules);
    expect(byId(r, 'a').n).toBe(3);
    expect(byId(r, 'a').values.mean).toBe(70);
    expect(r.experts.map((e) => e.expertId)).not.toContain('w');
  });
});

describe('panelTotals', () => {
  it('makes each total with the one weighted-total function and sets an incomplete sheet row aside', () => {
    const { criteria } = template('papers');
    const r = panelTotals(criteria, [
      { itemId: 'a', expertId: 'x', scores: { innovation: 32, impact: 21, attention: 15 } },
      { itemId: 'a', expertId: 'y', scores: { innovation: 32, attention: 15 } },
      { itemId: 'a', expertId: 'z', scores: { innovation: 41, impact: 21, attention: 15 } },
    ]);
    expect(r.totals).toEqual([{ itemId: 'a', expertId: 'x', total: 68 }]);
    expect(r.incomplete.map((x) => x.reason)).toEqual([
      { code: 'SCORE_INCOMPLETE', values: { itemId: 'a', expertId: 'y', missing: 'impact', invalid: '' } },
      { code: 'SCORE_INCOMPLETE', values: { itemId: 'a', expertId: 'z', missing: '', invalid: 'innovation' } },
    ]);
  });
});

describe('mean, median, trimmed mean', () => {
  it('match hand-computed values on five scores', () => {
    const r = run([s('a', 'e1', 40), s('a', 'e2', 99), s('a', 'e3', 72), s('a', 'e4', 70), s('a', 'e5', 81)]);
    const a = byId(r, 'a');
    expect(a.values.mean).toBeCloseTo(72.4, 12);
    expect(a.values.median).toBe(72);
    expect(a.values.trimmed).toBeCloseTo((70 + 72 + 81) / 3, 12);
    // One score per expert: z-scores cannot calibrate anyone here, and say so.
    expect(a.flags).toEqual([{ code: 'ZSCORE_PARTLY_RAW', values: { raw: 5, n: 5 } }]);
  });

  it('take the middle pair for an even count, and flag a trimmed mean with too few left instead of falling back', () => {
    const r = run([s('a', 'e1', 60), s('a', 'e2', 70), s('a', 'e3', 80), s('a', 'e4', 90)]);
    const a = byId(r, 'a');
    expect(a.values.median).toBe(75);
    expect(a.values.trimmed).toBeNull();
    expect(a.flags).toContainEqual({ code: 'TRIM_INSUFFICIENT', values: { n: 4, left: 2, needed: 3 } });
  });

  it('drop exactly one of several equal highest scores', () => {
    const r = run([s('a', 'e1', 90), s('a', 'e2', 90), s('a', 'e3', 90), s('a', 'e4', 50), s('a', 'e5', 60)]);
    expect(byId(r, 'a').values.trimmed).toBeCloseTo((60 + 90 + 90) / 3, 12);
  });

  it('list a nomination without a countable score, flagged, every value null', () => {
    const r = run([s('a', 'e1', 60)], ['b', 'a']);
    expect(r.items.map((i) => i.itemId)).toEqual(['b', 'a']);
    expect(byId(r, 'b')).toEqual({ itemId: 'b', n: 0, values: { mean: null, median: null, trimmed: null, zscore: null, additive: null }, flags: [{ code: 'NO_SCORES' }] });
  });
});

describe('z-score calibration', () => {
  it('puts each expert on the panel scale (hand-computed)', () => {
    // x: 60 70 80 (mean 70, sd √(200/3)); y: 80 85 90 (mean 85, sd √(50/3)); both score a, b, c.
    const r = run([s('a', 'x', 60), s('b', 'x', 70), s('c', 'x', 80), s('a', 'y', 80), s('b', 'y', 85), s('c', 'y', 90)]);
    const M = 77.5;
    const S = Math.sqrt(587.5 / 6);
    expect(r.panelMean).toBeCloseTo(M, 12);
    expect(r.panelSd).toBeCloseTo(S, 12);
    expect(byId(r, 'a').values.zscore).toBeCloseTo(M - S * Math.sqrt(1.5), 10);
    expect(byId(r, 'b').values.zscore).toBeCloseTo(M, 10);
    expect(byId(r, 'c').values.zscore).toBeCloseTo(M + S * Math.sqrt(1.5), 10);
  });

  it('leaves an expert with fewer than 3 scores or no spread raw, and flags both the expert and the items', () => {
    const r = run([
      s('a', 'x', 60), s('b', 'x', 70), s('c', 'x', 80),
      s('a', 'few', 90), s('b', 'few', 95),
      s('a', 'flat', 75), s('b', 'flat', 75), s('c', 'flat', 75),
    ]);
    const few = r.experts.find((e) => e.expertId === 'few');
    const flat = r.experts.find((e) => e.expertId === 'flat');
    expect(few?.calibrated).toBe(false);
    expect(few?.flags).toEqual([{ code: 'EXPERT_FEW_SCORES', values: { n: 2, needed: 3 } }]);
    expect(flat?.calibrated).toBe(false);
    expect(flat?.flags).toEqual([{ code: 'EXPERT_NO_SPREAD', values: { n: 3 } }]);
    const M = r.panelMean;
    const S = r.panelSd;
    // a: x calibrated (z = −√1.5), few raw 90, flat raw 75.
    expect(byId(r, 'a').values.zscore).toBeCloseTo((M - S * Math.sqrt(1.5) + 90 + 75) / 3, 10);
    expect(byId(r, 'a').flags).toContainEqual({ code: 'ZSCORE_PARTLY_RAW', values: { raw: 2, n: 3 } });
    expect(byId(r, 'c').flags).toContainEqual({ code: 'ZSCORE_PARTLY_RAW', values: { raw: 1, n: 2 } });
  });
});

describe('additive model', () => {
  it('recovers effects and biases exactly when the scores are effect + bias', () => {
    // true effects a 70, b 80, c 60; biases x +5, y −5, z 0 (Σ = 0).
    const r = run([s('a', 'x', 75), s('a', 'y', 65), s('b', 'x', 85), s('c', 'y', 55), s('a', 'z', 70), s('c', 'z', 60)]);
    expect(byId(r, 'a').values.additive).toBeCloseTo(70, 8);
    expect(byId(r, 'b').values.additive).toBeCloseTo(80, 8);
    expect(byId(r, 'c').values.additive).toBeCloseTo(60, 8);
    expect(byId(r, 'b').values.mean).toBe(85);
    const bias = Object.fromEntries(r.experts.map((e) => [e.expertId, e.bias]));
    expect(bias.x).toBeCloseTo(5, 8);
    expect(bias.y).toBeCloseTo(-5, 8);
    expect(bias.z).toBeCloseTo(0, 8);
    expect(r.additive.converged).toBe(true);
  });

  it('meets the least-squares conditions on noisy data: residuals sum to 0 per item and per expert, Σ bias = 0', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const scores: PanelScore[] = [];
    for (let i = 0; i < 60; i++) {
      const experts = new Set<number>();
      while (experts.size < 4) experts.add(Math.floor(rnd() * 12));
      for (const e of experts) scores.push(s(`i${i}`, `e${e}`, Math.round(40 + rnd() * 60)));
    }
    const r = run(scores);
    expect(r.additive.components).toHaveLength(1);
    const effect = new Map(r.items.map((i) => [i.itemId, i.values.additive as number]));
    const bias = new Map(r.experts.map((e) => [e.expertId, e.bias]));
    const perItem = new Map<string, number>();
    const perExpert = new Map<string, number>();
    for (const x of scores) {
      const res = x.total - (effect.get(x.itemId) as number) - (bias.get(x.expertId) as number);
      perItem.set(x.itemId, (perItem.get(x.itemId) ?? 0) + res);
      perExpert.set(x.expertId, (perExpert.get(x.expertId) ?? 0) + res);
    }
    for (const v of perItem.values()) expect(Math.abs(v)).toBeLessThan(1e-6);
    for (const v of perExpert.values()) expect(Math.abs(v)).toBeLessThan(1e-6);
    expect(Math.abs([...bias.values()].reduce((a, b) => a + b, 0))).toBeLessThan(1e-9);
  });

  it('converges on a long, thinly linked chain (each expert shares one item with the next) and recovers the biases', () => {
    const scores: PanelScore[] = [];
    const E = 40;
    const bias = (e: number) => ((e * 7) % 11) - 5;
    for (let e = 0; e < E; e++) {
      for (let k = 0; k < 6; k++) scores.push(s(`own${e}-${k}`, `e${e}`, 60 + k * 3 + bias(e)));
      if (e + 1 < E) {
        scores.push(s(`link${e}`, `e${e}`, 70 + bias(e)));
        scores.push(s(`link${e}`, `e${e + 1}`, 70 + bias(e + 1)));
      }
    }
    const r = run(scores);
    expect(r.additive.converged).toBe(true);
    expect(r.additive.components).toHaveLength(1);
    const mean = Array.from({ length: E }, (_, e) => bias(e)).reduce((a, b) => a + b, 0) / E;
    for (const x of r.experts) expect(x.bias).toBeCloseTo(bias(Number(x.expertId.slice(1))) - mean, 6);
    expect(byId(r, 'own39-5').values.additive).toBeCloseTo(75 + mean, 6);
  });

  it('handles a disconnected panel: Σ bias = 0 in each part, the smaller parts flagged, a lone expert left raw', () => {
    const r = run([
      // component 1: x, y, z
      s('a', 'x', 80), s('a', 'y', 70), s('b', 'y', 60), s('b', 'z', 64), s('c', 'x', 90), s('c', 'z', 76),
      // component 2: u, v
      s('d', 'u', 50), s('d', 'v', 60), s('e', 'u', 40),
      // component 3: w alone
      s('f', 'w', 99), s('g', 'w', 30),
    ]);
    expect(r.additive.components).toEqual([{ experts: 3, items: 3 }, { experts: 2, items: 2 }, { experts: 1, items: 2 }]);
    const bias = Object.fromEntries(r.experts.map((e) => [e.expertId, e.bias]));
    expect((bias.x as number) + (bias.y as number) + (bias.z as number)).toBeCloseTo(0, 9);
    expect(bias.u).toBeCloseTo(-5, 8);
    expect(bias.v).toBeCloseTo(5, 8);
    expect(bias.w).toBe(0);
    expect(byId(r, 'e').values.additive).toBeCloseTo(45, 8);
    expect(byId(r, 'f').values.additive).toBeCloseTo(99, 8);
    expect(byId(r, 'a').flags).toEqual([{ code: 'TRIM_INSUFFICIENT', values: { n: 2, left: 0, needed: 3 } }, { code: 'ZSCORE_PARTLY_RAW', values: { raw: 2, n: 2 } }]);
    expect(byId(r, 'd').flags).toContainEqual({ code: 'ADDITIVE_SEPARATE_PANEL', values: { component: 2, experts: 2 } });
    expect(byId(r, 'f').flags).toContainEqual({ code: 'ADDITIVE_SINGLE_EXPERT', values: { component: 3 } });
    expect(r.additive.converged).toBe(true);
  });

  it('corrects a harsh expert who drew a normal set where the mean does not', () => {
    // p and q are equally good (true 80); p drew the harsh expert h (−10), q the lenient l (+10); a, b link them.
    const r = run([
      s('p', 'h', 70), s('p', 'm', 80),
      s('q', 'l', 90), s('q', 'm', 80),
      s('a', 'h', 55), s('a', 'l', 75), s('a', 'm', 65),
      s('b', 'h', 80), s('b', 'l', 100), s('b', 'm', 90),
    ]);
    expect(byId(r, 'q').values.mean).toBeGreaterThan(byId(r, 'p').values.mean as number);
    expect(byId(r, 'p').values.additive).toBeCloseTo(byId(r, 'q').values.additive as number, 8);
  });
});
