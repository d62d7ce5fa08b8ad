import { describe, expect, it } from 'vitest';
import { FlowGraph } from './flow.ts';

/** Textbook min-cost max-flow: one unit path at a time, Bellman–Ford each time. Slow, plainly right. */
function reference(n: number, arcs: readonly [number, number, number, number][], s: number, t: number): { value: number; cost: number } {
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const from: number[] = [];
  for (const [u, v, c, w] of arcs) {
    from.push(u, v);
    to.push(v, u);
    cap.push(c, 0);
    cost.push(w, -w);
  }
  let value = 0;
  let total = 0;
  for (;;) {
    const dist = new Array<number>(n).fill(Infinity);
    const via = new Array<number>(n).fill(-1);
    dist[s] = 0;
    for (let pass = 0; pass < n; pass++) {
      for (let a = 0; a < to.length; a++) {
        if (cap[a]! > 0 && dist[from[a]!]! + cost[a]! < dist[to[a]!]!) {
          dist[to[a]!] = dist[from[a]!]! + cost[a]!;
          via[to[a]!] = a;
        }
      }
    }
    if (dist[t] === Infinity) return { value, cost: total };
    let push = Infinity;
    for (let v = t; v !== s; v = from[via[v]!]!) push = Math.min(push, cap[via[v]!]!);
    for (let v = t; v !== s; v = from[via[v]!]!) {
      cap[via[v]!]! -= push;
      cap[via[v]! ^ 1]! += push;
    }
    value += push;
    total += push * dist[t]!;
  }
}

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
}

describe('FlowGraph', () => {
  it('sends what it can, the cheap routes first', () => {
    const g = new FlowGraph(4);
    const a = g.addArc(0, 1, 2, 1);
    g.addArc(0, 2, 2, 5);
    g.addArc(1, 3, 1, 1);
    g.addArc(2, 3, 3, 0);
    const b = g.addArc(1, 2, 2, 1);
    const r = g.solve(0, 3);
    expect(r.value).toBe(4);
    // 0→1→3 (cost 2, 1 unit), 0→1→2→3 (2, 1 unit), 0→2→3 (5, 2 units).
    expect(r.cost).toBe(14);
    expect(r.flow[a]).toBe(2);
    expect(r.flow[b]).toBe(1);
    expect(r.reached[3]).toBe(0);
  });

  it('matches a textbook solver on random networks, negative arc costs included, and leaves a certificate', () => {
    const rnd = rng(42);
    for (let trial = 0; trial < 300; trial++) {
      const n = 3 + Math.floor(rnd() * 6);
      const arcs: [number, number, number, number][] = [];
      // Arcs go from lower to higher node numbers, so there is no cycle (negative costs allowed).
      for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) if (rnd() < 0.5) arcs.push([u, v, 1 + Math.floor(rnd() * 3), Math.floor(rnd() * 7) - 2]);
      const g = new FlowGraph(n);
      for (const [u, v, c, w] of arcs) g.addArc(u, v, c, w);
      const got = g.solve(0, n - 1);
      expect({ value: got.value, cost: got.cost }).toEqual(reference(n, arcs, 0, n - 1));
      arcs.forEach(([u, v, c, w], i) => {
        const rc = w + got.potential[u]! - got.potential[v]!;
        if (got.flow[i]! < c) expect(rc).toBeGreaterThanOrEqual(0);
        if (got.flow[i]! > 0) expect(rc).toBeLessThanOrEqual(0);
      });
    }
  });
});
