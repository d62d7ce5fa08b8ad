import { AppError } from '../../shared/contract/index.ts';
import type { CutLineView, DiscussionItem, ResultRow, ResultsPage } from '../../shared/contract/results.ts';
import type { AggregationMethod } from '../../shared/campaign/settings.ts';
import { applyAssignments } from '../../shared/campaign/set-path.ts';
import { findExpert } from '../../shared/panel/slice.ts';
import { answersOf } from '../../shared/scoring/slice.ts';
import { discussionList } from '../../shared/results/disagreement.ts';
import { resultsInputOf, type BuiltInput } from '../../shared/results/from-doc.ts';
import { computeResults, type Results } from '../../shared/results/results.ts';
import { adjustmentsOf } from '../../shared/results/slice.ts';
import type { ItemRef } from '../../shared/results/rank.ts';
import { diff, type CampaignDoc } from '../../shared/store/doc.ts';
import type { StepDeps } from '../deps.ts';
import type { Handlers } from '../dispatcher.ts';
import type { JobControl } from '../jobs/jobs.ts';
import { view } from '../setup/handlers.ts';

type ResultsHandlers = Pick<Handlers, 'results.compute' | 'results.discussion' | 'results.setMethod' | 'results.adjust' | 'results.unadjust'>;

export interface ResultsServiceOptions {
  /** Campaigns with at least this many scores are computed in a worker (default 5,000): main stays free meanwhile. */
  readonly workerFrom?: number;
}

/** One computation, kept while the doc and the method are the same: pages and the discussion list read it. */
interface Computed {
  readonly key: string;
  readonly built: BuiltInput;
  readonly results: Results;
  /** In ranked order, the unranked last. */
  readonly rows: readonly ResultRow[];
  readonly page: ResultsPage['summary'];
}

function load(store: StepDeps['store'], id: string): CampaignDoc {
  const doc = store.get(id);
  if (!doc) throw new AppError('NOT_FOUND', `no campaign with id "${id}"`, { values: { id } });
  return doc;
}

/** Rows and summary from the pure results: ids joined to labels, every method, the paper parts and the line. */
function assemble(doc: CampaignDoc, built: BuiltInput, results: Results): Omit<Computed, 'key' | 'built' | 'results'> {
  const meta = new Map(built.meta.map((m) => [m.id, m]));
  const agg = new Map(results.aggregation.items.map((i) => [i.itemId, i]));
  const papers = new Map((results.papers ?? []).map((p) => [p.itemId, p]));
  const dis = new Map(results.disagreements.map((d) => [d.itemId, d]));
  const adjustments = adjustmentsOf(doc);
  const label = (id: string) => meta.get(id)?.label ?? '';
  const rows: ResultRow[] = results.ranking.standings.map((s) => {
    const m = meta.get(s.itemId);
    const a = agg.get(s.itemId);
    const p = papers.get(s.itemId);
    const d = dis.get(s.itemId);
    return {
      id: s.itemId,
      key: m?.key ?? '',
      label: m?.label ?? '',
      discipline: m?.discipline ?? null,
      year: m?.year ?? null,
      rank: s.rank,
      groupRank: s.groupRank,
      status: s.status,
      score: s.score,
      n: a?.n ?? 0,
      values: a?.values ?? { mean: null, median: null, trimmed: null, zscore: null, additive: null },
      paper: p ? { components: p.components, metricScore: p.metricScore, expertScore: p.expertScore, final: p.final } : null,
      span: d?.span ?? null,
      sd: d?.sd ?? null,
      toDiscuss: d?.toDiscuss ?? false,
      notes: [...(a?.flags ?? []), ...(p?.flags ?? []), ...s.notes],
      adjustments: adjustments.filter((x) => x.itemId === s.itemId),
    };
  });
  const ref = (r: ItemRef | null) => (r ? { id: r.itemId, label: label(r.itemId), rank: r.rank, score: r.score } : null);
  const lines: CutLineView[] = results.ranking.lines.map((l) => ({
    scope: l.scope, quota: l.quota, selected: l.selected, lastIn: ref(l.lastIn), firstOut: ref(l.firstOut),
    tied: l.tied.map((id) => ({ id, label: label(id) })), reasons: l.reasons,
  }));
  const counts = { selected: 0, tie: 0, out: 0, unranked: 0 };
  for (const r of rows) counts[r.status]++;
  const experts: Record<string, string> = {};
  for (const [id, code] of built.input.codes) experts[code] = findExpert(doc, id)?.name ?? '';
  const s = doc.campaign.settings;
  return {
    rows,
    page: {
      method: results.method,
      settings: { aggregation: s.aggregation, metrics: s.metrics, blend: s.blend, disagreement: s.disagreement, quota: s.quota },
      kind: doc.campaign.kind,
      seq: doc.seq,
      counts: { ...counts, toDiscuss: rows.filter((r) => r.toDiscuss).length, scores: built.input.scores.scores.length, excluded: built.input.scores.excluded.length, incomplete: built.incomplete.length },
      quotas: results.quotas,
      lines,
      notes: [...results.ranking.notes, ...results.ranking.rejected.map((r) => r.reason)],
      disciplines: [...new Set(built.meta.map((m) => m.discipline).filter((d): d is string => d !== null))].sort((a, b) => a.localeCompare(b, 'zh-CN')),
      experts,
    },
  };
}

