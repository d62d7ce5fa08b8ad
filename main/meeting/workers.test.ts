import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallArgs, CallName, CallResult } from '../../shared/contract/index.ts';
import { computeResults } from '../../shared/results/results.ts';
import { seedMeeting } from '../../test/support/meeting-seed.ts';
import { openApp, type App } from '../app.ts';
import { meetingInput } from './data.ts';
import { meetingResults } from './results-part.ts';
import { meetingTasks } from './tasks.ts';

/** The meeting's heavy work in the worker pool (forced here from the first score and item): same answers as in main. */
let data: string;
let app: App;
const ctx = { door: 'test' as const, actor: 'secretary' };

beforeEach(async () => {
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-meet-w-'));
  app = await openApp({ dataDir: data, identityName: '秘书处', meeting: { workerFrom: 0, writeInWorkerFrom: 0 } });
});
afterEach(async () => {
  await app.close();
  fs.rmSync(data, { recursive: true, force: true });
});

async function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  const r = await app.dispatch(name, args, ctx);
  if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
  return r.value as CallResult<N>;
}

describe('meeting tasks', () => {
  it('meeting.compute puts the scores sent as chunks back and answers the part of the results the meeting reads', async () => {
    const { campaignId } = await seedMeeting(app);
    const { input } = meetingInput(app.store.get(campaignId)!);
    const chunks = input.scores.scores;
    expect(chunks.length).toBeGreaterThan(40);
    const out = meetingTasks['meeting.compute']({ ...input, scores: { ...input.scores, scores: [] } }, { chunks, note: () => undefined });
    expect(out).toEqual(meetingResults(computeResults(input)));
    expect(out.ranking.standings.filter((s) => s.status === 'selected')).toHaveLength(3);
    // Without the chunks nothing is scored: the task really reads them.
    const none = meetingTasks['meeting.compute']({ ...input, scores: { ...input.scores, scores: [] } }, { chunks: [], note: () => undefined });
    expect(none.ranking.standings.every((s) => s.status === 'unranked')).toBe(true);
  });
});

describe('the meeting through the worker pool', () => {
  it('overview and charts from results computed in a worker; the result sheet written there verifies', async () => {
    const { campaignId } = await seedMeeting(app);
    const ov = await call('meeting.overview', { campaignId });
    expect(ov.groups[0]!.candidates.filter((c) => c.status === 'selected')).toHaveLength(3);
    const charts = await call('meeting.charts', { campaignId });
    expect(charts.ranked).toHaveLength(8);
    const out = await call('meeting.exportResultSheet', { campaignId, jobId: 'seal-1' });
    expect(await call('jobs.progress', { jobId: 'seal-1' })).toMatchObject({ stage: 'done', fraction: 1 });
    const check = await call('meeting.verify', { file: { name: out.name, bytes: out.bytes as Uint8Array<ArrayBuffer> } });
    expect(check).toMatchObject({ kind: 'result-sheet', packageSignature: 'valid', signature: 'valid', digest: out.digest });
  });

  it('a cancelled export stops its worker and seals nothing', async () => {
    const { campaignId } = await seedMeeting(app);
    const running = app.dispatch('meeting.exportResultSheet', { campaignId, jobId: 'seal-2' }, ctx);
    // Cancelled while the results are computed or the workbook written in a worker.
    await new Promise((r) => setTimeout(r, 5));
    await call('jobs.cancel', { jobId: 'seal-2' });
    const r = await running;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('CANCELLED');
    expect((await call('meeting.overview', { campaignId })).seals).toHaveLength(0);
  });
});

describe('meeting.printPdf', () => {
  it('without the desktop door (browser mode, the command line): MEETING_PDF_UNAVAILABLE, and the print view still works', async () => {
    const { campaignId } = await seedMeeting(app);
    const r = await app.dispatch('meeting.printPdf', { campaignId, lang: 'zh-CN' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'MEETING_PDF_UNAVAILABLE' } });
    expect((await call('meeting.printView', { campaignId, lang: 'zh-CN' })).html).toContain('评审组成员签字');
  });
});
