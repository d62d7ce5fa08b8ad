import type { AggregationMethod, Settings } from '../campaign/settings.ts';
import { aggregate, type Aggregation } from './aggregate.ts';
import { disagreements, type Disagreement } from './disagreement.ts';
import { paperScores, type PaperMetricsInput, type PaperScore } from './metrics.ts';
import type { CountableScores } from './panel.ts';
import { groupQuotas } from './quota.ts';
import { rank, type Adjustment, type Ranking, type TieBreak } from './rank.ts';

/**
 * The results step in one pure call: aggregate with every method, blend with the metrics when the campaign has
 * them, measure disagreement, rank by the chosen method under the quotas. Switching the method is calling it again
 * with another `method`; nothing is cached here.
 */
export interface ResultsNomination {
  readonly id: string;
  /** Quotas are shared by discipline. */
  readonly discipline: string | null;
  readonly year: number | null;
  readonly metrics?: PaperMetricsInput['metrics'];
}

export interface ResultsInput {
  readonly settings: Pick<Settings, 'aggregation' | 'metrics' | 'blend' | 'disagreement' | 'quota'>;
  /** The nominations taking part (eligible ones); those without a score are listed, unranked. */
  readonly nominations: readonly ResultsNomination[];
  readonly scores: CountableScores;
  /** Expert codes (专家A …) in the panel's order. */
  readonly codes: ReadonlyMap<string, string>;
  /** Overrides the campaign's method, to compare. */
  readonly method?: AggregationMethod;
  /** Overrides the campaign's tie-breaks (settings.aggregation.tieBreaks). */
  readonly tieBreaks?: readonly TieBreak[];
  readonly adjustments?: readonly Adjustment[];
}

export interface Results {
  readonly method: AggregationMethod;
  readonly aggregation: Aggregation;
  /** Papers: every component, the metric score and the blend; null when the campaign has no metrics. */
  readonly papers: readonly PaperScore[] | null;
  readonly disagreements: readonly Disagreement[];
  readonly quotas: Readonly<Record<string, number>> | null;
  readonly ranking: Ranking;
}

export function computeResults(input: ResultsInput): Results {
  const { settings } = input;
  const method = input.method ?? settings.aggregation.method;
  const ids = input.nominations.map((n) => n.id);
  const aggregation = aggregate(input.scores, settings.aggregation, ids);
  const byId = new Map(aggregation.items.map((i) => [i.itemId, i]));
  const expert = new Map(aggregation.items.map((i) => [i.itemId, i.values[method]]));
  const papers = settings.metrics.enabled
    ? paperScores(
        input.nominations.map((n) => ({ itemId: n.id, discipline: n.discipline, year: n.year, metrics: n.metrics ?? {} })),
        expert,
        { ...settings.metrics, ...settings.blend },
      )
    : null;
  const paperById = new Map((papers ?? []).map((p) => [p.itemId, p]));
  const eligible: Record<string, number> = {};
  for (const n of input.nominations) eligible[n.discipline ?? ''] = (eligible[n.discipline ?? ''] ?? 0) + 1;
  const quotas = groupQuotas(settings.quota, eligible);
  const ranking = rank(
    input.nominations.map((n) => {
      const a = byId.get(n.id);
      const p = paperById.get(n.id);
      return {
        itemId: n.id,
        score: papers ? (p?.final ?? null) : (expert.get(n.id) ?? null),
        group: n.discipline,
        tieBreak: { metric: p?.metricScore ?? null, count: a?.n ?? 0, median: a?.values.median ?? null },
      };
    }),
    { tieBreaks: input.tieBreaks ?? settings.aggregation.tieBreaks, total: settings.quota.total, perGroup: quotas },
    input.adjustments ?? [],
  );
  return { method, aggregation, papers, disagreements: disagreements(input.scores, settings.disagreement, input.codes, ids), quotas, ranking };
}
