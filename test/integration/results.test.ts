import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app.ts';
import type { CallName, CallResult } from '../../shared/contract/index.ts';
import { seedResults } from '../fixtures/results-seed.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let data: string;
let app: App | null = null;
beforeEach(() => {
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-results-'));
});
afterEach(async () => {
  await app?.close();
  app = null;
  fs.rmSync(data, { recursive: true, force: true });
});

async function call<N extends CallName>(name: N, args: unknown): Promise<CallResult<N>> {
  const r = await app!.dispatch(name, args, { door: 'cli', actor: '秘书' });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as CallResult<N>;
}

const view = (rows: readonly { label: string; rank: number | null; status: string }[]) => rows.map((r) => `${r.label}:${r.rank ?? '-'}:${r.status}`);

describe('results on a real data folder', () => {
  it('ranks by the campaign\'s method, compares another, keeps conflicts out, lists what to discuss; the worker gives the same', async () => {
    app = await openApp({ dataDir: data });
    const id = await seedResults(app);
    const mean = await call('results.compute', { campaignId: id });
    expect(mean.summary.method).toBe('mean');
    expect(view(mean.rows)).toEqual([
      '世界机器人大会:1:selected', '全国物理学大会:2:selected', '中国化学会学术年会:3:out', '国际材料科学研讨会:4:out',
      '中国计算机大会:5:out', '北京生物医学论坛:6:out', '未评分的会议:-:unranked',
    ]);
    expect(mean.summary.counts).toMatchObject({ selected: 2, out: 4, unranked: 1, toDiscuss: 1, excluded: 1 });
    const r = mean.rows.find((x) => x.id === 'r')!;
    expect(r.n).toBe(3);
    expect(r.values.mean).toBeCloseTo(190 / 3, 9);
    expect(mean.summary.lines[0]).toMatchObject({ quota: 2, selected: 2, lastIn: { label: '全国物理学大会' }, firstOut: { label: '中国化学会学术年会' } });
    expect(mean.summary.lines[0]!.reasons).toEqual([{ code: 'SCORE_GAP', values: { gap: 10 } }]);

    const additive = await call('results.compute', { campaignId: id, method: 'additive' });
    // The additive model corrects h's harshness and l's leniency: p overtakes q.
    expect(view(additive.rows).slice(0, 3)).toEqual(['世界机器人大会:1:selected', '中国化学会学术年会:2:selected', '全国物理学大会:3:out']);
    // Comparing does not change the campaign's method.
    expect((await call('campaigns.get', { id })).settings.aggregation.method).toBe('mean');

    const page = await call('results.compute', { campaignId: id, offset: 1, limit: 2, status: 'out' });
    expect(page.total).toBe(4);
    expect(page.rows.map((x) => x.id)).toEqual(['d', 'a']);

    const discuss = await call('results.discussion', { campaignId: id });
    expect(discuss.items.map((x) => x.label)).toEqual(['国际材料科学研讨会']);
    expect(discuss.items[0]!.scores).toEqual([
      { code: 'B', name: null, total: 100, comment: '国际影响大' },
      { code: 'C', name: null, total: 70, comment: '' },
      { code: 'A', name: null, total: 40, comment: '选题陈旧，组织一般' },
    ]);
    const named = await call('results.discussion', { campaignId: id, showNames: true });
    expect(named.items[0]!.scores.map((s) => s.name)).toEqual(['王宽松', '刘中道', '张严格']);

    // The same computation in a worker thread.
    await app.close();
    app = await openApp({ dataDir: data, results: { workerFrom: 1 } });
    const inWorker = await call('results.compute', { campaignId: id, method: 'additive', jobId: 'j1' });
    expect(inWorker.rows).toEqual(additive.rows);
    expect(await call('jobs.progress', { jobId: 'j1' })).toMatchObject({ stage: 'done', fraction: 1 });
  });

  it('sets the method and adjusts with a reason, in the history and after a restart; refuses an adjustment without a reason', async () => {
    app = await openApp({ dataDir: data });
    const id = await seedResults(app);
    const c = await call('results.setMethod', { campaignId: id, method: 'additive' });
    expect(c.settings.aggregation.method).toBe('additive');
    await expect(call('results.adjust', { campaignId: id, itemId: 'p', kind: 'select', reason: '   ' })).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
    await expect(call('results.adjust', { campaignId: id, itemId: 'zz', kind: 'select', reason: '理由' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { adjustment } = await call('results.adjust', { campaignId: id, itemId: 'q', kind: 'select', reason: '会议决定：物理学大会入选' });
    expect(adjustment).toMatchObject({ itemId: 'q', kind: 'select', by: '秘书' });

    await app.close();
    app = await openApp({ dataDir: data });
    const after = await call('results.compute', { campaignId: id });
    expect(after.summary.method).toBe('additive');
    // q takes one of the two seats by hand; b keeps the other; p is out.
    expect(view(after.rows).slice(0, 3)).toEqual(['世界机器人大会:1:selected', '中国化学会学术年会:2:out', '全国物理学大会:3:selected']);
    expect(after.rows.find((x) => x.id === 'q')!.adjustments.map((a) => a.reason)).toEqual(['会议决定：物理学大会入选']);
    const history = (await call('campaigns.history', { id })).entries;
    expect(history.slice(0, 2).map((h) => h.type)).toEqual(['results.adjusted', 'campaign.replaced']);
    expect(history[1]!.changes).toEqual([{ key: 'settings.aggregation.method', before: 'mean', after: 'additive' }]);

    await call('results.unadjust', { campaignId: id, id: adjustment.id, reason: '' });
    expect(view((await call('results.compute', { campaignId: id })).rows).slice(1, 3)).toEqual(['中国化学会学术年会:2:selected', '全国物理学大会:3:out']);
  });
});

describe('paneldesk results', () => {
  it('answers design.md\'s JSON with every method, and refuses an unknown method', async () => {
    app = await openApp({ dataDir: data });
    const id = await seedResults(app);
    await app.close();
    app = null;
    const bin = path.join(repoRoot, 'bin', 'paneldesk.js');
    const pd = (...args: string[]) => spawnSync(process.execPath, [bin, ...args, '--data', data], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, PANELDESK_DATA: '' } });
    const out = pd('results', '--campaign', id, '--json');
    expect(out.status, out.stderr).toBe(0);
    const json = JSON.parse(out.stdout) as { method: string; items: { id: string; key: string; title: string; discipline: string; score: number | null; rank: number | null; selected: boolean }[] };
    expect(json.method).toBe('mean');
    expect(json.items[0]).toMatchObject({ id: 'b', key: 'b', title: '世界机器人大会', discipline: '综合', score: 90, rank: 1, selected: true });
    expect(json.items.filter((x) => x.selected).map((x) => x.id)).toEqual(['b', 'q']);
    const z = JSON.parse(pd('results', '--campaign', id, '--method', 'zscore', '--json').stdout) as { method: string; items: { id: string }[] };
    expect(z.method).toBe('zscore');
    expect(z.items).toHaveLength(7);
    const bad = pd('results', '--campaign', id, '--method', 'vibes', '--json');
    expect(bad.status).not.toBe(0);
    expect(JSON.parse(bad.stderr)).toMatchObject({ error: { code: 'BAD_ARGUMENTS' } });
    const human = pd('results', '--campaign', id);
    expect(human.stdout).toContain('世界机器人大会');
  });
});
