import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallArgs, CallName, CallResult } from '../../shared/contract/index.ts';
import { openApp, type App } from '../../main/app.ts';
import { historyOf } from '../../shared/store/doc.ts';
import { seedMeeting, SEED_TITLES } from '../support/meeting-seed.ts';
import { dispatchOrThrow, codeOf } from '../support/calls.ts';

let data: string;
let app: App;
const ctx = { door: 'test' as const, actor: 'secretary' };

beforeEach(async () => {
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-meet-'));
  app = await openApp({ dataDir: data, identityName: '北京市科协秘书处' });
});
afterEach(async () => {
  await app.close();
  fs.rmSync(data, { recursive: true, force: true });
});

async function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  return dispatchOrThrow(app, name, args, ctx);
}


/** A copy of a workbook with one cell changed (as a person would in Excel), saved again. */
async function tamper(bytes: Uint8Array, sheet: string, cell: string, value: string | number): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  wb.getWorksheet(sheet)!.getCell(cell).value = value;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function votedCampaign() {
  const seed = await seedMeeting(app);
  const { campaignId } = seed;
  const ov = await call('meeting.overview', { campaignId });
  const g = ov.groups[0]!;
  const round = await call('meeting.openRound', { campaignId, groupId: g.id });
  // The first three pass; the third by 4 of 6.
  const counts = [{ yes: 6, no: 0, abstain: 0 }, { yes: 4, no: 1, abstain: 0 }, { yes: 4, no: 1, abstain: 1 }];
  await call('meeting.enterCounts', { campaignId, roundId: round.id, entries: round.items.map((it, k) => ({ itemId: it.itemId, counts: counts[k]! })) });
  const closed = await call('meeting.closeRound', { campaignId, roundId: round.id });
  return { ...seed, round: closed, group: g };
}

describe('the meeting through the contract', () => {
  it('shortlists by rank and quota, keeps a conflicted member out of both counts, tallies and records', async () => {
    const { campaignId, items, round, group } = await votedCampaign();
    expect(group.seats).toBe(3);
    expect(group.members).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(round.items.map((i) => i.title)).toEqual(SEED_TITLES.slice(0, 3));
    const second = round.items.find((i) => i.itemId === items[1])!;
    expect(second.conflicted).toEqual(['F']);
    expect(second.tally).toMatchObject({ members: 5, present: 5, outcome: 'passed' });
    expect(round.open).toBe(false);
    expect(round.result.selected).toHaveLength(3);
    const ov = await call('meeting.overview', { campaignId });
    expect(ov.groups[0]!.selected).toEqual(round.result.selected);
    expect(await codeOf(call('meeting.enterCounts', { campaignId, roundId: round.id, entries: [{ itemId: items[0]!, counts: null }] }))).toBe('MEETING_ROUND_CLOSED');
    const types = historyOf(app.store.get(campaignId)!).map((h) => h.type);
    expect(types.slice(-3)).toEqual(['meeting.roundOpened', 'meeting.countsEntered', 'meeting.roundClosed']);
  });

  it('a further round on the next names when fewer pass; one open round per group', async () => {
    const { campaignId } = await seedMeeting(app);
    const g = (await call('meeting.overview', { campaignId })).groups[0]!;
    const r1 = await call('meeting.openRound', { campaignId, groupId: g.id });
    expect(await codeOf(call('meeting.openRound', { campaignId, groupId: g.id }))).toBe('MEETING_ROUND_OPEN');
    await call('meeting.enterCounts', { campaignId, roundId: r1.id, entries: [
      { itemId: r1.items[0]!.itemId, counts: { yes: 6, no: 0, abstain: 0 } },
      { itemId: r1.items[1]!.itemId, counts: { yes: 2, no: 3, abstain: 0 } },
      { itemId: r1.items[2]!.itemId, counts: { yes: 3, no: 3, abstain: 0 } },
    ] });
    const closed = await call('meeting.closeRound', { campaignId, roundId: r1.id });
    expect(closed.result.seatsLeft).toBe(2);
    const next = (await call('meeting.overview', { campaignId })).groups[0]!;
    expect(next.proposed.map((id) => next.candidates.find((c) => c.itemId === id)!.title)).toEqual(SEED_TITLES.slice(3, 5));
    const r2 = await call('meeting.openRound', { campaignId, groupId: g.id });
    expect(r2.number).toBe(2);
    expect(r2.seats).toBe(2);
  });

  it('reads counts from a tally sheet', async () => {
    const { campaignId } = await seedMeeting(app);
    const g = (await call('meeting.overview', { campaignId })).groups[0]!;
    const r = await call('meeting.openRound', { campaignId, groupId: g.id });
    const ws = XLSX.utils.aoa_to_sheet([['项目', '赞成', '反对', '弃权'], ...r.items.map((i, k) => [i.title, 5 - k, k, 0])]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '计票');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const after = await call('meeting.importCounts', { campaignId, roundId: r.id, file: { name: '计票.xlsx', bytes } });
    expect(after.items.map((i) => i.counts)).toEqual([{ yes: 5, no: 0, abstain: 0 }, { yes: 4, no: 1, abstain: 0 }, { yes: 3, no: 2, abstain: 0 }]);
  });
});

