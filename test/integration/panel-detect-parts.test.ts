import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallArgs, CallName, CallResult } from '../../shared/contract/index.ts';
import { openApp, type App, type AppOptions } from '../../main/app.ts';
import { sheetBook, xlsxBytes } from '../../main/xlsx/test-zip.ts';
import { historyOf, historyTypeWord, type Change } from '../../shared/store/doc.ts';
import { dispatchOrThrow } from '../support/calls.ts';

/** Conflict detection committed in parts (detectPartSize): several journal lines, the same result, crash-safe. */

const ctx = { door: 'test' as const, actor: 'secretary' };
const opened: { app: App; data: string }[] = [];
const internal: string[] = [];

async function open(data: string, panel: AppOptions['panel']): Promise<App> {
  // Ids from a counter: two campaigns built by the same calls have the same ids, so their conflicts compare whole.
  let n = 0;
  const app = await openApp({ dataDir: data, panel, newId: (prefix) => `${prefix}-${++n}`, onInternalError: (e) => internal.push(String(e)) });
  opened.push({ app, data });
  return app;
}
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.app.close().catch(() => undefined);
    fs.rmSync(o.data, { recursive: true, force: true });
  }
});

const call = <N extends CallName>(app: App, name: N, args: CallArgs<N>): Promise<CallResult<N>> => dispatchOrThrow(app, name, args, ctx);
const book = (rows: unknown[][]) => xlsxBytes(sheetBook({ Sheet1: rows })) as Uint8Array<ArrayBuffer>;

const NOMINATIONS = [
  ['会议名称', '主办单位', '学科', '推荐单位'],
  ['全国物理学大会', '清华大学物理系', '物理', '中国物理学会'],
  ['化学前沿论坛', '北京大学化学学院', '化学', '中国化学会'],
  ['凝聚态物理研讨会', 'Institute of Physics, Chinese Academy of Sciences', '物理', '中国物理学会'],
  ['计算机系统大会', '北京理工大学', '计算机', '中国计算机学会'],
  ['材料科学大会', '中国科学院', '物理', '中国材料研究学会'],
  ['清华化学年会', '清华大学', '化学', '中国化学会'],
];
const ROSTER = [
  ['专家姓名', 'Affiliation', '职称', '研究领域', '学会任职'],
  ['张三', 'Tsinghua University', '教授', '物理', '中国化学会'],
  ['李四', '北大', '教授', '化学', ''],
  ['王五', '中科院物理所', '研究员', '物理', ''],
  ['赵六', '中国人民大学', '教授', '化学', '中国化学会'],
  ['钱七', '北京理工大学', '教授', '计算机', ''],
];

async function campaign(app: App): Promise<string> {
  const id = (await call(app, 'campaigns.create', { template: 'conferences', name: '分段检测', year: 2026 })).id;
  const p = await call(app, 'nominations.preview', { campaignId: id, file: { name: '推荐.xlsx', bytes: book(NOMINATIONS) } });
  await call(app, 'nominations.import', { campaignId: id, uploadId: p.uploadId });
  const r = await call(app, 'experts.preview', { campaignId: id, file: { name: '专家.xlsx', bytes: book(ROSTER) } });
  await call(app, 'experts.import', { campaignId: id, uploadId: r.uploadId });
  return id;
}

/** The journal's lines, parsed, with their length in bytes. */
function journal(data: string, id: string): { change: Change; bytes: number }[] {
  const dir = path.join(data, 'campaigns', id);
  return fs.readdirSync(dir).filter((f) => /^journal-\d+\.ndjson$/.test(f)).sort((a, b) => parseInt(a.slice(8)) - parseInt(b.slice(8)))
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map((line) => ({ change: (JSON.parse(line.slice(0, line.lastIndexOf('\t'))) as { change: Change }).change, bytes: Buffer.byteLength(line) }));
}

/** The list as people see it (names and labels, not ids), to compare campaigns built apart. */
async function seen(app: App, id: string) {
  return (await call(app, 'conflicts.list', { campaignId: id })).conflicts.map((c) => [c.expertName, c.itemLabel, c.kind, c.reason.code, c.state, c.note]);
}

