import type { AggregationMethod } from '../campaign/settings.ts';
import type { Campaign } from '../campaign/campaign.ts';
import type { FieldValue, Nomination } from '../nominations/record.ts';
import { rowOf } from '../nominations/list.ts';
import type { Metric, MetricReading } from './metrics.ts';
import { countableScores, panelTotals, type Pair, type SheetScores } from './panel.ts';
import type { Adjustment } from './rank.ts';
import { computeResults, type Results, type ResultsInput, type ResultsNomination } from './results.ts';
import { lastHistoryEntry } from '../campaign/history.ts';
import type { DocCore } from '../campaign/slice.ts';
import type { SetupPart } from '../setup/slice.ts';
import type { NominationsPart } from '../nominations/slice.ts';
import { blockingPairs, expertsOf, letterCode, type PanelPart } from '../panel/slice.ts';
import { recusalsOf, scoredRows, type ScoringPart } from '../scoring/slice.ts';
import { adjustmentsOf, type ResultsPart } from './slice.ts';
import type { Note } from './notes.ts';

/**
 * computeResults' input from what the steps before hold, pure: the nominations taking part (all but those the formal
 * check finds ineligible on `today`), every expert's criterion scores made totals by the one function, conflicts and
 * recusals taken out, the experts' codes, the campaign's settings and the secretary's adjustments.
 */
export interface ResultsSource {
  readonly campaign: Campaign;
  readonly nominations: readonly Nomination[];
  /** Answers that are not recusals (scoring's scoredRows). */
  readonly rows: readonly SheetScores[];
  /** Conflicts that keep an expert off an item (panel's blockingPairs). */
  readonly blocking: Iterable<Pair>;
  /** Items an expert recused from (scoring's recusalsOf). */
  readonly recusals: Iterable<Pair>;
  /** Expert → code (A, B …), in the panel's order. */
  readonly codes: ReadonlyMap<string, string>;
  readonly adjustments: readonly Adjustment[];
  /** The formal check's day (an age limit without a reference date counts from it): YYYY-MM-DD. */
  readonly today: string;
}

/** What a nomination is shown by beside its result. */
export interface ResultsMeta {
  readonly id: string;
  readonly key: string;
  readonly label: string;
  readonly discipline: string | null;
  readonly year: number | null;
}

export interface BuiltInput {
  readonly input: ResultsInput;
  readonly meta: readonly ResultsMeta[];
  /** Sheet rows with no total (a criterion empty or out of range), set aside with their reason. */
  readonly incomplete: readonly { readonly itemId: string; readonly expertId: string; readonly reason: Note }[];
}

const METRIC_FIELDS: readonly Metric[] = ['attention', 'citations', 'downloads'];

function text(v: FieldValue | undefined): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (Array.isArray(v)) return v.length > 0 ? String(v[0]).trim() || null : null;
  return null;
}

function yearOf(fields: Readonly<Record<string, FieldValue>>): number | null {
  if (typeof fields.year === 'number') return fields.year;
  const d = fields.dates;
  if (d && typeof d === 'object' && !Array.isArray(d) && 'start' in d && typeof d.start === 'string') return Number(d.start.slice(0, 4)) || null;
  return null;
}

/** A paper's attention, citations and downloads as read, with where they came from and when they were imported. */
function metricsOf(n: Nomination, fields: Readonly<Record<string, FieldValue>>): ResultsNomination['metrics'] {
  const source = text(fields.metricsSource) ?? undefined;
  const date = n.sources.at(-1)?.at.slice(0, 10);
  const out: Partial<Record<Metric, MetricReading | null>> = {};
  for (const m of METRIC_FIELDS) {
    const v = fields[m];
    out[m] = typeof v === 'number' && Number.isFinite(v) ? { value: v, ...(source ? { source } : {}), ...(date ? { date } : {}) } : null;
  }
  return out;
}

export function resultsInput(src: ResultsSource, method?: AggregationMethod): BuiltInput {
  const { campaign } = src;
  const meta: ResultsMeta[] = [];
  const nominations: ResultsNomination[] = [];
  for (const n of src.nominations) {
    const row = rowOf(campaign, n, [], src.today);
    if (row.status === 'ineligible') continue;
    const discipline = text(row.fields.discipline) ?? text(row.fields.disciplines);
    const year = yearOf(row.fields);
    meta.push({ id: n.id, key: n.key, label: row.label, discipline, year });
    nominations.push({ id: n.id, discipline, year, ...(campaign.settings.metrics.enabled ? { metrics: metricsOf(n, row.fields) } : {}) });
  }
  const taking = new Set(nominations.map((n) => n.id));
  const { totals, incomplete } = panelTotals(campaign.criteria, src.rows.filter((r) => taking.has(r.itemId)));
  const scores = countableScores(totals, { conflicts: src.blocking, recusals: src.recusals });
  return {
    input: {
      settings: campaign.settings,
      nominations,
      scores,
      codes: src.codes,
      ...(method ? { method } : {}),
      adjustments: src.adjustments.filter((a) => taking.has(a.itemId)),
    },
    meta,
    incomplete,
  };
}

/** The parts of the doc the results read: the steps before, and the adjustments. */
export type ResultsDoc = SetupPart & NominationsPart & PanelPart & ScoringPart & ResultsPart & Partial<Pick<DocCore, 'history'>>;

/** Expert → letter (A, B …) in the panel's order; people see 专家A / Expert A (words.ts, the renderer). */
export function expertLetters(doc: PanelPart): Map<string, string> {
  return new Map(expertsOf(doc).map((e, i) => [e.id, letterCode(i)]));
}

/** The day of the doc's last change: the formal check's day when none is given, so the same doc gives the same results. */
function lastDay(doc: ResultsDoc): string {
  const last = doc.history ? lastHistoryEntry(doc.history) : undefined;
  return (last?.at ?? doc.campaign.updatedAt).slice(0, 10);
}

/** computeResults' input built from a campaign's doc. */
export function resultsInputOf(doc: ResultsDoc, method?: AggregationMethod, opts: { readonly today?: string } = {}): BuiltInput {
  return resultsInput({
    campaign: doc.campaign,
    nominations: doc.nominations,
    rows: scoredRows(doc),
    blocking: blockingPairs(doc),
    recusals: recusalsOf(doc),
    codes: expertLetters(doc),
    adjustments: adjustmentsOf(doc),
    today: opts.today ?? lastDay(doc),
  }, method);
}

/**
 * The results of a campaign's doc: every method side by side, the chosen one (or `method`, to compare) ranking under
 * the quotas with the secretary's adjustments. Pure; the meeting and the result sheet read it.
 */
export function resultsOf(doc: ResultsDoc, method?: AggregationMethod, opts: { readonly today?: string } = {}): Results {
  return computeResults(resultsInputOf(doc, method, opts).input);
}
