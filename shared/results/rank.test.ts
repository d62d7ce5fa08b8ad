import { describe, expect, it } from 'vitest';
import { rank, type Adjustment, type RankInput, type RankRules } from './rank.ts';

const item = (itemId: string, score: number | null, extra: Partial<RankInput> = {}): RankInput => ({ itemId, score, group: null, ...extra });
const one = (total: number | null, tieBreaks: RankRules['tieBreaks'] = []): RankRules => ({ tieBreaks, total, perGroup: null });
const four = [item('a', 90), item('b', 85, { tieBreak: { metric: 70, count: 5 } }), item('c', 85, { tieBreak: { metric: 60, count: 6 } }), item('d', 80)];
const adj = (itemId: string, kind: Adjustment['kind'], reason: string, toRank?: number): Adjustment => ({ itemId, kind, reason, by: 'secretary', at: '2026-05-01T08:00:00Z', ...(toRank !== undefined ? { toRank } : {}) });
const view = (r: ReturnType<typeof rank>) => r.standings.map((s) => `${s.itemId}:${s.rank ?? '-'}:${s.status}`);

describe('ranks', () => {
  it('are competition ranks with ties shown: 1, 2, 2, 4', () => {
    expect(view(rank(four, one(null)))).toEqual(['a:1:out', 'b:2:out', 'c:2:out', 'd:4:out']);
  });

  it('treat totals equal to 1e-6 as equal (averages leave floating dust)', () => {
    const r = rank([item('x', 85.0000000001), item('y', 85), item('z', 84.99999)], one(null));
    expect(r.standings.map((s) => s.rank)).toEqual([1, 1, 3]);
  });

  it('break ties by the configured order, and say which items a tie-break separated', () => {
    const byMetric = rank(four, one(null, ['metric']));
    expect(view(byMetric)).toEqual(['a:1:out', 'b:2:out', 'c:3:out', 'd:4:out']);
    expect(byMetric.standings[2]?.notes).toEqual([{ code: 'TIE_BROKEN', values: { by: 'metric', scoreRank: 2 } }]);
    expect(byMetric.standings[0]?.notes).toEqual([]);
    expect(view(rank(four, one(null, ['count', 'metric'])))).toEqual(['a:1:out', 'c:2:out', 'b:3:out', 'd:4:out']);
    // A missing tie-break value falls below any value; equal on every key still shares a rank.
    const r = rank([item('p', 70, { tieBreak: { median: null } }), item('q', 70, { tieBreak: { median: 10 } }), item('s', 70)], one(null, ['median']));
    expect(view(r)).toEqual(['q:1:out', 'p:2:out', 's:2:out']);
  });

  it('leave an item without a score unranked, last, never selected', () => {
    const r = rank([item('x', null), item('y', 50)], one(10));
    expect(view(r)).toEqual(['y:1:selected', 'x:-:unranked']);
    expect(r.standings[1]?.notes).toEqual([{ code: 'NO_SCORE_UNRANKED' }]);
  });
});

describe('the cut line', () => {
  it('explains a clean cut by the score gap between the last in and the first out', () => {
    const r = rank(four, one(3));
    expect(view(r)).toEqual(['a:1:selected', 'b:2:selected', 'c:2:selected', 'd:4:out']);
    expect(r.lines).toEqual([{ scope: null, quota: 3, selected: 3, lastIn: { itemId: 'c', rank: 2, score: 85 }, firstOut: { itemId: 'd', rank: 4, score: 80 }, tied: [], reasons: [{ code: 'SCORE_GAP', values: { gap: 5 } }] }]);
  });

  it('leaves a tie across the line undecided, and says how many seats the tied share', () => {
    const r = rank(four, one(2));
    expect(view(r)).toEqual(['a:1:selected', 'b:2:tie', 'c:2:tie', 'd:4:out']);
    expect(r.lines[0]).toMatchObject({ selected: 1, lastIn: { itemId: 'a' }, firstOut: { itemId: 'd' }, tied: ['b', 'c'], reasons: [{ code: 'TIE_AT_LINE', values: { score: 85, tied: 2, seats: 1 } }] });
  });

  it('names the tie-break when it decided the line', () => {
    const r = rank(four, one(2, ['metric']));
    expect(view(r)).toEqual(['a:1:selected', 'b:2:selected', 'c:3:out', 'd:4:out']);
    expect(r.lines[0]?.reasons).toEqual([{ code: 'TIE_BROKEN', values: { by: 'metric', lastIn: '70', firstOut: '60' } }]);
  });

  it('says when there are fewer ranked items than seats, and a quota of 0 selects none', () => {
    expect(rank(four, one(6)).lines[0]?.reasons).toEqual([{ code: 'QUOTA_NOT_REACHED', values: { quota: 6, ranked: 4 } }]);
    const none = rank(four, one(0));
    expect(none.standings.every((s) => s.status === 'out')).toBe(true);
    expect(none.lines[0]).toMatchObject({ selected: 0, lastIn: null, firstOut: { itemId: 'a' } });
  });
});

