/**
 * Minimum-cost maximum flow by the primal-dual method: Dijkstra on reduced costs (potentials keep them ≥ 0), then a
 * blocking flow (Dinic) over the arcs whose reduced cost is 0, repeated until the sink is out of reach. With small
 * integer costs the number of Dijkstra rounds stays small, and each round moves many units at once.
 *
 * Integer costs and capacities are assumed (they are exact in float64 up to 2^53). Negative costs are allowed as long
 * as the arcs with capacity hold no negative cycle: the first potentials come from Bellman–Ford.
 *
 * On return every residual arc has a reduced cost ≥ 0 under `potential` (the optimality certificate), and `reached`
 * marks the nodes the source still reaches in the residual graph (the sink is not among them: the flow is maximum).
 */
export class FlowGraph {
  readonly n: number;
  private readonly tail: number[] = [];
  private readonly head: number[] = [];
  private readonly capacity: number[] = [];
  private readonly costs: number[] = [];

  constructor(n: number) {
    this.n = n;
  }

  /** An arc u → v; returns its index (its reverse is index ^ 1 internally). */
  addArc(u: number, v: number, cap: number, cost: number): number {
    const id = this.tail.length;
    this.tail.push(u);
    this.head.push(v);
    this.capacity.push(cap);
    this.costs.push(cost);
    return id;
  }

  get arcCount(): number {
    return this.tail.length;
  }

  solve(s: number, t: number): FlowSolution {
    return solve(this.n, this.tail, this.head, this.capacity, this.costs, s, t);
  }
}

export interface FlowSolution {
  /** Flow on each arc, by the index addArc returned. */
  readonly flow: Int32Array;
  readonly value: number;
  readonly cost: number;
  readonly potential: Float64Array;
  readonly reached: Uint8Array;
  /** Dijkstra rounds run (for the benchmark). */
  readonly rounds: number;
}