describe('conflict detection in parts', () => {
  it('commits several journal lines of at most detectPartSize conflicts, ending where one whole change ends, with one history entry', async () => {
    const wholeData = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-detect-1-'));
    const whole = await open(wholeData, {});
    const w = await campaign(whole);
    const wholeCounts = await call(whole, 'conflicts.detect', { campaignId: w });
    const expected = await seen(whole, w);
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(journal(wholeData, w).filter((l) => l.change.type.startsWith('panel.conflictsDetected')).map((l) => l.change.type)).toEqual(['panel.conflictsDetected']);

    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-detect-2-'));
    // workerFrom 0: detected in the worker, as big campaigns are.
    const app = await open(data, { detectPartSize: 2, workerFrom: 0 });
    const id = await campaign(app);
    const historyBefore = historyOf(app.store.get(id)!).length;
    expect(await call(app, 'conflicts.detect', { campaignId: id, jobId: 'd1' })).toEqual(wholeCounts);
    expect(await call(app, 'jobs.progress', { jobId: 'd1' })).toMatchObject({ stage: 'done' });
    expect(id).toBe(w);
    expect(app.store.get(id)!.panel.conflicts).toEqual(whole.store.get(w)!.panel.conflicts);
    expect(await seen(app, id)).toEqual(expected);
    const parts = journal(data, id).filter((l) => l.change.type === 'panel.conflictsDetectedInParts');
    expect(parts.length).toBe(Math.ceil(expected.length / 2));
    for (const p of parts) expect(p.change.type === 'panel.conflictsDetectedInParts' && p.change.conflicts.length).toBeLessThanOrEqual(2);
    expect(app.store.get(id)!.panel.detectInProgress).toBeNull();
    const history = historyOf(app.store.get(id)!);
    expect(history.length).toBe(historyBefore + 1);
    expect(history.at(-1)).toMatchObject({ type: 'panel.conflictsDetectedInParts', changes: [{ key: 'panel.conflicts', after: wholeCounts }] });
    expect([historyTypeWord(history.at(-1)!.type, 'zh-CN'), historyTypeWord(history.at(-1)!.type, 'en')]).toEqual(['检测回避关系', 'Conflicts of interest detected']);

    // Reopened from the journal and snapshot, the same.
    await app.close();
    const again = await open(data, { detectPartSize: 2 });
    expect(await seen(again, id)).toEqual(expected);
  });

  it('a crash after the first part leaves the previous set in force; the next run replaces it whole', async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-detect-3-'));
    let app = await open(data, { detectPartSize: 2 });
    const id = await campaign(app);
    await call(app, 'conflicts.detect', { campaignId: id });
    const first = await seen(app, id);
    const firstDoc = app.store.get(id)!.panel.conflicts;

    // One more expert from Tsinghua: a run now finds more. It "crashes" after its first part is on disk.
    await call(app, 'experts.save', { campaignId: id, expert: { name: '孙八', institution: '清华大学', department: '', title: '教授', disciplines: ['化学'], offices: [], phone: '', email: '', groupId: null } });
    const commit = app.store.commit.bind(app.store);
    let written = 0;
    app.store.commit = async (campaignId: string, change: Change, actor: string) => {
      if (change.type === 'panel.conflictsDetectedInParts' && change.part.index > 0) throw new Error('simulated crash before the next part');
      const entry = await commit(campaignId, change, actor);
      if (change.type === 'panel.conflictsDetectedInParts') written++;
      return entry;
    };
    await expect(call(app, 'conflicts.detect', { campaignId: id })).rejects.toThrow();
    expect(internal.splice(0)).toEqual(['Error: simulated crash before the next part']);
    expect(written).toBe(1);
    await app.close();

    app = await open(data, { detectPartSize: 2 });
    const doc = app.store.get(id)!;
    expect(doc.panel.conflicts).toEqual(firstDoc);
    expect(await seen(app, id)).toEqual(first);
    expect(doc.panel.detectInProgress).toMatchObject({ next: 1 });
    expect(historyOf(doc).at(-1)!.type).toBe('expert.added');
    // Assignment blocks what the previous set blocks (the pending part blocks nothing yet): the next run settles it.
    const counts = await call(app, 'conflicts.detect', { campaignId: id });
    expect(app.store.get(id)!.panel.detectInProgress).toBeNull();
    const after = await seen(app, id);
    expect(after.length).toBeGreaterThan(first.length);
    expect(after.filter((c) => c[0] === '孙八').map((c) => c[1])).toContain('清华化学年会');
    expect(counts.detected + counts.confirm).toBe(after.length);
  });
});
