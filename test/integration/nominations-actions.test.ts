import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallArgs, CallName, CallResult, NominationRow } from '../../shared/contract/index.ts';
import { openApp, type App } from '../../main/app.ts';
import { sheetBook, xlsxBytes } from '../../main/xlsx/test-zip.ts';
import { historyOf } from '../../shared/store/doc.ts';
import { dispatchOrThrow, codeOf } from '../support/calls.ts';

/** Issue 9, items 1–3 through the services: problems kept as reasons, reports kept, add/withdraw/delete/undo, near pairs cleared at once. */

let data: string;
let app: App;
const ctx = { door: 'test' as const, actor: 'secretary' };

async function start(opts: { importPartSize?: number } = {}) {
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-nom-act-'));
  app = await openApp({ dataDir: data, nominations: { ...opts } });
}
beforeEach(async () => start());
afterEach(async () => {
  await app.close();
  fs.rmSync(data, { recursive: true, force: true });
});

async function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  return dispatchOrThrow(app, name, args, ctx);
}


function book(rows: unknown[][], sheet = 'Sheet1'): Uint8Array<ArrayBuffer> {
  return xlsxBytes(sheetBook({ [sheet]: rows })) as Uint8Array<ArrayBuffer>;
}

async function importRows(campaignId: string, name: string, rows: unknown[][], nominator = '中国化学会') {
  const preview = await call('nominations.preview', { campaignId, file: { name, bytes: book(rows) }, nominator });
  return call('nominations.import', { campaignId, uploadId: preview.uploadId, nominator });
}

const HEADER = ['论文题目', '作者', '期刊', '发表年份', '学科', '被引次数'];
const paper = (title: string, citations: unknown = 10, year: unknown = 2025) => [title, '张三', 'Nature', year, '化学', citations];
const byLabel = (items: readonly NominationRow[]) => new Map(items.map((i) => [i.label, i]));

async function papers(): Promise<string> {
  return (await call('campaigns.create', { template: 'papers', name: '论文', year: 2026 })).id;
}

describe('a dropped value is never silent (item 1)', () => {
  it('"很多" in 被引次数 stays a reason with its cell and text until accepted; a hand edit fixes another; the report is kept', async () => {
    const id = await papers();
    const report = await importRows(id, '推荐.xlsx', [HEADER, paper('甲论文', '很多'), paper('乙论文', '若干')]);
    expect(report.issues.map((i) => [i.row, i.column, i.code])).toEqual([[2, 'F', 'NOT_A_NUMBER'], [3, 'F', 'NOT_A_NUMBER']]);
    let rows = byLabel((await call('nominations.list', { campaignId: id })).items);
    const a = rows.get('甲论文')!;
    expect(a.status).toBe('attention');
    const reason = a.reasons.find((r) => r.code === 'IMPORT_PROBLEM')!;
    expect(reason).toMatchObject({ status: 'attention', field: 'citations', values: { cell: 'F2', value: '很多', issue: 'NOT_A_NUMBER' } });

    await call('nominations.acceptProblem', { campaignId: id, id: a.id, key: String(reason.values!.key) });
    await call('nominations.edit', { campaignId: id, id: rows.get('乙论文')!.id, field: 'citations', value: '12' });
    rows = byLabel((await call('nominations.list', { campaignId: id })).items);
    expect(rows.get('甲论文')!.reasons.some((r) => r.code === 'IMPORT_PROBLEM')).toBe(false);
    expect(rows.get('乙论文')!.reasons.some((r) => r.code === 'IMPORT_PROBLEM')).toBe(false);
    const detail = await call('nominations.get', { campaignId: id, id: a.id });
    expect(detail.history[0]).toMatchObject({ type: 'nomination.problemAccepted', changes: [{ after: { field: 'citations', cell: 'F2', value: '很多' } }] });

    // Accepted by mistake: reopened, the reason is back and the history says so; reopening again changes nothing.
    await call('nominations.reopenProblem', { campaignId: id, id: a.id, key: String(reason.values!.key) });
    rows = byLabel((await call('nominations.list', { campaignId: id })).items);
    expect(rows.get('甲论文')!.reasons.some((r) => r.code === 'IMPORT_PROBLEM')).toBe(true);
    const reopened = await call('nominations.get', { campaignId: id, id: a.id });
    expect(reopened.history[0]).toMatchObject({ type: 'nomination.problemReopened', changes: [{ before: { field: 'citations', cell: 'F2', value: '很多' }, after: null }] });
    await call('nominations.reopenProblem', { campaignId: id, id: a.id, key: String(reason.values!.key) });
    expect((await call('nominations.get', { campaignId: id, id: a.id })).history).toHaveLength(reopened.history.length);

    const stored = await call('nominations.importReport', { campaignId: id, importId: report.import!.id });
    expect(stored).toMatchObject({ countsOnly: false, issueCount: 2, record: { file: '推荐.xlsx', nominator: '中国化学会', imported: 2 } });
    expect(stored.issues.map((i) => [i.sheet, i.row, i.column, i.value])).toEqual([['Sheet1', 2, 'F', '很多'], ['Sheet1', 3, 'F', '若干']]);
    expect(stored.issues[0]!.message).toContain('很多');
  });
});

