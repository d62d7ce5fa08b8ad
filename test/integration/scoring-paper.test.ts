import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app.ts';
import { sheetBook, xlsxBytes } from '../../main/xlsx/test-zip.ts';
import type { CallArgs, CallName, CallResult } from '../../shared/contract/index.ts';
import type { Expert } from '../../shared/panel/model.ts';
import { dispatchOrThrow } from '../support/calls.ts';

/** The blind setting as a score sheet shows it (and as the command line sets it), and the paper entry's read entry. */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let dir = '';
let app: App;
let campaignId = '';
let itemIds: string[] = [];

async function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  return dispatchOrThrow(app, name, args, { door: 'test', actor: '王秘书' });
}
const expert = (id: string, name: string): Expert => ({ id, name, institution: '复旦大学', department: '', title: '教授', disciplines: [], offices: [], phone: '', email: '', groupId: null });

async function visibleText(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.getWorksheet('评分表 Scores')!.eachRow((r) => r.eachCell((c) => out.push(String(c.value))));
  return out;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-paper-'));
  app = await openApp({ dataDir: dir, identityName: '王秘书' });
  campaignId = (await call('campaigns.create', { template: 'topics', name: '2026 跨界议题', year: 2026 })).id;
  const rows = [['议题名称', '提出人', '单位', '推荐单位'], ['量子生物学', '李四', '北京大学', '中国物理学会'], ['城市韧性', '王五', '清华大学', '中国城市科学研究会']];
  const preview = await call('nominations.preview', { campaignId, file: { name: '议题.xlsx', bytes: xlsxBytes(sheetBook({ Sheet1: rows })) as Uint8Array<ArrayBuffer> } });
  await call('nominations.import', { campaignId, uploadId: preview.uploadId });
  itemIds = app.store.get(campaignId)!.nominations.map((n) => n.id);
  await app.store.commit(campaignId, { type: 'expert.added', expert: expert('e1', '张三') }, '王秘书');
  for (const id of itemIds) await app.store.commit(campaignId, { type: 'assignment.added', itemId: id, expertId: 'e1' }, '王秘书');
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the blind setting on score sheets', () => {
  it('blind by default: the sheet does not name the nominator; `campaign set ID scoring.blind=false` makes it show', async () => {
    const blind = await visibleText((await call('scoring.exportSheets', { campaignId })).files[0]!.bytes);
    expect(blind).toContain('提出人 Proposer');
    expect(blind).not.toContain('推荐单位 Nominator');
    expect(blind.join('\n')).not.toContain('中国物理学会');

    await app.close();
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'paneldesk.js'), 'campaign', 'set', campaignId, 'scoring.blind=false', '--data', dir, '--json'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, PANELDESK_DATA: '' } });
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { settings: { scoring: { blind: boolean } } }).settings.scoring.blind).toBe(false);
    app = await openApp({ dataDir: dir, identityName: '王秘书' });

    const open = await visibleText((await call('scoring.exportSheets', { campaignId })).files[0]!.bytes);
    expect(open).toContain('推荐单位 Nominator');
    expect(open).toContain('中国物理学会');
    expect(open).toContain('中国城市科学研究会');
  });
});

describe('scoring.expertAnswers (paper entry reads it)', () => {
  it('gives the expert\'s nominations, rubric, saved answers and this workstation\'s name', async () => {
    const before = await call('scoring.expertAnswers', { campaignId, expertId: 'e1' });
    expect(before).toMatchObject({ expertName: '张三', code: '专家A', workstation: '王秘书', closed: false, answers: [] });
    expect(before.items.map((i) => i.label)).toEqual(['量子生物学', '城市韧性']);
    expect(before.criteria.map((c) => c.id)).toEqual(['cross-disciplinarity', 'frontier', 'feasibility']);
    await call('scoring.paperEntry', { campaignId, expertId: 'e1', by: '李录入', answers: [{ itemId: itemIds[0]!, scores: { 'cross-disciplinarity': 30, frontier: 20, feasibility: 20 }, comment: '', recused: false }] });
    const after = await call('scoring.expertAnswers', { campaignId, expertId: 'e1' });
    expect(after.answers).toEqual([{ itemId: itemIds[0], scores: { 'cross-disciplinarity': 30, frontier: 20, feasibility: 20 }, comment: '', recused: false, source: { kind: 'paper', by: '李录入', doubleEntry: false } }]);
    const r = await app.dispatch('scoring.expertAnswers', { campaignId, expertId: 'nobody' }, { door: 'test', actor: '王秘书' });
    expect(r.ok ? 'ok' : r.error.code).toBe('NOT_FOUND');
  });
});
