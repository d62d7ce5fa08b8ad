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

/** Papers of one discipline with this metric: by year (those without a year apart), values sorted per year. */
interface DisciplineValues {
  readonly byYear: Map<number, { readonly papers: number[]; values: Float64Array }>;
  readonly noYear: number[];
  readonly years: readonly number[];
  /** Every value of the discipline, those without a year included, sorted. */
  readonly all: Float64Array;
}

function disciplineValues(papers: readonly PaperMetricsInput[], metric: Metric): Map<string, DisciplineValues> {
  const raw = new Map<string, { byYear: Map<number, { papers: number[]; values: Float64Array }>; noYear: number[]; all: number[] }>();
  papers.forEach((p, k) => {
    const r = p.metrics[metric];
    if (!present(r)) return;
    const d = p.discipline ?? '';
    let g = raw.get(d);
    if (!g) raw.set(d, (g = { byYear: new Map(), noYear: [], all: [] }));
    g.all.push(r.value);
    if (p.year === null) g.noYear.push(k);
    else {
      const cell = g.byYear.get(p.year);
      if (cell) cell.papers.push(k);
      else g.byYear.set(p.year, { papers: [k], values: new Float64Array(0) });
    }
  });
  const out = new Map<string, DisciplineValues>();
  for (const [d, g] of raw) {
    for (const cell of g.byYear.values()) cell.values = Float64Array.from(cell.papers, (k) => (papers[k]?.metrics[metric] as MetricReading).value).sort();
    out.set(d, { byYear: g.byYear, noYear: g.noYear, years: [...g.byYear.keys()].sort((a, b) => a - b), all: Float64Array.from(g.all).sort() });
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

/**
 * Mid-rank percentiles of `members` (paper indices) within the sorted `pool`: the members sorted by value, two
 * pointers walk the pool once.
 */
function midRanks(papers: readonly PaperMetricsInput[], metric: Metric, members: readonly number[], pool: Float64Array, each: (k: number, percentile: number) => void): void {
  const value = (k: number) => (papers[k]?.metrics[metric] as MetricReading).value;
  const sorted = [...members].sort((a, b) => value(a) - value(b));
  let lo = 0;
  let hi = 0;
  for (const k of sorted) {
    const v = value(k);
    while (lo < pool.length && (pool[lo] as number) < v) lo++;
    if (hi < lo) hi = lo;
    while (hi < pool.length && (pool[hi] as number) <= v) hi++;
    each(k, (100 * (lo + (hi - lo) / 2)) / pool.length);
  }
}

function percentilesFor(papers: readonly PaperMetricsInput[], metric: Metric, minGroupSize: number, flags: readonly Note[][]): (MetricComponent | null)[] {
  const out: (MetricComponent | null)[] = papers.map(() => null);
  const component = (k: number, percentile: number, pool: MetricPool) => {
    const r = papers[k]?.metrics[metric] as MetricReading;
    // Built field by field: spreading the reading is many times slower here.
    out[k] = { value: r.value, ...(r.source !== undefined ? { source: r.source } : {}), ...(r.date !== undefined ? { date: r.date } : {}), percentile, pool };
    if (pool.n < minGroupSize) flags[k]?.push(note('METRIC_SMALL_GROUP', { metric, discipline: pool.discipline ?? '', n: pool.n, needed: minGroupSize }));
  };
  for (const [d, g] of disciplineValues(papers, metric)) {
    const discipline = d === '' ? null : d;
    if (g.noYear.length > 0) {
      const pool: MetricPool = { discipline, fromYear: null, toYear: null, n: g.all.length };
      midRanks(papers, metric, g.noYear, g.all, (k, p) => component(k, p, pool));
    }
    const counts = new Map(g.years.map((y) => [y, (g.byYear.get(y) as { papers: number[] }).papers.length]));
    for (const [year, cell] of g.byYear) {
      const w = poolWindow(counts, year, minGroupSize);
      const inWindow = g.years.filter((y) => y >= w.from && y <= w.to);
      const from = inWindow[0] as number;
      const to = inWindow[inWindow.length - 1] as number;
      const values = inWindow.length === 1 ? cell.values : Float64Array.from(inWindow.flatMap((y) => Array.from((g.byYear.get(y) as { values: Float64Array }).values))).sort();
      const pool: MetricPool = { discipline, fromYear: from, toYear: to, n: w.n };
      const pooled = from !== year || to !== year;
      midRanks(papers, metric, cell.papers, values, (k, p) => {
        if (pooled) flags[k]?.push(note('METRIC_POOLED', { metric, discipline: d, year, fromYear: from, toYear: to, n: w.n }));
        component(k, p, pool);
      });
    }
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
  const flags: Note[][] = papers.map((p) => {
    const f: Note[] = [];
    if (p.discipline === null) f.push(note('METRIC_NO_DISCIPLINE'));
    if (p.year === null) f.push(note('METRIC_NO_YEAR', { discipline: p.discipline ?? '' }));
    return f;
  });
  const perMetric = METRICS.map((m) => percentilesFor(papers, m, rules.minGroupSize, flags));
  return papers.map((p, k) => {
    const f = flags[k] as Note[];
    const components = { attention: perMetric[0]?.[k] ?? null, citations: perMetric[1]?.[k] ?? null, downloads: perMetric[2]?.[k] ?? null };
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