describe('the result sheet', () => {
  it('exports, verifies valid; one number changed in a copy, or the hidden payload, makes it invalid', async () => {
    const { campaignId } = await votedCampaign();
    const out = await call('meeting.exportResultSheet', { campaignId });
    expect(out.digest).toMatch(/^[0-9a-f]{64}$/);
    const identity = await call('identity.show', {});
    const ok = await call('meeting.verify', { file: { name: out.name, bytes: new Uint8Array(out.bytes) } });
    expect(ok).toMatchObject({ kind: 'result-sheet', packageSignature: 'valid', signature: 'valid', signer: { name: '北京市科协秘书处', fingerprint: identity.fingerprint }, digest: out.digest, changes: [] });

    // The same state prints with the same digest.
    const print = await call('meeting.printView', { campaignId, lang: 'zh-CN' });
    expect(print.digest).toBe(out.digest);
    expect(print.html).toContain(identity.fingerprint);

    // One score changed in the ranking sheet (G2: the first item's score).
    const changed = await tamper(out.bytes, '排名 Ranking', 'G2', 99.5);
    const bad = await call('meeting.verify', { file: { name: 'copy.xlsx', bytes: changed } });
    expect(bad).toMatchObject({ packageSignature: 'invalid', signature: 'valid' });
    expect(bad.changes).toEqual([expect.objectContaining({ sheet: '排名 Ranking', cell: 'G2', found: '99.5' })]);

    // A vote count changed, then the signature's sheet kept but the payload edited.
    const votes = await tamper(out.bytes, '投票 Vote', 'G2', 1);
    expect((await call('meeting.verify', { file: { name: 'v.xlsx', bytes: votes } })).packageSignature).toBe('invalid');
    const hidden = new ExcelJS.Workbook();
    await hidden.xlsx.load(out.bytes as unknown as ArrayBuffer);
    const seal = hidden.getWorksheet('_paneldesk_seal')!;
    expect(seal.state).toBe('veryHidden');
    seal.eachRow((row) => {
      const v = row.getCell(2).value;
      if (row.getCell(1).value === 'payload' && typeof v === 'string') row.getCell(2).value = v.replace('"yes":6', '"yes":5');
    });
    const forged = await call('meeting.verify', { file: { name: 'f.xlsx', bytes: new Uint8Array(await hidden.xlsx.writeBuffer()) } });
    expect(forged.signature).toBe('invalid');
    expect(forged.packageSignature).toBe('invalid');

    // Saved again unchanged by another program: still valid.
    const resaved = await tamper(out.bytes, '签名 Signature', 'B1', '北京市科协秘书处');
    expect((await call('meeting.verify', { file: { name: 'r.xlsx', bytes: resaved } })).packageSignature).toBe('valid');

    // Recorded as a seal.
    expect((await call('meeting.overview', { campaignId })).seals).toEqual([expect.objectContaining({ digest: out.digest, selected: 3 })]);
  });

  it('holds every component, the raw scores under expert codes, the vote, every setting and the files', async () => {
    const { campaignId } = await votedCampaign();
    const out = await call('meeting.exportResultSheet', { campaignId });
    const wb = XLSX.read(out.bytes, { type: 'array' });
    const rows = (name: string) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1 });
    expect(rows('入选名单 Selected').slice(1).map((r) => r[3])).toEqual(SEED_TITLES.slice(0, 3));
    expect(rows('原始评分 Raw scores')[0]).toContain('专家 Expert');
    expect(new Set(rows('原始评分 Raw scores').slice(1).map((r) => r[2]))).toEqual(new Set(['A', 'B', 'C', 'D', 'E', 'F']));
    expect(JSON.stringify(rows('原始评分 Raw scores'))).not.toContain('专家1');
    expect(rows('排名 Ranking')[0]).toEqual(expect.arrayContaining(['平均分 Mean', '去极值平均 Trimmed mean', '极差 Span', '标准差 SD']));
    expect(rows('方法与设置 Method')).toContainEqual(['vote.passNumerator', 3]);
    expect(rows('文件 Files')[1]).toEqual(['推荐表 nominations', '推荐汇总.xlsx', expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(rows('投票 Vote').length).toBe(4);
  });

  it('refuses a file that is not a result sheet', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x']]), 'S');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    expect(await codeOf(call('meeting.verify', { file: { name: 'x.xlsx', bytes } }))).toBe('NOT_A_RESULT_SHEET');
  });
});

