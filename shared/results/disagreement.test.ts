import { describe, expect, it } from 'vitest';
import { disagreements, discussionList, expertCode, expertCodes } from './disagreement.ts';
import { defaultSettings } from '../campaign/settings.ts';
import { countableScores, type PanelScore } from './panel.ts';

const rules = defaultSettings().disagreement;
const codes = expertCodes(['x', 'y', 'z', 'w']);
const run = (scores: [string, string, number][], itemIds: string[] = []) =>
  disagreements(countableScores(scores.map(([itemId, expertId, total]): PanelScore => ({ itemId, expertId, total })), { conflicts: [], recusals: [] }), rules, codes, itemIds);

describe('disagreement', () => {
  it('defaults to span ≥ 30 or sd ≥ 12', () => {
    expect(rules).toEqual({ span: 30, stdDev: 12 });
  });

  it('puts a span of exactly 30 on the list, and 29.5 not (sd below 12 in both)', () => {
    const [at] = run([['a', 'x', 60], ['a', 'y', 75], ['a', 'z', 75], ['a', 'z2', 75], ['a', 'z3', 75], ['a', 'w', 90]]);
    expect(at?.span).toBe(30);
    expect(at?.sd).toBeCloseTo(Math.sqrt(450 / 5), 12);
    expect(at?.reasons).toEqual([{ code: 'SPAN_AT_LEAST', values: { span: 30, threshold: 30 } }]);
    expect(at?.toDiscuss).toBe(true);
    const [below] = run([['a', 'x', 60], ['a', 'y', 75], ['a', 'z', 75], ['a', 'z2', 75], ['a', 'z3', 75], ['a', 'w', 89.5]]);
    expect(below?.span).toBe(29.5);
    expect(below?.sd as number).toBeLessThan(12);
    expect(below?.toDiscuss).toBe(false);
    expect(below?.reasons).toEqual([]);
  });

  it('puts an sd of exactly 12 on the list with its reason, and one just under not', () => {
    // 76 − 12, 76, 76 + 12: sample sd √(288/2) = 12, span 24.
    const [at] = run([['a', 'x', 64], ['a', 'y', 76], ['a', 'z', 88]]);
    expect(at?.sd).toBeCloseTo(12, 12);
    expect(at?.toDiscuss).toBe(true);
    expect(at?.reasons).toEqual([{ code: 'SD_AT_LEAST', values: { sd: at?.sd as number, threshold: 12 } }]);
    const [under] = run([['a', 'x', 64.5], ['a', 'y', 76], ['a', 'z', 87.5]]);
    expect(under?.sd as number).toBeLessThan(12);
    expect(under?.toDiscuss).toBe(false);
  });

  it('cannot compare under two scores, and says so', () => {
    const r = run([['a', 'x', 60]], ['b']);
    expect(r.find((d) => d.itemId === 'a')).toMatchObject({ n: 1, span: null, sd: null, toDiscuss: false, reasons: [{ code: 'TOO_FEW_TO_COMPARE', values: { n: 1 } }] });
    expect(r.find((d) => d.itemId === 'b')?.n).toBe(0);
  });

  it('lists every score under the expert code, highest first, and orders the list by disagreement', () => {
    const all = run([['a', 'x', 50], ['a', 'y', 90], ['b', 'z', 40], ['b', 'w', 95], ['c', 'x', 70], ['c', 'y', 72]]);
    const list = discussionList(all);
    expect(list.map((d) => d.itemId)).toEqual(['b', 'a']);
    expect(list[1]?.scores).toEqual([{ expertId: 'y', code: 'B', total: 90 }, { expertId: 'x', code: 'A', total: 50 }]);
  });

  it('codes experts A … Z, AA, AB …', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(expertCode)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
