import { describe, expect, it } from 'vitest';
import { assign, defaultLoads, type AssignExpert, type AssignInput, type AssignItem } from './assign.ts';
import type { Assignment, Conflict } from './model.ts';

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
}

const pair = (a: { itemId: string; expertId: string }): string => `${a.itemId}|${a.expertId}`;

/**
 * Every assignment of a small case, enumerated: each item takes any subset (≤ what it still needs) of the experts free
 * of conflict and not already hand-assigned to it. Best = most reviews, then the most of the minimum loads met, then
 * the least cost (the order assign.ts states).
 */
function bruteForce(input: AssignInput): { reviews: number; minMet: number; cost: number } {
  const K = input.perItem;
  const blocked = new Set(input.conflicts.filter((c) => c.state !== 'dismissed').map(pair));
  const manual = (input.current ?? []).filter((a) => a.manual && !blocked.has(pair(a)));
  const experts = input.experts;
  const nItems = input.items.length;
  const loads = defaultLoads(nItems, experts.length, K, input.loadSlack);
  const manualLoad = experts.map((e) => manual.filter((a) => a.expertId === e.id).length);
  const hi = experts.map((e, j) => Math.max(0, (e.maxLoad ?? loads.max) - manualLoad[j]!));
  const lo = experts.map((e, j) => Math.min(hi[j]!, Math.max(0, (e.minLoad ?? loads.min) - manualLoad[j]!)));
  const options = input.items.map((it) => {
    const taken = new Set(manual.filter((a) => a.itemId === it.id).map((a) => a.expertId));
    const need = Math.max(0, K - taken.size);
    const free = experts.map((_, j) => j).filter((j) => !taken.has(experts[j]!.id) && !blocked.has(`${it.id}|${experts[j]!.id}`));
    const subsets: number[][] = [];
    for (let mask = 0; mask < 1 << free.length; mask++) {
      const s = free.filter((_, b) => mask & (1 << b));
      if (s.length <= need) subsets.push(s);
    }
    return subsets;
  });
  let best = { reviews: -1, minMet: -1, cost: Infinity };
  const load = experts.map(() => 0);
  const rec = (i: number, reviews: number, cost: number): void => {
    if (i === nItems) {
      let minMet = 0;
      for (let j = 0; j < experts.length; j++) minMet += Math.min(load[j]!, lo[j]!);
      if (reviews > best.reviews || (reviews === best.reviews && (minMet > best.minMet || (minMet === best.minMet && cost < best.cost)))) best = { reviews, minMet, cost };
      return;
    }
    const it = input.items[i]!;
    for (const s of options[i]!) {
      if (s.some((j) => load[j]! + 1 > hi[j]!)) continue;
      let c = 0;
      for (const j of s) {
        load[j]!++;
        if (!experts[j]!.disciplines.includes(it.discipline)) c += input.mismatchCost ?? 1;
      }
      rec(i + 1, reviews + s.length, cost + c);
      for (const j of s) load[j]!--;
    }
  };
  rec(0, 0, 0);
  const manualCost = manual.reduce((sum, a) => {
    const it = input.items.find((x) => x.id === a.itemId)!;
    const e = experts.find((x) => x.id === a.expertId)!;
    return sum + (e.disciplines.includes(it.discipline) ? 0 : input.mismatchCost ?? 1);
  }, 0);
  return { ...best, cost: best.cost + manualCost };
}

function randomCase(rnd: () => number): AssignInput {
  const nItems = 2 + Math.floor(rnd() * 3);
  const nExperts = 2 + Math.floor(rnd() * 3);
  const disc = ['化学', '物理学', '数学'];
  const items: AssignItem[] = Array.from({ length: nItems }, (_, i) => ({ id: `n${i}`, discipline: disc[Math.floor(rnd() * 3)]!, groupId: 'g' }));
  const experts: AssignExpert[] = Array.from({ length: nExperts }, (_, j) => {
    const e: { id: string; groupId: string; disciplines: string[]; minLoad?: number; maxLoad?: number } = {
      id: `e${j}`, groupId: 'g', disciplines: disc.filter(() => rnd() < 0.4),
    };
    if (rnd() < 0.3) e.minLoad = Math.floor(rnd() * 3);
    if (rnd() < 0.3) e.maxLoad = Math.floor(rnd() * 4);
    return e;
  });
  const conflicts: Conflict[] = [];
  const current: Assignment[] = [];
  for (const it of items) {
    for (const e of experts) {
      const r = rnd();
      if (r < 0.15) conflicts.push({ itemId: it.id, expertId: e.id, kind: 'institution', reason: { code: 'SAME_INSTITUTION', values: {} }, state: r < 0.05 ? 'confirm' : r < 0.1 ? 'detected' : 'dismissed', note: '' });
      else if (r < 0.22) current.push({ itemId: it.id, expertId: e.id, manual: rnd() < 0.7 });
    }
  }
  return { items, experts, groups: [{ id: 'g', everyMemberScores: false }], perItem: 2, loadSlack: Math.floor(rnd() * 2), conflicts, current, mismatchCost: 1 + Math.floor(rnd() * 2) };
}

