import type { PanelScore } from './panel.ts';

/** mulberry32: a small seeded PRNG, so a simulation or a benchmark is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
export function normal(rnd: () => number): number {
  const u = 1 - rnd();
  const v = rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export interface SimulationShape {
  readonly disciplines: number;
  readonly itemsPerDiscipline: number;
  readonly expertsPerDiscipline: number;
  /** Reviewers per nomination: all from its discipline but `crossReviewers`, who come from the next discipline. */
  readonly perItem: number;
  readonly crossReviewers: number;
  /** Spread of the disciplines' mean quality: some experts see stronger sets than others. */
  readonly disciplineSd: number;
  readonly qualityMean: number;
  readonly qualitySd: number;
  readonly biasSd: number;
  /** Each expert's noise sd is drawn uniformly from this range. */
  readonly noiseSd: readonly [number, number];
}

export interface SimulatedPanel {
  readonly scores: PanelScore[];
  readonly quality: ReadonlyMap<string, number>;
  readonly discipline: ReadonlyMap<string, number>;
  readonly bias: ReadonlyMap<string, number>;
}

/**
 * A panel with known truth: nominations of known quality in disciplines of different strength, experts of known
 * bias and noise, reviewers drawn by discipline (least-loaded first, ties at random), never at random from the
 * whole panel.
 */
export function simulatePanel(seed: number, shape: SimulationShape): SimulatedPanel {
  const rnd = prng(seed);
  const D = shape.disciplines;
  const strength = Array.from({ length: D }, () => normal(rnd) * shape.disciplineSd);
  const experts: { id: string; bias: number; noise: number; load: number }[][] = [];
  const bias = new Map<string, number>();
  for (let d = 0; d < D; d++) {
    const list = [];
    for (let k = 0; k < shape.expertsPerDiscipline; k++) {
      const id = `e${d}-${k}`;
      const b = normal(rnd) * shape.biasSd;
      bias.set(id, b);
      list.push({ id, bias: b, noise: shape.noiseSd[0] + rnd() * (shape.noiseSd[1] - shape.noiseSd[0]), load: 0 });
    }
    experts.push(list);
  }
  const pick = (d: number, count: number) => {
    const pool = (experts[d] ?? []).map((e) => ({ e, key: e.load + rnd() * 0.5 })).sort((x, y) => x.key - y.key);
    return pool.slice(0, count).map((x) => {
      x.e.load++;
      return x.e;
    });
  };
  const scores: PanelScore[] = [];
  const quality = new Map<string, number>();
  const discipline = new Map<string, number>();
  for (let d = 0; d < D; d++) {
    for (let k = 0; k < shape.itemsPerDiscipline; k++) {
      const id = `n${d}-${k}`;
      const q = shape.qualityMean + (strength[d] as number) + normal(rnd) * shape.qualitySd;
      quality.set(id, q);
      discipline.set(id, d);
      const panel = [...pick(d, shape.perItem - shape.crossReviewers), ...pick((d + 1) % D, shape.crossReviewers)];
      for (const e of panel) {
        const total = Math.min(100, Math.max(0, Math.round(q + e.bias + normal(rnd) * e.noise)));
        scores.push({ itemId: id, expertId: e.id, total });
      }
    }
  }
  return { scores, quality, discipline, bias };
}

/** Share of the true top k that a score map also puts in its top k (ties at the edge broken by id). */
export function topKOverlap(truth: ReadonlyMap<string, number>, estimate: ReadonlyMap<string, number | null>, k: number): number {
  const top = (m: ReadonlyMap<string, number | null>) =>
    [...m.entries()]
      .filter((e): e is [string, number] => e[1] !== null)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, k)
      .map((e) => e[0]);
  const t = new Set(top(truth));
  return top(estimate).filter((id) => t.has(id)).length / k;
}