describe('add, withdraw, delete (item 2)', () => {
  it('a nomination added by hand is read like an imported row; a bad value or a taken key is refused', async () => {
    const id = await papers();
    expect(await codeOf(call('nominations.add', { campaignId: id, values: { title: '手工论文', year: '去年' } }))).toBe('FIELD_INVALID');
    expect(await codeOf(call('nominations.add', { campaignId: id, values: { year: '2025' } }))).toBe('FIELD_INVALID');
    const row = await call('nominations.add', { campaignId: id, values: { title: '手工论文', year: '２０２５', journal: 'Science', nominator: '中国物理学会', citations: '15' } });
    expect(row).toMatchObject({ label: '手工论文', fields: { year: 2025, citations: 15 }, nominators: ['中国物理学会'] });
    expect(await codeOf(call('nominations.add', { campaignId: id, values: { title: '手工论文', year: 2025 } }))).toBe('NOMINATION_KEY_TAKEN');
    const doc = app.store.get(id)!;
    expect(historyOf(doc).at(-1)).toMatchObject({ type: 'nomination.added', subject: { label: '手工论文' } });
  });

  it('withdrawn is kept, out of the selection, with a note, and can be taken back; delete removes it and the history says what it was', async () => {
    const id = await papers();
    await importRows(id, 'a.xlsx', [HEADER, paper('甲论文'), paper('乙论文')]);
    const a = byLabel((await call('nominations.list', { campaignId: id })).items).get('甲论文')!;
    expect(await codeOf(call('nominations.withdraw', { campaignId: id, id: a.id, withdrawn: true, note: '' }))).toBe('BAD_ARGUMENTS');
    const w = await call('nominations.withdraw', { campaignId: id, id: a.id, withdrawn: true, note: '学会来函撤回' });
    expect(w).toMatchObject({ status: 'ineligible', withdrawn: { note: '学会来函撤回', actor: 'secretary' } });
    expect(w.reasons.at(-1)).toMatchObject({ code: 'WITHDRAWN', values: { note: '学会来函撤回' } });
    const back = await call('nominations.withdraw', { campaignId: id, id: a.id, withdrawn: false });
    expect(back.withdrawn).toBeUndefined();
    expect(back.reasons.some((r) => r.code === 'WITHDRAWN')).toBe(false);

    await call('nominations.delete', { campaignId: id, id: a.id });
    const list = await call('nominations.list', { campaignId: id });
    expect(list.items.map((r) => r.label)).toEqual(['乙论文']);
    expect(historyOf(app.store.get(id)!).at(-1)).toMatchObject({ type: 'nomination.deleted', changes: [{ before: { label: '甲论文', nominators: ['中国化学会'] }, after: null }] });
    expect(await codeOf(call('nominations.delete', { campaignId: id, id: a.id }))).toBe('NOT_FOUND');
  });
});