/** What any answer must respect: no conflict, no expert twice, manual kept, loads ≤ max, ≤ K each. */
function checkValid(input: AssignInput, r: ReturnType<typeof assign>): void {
  const blocked = new Set(input.conflicts.filter((c) => c.state !== 'dismissed').map(pair));
  const seen = new Set<string>();
  for (const a of r.assignments) {
    expect(blocked.has(pair(a))).toBe(false);
    expect(seen.has(pair(a))).toBe(false);
    seen.add(pair(a));
  }
  for (const a of input.current ?? []) if (a.manual && !blocked.has(pair(a))) expect(r.assignments).toContainEqual({ itemId: a.itemId, expertId: a.expertId, manual: true });
  for (const l of r.loads) {
    expect(r.assignments.filter((a) => a.expertId === l.expertId).length).toBe(l.load);
    const manual = r.assignments.filter((a) => a.expertId === l.expertId && a.manual).length;
    expect(l.load).toBeLessThanOrEqual(Math.max(l.max, manual));
  }
  for (const it of input.items) {
    const got = r.assignments.filter((a) => a.itemId === it.id).length;
    const missing = r.unassigned.find((u) => u.itemId === it.id)?.missing ?? 0;
    expect(got + missing).toBeGreaterThanOrEqual(input.perItem);
  }
}

describe('assign: optimal against brute force', () => {
  it('on 400 random small cases (≤ 4 items × 4 experts, K = 2), with and without pruning', () => {
    const rnd = rng(2026);
    for (let trial = 0; trial < 400; trial++) {
      const input = randomCase(rnd);
      const want = bruteForce(input);
      for (const candidates of [undefined, 1]) {
        const r = assign({ ...input, candidates });
        checkValid(input, r);
        const reviews = r.assignments.filter((a) => !a.manual).length;
        const minMet = r.loads.reduce((s, l) => {
          const manual = r.assignments.filter((a) => a.expertId === l.expertId && a.manual).length;
          const lo = Math.min(Math.max(0, l.max - manual), Math.max(0, l.min - manual));
          return s + Math.min(l.load - manual, lo);
        }, 0);
        expect({ trial, reviews, minMet, cost: r.cost }).toEqual({ trial, ...want });
      }
    }
  });
});

