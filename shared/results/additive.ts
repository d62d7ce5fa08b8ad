import type { Panel } from './panel.ts';

/**
 * The additive model: score(i, e) = effect(i) + bias(e) + noise, fitted by least squares over the whole panel.
 * Effects are eliminated (effect(i) = mean over i's experts of score − bias), leaving the normal equations of the
 * biases, A·b = r with (A·b)(e) = n(e)·b(e) − Σ_{i scored by e} mean_{e' on i} b(e'). A is symmetric, positive
 * semi-definite, singular exactly along "a constant added to every bias of one connected component" (experts
 * linked through shared items); the system is consistent, so conjugate gradient (Jacobi-preconditioned) from b = 0
 * converges to a solution, and re-centring the biases of each component on 0 picks the one with Σ bias = 0 there
 * (the fit is unchanged: the effects absorb the constant). A component of one expert has bias 0: nothing to
 * compare them with.
 */
export interface AdditiveFit {
  /** Per item: the nomination effect, on the 0–100 scale; NaN for an item without scores. */
  readonly effect: Float64Array;
  /** Per expert: the bias (positive = lenient). */
  readonly bias: Float64Array;
  /** Per expert: its connected component, numbered from 0 with the largest (most experts) first. */
  readonly expertComponent: Int32Array;
  /** Per item: its component; −1 for an item without scores. */
  readonly itemComponent: Int32Array;
  /** Per component: experts and items in it. */
  readonly componentExperts: Int32Array;
  readonly componentItems: Int32Array;
  readonly iterations: number;
  /** ‖A·b − r‖ / ‖r‖ at the end (0 when r = 0). */
  readonly relativeResidual: number;
  readonly converged: boolean;
}