function solve(n: number, tail: readonly number[], head: readonly number[], capacity: readonly number[], costs: readonly number[], s: number, t: number): FlowSolution {
  const m = tail.length;
  // Residual arcs in pairs: 2a forward, 2a+1 backward; adjacency in CSR form.
  const to = new Int32Array(2 * m);
  const cap = new Float64Array(2 * m);
  const cost = new Float64Array(2 * m);
  const deg = new Int32Array(n + 1);
  for (let a = 0; a < m; a++) {
    to[2 * a] = head[a]!;
    to[2 * a + 1] = tail[a]!;
    cap[2 * a] = capacity[a]!;
    cost[2 * a] = costs[a]!;
    cost[2 * a + 1] = -costs[a]!;
    deg[tail[a]! + 1]!++;
    deg[head[a]! + 1]!++;
  }
  for (let v = 0; v < n; v++) deg[v + 1]! += deg[v]!;
  const start = deg;
  const adj = new Int32Array(2 * m);
  const fill = start.slice(0, n);
  for (let a = 0; a < m; a++) {
    adj[fill[tail[a]!]!++] = 2 * a;
    adj[fill[head[a]!]!++] = 2 * a + 1;
  }

  // Bellman–Ford from a virtual root joined to every node at cost 0.
  const pot = new Float64Array(n);
  for (let pass = 0, changed = true; changed; pass++) {
    if (pass > n) throw new Error('negative cycle in the flow network');
    changed = false;
    for (let a = 0; a < 2 * m; a += 2) {
      if (cap[a]! <= 0) continue;
      const u = to[a + 1]!;
      const v = to[a]!;
      const d = pot[u]! + cost[a]!;
      if (d < pot[v]!) {
        pot[v] = d;
        changed = true;
      }
    }
  }

  const dist = new Float64Array(n);
  const done = new Uint8Array(n);
  const heap = new MinHeap(n);
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const iter = new Int32Array(n);
  const stack = new Int32Array(n + 1);
  let value = 0;
  let rounds = 0;
  const reached = new Uint8Array(n);

  for (;;) {
    rounds++;
    dist.fill(Infinity);
    done.fill(0);
    dist[s] = 0;
    heap.clear();
    heap.push(s, 0);
    let dt = Infinity;
    while (heap.size > 0) {
      const u = heap.popMin();
      if (done[u]) continue;
      const du = dist[u]!;
      if (du >= dt) break;
      done[u] = 1;
      if (u === t) {
        dt = du;
        continue;
      }
      const pu = pot[u]!;
      for (let k = start[u]!, end = start[u + 1]!; k < end; k++) {
        const a = adj[k]!;
        if (cap[a]! <= 0) continue;
        const v = to[a]!;
        if (done[v]) continue;
        const nd = du + cost[a]! + pu - pot[v]!;
        if (nd < dist[v]!) {
          dist[v] = nd;
          heap.push(v, nd);
        }
      }
    }
    if (dt === Infinity) {
      for (let v = 0; v < n; v++) reached[v] = dist[v]! < Infinity ? 1 : 0;
      break;
    }
    for (let v = 0; v < n; v++) pot[v]! += done[v] ? dist[v]! : dt;

    // Blocking flows over the admissible arcs (residual, reduced cost 0) until the sink is cut off from them.
    for (;;) {
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++]!;
        for (let k = start[u]!, end = start[u + 1]!; k < end; k++) {
          const a = adj[k]!;
          const v = to[a]!;
          if (cap[a]! <= 0 || level[v] !== -1 || cost[a]! + pot[u]! - pot[v]! !== 0) continue;
          level[v] = level[u]! + 1;
          queue[qt++] = v;
        }
      }
      if (level[t] === -1) break;
      for (let v = 0; v < n; v++) iter[v] = start[v]!;
      // Iterative DFS: stack[i] is the arc taken out of the i-th node of the current path.
      let depth = 0;
      let u = s;
      for (;;) {
        if (u === t) {
          let push = Infinity;
          for (let i = 0; i < depth; i++) push = Math.min(push, cap[stack[i]!]!);
          for (let i = 0; i < depth; i++) {
            const a = stack[i]!;
            cap[a]! -= push;
            cap[a ^ 1]! += push;
          }
          value += push;
          depth = 0;
          u = s;
          continue;
        }
        let advanced = false;
        for (const end = start[u + 1]!; iter[u]! < end; iter[u]!++) {
          const a = adj[iter[u]!]!;
          const v = to[a]!;
          if (cap[a]! > 0 && level[v] === level[u]! + 1 && cost[a]! + pot[u]! - pot[v]! === 0) {
            stack[depth++] = a;
            u = v;
            advanced = true;
            break;
          }
        }
        if (advanced) continue;
        if (u === s) break;
        level[u] = -1;
        u = to[stack[--depth]! ^ 1]!;
        iter[u]!++;
      }
    }
  }

  const flow = new Int32Array(m);
  let total = 0;
  for (let a = 0; a < m; a++) {
    flow[a] = cap[2 * a + 1]!;
    total += flow[a]! * costs[a]!;
  }
  return { flow, value, cost: total, potential: pot, reached, rounds };
}

/** A binary heap of (node, key) with lazy deletion: a node may sit in it more than once. */
class MinHeap {
  private nodes: Int32Array;
  private keys: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.nodes = new Int32Array(Math.max(16, capacity));
    this.keys = new Float64Array(Math.max(16, capacity));
  }

  clear(): void {
    this.size = 0;
  }

  push(node: number, key: number): void {
    if (this.size === this.nodes.length) {
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.nodes = nodes;
      this.keys = keys;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p]! <= key) break;
      this.nodes[i] = this.nodes[p]!;
      this.keys[i] = this.keys[p]!;
      i = p;
    }
    this.nodes[i] = node;
    this.keys[i] = key;
  }

  popMin(): number {
    const top = this.nodes[0]!;
    const n = --this.size;
    const node = this.nodes[n]!;
    const key = this.keys[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.keys[c + 1]! < this.keys[c]!) c++;
      if (this.keys[c]! >= key) break;
      this.nodes[i] = this.nodes[c]!;
      this.keys[i] = this.keys[c]!;
      i = c;
    }
    this.nodes[i] = node;
    this.keys[i] = key;
    return top;
  }
}