describe('assign: rules', () => {
  const group = [{ id: 'g', everyMemberScores: false }];
  const items = (n: number, discipline = '化学'): AssignItem[] => Array.from({ length: n }, (_, i) => ({ id: `n${String(i).padStart(3, '0')}`, discipline, groupId: 'g' }));
  const experts = (n: number, disciplines = ['化学']): AssignExpert[] => Array.from({ length: n }, (_, j) => ({ id: `e${String(j).padStart(2, '0')}`, groupId: 'g', disciplines }));

  it('gives every item K reviewers and keeps loads between ⌊NK/E⌋−2 and ⌈NK/E⌉+2', () => {
    const r = assign({ items: items(50), experts: experts(12), groups: group, perItem: 5, loadSlack: 2, conflicts: [] });
    expect(r.unassigned).toEqual([]);
    expect(r.assignments).toHaveLength(250);
    for (const l of r.loads) {
      expect(l).toMatchObject({ min: 18, max: 23 });
      expect(l.load).toBeGreaterThanOrEqual(18);
      expect(l.load).toBeLessThanOrEqual(23);
    }
    expect(r.cost).toBe(0);
  });

  it('meets minimum loads even when that costs discipline matches', () => {
    // Two chemists could take everything; the physicist's minimum of 2 forces two mismatches.
    const ex: AssignExpert[] = [...experts(2), { id: 'e99', groupId: 'g', disciplines: ['物理学'], minLoad: 2 }];
    const r = assign({ items: items(3), experts: ex, groups: group, perItem: 1, loadSlack: 5, conflicts: [] });
    expect(r.loads.find((l) => l.expertId === 'e99')!.load).toBe(2);
    expect(r.cost).toBe(2);
  });

  it('prefers the discipline and never assigns across a blocking conflict', () => {
    const ex: AssignExpert[] = [...experts(3), ...experts(3, ['物理学']).map((e) => ({ ...e, id: `p${e.id}` }))];
    const conflicts: Conflict[] = [
      { itemId: 'n000', expertId: 'e00', kind: 'institution', reason: { code: 'SAME_INSTITUTION', values: {} }, state: 'confirm', note: '' },
      { itemId: 'n001', expertId: 'e01', kind: 'declared', reason: { code: 'DECLARED', values: {} }, state: 'declared', note: '' },
      { itemId: 'n002', expertId: 'e02', kind: 'author', reason: { code: 'SAME_NAME', values: {} }, state: 'dismissed', note: 'a namesake' },
    ];
    const r = assign({ items: items(3), experts: ex, groups: group, perItem: 2, loadSlack: 4, conflicts });
    const has = (i: string, e: string): boolean => r.assignments.some((a) => a.itemId === i && a.expertId === e);
    expect(has('n000', 'e00')).toBe(false);
    expect(has('n001', 'e01')).toBe(false);
    expect(r.cost).toBe(0);
    expect(r.assignments.every((a) => a.expertId.startsWith('e'))).toBe(true);
  });

  it('keeps hand-made choices when run again, and drops one a conflict now blocks', () => {
    const base = { items: items(20), experts: experts(6), groups: group, perItem: 3, loadSlack: 2, conflicts: [] as Conflict[] };
    const first = assign(base);
    const current: Assignment[] = [{ itemId: 'n005', expertId: 'e04', manual: true }, { itemId: 'n006', expertId: 'e01', manual: true }, ...first.assignments];
    const conflicts: Conflict[] = [{ itemId: 'n006', expertId: 'e01', kind: 'declared', reason: { code: 'DECLARED', values: {} }, state: 'declared', note: '' }];
    const again = assign({ ...base, current, conflicts });
    expect(again.assignments).toContainEqual({ itemId: 'n005', expertId: 'e04', manual: true });
    expect(again.assignments.filter((a) => a.itemId === 'n005')).toHaveLength(3);
    expect(again.droppedManual).toEqual([{ itemId: 'n006', expertId: 'e01', manual: true }]);
    expect(again.assignments.some((a) => a.itemId === 'n006' && a.expertId === 'e01')).toBe(false);
    expect(again.unassigned).toEqual([]);
  });

  it('is deterministic whatever the input order', () => {
    const rnd = rng(9);
    const its = items(60).map((it, i) => ({ ...it, discipline: ['化学', '物理学', '数学'][i % 3]! }));
    const ex = experts(10).map((e, j) => ({ ...e, disciplines: [['化学', '物理学', '数学'][j % 3]!] }));
    const a = assign({ items: its, experts: ex, groups: group, perItem: 3, loadSlack: 1, conflicts: [] });
    const shuffled = <T>(xs: readonly T[]): T[] => xs.map((x) => ({ x, k: rnd() })).sort((p, q) => p.k - q.k).map((p) => p.x);
    const b = assign({ items: shuffled(its), experts: shuffled(ex), groups: group, perItem: 3, loadSlack: 1, conflicts: [] });
    expect(b.assignments).toEqual(a.assignments);
  });

  it('explains items that cannot get K reviewers and returns the partial assignment', () => {
    const groups = [{ id: 'g', everyMemberScores: false }, { id: 'small', everyMemberScores: false }, { id: 'tight', everyMemberScores: false }];
    const its: AssignItem[] = [
      ...items(4),
      { id: 's1', discipline: '数学', groupId: 'small' },
      { id: 't1', discipline: '数学', groupId: 'tight' },
      { id: 't2', discipline: '数学', groupId: 'tight' },
      { id: 'x1', discipline: '天文学', groupId: null },
    ];
    const ex: AssignExpert[] = [
      ...experts(4),
      { id: 's-a', groupId: 'small', disciplines: ['数学'] },
      ...['t-a', 't-b', 't-c'].map((id) => ({ id, groupId: 'tight', disciplines: ['数学'], maxLoad: 1 })),
    ];
    const conflicts: Conflict[] = ['e00', 'e01'].map((expertId) => ({ itemId: 'n000', expertId, kind: 'institution', reason: { code: 'SAME_INSTITUTION', values: {} }, state: 'detected', note: '' }));
    const r = assign({ items: its, experts: ex, groups, perItem: 3, loadSlack: 5, conflicts });
    const why = Object.fromEntries(r.unassigned.map((u) => [u.itemId, [u.missing, u.reason.code]]));
    expect(why).toEqual({
      n000: [1, 'TOO_MANY_CONFLICTS'],
      s1: [2, 'GROUP_TOO_SMALL'],
      t1: [expect.any(Number), 'LOADS_TOO_LOW'],
      t2: [expect.any(Number), 'LOADS_TOO_LOW'],
      x1: [3, 'NO_GROUP'],
    });
    expect(r.assignments.filter((a) => a.itemId.startsWith('t'))).toHaveLength(3);
    expect(r.assignments.filter((a) => a.itemId === 'n000')).toHaveLength(2);
    expect(r.assignments.filter((a) => a.itemId === 's1')).toHaveLength(1);
    expect(r.warnings).toContainEqual({ code: 'FEW_DISCIPLINE_EXPERTS', values: { groupId: 'small', discipline: '数学', experts: 1, perItem: 3, items: 1 } });
  });

  it('says why an expert stays below the minimum load', () => {
    const conflicts: Conflict[] = items(10).slice(0, 9).map((it) => ({ itemId: it.id, expertId: 'e00', kind: 'nominator', reason: { code: 'OFFICE_IN_NOMINATOR', values: {} }, state: 'detected', note: '' }));
    const r = assign({ items: items(10), experts: experts(4), groups: group, perItem: 2, loadSlack: 1, conflicts });
    expect(r.loads.find((l) => l.expertId === 'e00')).toMatchObject({ load: 1, min: 4, below: { code: 'FEW_ELIGIBLE_ITEMS', values: { eligible: 1, min: 4 } } });
  });

  it('gives every member every item in a group that works that way, conflicts excepted', () => {
    const conflicts: Conflict[] = [{ itemId: 'n001', expertId: 'e02', kind: 'author', reason: { code: 'SAME_NAME', values: {} }, state: 'detected', note: '' }];
    const r = assign({ items: items(3), experts: experts(3), groups: [{ id: 'g', everyMemberScores: true }], perItem: 5, loadSlack: 2, conflicts });
    expect(r.assignments).toHaveLength(8);
    expect(r.unassigned).toMatchObject([{ itemId: 'n001', missing: 1, reason: { code: 'TOO_MANY_CONFLICTS' } }]);
  });
});