describe('group quotas', () => {
  const items = [item('b1', 95, { group: 'bio' }), item('b2', 90, { group: 'bio' }), item('b3', 88, { group: 'bio' }), item('c1', 70, { group: 'chem' }), item('c2', 60, { group: 'chem' })];

  it('select each group’s own top, rank within the group, and explain who a filled quota kept out', () => {
    const r = rank(items, { tieBreaks: [], total: 3, perGroup: { bio: 1, chem: 1 } });
    expect(r.standings.map((s) => `${s.itemId}:${s.rank}/${s.groupRank}:${s.status}`)).toEqual(['b1:1/1:selected', 'b2:2/2:out', 'b3:3/3:out', 'c1:4/1:selected', 'c2:5/2:out']);
    expect(r.notes).toEqual([{ code: 'QUOTA_SUM_MISMATCH', values: { total: 3, sum: 2 } }]);
    expect(r.standings[1]?.notes).toEqual([{ code: 'GROUP_QUOTA_FILLED', values: { group: 'bio', lowestSelected: 70, lowestSelectedGroup: 'chem' } }]);
    const bio = r.lines.find((l) => l.scope === 'bio');
    expect(bio).toMatchObject({ quota: 1, selected: 1, lastIn: { itemId: 'b1', rank: 1 }, firstOut: { itemId: 'b2', rank: 2 } });
    expect(bio?.reasons).toEqual([{ code: 'SCORE_GAP', values: { gap: 5 } }, { code: 'GROUP_QUOTA_FILLED', values: { group: 'bio', count: 2, lowestSelected: 70, lowestSelectedGroup: 'chem' } }]);
    expect(r.lines.find((l) => l.scope === 'chem')?.reasons).toEqual([{ code: 'SCORE_GAP', values: { gap: 10 } }]);
  });

  it('give a group without a quota no seat, and list a quota’s group even when it has no item', () => {
    const r = rank(items, { tieBreaks: [], total: null, perGroup: { bio: 2, phys: 1 } });
    expect(r.standings.filter((s) => s.status === 'selected').map((s) => s.itemId)).toEqual(['b1', 'b2']);
    expect(r.lines.map((l) => [l.scope, l.quota, l.selected])).toEqual([['bio', 2, 2], ['phys', 1, 0], ['chem', 0, 0]]);
  });
});

describe('manual adjustments', () => {
  it('are refused without a reason or for an unknown item, and change nothing then', () => {
    const r = rank(four, one(2), [adj('b', 'select', '  '), adj('zz', 'select', 'because')]);
    expect(r.rejected.map((x) => x.reason.code)).toEqual(['ADJUSTMENT_NO_REASON', 'ADJUSTMENT_UNKNOWN_ITEM']);
    expect(view(r)).toEqual(view(rank(four, one(2))));
  });

  it('move an item to a position with its reason recorded; a move settles a tie', () => {
    const r = rank(four, one(2), [adj('c', 'move', '会评讨论后调整', 2)]);
    expect(view(r)).toEqual(['a:1:selected', 'c:2:selected', 'b:3:out', 'd:4:out']);
    expect(r.standings[1]?.notes).toContainEqual({ code: 'ADJUSTED_MOVE', values: { fromRank: 2, toRank: 2, reason: '会评讨论后调整' } });
    expect(r.standings[1]?.adjustments).toEqual([adj('c', 'move', '会评讨论后调整', 2)]);
  });

  it('force a selection into a seat (the quota stays firm) or out of one (the next one moves up)', () => {
    const inR = rank(four, one(2), [adj('d', 'select', 'a reason')]);
    expect(view(inR)).toEqual(['a:1:selected', 'b:2:out', 'c:2:out', 'd:4:selected']);
    expect(inR.lines[0]?.reasons).toEqual([{ code: 'SCORE_GAP', values: { gap: 5 } }, { code: 'ADJUSTED_SELECT', values: { count: 1 } }]);
    const outR = rank(four, one(2), [adj('a', 'deselect', 'withdrawn')]);
    expect(view(outR)).toEqual(['a:1:out', 'b:2:selected', 'c:2:selected', 'd:4:out']);
    expect(outR.standings[0]?.notes).toEqual([{ code: 'ADJUSTED_DESELECT', values: { reason: 'withdrawn' } }]);
    // The later of two adjustments of one item wins.
    expect(view(rank(four, one(1), [adj('d', 'select', 'x'), adj('d', 'deselect', 'y')]))).toEqual(['a:1:selected', 'b:2:out', 'c:2:out', 'd:4:out']);
  });
});
