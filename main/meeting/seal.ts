import type { AggregationMethod } from '../../shared/campaign/settings.ts';
import { finalSelection, payloadVotes, resultTables, RESULT_SHEET_FORMAT, RESULT_SHEET_VERSION, type ItemStatus, type PayloadItem, type ResultPayload } from '../../shared/meeting/payload.ts';
import { canonicalParts } from '../../shared/meeting/canonical-parts.ts';
import { printView } from '../../shared/meeting/print.ts';
import { publicTable } from '../../shared/meeting/public.ts';
import { meetingOf } from '../../shared/meeting/slice.ts';
import { weightedTotal } from '../../shared/scoring/total.ts';
import type { CampaignDoc } from '../../shared/store/doc.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { StepDeps } from '../deps.ts';
import type { JobControl } from '../jobs/jobs.ts';
import { nextTurn, type DataOf } from './cache.ts';
import type { ResultSheetJob, WriteNote } from './tasks.ts';
import type { Handlers } from '../dispatcher.ts';
import { sha256Hex } from '../identity/identity.ts';
import { contributingFiles, publicItem, stateTime, type MeetingData } from './data.ts';
import { writeResultWorkbook, writeTables } from './sheet.ts';

type SealHandlers = Pick<Handlers, 'meeting.exportResultSheet' | 'meeting.printView' | 'meeting.printPdf' | 'meeting.exportPublicList'>;

const q = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 1e6) / 1e6);

/** Raw scores, canonical text: made a slice a turn on main. */
const SLICE = 10_000;

/** One raw score as the payload holds it: under the expert's code, each criterion and the weighted total. */
export function payloadScore(c: CampaignDoc['campaign'], data: MeetingData, r: MeetingData['rows'][number]): ResultPayload['scores'][number] {
  return {
    itemId: r.itemId,
    expert: data.codes.get(r.expertId) ?? '?',
    criteria: Object.fromEntries(c.criteria.map((k) => [k.id, q(r.scores[k.id] ?? null)])),
    total: q(weightedTotal(c.criteria, r.scores).total),
  };
}

/** The raw scores of the ranked items, a slice a turn (100,000 of them take main ~0.5 s). */
async function payloadScores(c: CampaignDoc['campaign'], data: MeetingData): Promise<ResultPayload['scores']> {
  const taking = new Set(data.results.ranking.standings.map((s) => s.itemId));
  const rows = data.rows.filter((r) => taking.has(r.itemId));
  const out: ResultPayload['scores'][number][] = [];
  for (let i = 0; i < rows.length; i += SLICE) {
    for (const r of rows.slice(i, i + SLICE)) out.push(payloadScore(c, data, r));
    await nextTurn();
  }
  return out;
}

/** `scores` when made already (payloadScores, in slices); else made here. */
export function buildPayload(doc: CampaignDoc, data: MeetingData, signer: ResultPayload['signer'], made?: ResultPayload['scores']): ResultPayload {
  if (data.totals.length === 0) throw new AppError('MEETING_NO_SCORES', 'there are no scores yet: nothing to seal');
  const c = doc.campaign;
  const { results } = data;
  const agg = new Map(results.aggregation.items.map((i) => [i.itemId, i]));
  const dis = new Map(results.disagreements.map((d) => [d.itemId, d]));
  const papers = new Map((results.papers ?? []).map((p) => [p.itemId, p]));
  const groupName = (id: string) => data.groups.find((g) => g.id === id)?.name ?? c.name;
  const items: PayloadItem[] = results.ranking.standings.map((s) => {
    const m = data.meta.get(s.itemId);
    const a = agg.get(s.itemId);
    const d = dis.get(s.itemId);
    const p = papers.get(s.itemId);
    const method = (k: AggregationMethod) => q(a?.values[k]);
    return {
      id: s.itemId,
      key: m?.key ?? '',
      title: m?.label ?? '',
      discipline: m?.discipline ?? null,
      group: groupName(data.groupOf(s.itemId)),
      rank: s.rank,
      score: q(s.score),
      status: s.status as ItemStatus,
      components: {
        mean: method('mean'), median: method('median'), trimmed: method('trimmed'), zscore: method('zscore'), additive: method('additive'),
        n: a?.n ?? 0, span: q(d?.span), sd: q(d?.sd),
        ...(p ? { metric: q(p.metricScore), final: q(p.final) } : {}),
      },
    };
  });
  const taking = new Set(items.map((i) => i.id));
  const scores = made ?? data.rows.filter((r) => taking.has(r.itemId)).map((r) => payloadScore(c, data, r));
  const rounds = meetingOf(doc).rounds.filter((r) => r.result !== undefined);
  return {
    format: RESULT_SHEET_FORMAT,
    version: RESULT_SHEET_VERSION,
    campaign: { id: c.id, name: c.name, kind: c.kind, year: c.year, criteria: c.criteria.map(({ id, name, nameEn, weight, min, max, step }) => ({ id, name, nameEn, weight, min, max, step })), settings: c.settings },
    method: results.method,
    groups: data.groups.map((g) => ({ name: g.name, members: g.members.map((e) => data.codes.get(e) ?? '?'), seats: g.seats })),
    items,
    selected: finalSelection(items, rounds, data.groupOf, groupName),
    scores,
    votes: payloadVotes(rounds, groupName),
    files: contributingFiles(doc),
    sealedAt: stateTime(doc),
    signer,
  };
}

