import type { Settings } from '../campaign/settings.ts';
import { note, type Note } from './notes.ts';

/**
 * Attention metrics for papers. Each metric becomes a percentile within discipline × publication year:
 *
 * - Mid-rank: P = 100 · (L + E/2) / n, L the values below, E the values equal (the paper itself included), n the
 *   pool's papers that have this metric. A lone paper sits at 50; equal values share one percentile.
 * - A missing metric stays missing: it is not 0, it is not in anyone's pool, and the metric score re-normalises
 *   its weights over the metrics present (flagged).
 * - Small groups pool adjacent years, per metric: when a discipline × year cell has fewer than minGroupSize papers
 *   with the metric, the window widens one year each side (y−1…y+1, then y−2…y+2, …) within the discipline until
 *   it holds minGroupSize, or covers every year the discipline has (then the whole discipline is used, and
 *   flagged if still small). Every paper of a cell gets the same window; windows of neighbouring cells overlap,
 *   they are not a partition. A paper without a year is compared with its whole discipline; papers without a
 *   discipline form a discipline of their own. Both are flagged.
 */
export const METRICS = ['attention', 'citations', 'downloads'] as const;
export type Metric = (typeof METRICS)[number];

export interface MetricReading {
  readonly value: number;
  /** Where the figure came from (a database) and when it was read: kept for display. */
  readonly source?: string;
  readonly date?: string;
}

export interface PaperMetricsInput {
  readonly itemId: string;
  readonly discipline: string | null;
  readonly year: number | null;
  readonly metrics: Readonly<Partial<Record<Metric, MetricReading | null>>>;
}

export interface MetricPool {
  readonly discipline: string | null;
  /** null: the whole discipline (the paper has no year). */
  readonly fromYear: number | null;
  readonly toYear: number | null;
  /** Papers in the pool with this metric. */
  readonly n: number;
}

export interface MetricComponent extends MetricReading {
  readonly percentile: number;
  readonly pool: MetricPool;
}

export interface PaperScore {
  readonly itemId: string;
  readonly components: Readonly<Record<Metric, MetricComponent | null>>;
  /** Weighted mean of the percentiles present, on 0–100; null when none is present. */
  readonly metricScore: number | null;
  readonly expertScore: number | null;
  /** metricWeight % metric score + expertWeight % expert score; null when a part it needs is missing. */
  readonly final: number | null;
  readonly flags: readonly Note[];
}

export type MetricRules = Pick<Settings['metrics'], 'attentionWeight' | 'citationsWeight' | 'downloadsWeight' | 'minGroupSize'>;
export type BlendRules = Pick<Settings['blend'], 'metricWeight' | 'expertWeight'>;

const weightOf = (rules: MetricRules, m: Metric): number =>
  m === 'attention' ? rules.attentionWeight : m === 'citations' ? rules.citationsWeight : rules.downloadsWeight;

const present = (r: MetricReading | null | undefined): r is MetricReading => r != null && Number.isFinite(r.value);

