import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallArgs, CallName, CallResult } from '../../shared/contract/index.ts';
import { openApp, type App } from '../../main/app.ts';
import { sheetBook, xlsxBytes } from '../../main/xlsx/test-zip.ts';
import { conflictReasonWords, unassignedWords } from '../../shared/panel/words.ts';
import { dispatchOrThrow, codeOf } from '../support/calls.ts';

let data: string;
let app: App;
const ctx = { door: 'test' as const, actor: 'secretary' };

beforeEach(async () => {
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-panel-'));
  // workerFrom 0: detection and assignment go through the worker pool, as big campaigns do.
  app = await openApp({ dataDir: data, panel: { workerFrom: 0 } });
});
afterEach(async () => {
  await app.close();
  fs.rmSync(data, { recursive: true, force: true });
});

async function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  return dispatchOrThrow(app, name, args, ctx);
}
const book = (rows: unknown[][], sheet = 'Sheet1') => xlsxBytes(sheetBook({ [sheet]: rows })) as Uint8Array<ArrayBuffer>;

const NOMINATIONS = [
  ['2026年度十佳学术会议推荐汇总表'],
  ['会议名称', '主办单位', '学科', '推荐单位'],
  ['全国物理学大会', '清华大学物理系', '物理', '中国物理学会'],
  ['化学前沿论坛', '北京大学化学学院', '化学', '中国化学会'],
  ['凝聚态物理研讨会', 'Institute of Physics, Chinese Academy of Sciences', '物理', '中国物理学会'],
  ['计算机系统大会', '北京理工大学', '计算机', '中国计算机学会'],
  ['材料科学大会', '中国科学院', '物理', '中国材料研究学会'],
  ['天文学年会', '北京天文馆', '天文', '中国天文学会'],
];
const ROSTER = [
  ['评审专家名单'],
  ['序号', '专家姓名', 'Affiliation', '职称', '研究领域', '学会任职', 'E-mail'],
  [1, '张三', 'Tsinghua University', '教授', '物理', '', 'zhang@example.com'],
  [2, '李四', '北大', '教授', '化学', '', ''],
  [3, '王五', '中科院物理所', '研究员', '物理', '', ''],
  [4, '赵六', '中国人民大学', '教授', '化学', '中国化学会', 'bad-mail'],
  [5, '钱七', '北京航空航天大学', '教授', '计算机', '', ''],
  [6, '', '无名单位', '', '', '', ''],
];

async function setUp(): Promise<string> {
  const id = (await call('campaigns.create', { template: 'conferences', name: '测试会议', year: 2026 })).id;
  await call('campaigns.update', { id, patch: { groups: [
    { id: 'g1', name: '理学组', nameEn: 'Science', disciplines: ['物理', '化学'] },
    { id: 'g2', name: '工学组', nameEn: 'Engineering', disciplines: ['计算机'] },
  ] } });
  await call('campaigns.set', { id, assignments: [{ key: 'assignment.perItem', value: 2 }] });
  const p = await call('nominations.preview', { campaignId: id, file: { name: '推荐.xlsx', bytes: book(NOMINATIONS) } });
  await call('nominations.import', { campaignId: id, uploadId: p.uploadId });
  return id;
}