/** The results step's calls: load, build the input (pure), compute (in a worker when big), page. */
export function resultsHandlers({ store, now, newId, jobs, pool }: StepDeps, opts: ResultsServiceOptions = {}): ResultsHandlers {
  const cache = new Map<string, Computed>();
  const workerFrom = opts.workerFrom ?? 5000;

  async function compute(campaignId: string, method: AggregationMethod | undefined, job?: JobControl): Promise<Computed> {
    const doc = load(store, campaignId);
    const chosen = method ?? doc.campaign.settings.aggregation.method;
    const key = `${doc.seq}:${chosen}`;
    const had = cache.get(campaignId);
    if (had?.key === key) return had;
    job?.stage('gathering', 0.1);
    const built = resultsInputOf(doc, chosen, { today: now().toISOString().slice(0, 10) });
    job?.stage('computing', 0.3);
    let results: Results;
    if (built.input.scores.scores.length >= workerFrom) {
      const handle = pool.run('results.compute', built.input, { label: 'results' });
      job?.onCancel(() => handle.cancel());
      try {
        results = await handle.done;
      } finally {
        job?.onCancel(null);
      }
      job?.check();
    } else results = computeResults(built.input);
    job?.stage('computing', 0.9);
    const computed: Computed = { key, built, results, ...assemble(doc, built, results) };
    cache.set(campaignId, computed);
    return computed;
  }

  async function commitMethod(doc: CampaignDoc, method: AggregationMethod, actor: string) {
    const before = doc.campaign;
    const next = applyAssignments(before, [{ key: 'aggregation.method', value: method }]);
    const changes = diff(before, next).filter((d) => d.key !== 'updatedAt');
    if (changes.length === 0) return view(before);
    const campaign = { ...next, updatedAt: now().toISOString() };
    await store.commit(before.id, { type: 'campaign.replaced', campaign, changes }, actor);
    return view(campaign);
  }

  return {
    'results.compute': (args) =>
      jobs.run(args.jobId, async (job) => {
        const c = await compute(args.campaignId, args.method, job);
        const text = args.text?.trim().toLowerCase();
        const rows = c.rows.filter((r) => (args.status === undefined || r.status === args.status)
          && (args.discipline === undefined || r.discipline === args.discipline)
          && (!text || r.label.toLowerCase().includes(text)));
        return { summary: c.page, total: rows.length, offset: args.offset, rows: rows.slice(args.offset, args.offset + args.limit) };
      }, 'gathering'),
    'results.discussion': async ({ campaignId, method, showNames }) => {
      const c = await compute(campaignId, method);
      const doc = load(store, campaignId);
      const comments = new Map(answersOf(doc).map((a) => [`${a.expertId}\u0000${a.itemId}`, a.comment]));
      const byId = new Map(c.rows.map((r) => [r.id, r]));
      const items: DiscussionItem[] = discussionList(c.results.disagreements).map((d) => {
        const r = byId.get(d.itemId);
        return {
          id: d.itemId,
          label: r?.label ?? '',
          discipline: r?.discipline ?? null,
          rank: r?.rank ?? null,
          score: r?.score ?? null,
          span: d.span,
          sd: d.sd,
          reasons: d.reasons,
          scores: d.scores.map((s) => ({ code: s.code, name: showNames ? (findExpert(doc, s.expertId)?.name ?? null) : null, total: s.total, comment: comments.get(`${s.expertId}\u0000${d.itemId}`) ?? '' })),
        };
      });
      return { items };
    },
    'results.setMethod': async ({ campaignId, method }, ctx) => commitMethod(load(store, campaignId), method, ctx.actor),
    'results.adjust': async ({ campaignId, itemId, kind, toRank, reason }, ctx) => {
      const doc = load(store, campaignId);
      if (!doc.nominations.some((n) => n.id === itemId)) throw new AppError('NOT_FOUND', `no nomination with id "${itemId}"`, { values: { id: itemId } });
      const id = newId('adj');
      await store.commit(campaignId, { type: 'results.adjusted', adjustment: { id, itemId, kind, ...(kind === 'move' && toRank !== undefined ? { toRank } : {}), reason } }, ctx.actor);
      const adjustment = adjustmentsOf(load(store, campaignId)).find((a) => a.id === id);
      if (!adjustment) throw new AppError('INTERNAL', 'the adjustment was not recorded');
      return { adjustment };
    },
    'results.unadjust': async ({ campaignId, id, reason }, ctx) => {
      const doc = load(store, campaignId);
      if (!adjustmentsOf(doc).some((a) => a.id === id)) throw new AppError('NOT_FOUND', `no adjustment with id "${id}"`, { values: { id } });
      await store.commit(campaignId, { type: 'results.unadjusted', id, reason }, ctx.actor);
      return { removed: id };
    },
  };
}