describe('the public list', () => {
  it('lists the selected with public fields only: no score, no expert', async () => {
    const { campaignId } = await votedCampaign();
    const out = await call('meeting.exportPublicList', { campaignId });
    const wb = XLSX.read(out.bytes, { type: 'array' });
    expect(wb.SheetNames).toEqual(['公示名单 Public list']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    expect(rows[0]).toEqual(['序号 No.', '会议名称 Conference', '主办单位 Organiser', '承办单位 Institution', '学科 Discipline', '推荐单位 Nominator']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(SEED_TITLES.slice(0, 3));
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/专家|得分|Score|Expert/);
    // No number but the running number.
    expect(rows.slice(1).flatMap((r) => r.slice(1)).some((v) => typeof v === 'number')).toBe(false);
  });
});

describe('the command line', () => {
  it('results export → { path, digest }; verify → result-sheet, valid; a changed copy → invalid', async () => {
    const { campaignId } = await votedCampaign();
    const identity = await call('identity.show', {});
    await app.close();
    const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'paneldesk.js');
    const pd = (...args: string[]) => spawnSync(process.execPath, [bin, ...args, '--data', data, '--json'], { encoding: 'utf8', env: { ...process.env, PANELDESK_DATA: '' } });
    const file = path.join(data, '结果表.xlsx');
    const ex = pd('results', 'export', file, '--campaign', campaignId);
    expect(ex.stderr).toBe('');
    const exported = JSON.parse(ex.stdout) as { path: string; digest: string };
    expect(exported).toEqual({ path: file, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const ok = JSON.parse(pd('verify', file).stdout) as Record<string, unknown>;
    expect(ok).toMatchObject({ kind: 'result-sheet', packageSignature: 'valid', signature: 'valid', signer: { name: '北京市科协秘书处', fingerprint: identity.fingerprint } });
    const copy = path.join(data, 'copy.xlsx');
    fs.writeFileSync(copy, await tamper(new Uint8Array(fs.readFileSync(file)), '入选名单 Selected', 'F2', 12));
    const bad = pd('verify', copy);
    expect(JSON.parse(bad.stdout)).toMatchObject({ kind: 'result-sheet', packageSignature: 'invalid', signature: 'valid' });
    app = await openApp({ dataDir: data });
  });
});