describe('the panel on a real data folder', () => {
  it('imports a roster, detects conflicts with reasons, keeps decisions, assigns, explains and keeps hand choices', async () => {
    const id = await setUp();
    const preview = await call('experts.preview', { campaignId: id, file: { name: '专家.xlsx', bytes: book(ROSTER, '专家') }, jobId: 'ro1' });
    expect(preview).toMatchObject({ sheet: '专家', headerRow: 2, totals: { rows: 6, new: 5, rejected: 1 } });
    expect(preview.columns.map((c) => c.field)).toEqual([null, 'name', 'institution', 'title', 'disciplines', 'offices', 'email']);
    expect(preview.rows.map((r) => [r.name, r.groupName])).toEqual([['张三', '理学组'], ['李四', '理学组'], ['王五', '理学组'], ['赵六', '理学组'], ['钱七', '工学组']]);
    expect(preview.issues.map((i) => [i.row, i.column, i.code])).toEqual([[6, 'G', 'BAD_EMAIL'], [8, 'B', 'REQUIRED_MISSING']]);
    const report = await call('experts.import', { campaignId: id, uploadId: preview.uploadId });
    expect(report).toMatchObject({ imported: 5, updated: 0, unchanged: 0, rejected: 1 });
    // The same file again changes nothing.
    const again = await call('experts.preview', { campaignId: id, uploadId: preview.uploadId });
    expect(again.totals).toMatchObject({ new: 0, unchanged: 5 });

    const ov = await call('panel.overview', { campaignId: id });
    expect(ov.experts.map((e) => [e.name, e.code, e.groupName])).toEqual([['张三', '专家A', '理学组'], ['李四', '专家B', '理学组'], ['王五', '专家C', '理学组'], ['赵六', '专家D', '理学组'], ['钱七', '专家E', '工学组']]);
    expect(ov).toMatchObject({ items: 6, ungrouped: 1, perItem: 2 });
    const expertId = new Map(ov.experts.map((e) => [e.name, e.id]));

    const counts = await call('conflicts.detect', { campaignId: id, jobId: 'd1' });
    expect(await call('jobs.progress', { jobId: 'd1' })).toMatchObject({ stage: 'done' });
    const { conflicts } = await call('conflicts.list', { campaignId: id });
    const seen = conflicts.map((c) => [c.expertName, c.itemLabel, c.kind, c.state]);
    expect(seen).toContainEqual(['张三', '全国物理学大会', 'institution', 'detected']);
    expect(seen).toContainEqual(['李四', '化学前沿论坛', 'institution', 'detected']);
    expect(seen).toContainEqual(['王五', '凝聚态物理研讨会', 'institution', 'detected']);
    expect(seen).toContainEqual(['赵六', '化学前沿论坛', 'nominator', 'detected']);
    expect(seen).toContainEqual(['王五', '材料科学大会', 'institution', 'confirm']);
    expect(counts).toMatchObject({ confirm: 1, declared: 0, dismissed: 0 });
    const doubt = conflicts.find((c) => c.state === 'confirm')!;
    expect(conflictReasonWords(doubt.reason, 'zh-CN')).toContain('请确认');
    expect(conflictReasonWords(conflicts.find((c) => c.expertName === '赵六')!.reason, 'en')).toContain('holds office in 中国化学会');

    // Dismiss the doubt with a note; declare one more; detection again keeps both.
    const dismissed = await call('conflicts.decide', { campaignId: id, itemId: doubt.itemId, expertId: doubt.expertId, kind: doubt.kind, code: doubt.reason.code, decision: 'dismiss', note: '院属研究所，非同一单位' });
    expect(dismissed).toMatchObject({ state: 'dismissed', note: '院属研究所，非同一单位', decided: { actor: 'secretary' } });
    expect(await codeOf(call('conflicts.decide', { campaignId: id, itemId: doubt.itemId, expertId: doubt.expertId, kind: doubt.kind, code: doubt.reason.code, decision: 'dismiss', note: '' }))).toBe('BAD_ARGUMENTS');
    const physics = conflicts.find((c) => c.itemLabel === '全国物理学大会')!.itemId;
    await call('conflicts.declare', { campaignId: id, itemId: physics, expertId: expertId.get('王五')!, note: '王五是大会顾问' });
    const after = await call('conflicts.detect', { campaignId: id });
    expect(after).toMatchObject({ confirm: 0, declared: 1, dismissed: 1 });

    // Assign: K = 2; 工学组 has one expert; 天文 is in no group.
    const run1 = await call('panel.assign', { campaignId: id, jobId: 'a1' });
    const label = (itemId: string) => conflicts.find((c) => c.itemId === itemId)?.itemLabel ?? itemId;
    const pairs = new Set(run1.assignments.map((a) => `${a.itemId}|${a.expertId}`));
    for (const c of (await call('conflicts.list', { campaignId: id })).conflicts) {
      if (c.state !== 'dismissed') expect(pairs.has(`${c.itemId}|${c.expertId}`)).toBe(false);
    }
    const why = new Map(run1.unassigned.map((u) => [u.itemLabel, u]));
    expect(why.get('计算机系统大会')).toMatchObject({ missing: 1, groupName: '工学组', reason: { code: 'GROUP_TOO_SMALL' } });
    expect(why.get('天文学年会')).toMatchObject({ missing: 2, reason: { code: 'NO_GROUP', values: { discipline: '天文' } } });
    expect(unassignedWords(why.get('计算机系统大会')!.reason, 'zh-CN', '工学组')).toBe('“工学组”组专家太少：只有1位，少于每项所需的2位');
    // 全国物理学大会: 张三 (same institution) and 王五 (declared) are off it, so 李四 and 赵六 review it.
    const names = new Map([...expertId].map(([n, i]) => [i, n]));
    expect(run1.assignments.filter((a) => label(a.itemId) === '全国物理学大会').map((a) => names.get(a.expertId)).sort()).toEqual(['李四', '赵六']);

    // Fix by hand: 张三 reviews the computer conference; a conflicted pair is refused; re-run keeps the hand choice.
    const computing = run1.unassigned.find((u) => u.itemLabel === '计算机系统大会')!.itemId;
    await call('assignments.set', { campaignId: id, itemId: computing, expertId: expertId.get('张三')!, assigned: true });
    expect(await codeOf(call('assignments.set', { campaignId: id, itemId: physics, expertId: expertId.get('张三')!, assigned: true }))).toBe('PANEL_CONFLICTED');
    const run2 = await call('panel.assign', { campaignId: id });
    expect(run2.assignments).toContainEqual({ itemId: computing, expertId: expertId.get('张三')!, manual: true });
    expect(run2.unassigned.map((u) => u.itemLabel)).toEqual(['天文学年会']);
    // Taking a reviewer off by hand: a re-run leaves the pair off.
    const some = run2.assignments.find((a) => !a.manual)!;
    await call('assignments.set', { campaignId: id, itemId: some.itemId, expertId: some.expertId, assigned: false });
    const run3 = await call('panel.assign', { campaignId: id });
    expect(run3.assignments.some((a) => a.itemId === some.itemId && a.expertId === some.expertId)).toBe(false);

    const matrix = await call('panel.matrix', { campaignId: id, groupId: 'g1' });
    expect(matrix.experts.map((e) => e.name)).toEqual(['张三', '李四', '王五', '赵六']);
    expect(matrix.items.map((i) => i.label)).toEqual(['全国物理学大会', '化学前沿论坛', '凝聚态物理研讨会', '材料科学大会']);
    expect(matrix.excluded).toEqual([{ itemId: some.itemId, expertId: some.expertId }].filter((x) => matrix.items.some((i) => i.id === x.itemId)));
    expect(matrix.conflicts.some((c) => c.state === 'declared')).toBe(true);
    for (const e of matrix.experts) expect(e.load).toBe(run3.assignments.filter((a) => a.expertId === e.id).length);

    // Everything is in the history, in words.
    const history = await call('campaigns.history', { id });
    const types = history.entries.map((h) => h.type);
    for (const t of ['panel.rosterImported', 'panel.conflictsDetected', 'conflict.dismissed', 'conflict.declared', 'panel.assigned', 'assignment.added', 'assignment.removed']) expect(types).toContain(t);

    // Reopened, the panel is as it was.
    await app.close();
    app = await openApp({ dataDir: data });
    expect((await call('panel.matrix', { campaignId: id })).assignments).toHaveLength(run3.assignments.length);
  });

  it('adds, edits, places and removes experts by hand; bad groups and unknown ids are refused', async () => {
    const id = await setUp();
    const e = await call('experts.save', { campaignId: id, expert: { name: '周九', institution: '清华大学', disciplines: ['物理'], groupId: 'g1' } });
    expect(e).toMatchObject({ name: '周九', code: '专家A', groupName: '理学组', load: 0 });
    const edited = await call('experts.save', { campaignId: id, id: e.id, expert: { name: '周九', institution: '北京大学', groupId: 'g1', maxLoad: 3 } });
    expect(edited).toMatchObject({ institution: '北京大学', maxLoad: 3 });
    expect(await codeOf(call('experts.save', { campaignId: id, expert: { name: 'X', groupId: 'nope' } }))).toBe('NOT_FOUND');
    expect(await codeOf(call('experts.save', { campaignId: id, expert: { name: 'X', minLoad: 5, maxLoad: 2 } }))).toBe('BAD_ARGUMENTS');
    const ov = await call('experts.place', { campaignId: id, ids: [e.id], groupId: 'g2' });
    expect(ov.experts[0]!.groupName).toBe('工学组');
    expect(ov.groups.map((g) => [g.name, g.members, g.items])).toEqual([['理学组', 0, 4], ['工学组', 1, 1]]);
    await call('institutions.add', { campaignId: id, id: 'pku', aliases: ['燕园'] });
    expect((await call('panel.overview', { campaignId: id })).additions).toEqual([{ id: 'pku', zh: '', en: '', aliases: ['燕园'] }]);
    await call('experts.remove', { campaignId: id, id: e.id });
    expect((await call('panel.overview', { campaignId: id })).experts).toEqual([]);
    expect(await codeOf(call('experts.remove', { campaignId: id, id: e.id }))).toBe('NOT_FOUND');
  });

  it('a detection can be cancelled while it runs in the worker, and nothing changes', async () => {
    const id = await setUp();
    const p = await call('experts.preview', { campaignId: id, file: { name: '专家.xlsx', bytes: book(ROSTER) } });
    await call('experts.import', { campaignId: id, uploadId: p.uploadId });
    const running = call('conflicts.detect', { campaignId: id, jobId: 'c1' });
    await new Promise((r) => setTimeout(r, 5));
    await app.dispatch('jobs.cancel', { jobId: 'c1' }, ctx);
    expect(await codeOf(running)).toBe('CANCELLED');
    expect((await call('conflicts.list', { campaignId: id })).conflicts).toEqual([]);
    // Fail safe: an assignment run without a detection first still brings the conflicts up to date and keeps them.
    const r = await call('panel.assign', { campaignId: id });
    const { conflicts } = await call('conflicts.list', { campaignId: id });
    expect(conflicts.filter((c) => c.state === 'detected').length).toBeGreaterThan(0);
    for (const c of conflicts) expect(r.assignments).not.toContainEqual(expect.objectContaining({ itemId: c.itemId, expertId: c.expertId }));
  });
});
