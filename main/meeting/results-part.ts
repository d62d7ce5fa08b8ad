// Kept apart from data.ts: the worker imports this, and data.ts reaches modules a worker cannot load (ESM-only canonicalize).
import type { ItemAggregate } from '../../shared/results/aggregate.ts';
import type { Disagreement } from '../../shared/results/disagreement.ts';
import type { PaperScore } from '../../shared/results/metrics.ts';
import type { Standing } from '../../shared/results/rank.ts';
import type { Results } from '../../shared/results/results.ts';

/**
 * What the meeting reads of the results: a part of them, so that a worker's answer (tasks.ts) is a fifth of the full
 * results to receive (receiving those held main ~2 s at 20,000 items). Results themselves fit it.
 */
export interface MeetingResults {
  readonly method: Results['method'];
  readonly aggregation: { readonly items: readonly Pick<ItemAggregate, 'itemId' | 'n' | 'values'>[] };
  readonly disagreements: readonly Pick<Disagreement, 'itemId' | 'span' | 'sd' | 'toDiscuss'>[];
  readonly papers: readonly Pick<PaperScore, 'itemId' | 'metricScore' | 'final'>[] | null;
  readonly ranking: { readonly standings: readonly Pick<Standing, 'itemId' | 'rank' | 'score' | 'status'>[] };
}

export function meetingResults(r: Results): MeetingResults {
  return {
    method: r.method,
    aggregation: { items: r.aggregation.items.map(({ itemId, n, values }) => ({ itemId, n, values })) },
    disagreements: r.disagreements.map(({ itemId, span, sd, toDiscuss }) => ({ itemId, span, sd, toDiscuss })),
    papers: r.papers === null ? null : r.papers.map(({ itemId, metricScore, final }) => ({ itemId, metricScore, final })),
    ranking: { standings: r.ranking.standings.map(({ itemId, rank, score, status }) => ({ itemId, rank, score, status })) },
  };
}
