import { defaultSettings, type AggregationMethod, type Settings } from '../campaign/settings.ts';
import { fitAdditive, type AdditiveOptions } from './additive.ts';
import { note, type Note } from './notes.ts';
import { indexPanel, type CountableScores, type Panel } from './panel.ts';

export type { AggregationMethod };

/** Every method's value side by side; null where a method gives none (flagged, never a silent fallback). */
export type MethodValues = Readonly<Record<AggregationMethod, number | null>>;

export interface ItemAggregate {
  readonly itemId: string;
  /** Scores that counted. */
  readonly n: number;
  readonly values: MethodValues;
  readonly flags: readonly Note[];
}

export interface ExpertAggregate {
  readonly expertId: string;
  readonly n: number;
  readonly mean: number;
  /** Population standard deviation of the expert's own totals. */
  readonly sd: number;
  /** false: too few scores or no spread, so the z-score method uses the expert's totals raw. */
  readonly calibrated: boolean;
  /** The additive model's bias: positive = more lenient than the panel. */
  readonly bias: number;
  /** The additive model's connected component (0 = the largest). */
  readonly component: number;
  readonly flags: readonly Note[];
}

export interface Aggregation {
  readonly items: readonly ItemAggregate[];
  readonly experts: readonly ExpertAggregate[];
  /** The whole panel's mean and standard deviation, the scale z-scores are brought back to. */
  readonly panelMean: number;
  readonly panelSd: number;
  readonly additive: {
    readonly components: readonly { readonly experts: number; readonly items: number }[];
    readonly iterations: number;
    readonly relativeResidual: number;
    readonly converged: boolean;
  };
}

export type AggregationRules = Pick<Settings['aggregation'], 'trimHighest' | 'trimLowest' | 'minScoresAfterTrim'> & {
  /** An expert with fewer scores is left raw by the z-score method. */
  readonly minExpertScores?: number;
  readonly additive?: AdditiveOptions;
};

/** The settings' default (aggregation.minExpertScores), for callers that pass rules without it. */
export const DEFAULT_MIN_EXPERT_SCORES = defaultSettings().aggregation.minExpertScores;
const FLAT = 1e-9;

function sortRange(v: Float64Array, a: number, z: number): void {
  for (let k = a + 1; k < z; k++) {
    const x = v[k] as number;
    let j = k - 1;
    while (j >= a && (v[j] as number) > x) {
      v[j + 1] = v[j] as number;
      j--;
    }
    v[j + 1] = x;
  }
}

/** The panel's values sorted within each item (a copy). */
function sortedByItem(p: Panel): Float64Array {
  const v = Float64Array.from(p.value);
  const I = p.itemIds.length;
  for (let i = 0; i < I; i++) {
    const a = p.itemStart[i] as number;
    const z = p.itemStart[i + 1] as number;
    if (z - a > 32) v.subarray(a, z).sort();
    else sortRange(v, a, z);
  }
  return v;
}

export function meanByItem(p: Panel): Float64Array {
  const I = p.itemIds.length;
  const out = new Float64Array(I);
  for (let i = 0; i < I; i++) {
    const a = p.itemStart[i] as number;
    const z = p.itemStart[i + 1] as number;
    let s = 0;
    for (let k = a; k < z; k++) s += p.value[k] as number;
    out[i] = z > a ? s / (z - a) : NaN;
  }
  return out;
}

export function medianByItem(p: Panel, sorted = sortedByItem(p)): Float64Array {
  const I = p.itemIds.length;
  const out = new Float64Array(I);
  for (let i = 0; i < I; i++) {
    const a = p.itemStart[i] as number;
    const n = (p.itemStart[i + 1] as number) - a;
    const h = a + (n >> 1);
    out[i] = n === 0 ? NaN : n % 2 === 1 ? (sorted[h] as number) : ((sorted[h - 1] as number) + (sorted[h] as number)) / 2;
  }
  return out;
}

/** Drops `high` highest and `low` lowest; NaN where fewer than `minLeft` remain. */
export function trimmedByItem(p: Panel, rules: AggregationRules, sorted = sortedByItem(p)): Float64Array {
  const I = p.itemIds.length;
  const out = new Float64Array(I);
  for (let i = 0; i < I; i++) {
    const a = p.itemStart[i] as number;
    const z = p.itemStart[i + 1] as number;
    const from = a + rules.trimLowest;
    const to = z - rules.trimHighest;
    if (to - from < rules.minScoresAfterTrim || to - from < 1) {
      out[i] = NaN;
      continue;
    }
    let s = 0;
    for (let k = from; k < to; k++) s += sorted[k] as number;
    out[i] = s / (to - from);
  }
  return out;
}

export interface ExpertStats {
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  readonly calibrated: Uint8Array;
  readonly panelMean: number;
  readonly panelSd: number;
}

