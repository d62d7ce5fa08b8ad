import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app.ts';
import { sheetBook, xlsxBytes } from '../../main/xlsx/test-zip.ts';
import type { CallArgs, CallName, CallResult } from '../../shared/contract/index.ts';
import type { Expert } from '../../shared/panel/model.ts';
import { dispatchOrThrow, codeOf } from '../support/calls.ts';

/**
 * Two workstations, two data folders: the secretariat sends score sheets, an expert opens one, scores, submits;
 * the secretariat takes the sheets back, and each way of tampering with one is caught.
 */

const dirs: string[] = [];
let sec: App;
let exp: App;
let campaignId = '';
let sheetA: Uint8Array<ArrayBuffer>;
let sheetB: Uint8Array<ArrayBuffer>;
let signed1: Uint8Array<ArrayBuffer>;
let itemIds: string[] = [];

async function call<N extends CallName>(app: App, name: N, args: CallArgs<N>, actor = 'secretary'): Promise<CallResult<N>> {
  return dispatchOrThrow(app, name, args, { door: 'test', actor });
}

const expert = (id: string, name: string, institution: string): Expert => ({ id, name, institution, department: '', title: '教授', disciplines: [], offices: [], phone: '', email: '', groupId: null });

/** A sheet changed as Excel (here ExcelJS) would save it: `fn` edits the workbook. */
async function edited(bytes: Uint8Array, fn: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  fn(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
}
function metaRow(wb: ExcelJS.Workbook, key: string): ExcelJS.Row | undefined {
  const ws = wb.getWorksheet('PanelDeskMeta')!;
  let found: ExcelJS.Row | undefined;
  ws.eachRow((r) => {
    if (r.getCell(1).value === key && !found) found = r;
  });
  return found;
}
const importOne = (name: string, bytes: Uint8Array<ArrayBuffer>, extra: { trust?: string; acceptUnsigned?: boolean } = {}) =>
  call(sec, 'scoring.importSheets', { campaignId, files: [{ name, bytes }], ...extra }).then((r) => r.sheets[0]!);

beforeAll(async () => {
  for (let i = 0; i < 2; i++) dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), 'pd-score-')));
  sec = await openApp({ dataDir: dirs[0]!, identityName: '王秘书' });
  exp = await openApp({ dataDir: dirs[1]!, identityName: '张三' });
  campaignId = (await call(sec, 'campaigns.create', { template: 'topics', name: '2026 跨界议题', year: 2026 })).id;
  const rows = [['议题名称', '提出人', '单位', '推荐单位'], ['量子生物学', '李四', '北京大学', '中国物理学会'], ['城市韧性', '王五', '清华大学', '中国城市科学研究会'], ['脑机接口伦理', '赵六', '中科院', '中国心理学会']];
  const bytes = xlsxBytes(sheetBook({ Sheet1: rows })) as Uint8Array<ArrayBuffer>;
  const preview = await call(sec, 'nominations.preview', { campaignId, file: { name: '议题.xlsx', bytes } });
  await call(sec, 'nominations.import', { campaignId, uploadId: preview.uploadId });
  itemIds = sec.store.get(campaignId)!.nominations.map((n) => n.id);
  await sec.store.commit(campaignId, { type: 'expert.added', expert: expert('e1', '张三', '复旦大学') }, 'secretary');
  await sec.store.commit(campaignId, { type: 'expert.added', expert: expert('e2', '钱七', '浙江大学') }, 'secretary');
  for (const id of itemIds) await sec.store.commit(campaignId, { type: 'assignment.added', itemId: id, expertId: 'e1' }, 'secretary');
  for (const id of itemIds.slice(0, 2)) await sec.store.commit(campaignId, { type: 'assignment.added', itemId: id, expertId: 'e2' }, 'secretary');
});
afterAll(async () => {
  await sec?.close();
  await exp?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('score sheets out and back, between two workstations', () => {
  it('sends one sheet per expert, named by code; sending again without changes issues nothing new', async () => {
    const out = await call(sec, 'scoring.exportSheets', { campaignId });
    expect(out.files.map((f) => [f.name, f.items])).toEqual([['专家A-评分表.xlsx', 3], ['专家B-评分表.xlsx', 2]]);
    sheetA = new Uint8Array(out.files[0]!.bytes);
    sheetB = new Uint8Array(out.files[1]!.bytes);
    const again = await call(sec, 'scoring.exportSheets', { campaignId });
    expect(again.files.map((f) => f.sheetId)).toEqual(out.files.map((f) => f.sheetId));
    expect(sec.store.get(campaignId)!.scoring.sheets).toHaveLength(2);
    // The file: validation, protection, a very hidden meta sheet, no expert's name in the visible sheet.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(sheetA) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([['评分表 Scores', 'visible'], ['说明 Instructions', 'visible'], ['PanelDeskMeta', 'veryHidden']]);
    const ws = wb.getWorksheet('评分表 Scores')!;
    expect(ws.getCell('G2').dataValidation).toMatchObject({ type: 'whole', formulae: [0, 40] });
    expect(ws.getCell('G2').protection).toMatchObject({ locked: false });
    expect(ws.getCell('B2').protection?.locked).not.toBe(false);
    expect(ws.pageSetup.paperSize).toBe(9);
    const visible: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => visible.push(String(c.value))));
    expect(visible.join(' ')).not.toContain('张三');
    expect(visible.join(' ')).not.toContain('中国物理学会');
  });

  it('a sheet filled in Excel without PanelDesk comes back accepted, unsigned, with its problems per cell', async () => {
    const filled = await edited(sheetB, (wb) => {
      const ws = wb.getWorksheet('评分表 Scores')!;
      ws.getCell('G2').value = 35; ws.getCell('H2').value = 20; ws.getCell('I2').value = 25;
      ws.getCell('G3').value = 50; ws.getCell('H3').value = 10;
    });
    const r = await importOne('专家B.xlsx', filled);
    expect(r).toMatchObject({ verdict: 'accepted', outcome: 'ACCEPTED_UNSIGNED', signature: 'missing', packageSignature: 'valid', key: 'none', expertCode: '专家B', scores: 4 });
    expect(r.issues.map((i) => [`${i.column}${i.row}`, i.code])).toEqual([['G3', 'SCORE_ABOVE_MAX'], ['I3', 'SCORE_MISSING']]);
    expect(r.issues[0]!.message).toContain('50 高于最高分 40');
    expect(r.messageEn).toBe('Accepted, unsigned (filled in Excel or WPS)');
  });

  it('the expert opens the sheet (their workstation now), scores, submits signed; the secretariat holds a new key until trusted', async () => {
    const mine = await call(exp, 'scoring.open', { file: { name: '专家A-评分表.xlsx', bytes: sheetA } }, '张三');
    expect(mine).toMatchObject({ code: '专家A', expertName: '张三', seq: 0, items: [{ label: '量子生物学' }, { label: '城市韧性' }, { label: '脑机接口伦理' }] });
    expect(await codeOf(call(exp, 'scoring.submit', { campaignId }))).toBe('SCORING_INCOMPLETE');
    expect(await codeOf(call(exp, 'scoring.edit', { campaignId, answer: { itemId: itemIds[0]!, scores: { 'cross-disciplinarity': 41 } } }))).toBe('SCORE_INVALID');
    await call(exp, 'scoring.edit', { campaignId, answer: { itemId: itemIds[0]!, scores: { 'cross-disciplinarity': 38, frontier: 28, feasibility: '２５' }, comment: '很好' } });
    await call(exp, 'scoring.edit', { campaignId, answer: { itemId: itemIds[1]!, scores: { 'cross-disciplinarity': 20, frontier: 15, feasibility: 10 } } });
    await call(exp, 'scoring.edit', { campaignId, answer: { itemId: itemIds[2]!, scores: {}, recused: true, comment: '本人是合作者' } });
    const sub = await call(exp, 'scoring.submit', { campaignId });
    expect(sub).toMatchObject({ seq: 1, name: '专家A-评分表-1.xlsx' });
    signed1 = new Uint8Array(sub.bytes);

    const held = await importOne(sub.name, signed1);
    expect(held).toMatchObject({ verdict: 'held', outcome: 'HELD_NEW_KEY', signature: 'valid', key: 'new' });
    const fp = (await call(exp, 'identity.show', {})).fingerprint;
    expect(held.fingerprint).toBe(fp);
    const ok = await importOne(sub.name, signed1, { trust: fp.toLowerCase().replace(/ /g, '') });
    expect(ok).toMatchObject({ verdict: 'accepted', outcome: 'ACCEPTED_SIGNED', key: 'new', seq: 1, scores: 6, issues: [] });
    const doc = sec.store.get(campaignId)!;
    expect(doc.scoring.keys.map((k) => [k.expertId, k.fingerprint])).toEqual([['e1', fp]]);
    expect(doc.scoring.answers.find((a) => a.expertId === 'e1' && a.itemId === itemIds[0])).toMatchObject({ scores: { 'cross-disciplinarity': 38, frontier: 28, feasibility: 25 }, comment: '很好', source: { kind: 'sheet', seq: 1, signature: 'valid' } });
    expect(doc.scoring.answers.find((a) => a.expertId === 'e1' && a.itemId === itemIds[2])).toMatchObject({ recused: true });

    // The same sheet twice changes nothing; saved again by Excel, its signature still holds.
    expect((await importOne(sub.name, signed1)).outcome).toBe('UNCHANGED');
    expect((await importOne('resaved.xlsx', await edited(signed1, () => undefined))).outcome).toBe('UNCHANGED');
    const v = await call(sec, 'scoring.verify', { file: { name: sub.name, bytes: signed1 } });
    expect(v).toMatchObject({ kind: 'score-sheet', packageSignature: 'valid', signature: 'valid', signer: { name: '张三', fingerprint: fp } });
  });

  it('catches a visible value changed after signing', async () => {
    const bad = await edited(signed1, (wb) => (wb.getWorksheet('评分表 Scores')!.getCell('G2').value = 40));
    const r = await importOne('changed.xlsx', bad);
    expect(r).toMatchObject({ verdict: 'refused', outcome: 'REFUSED_VISIBLE_CHANGED', signature: 'valid' });
    expect(r.issues[0]).toMatchObject({ row: 2, column: 'G', code: 'VISIBLE_DIFFERS', values: { visible: 40, signed: 38 } });
  });

  it('catches the hidden answer changed', async () => {
    const bad = await edited(signed1, (wb) => {
      const row = metaRow(wb, 'answer')!;
      row.getCell(2).value = String(row.getCell(2).value).replace('"cross-disciplinarity":38', '"cross-disciplinarity":40');
      wb.getWorksheet('评分表 Scores')!.getCell('G2').value = 40;
    });
    expect(await importOne('hidden.xlsx', bad)).toMatchObject({ verdict: 'refused', outcome: 'REFUSED_ANSWER_TAMPERED', signature: 'invalid' });
  });

  it('catches the hidden package changed (another item list)', async () => {
    const bad = await edited(sheetB, (wb) => {
      const row = metaRow(wb, 'package')!;
      row.getCell(2).value = String(row.getCell(2).value).replace(itemIds[1]!, itemIds[2]!);
    });
    expect((await importOne('pkg.xlsx', bad)).outcome).toBe('REFUSED_PACKAGE_TAMPERED');
  });

  it('holds the sheet of an enrolled expert whose signature was stripped, loudly; accepts it only when told', async () => {
    const bad = await edited(signed1, (wb) => {
      for (const k of ['answer', 'answerSignature', 'expertKey']) metaRow(wb, k)!.getCell(2).value = '';
      wb.getWorksheet('评分表 Scores')!.getCell('H3').value = 30;
    });
    const r = await importOne('stripped.xlsx', bad);
    expect(r).toMatchObject({ verdict: 'held', outcome: 'HELD_SIGNATURE_STRIPPED', signature: 'missing' });
    expect(r.message).toContain('警告');
    expect(sec.store.get(campaignId)!.scoring.answers.find((a) => a.expertId === 'e1' && a.itemId === itemIds[1])!.scores.frontier).toBe(15);
  });

  it('catches two experts\' sheets swapped: A\'s signed answer in B\'s sheet', async () => {
    const src = new ExcelJS.Workbook();
    await src.xlsx.load(Buffer.from(signed1) as unknown as ArrayBuffer);
    const bad = await edited(sheetB, (wb) => {
      const ws = wb.getWorksheet('PanelDeskMeta')!;
      for (const k of ['answer', 'answerSignature', 'expertKey']) ws.addRow([k, String(metaRow(src, k)!.getCell(2).value)]);
    });
    expect((await importOne('swapped.xlsx', bad)).outcome).toBe('REFUSED_SWAPPED');
  });

  it('the highest sequence wins whatever the order: an older submission replayed after a newer one is refused', async () => {
    await call(exp, 'scoring.edit', { campaignId, answer: { itemId: itemIds[1]!, scores: { 'cross-disciplinarity': 22, frontier: 15, feasibility: 10 } } });
    const sub2 = await call(exp, 'scoring.submit', { campaignId });
    expect(sub2.seq).toBe(2);
    expect((await importOne(sub2.name, new Uint8Array(sub2.bytes))).outcome).toBe('ACCEPTED_SIGNED');
    const r = await importOne('专家A-评分表-1.xlsx', signed1);
    expect(r).toMatchObject({ verdict: 'refused', outcome: 'REFUSED_OLDER_SEQ', seq: 1 });
    expect(sec.store.get(campaignId)!.scoring.answers.find((a) => a.expertId === 'e1' && a.itemId === itemIds[1])!.scores['cross-disciplinarity']).toBe(22);
  });

  it('the board shows each expert\'s sheet, signature and completeness; paper entry is typed twice and compared', async () => {
    const b = await call(sec, 'scoring.board', { campaignId });
    expect(b.experts.map((e) => [e.code, e.assigned, e.scored, e.recused, e.last?.outcome, e.fingerprint !== null])).toEqual([
      ['专家A', 3, 2, 1, 'REFUSED_OLDER_SEQ', true],
      ['专家B', 2, 1, 0, 'REFUSED_SWAPPED', false],
    ]);
    const answers = [{ itemId: itemIds[1]!, scores: { 'cross-disciplinarity': 30, frontier: 20, feasibility: 20 } }];
    const differs = await codeOf(call(sec, 'scoring.paperEntry', { campaignId, expertId: 'e2', by: '王秘书', answers, second: [{ itemId: itemIds[1]!, scores: { 'cross-disciplinarity': 30, frontier: 21, feasibility: 20 } }] }));
    expect(differs).toBe('SCORING_ENTRIES_DIFFER');
    expect((await call(sec, 'scoring.paperEntry', { campaignId, expertId: 'e2', by: '王秘书', answers, second: answers })).saved).toBe(1);
    expect(sec.store.get(campaignId)!.scoring.answers.find((a) => a.expertId === 'e2' && a.itemId === itemIds[1])!.source).toEqual({ kind: 'paper', by: '王秘书', doubleEntry: true });
    expect(await codeOf(call(sec, 'scoring.paperEntry', { campaignId, expertId: 'e2', by: '王秘书', answers: [{ itemId: itemIds[2]!, scores: {} }] }))).toBe('SCORING_NOT_ASSIGNED');
  });

  it('after scoring closed a sheet is recorded, not counted; a workbook that is no sheet is refused', async () => {
    await call(sec, 'scoring.close', { campaignId, closed: true });
    const late = await edited(sheetB, (wb) => (wb.getWorksheet('评分表 Scores')!.getCell('G2').value = 1));
    expect((await importOne('late.xlsx', late)).outcome).toBe('REFUSED_SCORING_CLOSED');
    await call(sec, 'scoring.close', { campaignId, closed: false });
    const other = new Uint8Array(xlsxBytes(sheetBook({ Sheet1: [['a', 'b'], [1, 2]] })));
    expect((await importOne('other.xlsx', other)).outcome).toBe('REFUSED_NOT_A_SHEET');
    expect(await codeOf(call(sec, 'scoring.verify', { file: { name: 'other.xlsx', bytes: other } }))).toBe('FILE_NOT_PANELDESK');
    // A SheetJS round trip (another writer than ExcelJS) keeps the very hidden sheet and the signature.
    const wb = XLSX.read(signed1, { type: 'array' });
    const again = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const v = await call(sec, 'scoring.verify', { file: { name: 'sheetjs.xlsx', bytes: again } });
    expect(v).toMatchObject({ packageSignature: 'valid', signature: 'valid' });
  });

  it('the secretariat\'s own workstation will not become an expert\'s without asking', async () => {
    expect(await codeOf(call(sec, 'scoring.open', { file: { name: 'a.xlsx', bytes: sheetA } }))).toBe('SCORING_OWN_CAMPAIGN');
  });
});
