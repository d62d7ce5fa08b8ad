import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app.ts';
import { sheetBook, xlsxBytes } from '../../main/xlsx/test-zip.ts';
import type { CallArgs, CallName, CallResult } from '../../shared/contract/index.ts';
import type { Expert } from '../../shared/panel/model.ts';
import { dispatchOrThrow, codeOf } from '../support/calls.ts';

/**
 * Sheets out through the worker pool (under a job that can be cancelled), an expert's recusal leaving a nomination
 * one score short, a supplementary sheet for another expert, and that sheet back: its score counts in the results.
 */

let dir = '';
let sec: App;
let campaignId = '';
let itemIds: string[] = [];
let sheetB: Uint8Array<ArrayBuffer>;
let supplementary: Uint8Array<ArrayBuffer>;

async function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  return dispatchOrThrow(sec, name, args, { door: 'test', actor: 'secretary' });
}
const expert = (id: string, name: string): Expert => ({ id, name, institution: '复旦大学', department: '', title: '教授', disciplines: [], offices: [], phone: '', email: '', groupId: null });

/** A sheet filled in Excel (here ExcelJS): `cells` by address on the visible sheet. */
async function filled(bytes: Uint8Array, cells: Record<string, string | number>): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('评分表 Scores')!;
  for (const [a, v] of Object.entries(cells)) ws.getCell(a).value = v;
  return new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
}
const importOne = (name: string, bytes: Uint8Array<ArrayBuffer>) =>
  call('scoring.importSheets', { campaignId, files: [{ name, bytes }] }).then((r) => r.sheets[0]!);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-supp-'));
  sec = await openApp({ dataDir: dir, identityName: '王秘书' });
  campaignId = (await call('campaigns.create', { template: 'topics', name: '2026 跨界议题', year: 2026 })).id;
  await call('campaigns.set', { id: campaignId, assignments: [{ key: 'assignment.perItem', value: 2 }] });
  const rows = [['议题名称', '提出人', '单位', '推荐单位'], ['量子生物学', '李四', '北京大学', '中国物理学会'], ['城市韧性', '王五', '清华大学', '中国城市科学研究会'], ['脑机接口伦理', '赵六', '中科院', '中国心理学会']];
  const preview = await call('nominations.preview', { campaignId, file: { name: '议题.xlsx', bytes: xlsxBytes(sheetBook({ Sheet1: rows })) as Uint8Array<ArrayBuffer> } });
  await call('nominations.import', { campaignId, uploadId: preview.uploadId });
  itemIds = sec.store.get(campaignId)!.nominations.map((n) => n.id);
  for (const [id, name] of [['e1', '张三'], ['e2', '钱七'], ['e3', '孙八'], ['e4', '周九']] as const) {
    await sec.store.commit(campaignId, { type: 'expert.added', expert: expert(id, name) }, 'secretary');
  }
  for (const id of itemIds) {
    await sec.store.commit(campaignId, { type: 'assignment.added', itemId: id, expertId: 'e1' }, 'secretary');
    await sec.store.commit(campaignId, { type: 'assignment.added', itemId: id, expertId: 'e2' }, 'secretary');
  }
  // 周九 declared a conflict with the first nomination: never eligible for it.
  await sec.store.commit(campaignId, {
    type: 'conflict.declared',
    conflict: { itemId: itemIds[0]!, expertId: 'e4', kind: 'declared', reason: { code: 'DECLARED', values: { by: 'secretary', text: '合作者' } }, state: 'declared', note: '合作者' },
  }, 'secretary');
}, 60_000);
afterAll(async () => {
  await sec?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sheets out in the worker pool, a recusal, a supplementary sheet', () => {
  it('an export under a job can be cancelled while the workers write: nothing is issued', async () => {
    const jobId = 'export-1';
    const running = call('scoring.exportSheets', { campaignId, jobId });
    // Wait for the job to reach the workers, then cancel.
    for (let i = 0; i < 200; i++) {
      const p = await call('jobs.progress', { jobId }).catch(() => null);
      if (p?.stage === 'writing') break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await call('jobs.cancel', { jobId })).stage).toBe('cancelled');
    expect(await codeOf(running)).toBe('CANCELLED');
    expect(sec.store.get(campaignId)!.scoring.sheets).toHaveLength(0);
  });

  it('exports every expert with assignments, with progress reported to the end', async () => {
    const out = await call('scoring.exportSheets', { campaignId, jobId: 'export-2' });
    expect(out.files.map((f) => [f.name, f.items, f.supplementary])).toEqual([['专家A-评分表.xlsx', 3, false], ['专家B-评分表.xlsx', 3, false]]);
    expect(await call('jobs.progress', { jobId: 'export-2' })).toMatchObject({ stage: 'done', fraction: 1 });
    sheetB = new Uint8Array(out.files[1]!.bytes);
    expect((await call('scoring.shortItems', { campaignId })).items).toEqual([]);
  });

  it('a recusal on a returned sheet leaves its nomination one score short, with the reason and who may step in', async () => {
    // 钱七 fills the sheet in Excel: recuses on the first nomination (K is the recusal column), scores the others.
    const r = await importOne('专家B.xlsx', await filled(sheetB, { K2: '是', G3: 30, H3: 20, I3: 20, G4: 20, H4: 20, I4: 20 }));
    expect(r).toMatchObject({ verdict: 'accepted', outcome: 'ACCEPTED_UNSIGNED', issues: [] });
    const short = await call('scoring.shortItems', { campaignId });
    expect(short.perItem).toBe(2);
    expect(short.items).toHaveLength(1);
    expect(short.items[0]).toMatchObject({ id: itemIds[0], label: '量子生物学', have: 1, need: 2, summary: '缺评 1 份：有效评审 1 / 2 位', summaryEn: 'one score short: 1 of 2 reviewers' });
    expect(short.items[0]!.reasons.map((x) => x.message)).toEqual(['专家B 钱七在评分表上声明回避（利益冲突）']);
    // 孙八 (no assignments) may; 周九 has a conflict with it; 张三 is already on it.
    expect(short.items[0]!.eligible.map((e) => [e.code, e.name, e.load])).toEqual([['专家C', '孙八', 0]]);
  });

  it('refuses a supplementary sheet for a conflicted expert or a nomination that is not short', async () => {
    expect(await codeOf(call('scoring.supplement', { campaignId, expertId: 'e4', itemIds: [itemIds[0]!] }))).toBe('SCORING_NOT_ELIGIBLE');
    expect(await codeOf(call('scoring.supplement', { campaignId, expertId: 'e3', itemIds: [itemIds[1]!] }))).toBe('SCORING_NOT_ELIGIBLE');
    expect(await codeOf(call('scoring.supplement', { campaignId, expertId: 'e1', itemIds: [itemIds[0]!] }))).toBe('SCORING_NOT_ELIGIBLE');
    expect(sec.store.get(campaignId)!.scoring.sheets).toHaveLength(2);
  });

  it('issues a supplementary sheet: its own id, only the short nomination, the expert assigned; exported like the others', async () => {
    const { file } = await call('scoring.supplement', { campaignId, expertId: 'e3', itemIds: [itemIds[0]!] });
    expect(file).toMatchObject({ name: '专家C-补充评分表.xlsx', code: '专家C', items: 1, supplementary: true });
    supplementary = new Uint8Array(file.bytes);
    const doc = sec.store.get(campaignId)!;
    const rec = doc.scoring.sheets.find((s) => s.id === file.sheetId)!;
    expect(rec).toMatchObject({ expertId: 'e3', supplementary: true, itemIds: [itemIds[0]], status: 'issued' });
    expect(doc.panel.assignments.some((a) => a.itemId === itemIds[0] && a.expertId === 'e3')).toBe(true);
    const after = await call('scoring.shortItems', { campaignId });
    expect(after.items).toEqual([]);
    expect(after.supplements).toMatchObject([{ sheetId: file.sheetId, code: '专家C', name: '孙八', items: [{ label: '量子生物学' }], returned: false }]);
    // Exporting again: the same three sheets (ids unchanged), nothing new issued.
    const before = doc.scoring.sheets.map((s) => s.id);
    const again = await call('scoring.exportSheets', { campaignId });
    expect(again.files.map((f) => [f.name, f.items, f.supplementary])).toEqual([['专家A-评分表.xlsx', 3, false], ['专家B-评分表.xlsx', 3, false], ['专家C-补充评分表.xlsx', 1, true]]);
    expect(again.files[2]!.sheetId).toBe(file.sheetId);
    expect(sec.store.get(campaignId)!.scoring.sheets.map((s) => s.id)).toEqual(before);
  });

  it('opened on the expert\'s laptop, a supplementary sheet says it is one', async () => {
    const laptop = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-supplement-expert-'));
    const exp = await openApp({ dataDir: laptop, identityName: '孙八' });
    try {
      const mine = await dispatchOrThrow(exp, 'scoring.open', { file: { name: '专家C-补充评分表.xlsx', bytes: supplementary } }, { door: 'test', actor: '孙八' });
      expect(mine).toMatchObject({ code: '专家C', supplementary: true, items: [{ label: '量子生物学' }] });
    } finally {
      await exp.close();
      fs.rmSync(laptop, { recursive: true, force: true });
    }
  });

  it('the supplementary sheet comes back like any sheet and its score counts in the results', async () => {
    const r = await importOne('专家C-补充评分表.xlsx', await filled(supplementary, { G2: 35, H2: 25, I2: 22 }));
    expect(r).toMatchObject({ verdict: 'accepted', outcome: 'ACCEPTED_UNSIGNED', expertCode: '专家C', scores: 3, issues: [] });
    const doc = sec.store.get(campaignId)!;
    expect(doc.scoring.answers.find((a) => a.expertId === 'e3' && a.itemId === itemIds[0])).toMatchObject({ recused: false, scores: { 'cross-disciplinarity': 35, frontier: 25, feasibility: 22 } });
    const results = await call('results.compute', { campaignId, offset: 0, limit: 10 });
    const row = results.rows.find((x) => x.id === itemIds[0])!;
    expect(row.n).toBe(1);
    expect((await call('scoring.shortItems', { campaignId })).supplements[0]!.returned).toBe(true);
  });
});