export interface AdditiveOptions {
  /** Stop when ‖A·b − r‖ ≤ tolerance·‖r‖. */
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

function components(p: Panel): { expertComponent: Int32Array; count: number } {
  const E = p.expertIds.length;
  const parent = new Int32Array(E);
  for (let e = 0; e < E; e++) parent[e] = e;
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[x] !== r) {
      const next = parent[x] as number;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  const I = p.itemIds.length;
  for (let i = 0; i < I; i++) {
    const a = p.itemStart[i] as number;
    const z = p.itemStart[i + 1] as number;
    if (z - a < 2) continue;
    const r0 = find(p.expertOf[a] as number);
    for (let k = a + 1; k < z; k++) {
      const r = find(p.expertOf[k] as number);
      if (r !== r0) parent[r] = r0;
    }
  }
  // Number the components by size, largest first (ties: the one whose first expert came first).
  const size = new Map<number, number>();
  const first = new Map<number, number>();
  for (let e = 0; e < E; e++) {
    const r = find(e);
    size.set(r, (size.get(r) ?? 0) + 1);
    if (!first.has(r)) first.set(r, e);
  }
  const roots = [...size.keys()].sort((x, y) => (size.get(y) as number) - (size.get(x) as number) || (first.get(x) as number) - (first.get(y) as number));
  const number = new Map(roots.map((r, k) => [r, k]));
  const expertComponent = new Int32Array(E);
  for (let e = 0; e < E; e++) expertComponent[e] = number.get(find(e)) as number;
  return { expertComponent, count: roots.length };
}

export function fitAdditive(p: Panel, options: AdditiveOptions = {}): AdditiveFit {
  const I = p.itemIds.length;
  const E = p.expertIds.length;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 2 * E + 50;
  const { itemStart, expertOf, value, expertCount } = p;

  const itemMean = new Float64Array(I);
  for (let i = 0; i < I; i++) {
    const a = itemStart[i] as number;
    const z = itemStart[i + 1] as number;
    let s = 0;
    for (let k = a; k < z; k++) s += value[k] as number;
    itemMean[i] = z > a ? s / (z - a) : NaN;
  }
  // r(e) = Σ_{i scored by e} (score − item mean)
  const r = new Float64Array(E);
  for (let i = 0; i < I; i++) {
    const m = itemMean[i] as number;
    for (let k = itemStart[i] as number; k < (itemStart[i + 1] as number); k++) {
      const e = expertOf[k] as number;
      r[e] = (r[e] as number) + (value[k] as number) - m;
    }
  }
  const avg = new Float64Array(I);
  const apply = (x: Float64Array, out: Float64Array) => {
    for (let i = 0; i < I; i++) {
      const a = itemStart[i] as number;
      const z = itemStart[i + 1] as number;
      let s = 0;
      for (let k = a; k < z; k++) s += x[expertOf[k] as number] as number;
      avg[i] = z > a ? s / (z - a) : 0;
    }
    for (let e = 0; e < E; e++) out[e] = (expertCount[e] as number) * (x[e] as number);
    for (let i = 0; i < I; i++) {
      const v = avg[i] as number;
      for (let k = itemStart[i] as number; k < (itemStart[i + 1] as number); k++) {
        const e = expertOf[k] as number;
        out[e] = (out[e] as number) - v;
      }
    }
  };
  const dot = (x: Float64Array, y: Float64Array) => {
    let s = 0;
    for (let e = 0; e < E; e++) s += (x[e] as number) * (y[e] as number);
    return s;
  };

  // Jacobi preconditioner: A's diagonal, n(e) − Σ_{i scored by e} 1/n(i) (0 for an expert alone on every item).
  const inv = new Float64Array(E);
  for (let e = 0; e < E; e++) inv[e] = expertCount[e] as number;
  for (let i = 0; i < I; i++) {
    const a = itemStart[i] as number;
    const z = itemStart[i + 1] as number;
    for (let k = a; k < z; k++) {
      const e = expertOf[k] as number;
      inv[e] = (inv[e] as number) - 1 / (z - a);
    }
  }
  for (let e = 0; e < E; e++) inv[e] = (inv[e] as number) > 1e-12 ? 1 / (inv[e] as number) : 0;

  const b = new Float64Array(E);
  const res = Float64Array.from(r);
  const pre = new Float64Array(E);
  for (let e = 0; e < E; e++) pre[e] = (inv[e] as number) * (res[e] as number);
  const dir = Float64Array.from(pre);
  const Ad = new Float64Array(E);
  const norm0 = Math.sqrt(dot(r, r));
  let rz = dot(res, pre);
  let iterations = 0;
  while (iterations < maxIterations && Math.sqrt(dot(res, res)) > tolerance * norm0) {
    apply(dir, Ad);
    const dAd = dot(dir, Ad);
    if (!(dAd > 0)) break;
    const alpha = rz / dAd;
    for (let e = 0; e < E; e++) {
      b[e] = (b[e] as number) + alpha * (dir[e] as number);
      res[e] = (res[e] as number) - alpha * (Ad[e] as number);
      pre[e] = (inv[e] as number) * (res[e] as number);
    }
    const rzNext = dot(res, pre);
    const beta = rzNext / rz;
    rz = rzNext;
    for (let e = 0; e < E; e++) dir[e] = (pre[e] as number) + beta * (dir[e] as number);
    iterations++;
  }

  const { expertComponent, count } = components(p);
  const sum = new Float64Array(count);
  const componentExperts = new Int32Array(count);
  for (let e = 0; e < E; e++) {
    const c = expertComponent[e] as number;
    sum[c] = (sum[c] as number) + (b[e] as number);
    componentExperts[c] = (componentExperts[c] as number) + 1;
  }
  for (let e = 0; e < E; e++) {
    const c = expertComponent[e] as number;
    b[e] = (b[e] as number) - (sum[c] as number) / (componentExperts[c] as number);
  }

  // The true residual after re-centring (re-centring does not change A·b).
  apply(b, Ad);
  let rs = 0;
  for (let e = 0; e < E; e++) rs += ((Ad[e] as number) - (r[e] as number)) ** 2;
  const relativeResidual = norm0 > 0 ? Math.sqrt(rs) / norm0 : 0;

  const effect = new Float64Array(I);
  const itemComponent = new Int32Array(I);
  const componentItems = new Int32Array(count);
  for (let i = 0; i < I; i++) {
    const a = itemStart[i] as number;
    const z = itemStart[i + 1] as number;
    if (z === a) {
      effect[i] = NaN;
      itemComponent[i] = -1;
      continue;
    }
    let s = 0;
    for (let k = a; k < z; k++) s += (value[k] as number) - (b[expertOf[k] as number] as number);
    effect[i] = s / (z - a);
    const c = expertComponent[expertOf[a] as number] as number;
    itemComponent[i] = c;
    componentItems[c] = (componentItems[c] as number) + 1;
  }
  // A looser test than the stopping rule: rounding in long runs may stop just short of 1e-10 with a usable fit.
  const converged = relativeResidual <= Math.max(tolerance * 100, 1e-8);
  return { effect, bias: b, expertComponent, itemComponent, componentExperts, componentItems, iterations, relativeResidual, converged };
}