export function expertStats(p: Panel, minExpertScores = DEFAULT_MIN_EXPERT_SCORES): ExpertStats {
  const E = p.expertIds.length;
  const m = p.value.length;
  const sum = new Float64Array(E);
  let total = 0;
  for (let k = 0; k < m; k++) {
    const e = p.expertOf[k] as number;
    sum[e] = (sum[e] as number) + (p.value[k] as number);
    total += p.value[k] as number;
  }
  const mean = new Float64Array(E);
  for (let e = 0; e < E; e++) mean[e] = (sum[e] as number) / (p.expertCount[e] as number);
  const panelMean = m > 0 ? total / m : NaN;
  const sq = new Float64Array(E);
  let panelSq = 0;
  for (let k = 0; k < m; k++) {
    const e = p.expertOf[k] as number;
    const x = p.value[k] as number;
    sq[e] = (sq[e] as number) + (x - (mean[e] as number)) ** 2;
    panelSq += (x - panelMean) ** 2;
  }
  const sd = new Float64Array(E);
  const calibrated = new Uint8Array(E);
  for (let e = 0; e < E; e++) {
    const n = p.expertCount[e] as number;
    sd[e] = Math.sqrt((sq[e] as number) / n);
    calibrated[e] = n >= minExpertScores && (sd[e] as number) > FLAT ? 1 : 0;
  }
  return { mean, sd, calibrated, panelMean, panelSd: m > 0 ? Math.sqrt(panelSq / m) : NaN };
}

/**
 * Each expert's totals as z-scores over their own set, brought back to the panel's scale (panel mean + panel sd ·
 * z); an uncalibrated expert's totals are used raw. Not clamped to 0–100: clamping would reorder the top.
 */
export function zscoreByItem(p: Panel, stats: ExpertStats): { value: Float64Array; raw: Int32Array } {
  const I = p.itemIds.length;
  const value = new Float64Array(I);
  const raw = new Int32Array(I);
  const { mean, sd, calibrated, panelMean, panelSd } = stats;
  for (let i = 0; i < I; i++) {
    const a = p.itemStart[i] as number;
    const z = p.itemStart[i + 1] as number;
    let s = 0;
    let r = 0;
    for (let k = a; k < z; k++) {
      const e = p.expertOf[k] as number;
      const x = p.value[k] as number;
      if (calibrated[e]) s += panelMean + (panelSd * (x - (mean[e] as number))) / (sd[e] as number);
      else {
        s += x;
        r++;
      }
    }
    value[i] = z > a ? s / (z - a) : NaN;
    raw[i] = r;
  }
  return { value, raw };
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/**
 * Every method for every nomination, side by side. `itemIds` names nominations that must appear even without a
 * countable score (they are flagged NO_SCORES).
 */
export function aggregate(input: CountableScores, rules: AggregationRules, itemIds: readonly string[] = []): Aggregation {
  const p = indexPanel(input, itemIds);
  const minExpert = rules.minExpertScores ?? DEFAULT_MIN_EXPERT_SCORES;
  const sorted = sortedByItem(p);
  const mean = meanByItem(p);
  const median = medianByItem(p, sorted);
  const trimmed = trimmedByItem(p, rules, sorted);
  const stats = expertStats(p, minExpert);
  const z = zscoreByItem(p, stats);
  const fit = fitAdditive(p, rules.additive);
  const many = fit.componentExperts.length > 1;

  const items: ItemAggregate[] = p.itemIds.map((itemId, i) => {
    const n = (p.itemStart[i + 1] as number) - (p.itemStart[i] as number);
    const flags: Note[] = [];
    if (n === 0) flags.push(note('NO_SCORES'));
    else {
      const left = Math.max(0, n - rules.trimHighest - rules.trimLowest);
      if (Number.isNaN(trimmed[i] as number)) flags.push(note('TRIM_INSUFFICIENT', { n, left, needed: rules.minScoresAfterTrim }));
      if ((z.raw[i] as number) > 0) flags.push(note('ZSCORE_PARTLY_RAW', { raw: z.raw[i] as number, n }));
      const c = fit.itemComponent[i] as number;
      if ((fit.componentExperts[c] as number) === 1) flags.push(note('ADDITIVE_SINGLE_EXPERT', { component: c + 1 }));
      else if (many && c > 0) flags.push(note('ADDITIVE_SEPARATE_PANEL', { component: c + 1, experts: fit.componentExperts[c] as number }));
      if (!fit.converged) flags.push(note('ADDITIVE_NOT_CONVERGED', { residual: fit.relativeResidual }));
    }
    return {
      itemId,
      n,
      values: {
        mean: orNull(mean[i] as number),
        median: orNull(median[i] as number),
        trimmed: orNull(trimmed[i] as number),
        zscore: orNull(z.value[i] as number),
        additive: orNull(fit.effect[i] as number),
      },
      flags,
    };
  });

  const experts: ExpertAggregate[] = p.expertIds.map((expertId, e) => {
    const n = p.expertCount[e] as number;
    const sd = stats.sd[e] as number;
    const flags: Note[] = [];
    if (n < minExpert) flags.push(note('EXPERT_FEW_SCORES', { n, needed: minExpert }));
    else if (!(sd > FLAT)) flags.push(note('EXPERT_NO_SPREAD', { n }));
    return {
      expertId,
      n,
      mean: stats.mean[e] as number,
      sd,
      calibrated: stats.calibrated[e] === 1,
      bias: fit.bias[e] as number,
      component: fit.expertComponent[e] as number,
      flags,
    };
  });

  return {
    items,
    experts,
    panelMean: stats.panelMean,
    panelSd: stats.panelSd,
    additive: {
      components: Array.from(fit.componentExperts, (experts, c) => ({ experts, items: fit.componentItems[c] as number })),
      iterations: fit.iterations,
      relativeResidual: fit.relativeResidual,
      converged: fit.converged,
    },
  };
}

/** The value the campaign's chosen method gives. */
export const methodValue = (item: ItemAggregate, method: AggregationMethod): number | null => item.values[method];