describe('assign: pruning keeps the optimum', () => {
  it('on medium random cases, the pruned run costs what the full run costs', () => {
    const rnd = rng(77);
    const disc = ['化学', '物理学', '数学', '生物学', '地球科学', '材料科学'];
    let resolved = 0;
    for (let trial = 0; trial < 6; trial++) {
      const its: AssignItem[] = Array.from({ length: 300 }, (_, i) => ({ id: `n${i}`, discipline: disc[Math.floor(rnd() * rnd() * disc.length)]!, groupId: 'g' }));
      const ex: AssignExpert[] = Array.from({ length: 25 }, (_, j) => ({ id: `e${j}`, groupId: 'g', disciplines: disc.filter(() => rnd() < 0.2) }));
      const conflicts: Conflict[] = [];
      for (const it of its) for (const e of ex) if (rnd() < 0.05) conflicts.push({ itemId: it.id, expertId: e.id, kind: 'institution', reason: { code: 'SAME_INSTITUTION', values: {} }, state: 'detected', note: '' });
      const input: AssignInput = { items: its, experts: ex, groups: [{ id: 'g', everyMemberScores: false }], perItem: 4, loadSlack: trial % 3, conflicts };
      const full = assign({ ...input, candidates: Infinity });
      for (const candidates of [undefined, 4, 1]) {
        const pruned = assign({ ...input, candidates });
        expect(pruned.stats.arcs).toBeLessThan(full.stats.arcs + 1);
        if (pruned.stats.solves > 1) resolved++;
        expect([pruned.assignments.length, pruned.cost]).toEqual([full.assignments.length, full.cost]);
        checkValid(input, pruned);
      }
    }
    // The certificate did its work: some pruned runs were found wanting and solved again with the arcs they lacked.
    expect(resolved).toBeGreaterThan(0);
  });
});
