import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app.ts';
import { sheetBook, xlsxBytes } from '../../main/xlsx/test-zip.ts';
import type { CallArgs, CallName, CallResult } from '../../shared/contract/index.ts';
import type { Expert } from '../../shared/panel/model.ts';
import { codeOf, dispatchOrThrow } from '../support/calls.ts';

/** "Remove this campaign from this laptop": only an expert's campaign, only once submitted, nothing else goes. */

const dirs: string[] = [];
let sec: App;
let exp: App;
let campaignId = '';
let itemIds: string[] = [];
let sheetA: Uint8Array<ArrayBuffer>;

async function call<N extends CallName>(app: App, name: N, args: CallArgs<N>, actor = 'secretary'): Promise<CallResult<N>> {
  return dispatchOrThrow(app, name, args, { door: 'test', actor });
}
const expert = (id: string, name: string): Expert => ({ id, name, institution: '复旦大学', department: '', title: '教授', disciplines: [], offices: [], phone: '', email: '', groupId: null });

beforeAll(async () => {
  for (let i = 0; i < 2; i++) dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), 'pd-forget-')));
  sec = await openApp({ dataDir: dirs[0]!, identityName: '王秘书' });
  exp = await openApp({ dataDir: dirs[1]!, identityName: '张三' });
  campaignId = (await call(sec, 'campaigns.create', { template: 'topics', name: '2026 跨界议题', year: 2026 })).id;
  const rows = [['议题名称', '提出人', '单位', '推荐单位'], ['量子生物学', '李四', '北京大学', '中国物理学会'], ['城市韧性', '王五', '清华大学', '中国城市科学研究会']];
  const preview = await call(sec, 'nominations.preview', { campaignId, file: { name: '议题.xlsx', bytes: xlsxBytes(sheetBook({ Sheet1: rows })) as Uint8Array<ArrayBuffer> } });
  await call(sec, 'nominations.import', { campaignId, uploadId: preview.uploadId });
  itemIds = sec.store.get(campaignId)!.nominations.map((n) => n.id);
  await sec.store.commit(campaignId, { type: 'expert.added', expert: expert('e1', '张三') }, 'secretary');
  for (const id of itemIds) await sec.store.commit(campaignId, { type: 'assignment.added', itemId: id, expertId: 'e1' }, 'secretary');
  sheetA = new Uint8Array((await call(sec, 'scoring.exportSheets', { campaignId })).files[0]!.bytes);
});
afterAll(async () => {
  await sec?.close();
  await exp?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('scoring.forget', () => {
  it('is refused on the secretariat\'s workstation: its campaign is the panel\'s record', async () => {
    expect(await codeOf(call(sec, 'scoring.forget', { campaignId }))).toBe('SCORING_NOT_EXPERT_WORKSTATION');
    expect(sec.store.get(campaignId)).toBeDefined();
  });

  it('is refused before the first submission and after edits made since the last one; then the campaign goes, the identity stays', async () => {
    await call(exp, 'scoring.open', { file: { name: '专家A-评分表.xlsx', bytes: sheetA } }, '张三');
    const identity = await call(exp, 'identity.show', {});
    expect(await codeOf(call(exp, 'scoring.forget', { campaignId }))).toBe('SCORING_NOT_SUBMITTED');
    await call(exp, 'scoring.edit', { campaignId, answer: { itemId: itemIds[0]!, scores: { 'cross-disciplinarity': 38, frontier: 28, feasibility: 25 } } });
    await call(exp, 'scoring.edit', { campaignId, answer: { itemId: itemIds[1]!, scores: { 'cross-disciplinarity': 20, frontier: 15, feasibility: 10 } } });
    await call(exp, 'scoring.submit', { campaignId });
    await new Promise((r) => setTimeout(r, 5));
    await call(exp, 'scoring.edit', { campaignId, answer: { itemId: itemIds[1]!, scores: { 'cross-disciplinarity': 21, frontier: 15, feasibility: 10 } } });
    expect(await codeOf(call(exp, 'scoring.forget', { campaignId }))).toBe('SCORING_EDITED_SINCE_SUBMIT');
    await call(exp, 'scoring.submit', { campaignId });

    expect(await call(exp, 'scoring.forget', { campaignId })).toEqual({ campaignId });
    expect((await call(exp, 'campaigns.list', {})).campaigns.length).toBe(0);
    expect(await codeOf(call(exp, 'scoring.mine', { campaignId }))).toBe('NOT_FOUND');
    expect(fs.readdirSync(path.join(dirs[1]!, 'campaigns'))).toEqual([]);
    expect((await call(exp, 'identity.show', {})).fingerprint).toBe(identity.fingerprint);

    // The laptop can take the same sheet again later, and a restart finds nothing of the removed campaign.
    await exp.close();
    exp = await openApp({ dataDir: dirs[1]!, identityName: '张三' });
    expect((await call(exp, 'campaigns.list', {})).campaigns.length).toBe(0);
    const again = await call(exp, 'scoring.open', { file: { name: '专家A-评分表.xlsx', bytes: sheetA } }, '张三');
    expect(again.answers).toEqual([]);
  });
});
