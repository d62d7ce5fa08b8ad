import type { Criterion } from '../campaign/model.ts';

export type CriterionScores = Readonly<Record<string, number | null | undefined>>;

export interface WeightedTotal {
  /** Σ weight_i × (score_i − min_i) / (max_i − min_i), on 0–100 when the weights total 100; null when incomplete. */
  readonly total: number | null;
  /** Criteria without a score. */
  readonly missing: readonly string[];
  /** Criteria whose score is outside its range or off its step. */
  readonly invalid: readonly string[];
}

const EPS = 1e-9;

export function isOnStep(c: Pick<Criterion, 'min' | 'max' | 'step'>, score: number): boolean {
  if (!Number.isFinite(score) || score < c.min - EPS || score > c.max + EPS) return false;
  const k = (score - c.min) / c.step;
  return Math.abs(k - Math.round(k)) < 1e-6;
}

/** The one weighted-total function: every screen, sheet and result uses it. */
export function weightedTotal(criteria: readonly Criterion[], scores: CriterionScores): WeightedTotal {
  let sum = 0;
  const missing: string[] = [];
  const invalid: string[] = [];
  for (const c of criteria) {
    const s = scores[c.id];
    if (s === null || s === undefined || Number.isNaN(s)) {
      missing.push(c.id);
      continue;
    }
    if (!isOnStep(c, s)) {
      invalid.push(c.id);
      continue;
    }
    sum += (c.weight * (s - c.min)) / (c.max - c.min);
  }
  const total = missing.length === 0 && invalid.length === 0 ? Math.round(sum * 1e6) / 1e6 : null;
  return { total, missing, invalid };
}

export function weightSum(criteria: readonly Pick<Criterion, 'weight'>[]): number {
  return Math.round(criteria.reduce((a, c) => a + c.weight, 0) * 1e6) / 1e6;
}