describe('undo an import (item 2)', () => {
  it('its rows leave; a row it replaced comes back; one edited by hand since is named and kept or removed as chosen', async () => {
    const id = await papers();
    await importRows(id, 'first.xlsx', [HEADER, paper('甲论文', 10), paper('乙论文', 20)]);
    const second = await importRows(id, 'second.xlsx', [HEADER, paper('甲论文', 11), paper('丙论文', 30), paper('丁论文', 40)]);
    expect(second).toMatchObject({ imported: 2, updated: 1 });
    // Another nominator's row joins 乙论文: undoing the second import must not touch it.
    await importRows(id, 'other.xlsx', [HEADER, paper('乙论文', 20)], '中国物理学会');
    let rows = byLabel((await call('nominations.list', { campaignId: id })).items);
    await call('nominations.edit', { campaignId: id, id: rows.get('丁论文')!.id, field: 'journal', value: 'Cell' });

    const ask = await call('nominations.undoImport', { campaignId: id, importId: second.import!.id });
    expect(ask).toMatchObject({ done: false, edited: [{ label: '丁论文' }] });
    expect((await call('nominations.list', { campaignId: id })).total).toBe(4);

    const done = await call('nominations.undoImport', { campaignId: id, importId: second.import!.id, keep: true });
    expect(done).toMatchObject({ done: true, removed: 1, updated: 1, kept: 1 });
    rows = byLabel((await call('nominations.list', { campaignId: id })).items);
    expect([...rows.keys()].sort()).toEqual(['丁论文', '乙论文', '甲论文']);
    expect(rows.get('甲论文')!.fields.citations).toBe(10);
    expect(rows.get('乙论文')!.nominators).toEqual(['中国化学会', '中国物理学会']);
    const entry = historyOf(app.store.get(id)!).at(-1)!;
    expect(entry).toMatchObject({ type: 'nominations.importUndone', import: { file: 'second.xlsx', undone: { removed: 1, kept: 1 } } });
    expect(await codeOf(call('nominations.undoImport', { campaignId: id, importId: second.import!.id }))).toBe('BAD_ARGUMENTS');

    // The first import undone with the edited nomination removed too.
    const first = app.store.get(id)!.imports[0]!;
    const again = await call('nominations.undoImport', { campaignId: id, importId: first.id, keep: false });
    expect(again).toMatchObject({ done: true, removed: 1, updated: 1 });
    expect((await call('nominations.list', { campaignId: id })).items.map((r) => [r.label, r.nominators])).toEqual([['乙论文', ['中国物理学会']], ['丁论文', ['中国化学会']]]);
  });

  it('an import in parts is undone whole', async () => {
    await app.close();
    fs.rmSync(data, { recursive: true, force: true });
    await start({ importPartSize: 2 });
    const id = await papers();
    const report = await importRows(id, 'big.xlsx', [HEADER, ...Array.from({ length: 7 }, (_, i) => paper(`论文${i}`))]);
    expect(report.imported).toBe(7);
    expect(app.store.get(id)!.importInProgress ?? null).toBeNull();
    const out = await call('nominations.undoImport', { campaignId: id, importId: report.import!.id });
    expect(out).toMatchObject({ done: true, removed: 7 });
    expect((await call('nominations.list', { campaignId: id })).total).toBe(0);
  });
});

describe('near pairs cleared at once (item 3)', () => {
  it('clears every pair in one history entry; conferences of another held year are not pairs', async () => {
    const id = await papers();
    await importRows(id, 'near.xlsx', [HEADER, paper('石墨烯材料的电子结构研究'), paper('石墨烯材料的电子结构研究进展'), paper('量子点发光器件的稳定性'), paper('量子点发光器件的稳定性研究')]);
    let list = await call('nominations.list', { campaignId: id });
    expect(list.nearPairs.total).toBe(2);
    const out = await call('nominations.clearNear', { campaignId: id });
    expect(out).toEqual({ cleared: 2, already: 0, stale: 0 });
    list = await call('nominations.list', { campaignId: id });
    expect(list.nearPairs.total).toBe(0);
    expect(list.items.every((r) => !r.reasons.some((x) => x.code === 'NEAR_DUPLICATE'))).toBe(true);
    const entry = historyOf(app.store.get(id)!).at(-1)!;
    expect(entry.type).toBe('nominations.distinctMany');
    expect(entry.changes).toHaveLength(2);
    expect(entry.changes.every((c) => typeof (c.after as { other?: unknown }).other === 'string' && typeof (c.after as { about?: unknown }).about === 'string')).toBe(true);
    expect(await call('nominations.clearNear', { campaignId: id })).toEqual({ cleared: 0, already: 0, stale: 0 });

    const conf = (await call('campaigns.create', { template: 'conferences', name: '会议', year: 2026 })).id;
    const preview = await call('nominations.preview', { campaignId: conf, nominator: '学会', file: { name: 'c.xlsx', bytes: book([['会议名称', '举办时间'], ['中国智能系统学术会议', '2025-06-01'], ['中国智能系统学术会议', '2026-06-01'], ['全国智能系统学术会议', '2026-06-02']]) } });
    await call('nominations.import', { campaignId: conf, uploadId: preview.uploadId, nominator: '学会' });
    const c = await call('nominations.list', { campaignId: conf });
    expect(c.total).toBe(3);
    // Same name, another year: two conferences, never a pair; the same year, a name alike: a pair.
    expect(c.nearPairs.total).toBe(1);
  });
});
