import { z } from 'zod';
import { aggregationMethods, type AggregationMethod, type Settings } from '../campaign/settings.ts';
import type { MethodValues } from '../results/aggregate.ts';
import type { Metric, MetricComponent } from '../results/metrics.ts';
import type { Note } from '../results/notes.ts';
import type { SelectionStatus } from '../results/rank.ts';
import type { AdjustmentRecord } from '../results/slice.ts';
import type { CampaignView } from './setup.ts';
import { entry } from './define.ts';

const campaignId = z.string().min(1).max(80);
const method = z.enum(aggregationMethods);

/** One nomination's result, as the ranking grid shows it. */
export interface ResultRow {
  readonly id: string;
  readonly key: string;
  readonly label: string;
  readonly discipline: string | null;
  readonly year: number | null;
  readonly rank: number | null;
  readonly groupRank: number | null;
  readonly status: SelectionStatus;
  /** What ranks: the chosen method's value, or for papers the blend. */
  readonly score: number | null;
  /** Scores that counted. */
  readonly n: number;
  /** Every method side by side. */
  readonly values: MethodValues;
  /** Papers: each metric's value, source, percentile and pool; the metric score, expert score and blend. */
  readonly paper: {
    readonly components: Readonly<Record<Metric, MetricComponent | null>>;
    readonly metricScore: number | null;
    readonly expertScore: number | null;
    readonly final: number | null;
  } | null;
  readonly span: number | null;
  readonly sd: number | null;
  readonly toDiscuss: boolean;
  /** Aggregation, metric and ranking notes (words.ts words them). */
  readonly notes: readonly Note[];
  readonly adjustments: readonly AdjustmentRecord[];
}

/** The cut line of one scope (the whole list, or one discipline's seats). */
export interface CutLineView {
  readonly scope: string | null;
  readonly quota: number;
  readonly selected: number;
  readonly lastIn: { readonly id: string; readonly label: string; readonly rank: number; readonly score: number | null } | null;
  readonly firstOut: { readonly id: string; readonly label: string; readonly rank: number; readonly score: number | null } | null;
  readonly tied: readonly { readonly id: string; readonly label: string }[];
  readonly reasons: readonly Note[];
}

export interface ResultsSummary {
  readonly method: AggregationMethod;
  /** The settings the ranking was made with, shown beside it. */
  readonly settings: Pick<Settings, 'aggregation' | 'metrics' | 'blend' | 'disagreement' | 'quota'>;
  readonly kind: string;
  /** The doc's sequence number the results were computed at. */
  readonly seq: number;
  readonly counts: Readonly<Record<SelectionStatus, number>> & { readonly toDiscuss: number; readonly scores: number; readonly excluded: number; readonly incomplete: number };
  readonly quotas: Readonly<Record<string, number>> | null;
  readonly lines: readonly CutLineView[];
  readonly notes: readonly Note[];
  readonly disciplines: readonly string[];
  /** Expert letters (A, B …) → their names, for notes that name an expert; names only where the secretary asks. */
  readonly experts: Readonly<Record<string, string>>;
}

export interface ResultsPage {
  readonly summary: ResultsSummary;
  /** Rows matching the filter. */
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly ResultRow[];
}

export interface DiscussionItem {
  readonly id: string;
  readonly label: string;
  readonly discipline: string | null;
  readonly rank: number | null;
  readonly score: number | null;
  readonly span: number | null;
  readonly sd: number | null;
  readonly reasons: readonly Note[];
  /** Every countable score, highest first: the expert as 专家A … (`code`), the name only when asked for. */
  readonly scores: readonly { readonly code: string; readonly name: string | null; readonly total: number; readonly comment: string }[];
}

export const resultsContract = {
  /**
   * Aggregate and rank (in a worker for a big campaign; progress and cancel through jobs.*): a page of the ranked rows
   * and the summary, never the whole store. `method` compares another method without changing the campaign's.
   */
  'results.compute': entry<ResultsPage>()(z.object({
    campaignId,
    method: method.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(5000).default(500),
    status: z.enum(['selected', 'tie', 'out', 'unranked']).optional(),
    discipline: z.string().max(200).optional(),
    text: z.string().max(200).optional(),
    jobId: z.string().max(100).optional(),
  }).strict()),
  /** The "to discuss" list: most disagreed first, each expert's score and comment under their code. */
  'results.discussion': entry<{ items: DiscussionItem[] }>()(z.object({
    campaignId,
    method: method.optional(),
    /** The secretary chose to see the experts' names beside their codes. */
    showNames: z.boolean().default(false),
  }).strict()),
  /** The method that ranks (a setting: settings.aggregation.method), recorded in the history. */
  'results.setMethod': entry<CampaignView>()(z.object({ campaignId, method }).strict()),
  /** A manual adjustment: only with a reason. */
  'results.adjust': entry<{ adjustment: AdjustmentRecord }>()(z.object({
    campaignId,
    itemId: z.string().min(1).max(80),
    kind: z.enum(['select', 'deselect', 'move']),
    toRank: z.number().int().min(1).max(100_000).optional(),
    reason: z.string().trim().min(1).max(2000),
  }).strict().refine((a) => a.kind !== 'move' || a.toRank !== undefined, { message: 'a move needs the rank to move to', path: ['toRank'] })),
  /** Withdraw an adjustment (a note may say why). */
  'results.unadjust': entry<{ removed: string }>()(z.object({ campaignId, id: z.string().min(1).max(80), reason: z.string().trim().max(2000).default('') }).strict()),
} as const;