function lowerBound(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function upperBound(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface DisciplineValues {
  /** Year → that year's values, sorted. */
  readonly byYear: Map<number, Float64Array>;
  readonly years: readonly number[];
  /** Every value of the discipline, those without a year included, sorted. */
  readonly all: Float64Array;
}

function disciplineValues(papers: readonly PaperMetricsInput[], metric: Metric): Map<string, DisciplineValues> {
  const raw = new Map<string, { byYear: Map<number, number[]>; all: number[] }>();
  for (const p of papers) {
    const r = p.metrics[metric];
    if (!present(r)) continue;
    const d = p.discipline ?? '';
    let g = raw.get(d);
    if (!g) raw.set(d, (g = { byYear: new Map(), all: [] }));
    g.all.push(r.value);
    if (p.year !== null) {
      const list = g.byYear.get(p.year);
      if (list) list.push(r.value);
      else g.byYear.set(p.year, [r.value]);
    }
  }
  const out = new Map<string, DisciplineValues>();
  for (const [d, g] of raw) {
    const byYear = new Map<number, Float64Array>();
    for (const [y, xs] of g.byYear) byYear.set(y, Float64Array.from(xs).sort());
    out.set(d, { byYear, years: [...byYear.keys()].sort((a, b) => a - b), all: Float64Array.from(g.all).sort() });
  }
  return out;
}

/** The window of years a discipline × year cell is compared within. */
export function poolWindow(counts: ReadonlyMap<number, number>, year: number, minGroupSize: number): { from: number; to: number; n: number } {
  const years = [...counts.keys()];
  const first = Math.min(...years);
  const last = Math.max(...years);
  for (let k = 0; ; k++) {
    let n = 0;
    for (const [y, c] of counts) if (y >= year - k && y <= year + k) n += c;
    if (n >= minGroupSize || (year - k <= first && year + k >= last)) return { from: year - k, to: year + k, n };
  }
}

function percentilesFor(papers: readonly PaperMetricsInput[], metric: Metric, minGroupSize: number, flags: Map<string, Note[]>): Map<string, MetricComponent> {
  const groups = disciplineValues(papers, metric);
  const windows = new Map<string, { from: number; to: number; n: number }>();
  const out = new Map<string, MetricComponent>();
  for (const p of papers) {
    const r = p.metrics[metric];
    if (!present(r)) continue;
    const g = groups.get(p.discipline ?? '') as DisciplineValues;
    let L = 0;
    let E = 0;
    let pool: MetricPool;
    const push = (n: Note) => flags.get(p.itemId)?.push(n);
    if (p.year === null) {
      L = lowerBound(g.all, r.value);
      E = upperBound(g.all, r.value) - L;
      pool = { discipline: p.discipline, fromYear: null, toYear: null, n: g.all.length };
    } else {
      const key = `${p.discipline ?? ''}\u0001${p.year}`;
      let w = windows.get(key);
      if (!w) {
        w = poolWindow(new Map(g.years.map((y) => [y, (g.byYear.get(y) as Float64Array).length])), p.year, minGroupSize);
        windows.set(key, w);
      }
      for (const y of g.years) {
        if (y < w.from || y > w.to) continue;
        const xs = g.byYear.get(y) as Float64Array;
        const lo = lowerBound(xs, r.value);
        L += lo;
        E += upperBound(xs, r.value) - lo;
      }
      const from = Math.max(w.from, g.years[0] as number);
      const to = Math.min(w.to, g.years[g.years.length - 1] as number);
      pool = { discipline: p.discipline, fromYear: from, toYear: to, n: w.n };
      if (from !== to || to !== p.year) push(note('METRIC_POOLED', { metric, discipline: p.discipline ?? '', year: p.year, fromYear: from, toYear: to, n: w.n }));
    }
    if (pool.n < minGroupSize) push(note('METRIC_SMALL_GROUP', { metric, discipline: p.discipline ?? '', n: pool.n, needed: minGroupSize }));
    out.set(p.itemId, { ...r, percentile: (100 * (L + E / 2)) / pool.n, pool });
  }
  return out;
}

/** Blends a metric score and an expert score with the campaign's visible weights. */
export function blend(metricScore: number | null, expertScore: number | null, rules: BlendRules): { final: number | null; flags: Note[] } {
  const { metricWeight: mw, expertWeight: ew } = rules;
  if (mw + ew <= 0) return { final: null, flags: [note('BLEND_MISSING_PART', { part: 'weights' })] };
  const flags: Note[] = [];
  if (mw > 0 && metricScore === null) flags.push(note('BLEND_MISSING_PART', { part: 'metric' }));
  if (ew > 0 && expertScore === null) flags.push(note('BLEND_MISSING_PART', { part: 'expert' }));
  if (flags.length > 0) return { final: null, flags };
  return { final: (mw * (metricScore ?? 0) + ew * (expertScore ?? 0)) / (mw + ew), flags };
}

/**
 * Percentiles, metric score and final score of every paper; `expertScores` is the campaign's chosen aggregation
 * (a missing entry is a paper without an expert score).
 */
export function paperScores(
  papers: readonly PaperMetricsInput[],
  expertScores: ReadonlyMap<string, number | null>,
  rules: MetricRules & BlendRules,
): PaperScore[] {
  const flags = new Map<string, Note[]>(papers.map((p) => [p.itemId, []]));
  for (const p of papers) {
    const f = flags.get(p.itemId) as Note[];
    if (p.discipline === null) f.push(note('METRIC_NO_DISCIPLINE'));
    if (p.year === null) f.push(note('METRIC_NO_YEAR', { discipline: p.discipline ?? '' }));
  }
  const perMetric = new Map(METRICS.map((m) => [m, percentilesFor(papers, m, rules.minGroupSize, flags)]));
  return papers.map((p) => {
    const f = flags.get(p.itemId) as Note[];
    const components = Object.fromEntries(METRICS.map((m) => [m, perMetric.get(m)?.get(p.itemId) ?? null])) as Record<Metric, MetricComponent | null>;
    let sum = 0;
    let weight = 0;
    const missing: Metric[] = [];
    for (const m of METRICS) {
      const w = weightOf(rules, m);
      if (w <= 0) continue;
      const c = components[m];
      if (c === null) missing.push(m);
      else {
        sum += w * c.percentile;
        weight += w;
      }
    }
    let metricScore: number | null = null;
    if (weight > 0) {
      metricScore = sum / weight;
      if (missing.length > 0) f.push(note('METRIC_RENORMALISED', { missing: missing.join(','), weight }));
    } else f.push(note('METRIC_NONE'));
    const expertScore = expertScores.get(p.itemId) ?? null;
    const b = blend(metricScore, expertScore, rules);
    return { itemId: p.itemId, components, metricScore, expertScore, final: b.final, flags: [...f, ...b.flags] };
  });
}