/** The final selection (as the payload's `selected`), without building the payload. */
export function selectionOf(doc: CampaignDoc, data: MeetingData): ResultPayload['selected'] {
  const groupName = (id: string) => data.groups.find((g) => g.id === id)?.name ?? doc.campaign.name;
  const items = data.results.ranking.standings.map((s) => ({ id: s.itemId, status: s.status as ItemStatus, group: groupName(data.groupOf(s.itemId)) }));
  const rounds = meetingOf(doc).rounds.filter((r) => r.result !== undefined);
  return finalSelection(items, rounds, data.groupOf, groupName);
}

const safe = (name: string) => [...name].map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('').slice(0, 80);

export interface SealOptions {
  /** Result sheets of at least this many items are written in a worker (default 200; tests lower it to 0). */
  readonly writeInWorkerFrom?: number;
}

export function sealHandlers({ store, now, identity, jobs, pool, printPdf }: StepDeps, dataOf: DataOf, opts: SealOptions = {}): SealHandlers {
  const writeInWorkerFrom = opts.writeInWorkerFrom ?? 200;
  const load = (id: string) => {
    const doc = store.get(id);
    if (!doc) throw new AppError('NOT_FOUND', `no campaign with id "${id}"`, { values: { id } });
    return doc;
  };
  /** The payload as signed: built and made canonical on main (each step under a second at 20,000 items), a turn apart. */
  const signed = async (doc: CampaignDoc, job?: JobControl) => {
    const data = await dataOf(doc, job);
    job?.stage('gathering', 0.15);
    await nextTurn();
    const v = identity.view();
    if (data.totals.length === 0) throw new AppError('MEETING_NO_SCORES', 'there are no scores yet: nothing to seal');
    const scores = await payloadScores(doc.campaign, data);
    const payload = buildPayload(doc, data, { name: v.name, fingerprint: v.fingerprint, publicKey: v.publicKey }, scores);
    job?.stage('gathering', 0.2);
    await nextTurn();
    // The canonical text in parts, a turn apart: 17 MB at 20,000 items would hold main for a second or more at once.
    const parts: string[] = [];
    for (const part of canonicalParts(payload, SLICE)) {
      parts.push(part);
      await nextTurn();
    }
    const json = parts.join('');
    return { payload, json, digest: sha256Hex(json) };
  };
  const day = () => now().toISOString().slice(0, 10);

  /** The workbook: in a worker (its notes as the job's progress, 0.3–0.9), or here when small. */
  async function write(payload: ResultPayload, seal: ResultSheetJob, job: JobControl): Promise<Uint8Array> {
    if (payload.items.length < writeInWorkerFrom) {
      return writeResultWorkbook(resultTables(payload), { format: RESULT_SHEET_FORMAT, version: RESULT_SHEET_VERSION, ...seal, payload: seal.json });
    }
    const handle = pool.run('meeting.writeResultSheet', seal, {
      label: 'result sheet',
      onNote: (n) => {
        const note = n as WriteNote;
        job.report('writing', note.phase === 'packing' ? 0.9 : 0.3 + 0.6 * (note.rows / Math.max(1, note.total)));
      },
    });
    job.onCancel(() => handle.cancel());
    try {
      return await handle.done;
    } finally {
      job.onCancel(null);
    }
  }

  return {
    'meeting.exportResultSheet': ({ campaignId, jobId }, ctx) =>
      jobs.run(jobId, async (job) => {
        const doc = load(campaignId);
        const { payload, json, digest } = await signed(doc, job);
        job.check();
        // Signed here: the private key never goes to a worker.
        const signature = identity.sign(json);
        job.stage('writing', 0.3);
        const bytes = await write(payload, { json, digest, signature, publicKey: payload.signer.publicKey }, job);
        job.check();
        const name = `${safe(doc.campaign.name)}-结果表-${day()}.xlsx`;
        job.stage('saving', 0.95);
        await store.commit(campaignId, { type: 'meeting.sealed', seal: { digest, file: name, at: now().toISOString(), signer: { name: payload.signer.name, fingerprint: payload.signer.fingerprint }, selected: payload.selected.length } }, ctx.actor);
        return { name, bytes, digest };
      }, 'gathering'),

    'meeting.printView': async ({ campaignId, lang }) => {
      const doc = load(campaignId);
      const { payload, digest } = await signed(doc);
      return { name: `${safe(doc.campaign.name)}-会评结果-${day()}.html`, html: printView(payload, digest, lang), digest };
    },

    'meeting.printPdf': async ({ campaignId, lang }) => {
      if (!printPdf) throw new AppError('MEETING_PDF_UNAVAILABLE', 'saving the print view as PDF needs the desktop app: print it from the browser (its print dialog saves PDF)');
      const doc = load(campaignId);
      const { payload, digest } = await signed(doc);
      const bytes = await printPdf(printView(payload, digest, lang));
      return { name: `${safe(doc.campaign.name)}-会评结果-${day()}.pdf`, bytes, digest };
    },

    'meeting.exportPublicList': async ({ campaignId }) => {
      const doc = load(campaignId);
      const data = await dataOf(doc);
      if (data.totals.length === 0) throw new AppError('MEETING_NO_SCORES', 'there are no scores yet: nothing to publish');
      // Only the selection is needed: no payload (its raw scores and digests) is built for the public list.
      const selected = selectionOf(doc, data);
      const table = publicTable(doc.campaign.kind, selected.map((s) => publicItem(doc, s.itemId)));
      return { name: `${safe(doc.campaign.name)}-公示名单-${day()}.xlsx`, bytes: await writeTables([table]) };
    },
  };
}
