import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallArgs, CallName, CallResult, NominationRow } from '../../shared/contract/index.ts';
import { openApp, type App } from '../../main/app.ts';
import http from 'node:http';
import { sheetBook, writeZip, xlsxBytes, zipParts } from '../../main/xlsx/test-zip.ts';
import { startHost } from '../../main/server/host.ts';
import { fromBase64, toBase64 } from '../../shared/contract/codec.ts';
import { dispatchOrThrow, codeOf } from '../support/calls.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = path.resolve(repoRoot, 'test/fixtures/workbooks');
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(fixtures, name)));

let data: string;
let app: App;
const ctx = { door: 'test' as const, actor: 'secretary' };

beforeEach(async () => {
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-nom-'));
  app = await openApp({ dataDir: data });
});
afterEach(async () => {
  await app.close();
  fs.rmSync(data, { recursive: true, force: true });
});

async function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  return dispatchOrThrow(app, name, args, ctx);
}


async function campaign(template: 'papers' | 'conferences' | 'talent' | 'topics' = 'papers'): Promise<string> {
  return (await call('campaigns.create', { template, name: `测试 ${template}`, year: 2026 })).id;
}

async function importFile(campaignId: string, name: string, bytes: Uint8Array<ArrayBuffer>, extra: { nominator?: string; mapping?: { column: string; field: string | null }[]; sheet?: string; headerRow?: number } = {}) {
  const preview = await call('nominations.preview', { campaignId, file: { name, bytes }, ...extra });
  const report = await call('nominations.import', { campaignId, uploadId: preview.uploadId, ...extra });
  return { preview, report };
}

function book(rows: unknown[][], sheet = 'Sheet1'): Uint8Array<ArrayBuffer> {
  return xlsxBytes(sheetBook({ [sheet]: rows })) as Uint8Array<ArrayBuffer>;
}

const byTitle = (items: readonly NominationRow[]) => new Map(items.map((i) => [i.label, i]));

describe('importing the LibreOffice fixtures', () => {
  it('papers .xlsx: 4 papers from rows 4, 5, 7 and 8, values as the README says', async () => {
    const id = await campaign('papers');
    const { preview, report } = await importFile(id, 'papers-libreoffice.xlsx', fixture('papers-libreoffice.xlsx'), { nominator: '北京生物医学工程学会' });
    expect(preview).toMatchObject({ sheet: '推荐论文', headerRow: 3, mappingSource: 'guessed', totals: { rows: 4, good: 4, rejected: 0, new: 4, existing: 0 } });
    expect(preview.sheets.map((s) => s.name)).toEqual(['推荐论文', '说明']);
    expect(preview.rows.map((r) => [r.row, r.fate])).toEqual([[4, 'new'], [5, 'new'], [7, 'new'], [8, 'new']]);
    expect(report).toMatchObject({ imported: 4, updated: 0, unchanged: 0, rejected: 0 });
    expect(report.issues).toEqual([]); // the nominator was named: no missing 推荐单位 column

    const list = await call('nominations.list', { campaignId: id });
    expect(list.total).toBe(4);
    const t = byTitle(list.items);
    const a = t.get('可穿戴传感器的柔性电子研究')!;
    expect(a.fields).toMatchObject({ citations: 123, downloads: 4567, year: 2024, doi: '10.1002/adma.2024.00001' });
    expect(a.key).toBe('doi:10.1002/adma.2024.00001');
    expect(t.get('医学影像中的深度学习方法')!.fields.year).toBe(2025);
    const c = t.get('组织工程支架的三维打印')!;
    expect(c.fields.citations).toBe(45);
    expect('downloads' in c.fields).toBe(false); // '-' is no value, not 0
    expect(c.key).toMatch(/^title:.*\|2023$/); // no DOI: title and year
    expect(t.has('超长标题换行的论文：关于心血管植入器械的长期随访研究')).toBe(true);
    expect(a.nominators).toEqual(['北京生物医学工程学会']);

    const detail = await call('nominations.get', { campaignId: id, id: a.id });
    expect(detail.nomination.sources[0]).toMatchObject({ file: 'papers-libreoffice.xlsx', sheet: '推荐论文', row: 4, sha256: preview.sha256 });
    expect(detail.history[0]!.changes[0]).toMatchObject({ key: `nominations.${a.id}`, before: null });
  });

  it('papers .xls (BIFF8) reads the same 4 papers: importing it after the .xlsx changes nothing', async () => {
    const id = await campaign('papers');
    await importFile(id, 'papers-libreoffice.xlsx', fixture('papers-libreoffice.xlsx'), { nominator: '学会甲' });
    const before = app.store.get(id)!;
    const { report } = await importFile(id, 'papers-libreoffice.xls', fixture('papers-libreoffice.xls'), { nominator: '学会甲' });
    expect(report).toMatchObject({ imported: 0, updated: 0, unchanged: 4, rejected: 0, import: null });
    expect(app.store.get(id)!.seq).toBe(before.seq);
  });

  it('conferences with the 1904 date system: 4 conferences, dates, ranges, months and counts', async () => {
    const id = await campaign('conferences');
    const { report } = await importFile(id, 'conferences-1904-libreoffice.xlsx', fixture('conferences-1904-libreoffice.xlsx'));
    expect(report).toMatchObject({ imported: 4, rejected: 0 });
    const items = (await call('nominations.list', { campaignId: id })).items;
    const dates = items.map((i) => i.fields.dates);
    expect(dates).toEqual([
      { start: '2026-05-20', precision: 'day' },
      { start: '2026-06-08', end: '2026-06-10', precision: 'day' },
      { start: '2026-09-01', precision: 'month' },
      { start: '2026-10-16', precision: 'day' },
    ]);
    const attendees = items.map((i) => i.fields.attendees);
    expect(attendees).toContain(800);
    expect(attendees).toContain(1200);
    // The workbook names its nominators (推荐单位), so the nominator need not be given.
    expect(items.every((i) => i.nominators.length === 1)).toBe(true);
  });
});

describe('importing again', () => {
  it('re-importing the same file is unchanged, and nothing in the store changes', async () => {
    const id = await campaign('papers');
    await importFile(id, 'p.xlsx', fixture('papers-libreoffice.xlsx'), { nominator: '学会甲' });
    const before = JSON.stringify(app.store.get(id));
    const { preview, report } = await importFile(id, 'p.xlsx', fixture('papers-libreoffice.xlsx'), { nominator: '学会甲' });
    expect(preview.rows.map((r) => r.fate)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(report).toMatchObject({ imported: 0, updated: 0, unchanged: 4, import: null });
    expect(JSON.stringify(app.store.get(id))).toBe(before);
  });

  it('the same paper from a second society is one nomination with two nominators', async () => {
    const id = await campaign('papers');
    await importFile(id, 'a.xlsx', fixture('papers-libreoffice.xlsx'), { nominator: '北京生物医学工程学会' });
    const second = book([
      ['论文题目', '作者', '期刊', '发表年份', 'DOI', '学科', '推荐单位'],
      ['可穿戴传感器的柔性电子研究', '陈一，刘二', 'Advanced Materials', '2024', 'doi:10.1002/adma.2024.00001', '材料科学', '中国材料研究学会'],
    ]);
    const { preview, report } = await importFile(id, 'b.xlsx', second);
    expect(preview.rows[0]!.fate).toBe('adds-nominator');
    expect(report).toMatchObject({ imported: 0, updated: 1 });
    const list = await call('nominations.list', { campaignId: id });
    expect(list.total).toBe(4);
    const a = byTitle(list.items).get('可穿戴传感器的柔性电子研究')!;
    expect(a.nominators).toEqual(['北京生物医学工程学会', '中国材料研究学会']);
    expect(list.facets.nominators).toHaveLength(2);
    const filtered = await call('nominations.list', { campaignId: id, nominator: '中国材料研究学会' });
    expect(filtered.items.map((i) => i.id)).toEqual([a.id]);
  });

  it('a hand edit survives a re-import of a changed row; a changed row replaces its nominator\'s source', async () => {
    const id = await campaign('papers');
    const rows = (citations: number, journal: string) => book([
      ['题目', '作者', '刊名', '年份', '学科', '引用次数'],
      ['一篇论文', '甲', journal, 2025, '化学', citations],
    ]);
    await importFile(id, 'a.xlsx', rows(10, 'J Chem'), { nominator: '学会甲' });
    const [n] = (await call('nominations.list', { campaignId: id })).items;
    const edited = await call('nominations.edit', { campaignId: id, id: n!.id, field: 'journal', value: 'Journal of Chemistry' });
    expect(edited).toMatchObject({ edited: ['journal'], fields: { journal: 'Journal of Chemistry' } });
    const { report } = await importFile(id, 'a2.xlsx', rows(12, 'J. Chem.'), { nominator: '学会甲' });
    expect(report).toMatchObject({ imported: 0, updated: 1 });
    const after = (await call('nominations.get', { campaignId: id, id: n!.id }));
    expect(after.fields).toMatchObject({ journal: 'Journal of Chemistry', citations: 12 });
    expect(after.nomination.sources).toHaveLength(1);
    expect(after.history.map((h) => h.type)).toEqual(['nominations.imported', 'nomination.edited', 'nominations.imported']);
    // Imports are one short entry each; the nomination's lines come from its sources: the row a2.xlsx replaced
    // (what it said before is not kept: the import's counts say a row changed), and its creation by a.xlsx.
    expect(after.history[0]).toMatchObject({ import: { file: 'a2.xlsx', imported: 0, updated: 1, unchanged: 0 }, changes: [{ key: `nominations.${n!.id}.sources`, before: null, after: { nominator: '学会甲', file: 'a2.xlsx', row: 2 } }] });
    expect(after.history[2]).toMatchObject({ import: { file: 'a.xlsx', imported: 1 }, changes: [{ key: `nominations.${n!.id}`, before: null, after: { file: 'a.xlsx', nominator: '学会甲' } }] });
  });

  it('a hand-corrected DOI re-keys the nomination: the original file again is unchanged, the corrected DOI finds it, another nomination\'s key is refused', async () => {
    const id = await campaign('papers');
    const original = fixture('papers-libreoffice.xlsx');
    await importFile(id, 'p.xlsx', original, { nominator: '学会甲' });
    const list = await call('nominations.list', { campaignId: id });
    const a = byTitle(list.items).get('可穿戴传感器的柔性电子研究')!;
    expect(a.key).toBe('doi:10.1002/adma.2024.00001');
    const fixed = await call('nominations.edit', { campaignId: id, id: a.id, field: 'doi', value: 'https://doi.org/10.1002/ADMA.2024.00777' });
    expect(fixed).toMatchObject({ id: a.id, key: 'doi:10.1002/adma.2024.00777', edited: ['doi'], fields: { doi: '10.1002/adma.2024.00777' } });
    expect(app.store.get(id)!.nominations.find((n) => n.id === a.id)!.aliases).toEqual(['doi:10.1002/adma.2024.00001']);

    // The society's file again, still with the old DOI: found under the old key, unchanged, the hand edit kept.
    const { preview, report } = await importFile(id, 'p.xlsx', original, { nominator: '学会甲' });
    expect(preview.rows.map((r) => r.fate)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(preview.totals).toMatchObject({ new: 0, existing: 4 });
    expect(report).toMatchObject({ imported: 0, updated: 0, unchanged: 4, import: null });
    const after = await call('nominations.list', { campaignId: id });
    expect(after.total).toBe(4);
    expect(after.items.find((r) => r.id === a.id)).toMatchObject({ key: 'doi:10.1002/adma.2024.00777', fields: { doi: '10.1002/adma.2024.00777' } });

    // Another society's row with the corrected DOI is the same nomination (a duplicate by the corrected identity).
    const second = book([
      ['论文题目', '作者', '期刊', '发表年份', 'DOI', '学科', '推荐单位'],
      ['可穿戴柔性电子传感器研究', '陈一', 'Advanced Materials', 2024, '10.1002/adma.2024.00777', '材料科学', '中国材料研究学会'],
    ]);
    const joined = await importFile(id, 'b.xlsx', second);
    expect(joined.preview.rows[0]!.fate).toBe('adds-nominator');
    expect((await call('nominations.get', { campaignId: id, id: a.id })).nominators).toEqual(['学会甲', '中国材料研究学会']);

    // Giving another paper this DOI (or the old one, which a is still found by) is refused, naming a; nothing saved.
    const b = after.items.find((r) => r.id !== a.id && r.key.startsWith('doi:'))!;
    const seq = app.store.get(id)!.seq;
    for (const doi of ['10.1002/adma.2024.00777', '10.1002/adma.2024.00001']) {
      const r = await app.dispatch('nominations.edit', { campaignId: id, id: b.id, field: 'doi', value: doi }, ctx);
      expect(r).toMatchObject({ ok: false, error: { code: 'NOMINATION_KEY_TAKEN', values: { field: 'doi', key: `doi:${doi}`, otherId: a.id, otherLabel: '可穿戴传感器的柔性电子研究' } } });
    }
    expect(app.store.get(id)!.seq).toBe(seq);

    // The history says the key changed; typing the file's DOI back returns to it.
    const detail = await call('nominations.get', { campaignId: id, id: a.id });
    expect(detail.history.flatMap((h) => h.changes)).toContainEqual({ key: `nominations.${a.id}.key`, before: 'doi:10.1002/adma.2024.00001', after: 'doi:10.1002/adma.2024.00777' });
    const back = await call('nominations.edit', { campaignId: id, id: a.id, field: 'doi', value: '10.1002/adma.2024.00001' });
    expect(back).toMatchObject({ key: 'doi:10.1002/adma.2024.00001', edited: [] });
  });

  it('a corrected conference name re-keys it; a name and year another conference has is refused', async () => {
    const id = await campaign('conferences');
    await importFile(id, 'c.xlsx', book([
      ['会议名称', '主办单位', '举办时间', '学科', '推荐单位'],
      ['中国化学会第35届学术年会', '中国化学会', '2026-05-20', '化学', '中国化学会'],
      ['全国物理学大会', '中国物理学会', '2026-08-01', '物理学', '中国物理学会'],
    ]));
    const t = byTitle((await call('nominations.list', { campaignId: id })).items);
    const chem = t.get('中国化学会第35届学术年会')!;
    const phys = t.get('全国物理学大会')!;
    expect((await call('nominations.edit', { campaignId: id, id: chem.id, field: 'name', value: '中国化学会第三十五届学术年会' })).key).toBe('name:中国化学会第三十五届学术年会|2026');
    expect(await codeOf(call('nominations.edit', { campaignId: id, id: phys.id, field: 'name', value: '中国化学会第三十五届学术年会' }))).toBe('NOMINATION_KEY_TAKEN');
    // Another year is another conference: allowed.
    expect((await call('nominations.edit', { campaignId: id, id: phys.id, field: 'dates', value: '2025-08-01' })).key).toBe('name:全国物理学大会|2025');
  });

  it('remembers the mapping a nominator\'s workbook needed, and offers it next time', async () => {
    const id = await campaign('papers');
    const odd = book([
      ['成果名称', '完成人', '载体', '时间', '领域'],
      ['论文甲', '张三', '期刊甲', 2025, '物理学'],
    ]);
    const mapping = [{ column: 'A', field: 'title' }, { column: 'B', field: 'authors' }, { column: '载体', field: 'journal' }, { column: 'D', field: 'year' }, { column: 'E', field: 'discipline' }];
    const first = await importFile(id, 'odd.xlsx', odd, { nominator: '中国物理学会', mapping });
    expect(first.preview.mappingSource).toBe('given');
    expect(first.report.imported).toBe(1);
    const next = book([
      ['成果名称', '完成人', '载体', '时间', '领域'],
      ['论文乙', '李四', '期刊乙', 2024, '物理学'],
    ]);
    const again = await call('nominations.preview', { campaignId: id, file: { name: 'odd2.xlsx', bytes: next }, nominator: '中国物理学会 ' });
    expect(again.mappingSource).toBe('remembered');
    expect(again.columns.map((c) => c.field)).toEqual(['title', 'authors', 'journal', 'year', 'discipline']);
    const other = await call('nominations.preview', { campaignId: id, uploadId: again.uploadId, nominator: '另一学会' });
    expect(other.mappingSource).toBe('guessed');
    // No nominator named (a file naming its nominators in its rows): a remembered layout that fits is used.
    const unnamed = await call('nominations.preview', { campaignId: id, uploadId: again.uploadId });
    expect(unnamed.mappingSource).toBe('remembered');
  });

  it('the header row can be corrected', async () => {
    const id = await campaign('papers');
    const bytes = book([['说明：请按表填写'], ['x', 'y'], ['题目', '作者', '刊名', '年份'], ['论文甲', '张三', '期刊', 2025]]);
    const p = await call('nominations.preview', { campaignId: id, file: { name: 'h.xlsx', bytes }, headerRow: 3 });
    expect(p.headerRow).toBe(3);
    expect(p.rows.map((r) => r.row)).toEqual([4]);
  });
});

describe('a workbook with several sheets', () => {
  const header = ['序号', '论文题目', '作者', '来源载体', '发表年份', '学科', '推荐单位'];
  const multi = () => xlsxBytes(sheetBook({
    填表说明: [['填表说明'], ['1. 每篇论文填一行，论文题目、期刊、发表年份为必填项。'], ['2. 学科请按学会的学科分类填写。']],
    化学: [header, [1, '化学论文甲', '张三', 'JACS', 2025, '化学', '中国化学会'], [2, '化学论文乙', '李四', 'Nature Chemistry', 2024, '化学', '中国化学会']],
    物理学: [['2026年度推荐（物理学）'], header, [1, '物理论文甲', '王五', 'PRL', 2025, '物理学', '中国化学会'], [2, '物理论文乙', '赵六', 'PRB', 2025, '物理学', '中国化学会'], [3, '物理论文丙', '钱七', 'Science', 2024, '物理学', '中国化学会']],
    模板: [header, [1], [2], [3]],
    Sheet5: [],
  })) as Uint8Array<ArrayBuffer>;

  it('each sheet says its data rows, or why it has nothing to import', async () => {
    const id = await campaign('papers');
    const p = await call('nominations.preview', { campaignId: id, file: { name: 'm.xlsx', bytes: multi() } });
    expect(p.sheet).toBe('化学');
    expect(p.sheets.map((s) => [s.name, s.skip, s.dataRows, s.headerRow])).toEqual([
      ['填表说明', 'no-header', 0, null],
      ['化学', null, 2, 0],
      ['物理学', null, 3, 1],
      ['模板', 'no-rows', 0, 0], // only its 序号 filled in: a blank template
      ['Sheet5', 'empty', 0, null],
    ]);
    expect(p.sheets.every((s) => s.hidden === false)).toBe(true);
  });

  it('sheet after sheet from one upload: the mapping fixed on the first is remembered for the nominator and applies to the next', async () => {
    const id = await campaign('papers');
    const mapping = [{ column: '来源载体', field: 'journal' }];
    const first = await call('nominations.preview', { campaignId: id, file: { name: 'm.xlsx', bytes: multi() }, nominator: '中国化学会', mapping });
    expect(first).toMatchObject({ sheet: '化学', mappingSource: 'given' });
    const a = await call('nominations.import', { campaignId: id, uploadId: first.uploadId, sheet: '化学', nominator: '中国化学会', mapping });
    expect(a).toMatchObject({ imported: 2, rejected: 0 });
    // The next sheet, from the same upload (no file sent again), with the nominator only: its remembered layout.
    const second = await call('nominations.preview', { campaignId: id, uploadId: first.uploadId, sheet: '物理学', nominator: '中国化学会' });
    expect(second).toMatchObject({ sheet: '物理学', headerRow: 2, mappingSource: 'remembered', totals: { good: 3, rejected: 0, new: 3 } });
    expect(second.columns.find((c) => c.header === '来源载体')!.field).toBe('journal');
    const b = await call('nominations.import', { campaignId: id, uploadId: first.uploadId, sheet: '物理学', nominator: '中国化学会' });
    expect(b).toMatchObject({ imported: 3, rejected: 0 });
    const list = await call('nominations.list', { campaignId: id });
    expect(list.total).toBe(5);
    expect(list.items.find((r) => r.label === '物理论文丙')!.fields.journal).toBe('Science');
    expect(app.store.get(id)!.imports.map((r) => r.sheet)).toEqual(['化学', '物理学']);
  });

  it('a sheet whose headers only a nominator\'s remembered layout knows is a data sheet for that nominator', async () => {
    const id = await campaign('papers');
    const odd = ['成果名称', '完成人', '载体', '时间', '领域'];
    const bytes = xlsxBytes(sheetBook({ 甲: [odd, ['论文甲', '张三', '期刊甲', 2025, '物理学']], 乙: [odd, ['论文乙', '李四', '期刊乙', 2024, '物理学']] })) as Uint8Array<ArrayBuffer>;
    const mapping = [{ column: 'A', field: 'title' }, { column: 'B', field: 'authors' }, { column: 'C', field: 'journal' }, { column: 'D', field: 'year' }, { column: 'E', field: 'discipline' }];
    const before = await call('nominations.preview', { campaignId: id, file: { name: 'odd.xlsx', bytes }, nominator: '学会甲' });
    expect(before.sheets.map((s) => s.skip)).toEqual(['no-header', 'no-header']);
    const report = await call('nominations.import', { campaignId: id, uploadId: before.uploadId, sheet: '甲', nominator: '学会甲', mapping });
    // The report reads the sheets again with the layout it remembered: the other sheet is offered now.
    expect(report.sheets.map((s) => [s.name, s.skip, s.dataRows])).toEqual([['甲', null, 1], ['乙', null, 1]]);
    const after = await call('nominations.preview', { campaignId: id, uploadId: before.uploadId, sheet: '乙', nominator: '学会甲' });
    expect(after.sheets.map((s) => [s.skip, s.dataRows])).toEqual([[null, 1], [null, 1]]);
    expect(after).toMatchObject({ mappingSource: 'remembered', totals: { good: 1 } });
  });
});

describe('untrusted files', () => {
  it('refuses hostile or wrong files with clear codes, and changes nothing', async () => {
    const id = await campaign('papers');
    const seq = app.store.get(id)!.seq;
    const cases: [string, Uint8Array<ArrayBuffer>, string][] = [
      ['notes.txt', new TextEncoder().encode('题目\t作者\n'), 'FILE_NOT_WORKBOOK'],
      ['scan.xlsx', new TextEncoder().encode('%PDF-1.7\n1 0 obj'), 'FILE_NOT_WORKBOOK'],
      ['empty.xlsx', new Uint8Array(0), 'FILE_EMPTY'],
      ['bomb.xlsx', writeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.xml', data: '<workbook/>', zip64Size: 10 * 1024 ** 3 }]) as Uint8Array<ArrayBuffer>, 'FILE_ZIP_BOMB'],
      ['secret.xlsx', writeZip([{ name: 'xl/workbook.xml', data: '<w/>', flags: 1 }]) as Uint8Array<ArrayBuffer>, 'FILE_ENCRYPTED'],
    ];
    for (const [name, bytes, code] of cases) {
      expect(await codeOf(call('nominations.preview', { campaignId: id, file: { name, bytes } })), name).toBe(code);
    }
    expect(app.store.get(id)!.seq).toBe(seq);
    expect(await codeOf(call('nominations.import', { campaignId: id, uploadId: 'u-gone' }))).toBe('UPLOAD_EXPIRED');
  });

  it('a sheet without a header says so, and imports nothing', async () => {
    const id = await campaign('papers');
    const { preview, report } = await importFile(id, 'x.xlsx', book([['甲', '乙'], [1, 2]]));
    expect(preview.headerRow).toBeNull();
    expect(report.issues.map((i) => i.code)).toEqual(['HEADER_NOT_FOUND']);
    expect(report).toMatchObject({ imported: 0, import: null });
  });

  it('a formula-like title is stored as text and exported as text (a quotePrefix cell, no visible apostrophe)', async () => {
    const id = await campaign('papers');
    await importFile(id, 'f.xlsx', book([['题目', '作者', '刊名', '年份'], ['=HYPERLINK("http://x","点我")', '甲', 'J', 2025]]), { nominator: '学会' });
    const exp = await call('nominations.export', { campaignId: id });
    const wb = XLSX.read(exp.bytes, { type: 'array' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    expect(rows[1]).toContain('=HYPERLINK("http://x","点我")');
    // Text, never a formula: the cell is a string, its style quotePrefix.
    const sheet = wb.Sheets[wb.SheetNames[0]!]!;
    const ref = Object.keys(sheet).find((k) => (sheet[k] as { v?: unknown }).v === '=HYPERLINK("http://x","点我")')!;
    expect((sheet[ref] as { t: string; f?: string }).t).toBe('s');
    expect((sheet[ref] as { f?: string }).f).toBeUndefined();
    const styles = new TextDecoder().decode(zipParts(exp.bytes).find((p) => p.name.endsWith('xl/styles.xml'))!.data);
    expect(styles).toContain('quotePrefix="1"');
  });
});

describe('checking, correcting and resolving', () => {
  it('edits are parsed as an import would; a bad value is refused with the parser\'s code and nothing saved', async () => {
    const id = await campaign('papers');
    await importFile(id, 'p.xlsx', fixture('papers-libreoffice.xlsx'), { nominator: '学会甲' });
    const [n] = (await call('nominations.list', { campaignId: id })).items;
    const seq = app.store.get(id)!.seq;
    const r = await app.dispatch('nominations.edit', { campaignId: id, id: n!.id, field: 'citations', value: 'many' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'FIELD_INVALID', values: { field: 'citations', code: 'NOT_A_NUMBER' } } });
    expect(app.store.get(id)!.seq).toBe(seq);
    expect(await call('nominations.edit', { campaignId: id, id: n!.id, field: 'citations', value: '１,２００' })).toMatchObject({ fields: { citations: 1200 }, edited: ['citations'] });
    // Typing back what the workbook said removes the correction.
    const back = await call('nominations.edit', { campaignId: id, id: n!.id, field: 'citations', value: 123 });
    expect(back).toMatchObject({ fields: { citations: 123 }, edited: [] });
    expect(await codeOf(call('nominations.edit', { campaignId: id, id: n!.id, field: 'bogus', value: 1 }))).toBe('BAD_ARGUMENTS');
    expect(await codeOf(call('nominations.edit', { campaignId: id, id: 'n-none', field: 'title', value: 'x' }))).toBe('NOT_FOUND');
  });

  it('statuses follow the campaign\'s rules; overrides replace them with a note; list filters and facets', async () => {
    const id = await campaign('papers');
    await call('campaigns.set', { id, assignments: [{ key: 'eligibility.yearFrom', value: 2024 }, { key: 'eligibility.beijingNames', value: '清华大学医学院' }] });
    await importFile(id, 'p.xlsx', fixture('papers-libreoffice.xlsx'), { nominator: '学会甲' });
    const list = await call('nominations.list', { campaignId: id });
    const old = byTitle(list.items).get('组织工程支架的三维打印')!;
    expect(old.status).toBe('ineligible');
    expect(old.reasons.map((r) => r.code)).toEqual(['YEAR_OUTSIDE_WINDOW']);
    expect(list.facets.statuses).toEqual({ eligible: 3, attention: 0, ineligible: 1 });
    expect((await call('nominations.list', { campaignId: id, status: 'ineligible' })).items.map((i) => i.id)).toEqual([old.id]);
    expect((await call('nominations.list', { campaignId: id, text: 'ADMA' })).total).toBe(1);
    expect((await call('nominations.list', { campaignId: id, text: '深度 学习' })).total).toBe(1);
    expect((await call('nominations.list', { campaignId: id, discipline: '生物学' })).total).toBe(2);
    expect(list.facets.disciplines).toEqual(['材料科学', '生物学'].sort((a, b) => a.localeCompare(b, 'zh-CN')));

    const bad = await app.dispatch('nominations.override', { campaignId: id, id: old.id, status: 'eligible', note: '' }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    const o = await call('nominations.override', { campaignId: id, id: old.id, status: 'eligible', note: '2023年12月在线发表，按正式出版年计' });
    expect(o.status).toBe('eligible');
    expect(o.reasons.map((r) => r.code)).toEqual(['YEAR_OUTSIDE_WINDOW', 'OVERRIDDEN']);
    const cleared = await call('nominations.override', { campaignId: id, id: old.id, status: null, note: '' });
    expect(cleared.status).toBe('ineligible');
  });

  it('talent: the age limit at the reference date, an unknown birth date needs attention', async () => {
    const id = await campaign('talent');
    await call('campaigns.set', { id, assignments: [{ key: 'eligibility.referenceDate', value: '2026-06-30' }] });
    await importFile(id, 't.xlsx', book([
      ['姓名', '性别', '出生年月', '工作单位', '学科', '推荐单位'],
      ['张青', '女', '1992年3月', '北京大学', '化学', '中国化学会'],
      ['李长', '男', '1989-01-15', '清华大学', '物理学', '中国物理学会'],
      ['王未', '男', '', '北京理工大学', '数学', '中国数学会'],
    ]));
    const t = byTitle((await call('nominations.list', { campaignId: id })).items);
    expect(t.get('张青')!.status).toBe('eligible');
    expect(t.get('李长')!.reasons).toEqual([{ code: 'OVER_AGE_LIMIT', status: 'ineligible', field: 'birthDate', values: { age: 37, limit: 35, referenceDate: '2026-06-30' } }]);
    expect(t.get('王未')!.status).toBe('attention');
    expect(t.get('王未')!.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['REQUIRED_MISSING', 'AGE_UNKNOWN']));
  });

  it('near duplicates need attention until resolved as different, or merged into one', async () => {
    const id = await campaign('papers');
    await importFile(id, 'a.xlsx', book([
      ['题目', '作者', '刊名', '年份', '学科'],
      ['基于深度学习的医学影像分割方法研究', '甲', 'J1', 2025, '医学'],
      ['完全不同的另一篇论文题目', '乙', 'J2', 2025, '医学'],
    ]), { nominator: '学会甲' });
    const { preview } = await importFile(id, 'b.xlsx', book([
      ['题目', '作者', '刊名', '年份', '学科'],
      ['基于深度学习的医学影像分割方法研究。', '甲', 'J1', 2024, '医学'],
      ['基于深度学习的医学影像分割方法的研究', '丙', 'J3', 2025, '医学'],
    ]), { nominator: '学会乙' });
    expect(preview.nearMatches.length).toBeGreaterThanOrEqual(2);
    const list = await call('nominations.list', { campaignId: id });
    expect(list.total).toBe(4);
    const near = list.items.filter((i) => i.reasons.some((r) => r.code === 'NEAR_DUPLICATE'));
    expect(near.length).toBe(3);
    const [a] = list.items;
    const detail = await call('nominations.get', { campaignId: id, id: a!.id });
    expect(detail.nearMatches.length).toBe(2);
    const [m1, m2] = detail.nearMatches;
    const merged = await call('nominations.resolveMatch', { campaignId: id, id: a!.id, otherId: m1!.id, same: true });
    expect(merged.kept.nominators).toEqual(['学会甲', '学会乙']);
    await call('nominations.resolveMatch', { campaignId: id, id: a!.id, otherId: m2!.id, same: false });
    const after = await call('nominations.list', { campaignId: id });
    expect(after.total).toBe(3);
    expect(after.items.filter((i) => i.reasons.some((r) => r.code === 'NEAR_DUPLICATE'))).toEqual([]);
    expect(await codeOf(call('nominations.get', { campaignId: id, id: m1!.id }))).toBe('NOT_FOUND');
  });
});

describe('near matches counted', () => {
  // Titles that differ in words, not numbers: a differing number (第13届, 2025) sets two nominations apart.
  const tag = (i: number) => [...String(i).padStart(3, '0')].map((d) => '甲乙丙丁戊己庚辛壬癸'[Number(d)]).join('');
  const alike = (from: number, to: number) => [
    ['题目', '作者', '刊名', '年份', '学科'],
    ...Array.from({ length: to - from }, (_, i) => [`基于深度学习的医学影像分割方法研究与临床应用进展（${tag(from + i)}）`, '甲', 'J', 2025, '医学']),
  ];

  it('the list says how many pairs it flags and whether the search stopped at its cap; the preview lists the 50 most alike and counts all', async () => {
    const id = await campaign('papers');
    await importFile(id, 'a.xlsx', book(alike(0, 60)), { nominator: '学会甲' });
    const list = await call('nominations.list', { campaignId: id, limit: 1 });
    expect(list.nearPairs).toEqual({ total: (60 * 59) / 2, truncated: false });
    // Filters do not change it: it is the campaign's.
    expect((await call('nominations.list', { campaignId: id, text: 'nothing like it' })).nearPairs.total).toBe(1770);
    const [a, b] = (await call('nominations.list', { campaignId: id, limit: 2 })).items;
    await call('nominations.resolveMatch', { campaignId: id, id: a!.id, otherId: b!.id, same: false });
    expect((await call('nominations.list', { campaignId: id, limit: 1 })).nearPairs).toEqual({ total: 1769, truncated: false });

    // 60 more: 1,770 pairs within the file and 3,600 with the campaign, past the 5,000 the search stops at.
    const preview = await call('nominations.preview', { campaignId: id, file: { name: 'b.xlsx', bytes: book(alike(60, 120)) }, nominator: '学会乙' });
    expect(preview.nearPairs).toEqual({ total: 5_000, truncated: true });
    expect(preview.nearMatches).toHaveLength(50);
    const sims = preview.nearMatches.map((m) => m.similarity);
    expect(sims).toEqual([...sims].sort((x, y) => y - x));
    const few = await call('nominations.preview', { campaignId: id, uploadId: preview.uploadId, nominator: '学会乙', nearLimit: 3 });
    expect(few.nearMatches).toEqual(preview.nearMatches.slice(0, 3));
    expect(few.nearPairs).toEqual(preview.nearPairs);
    await call('nominations.import', { campaignId: id, uploadId: preview.uploadId, nominator: '学会乙' });
    expect((await call('nominations.list', { campaignId: id, limit: 1 })).nearPairs).toMatchObject({ truncated: true });

    // A file alike with nothing: nothing listed, nothing counted.
    const other = await call('nominations.preview', { campaignId: id, file: { name: 'c.xlsx', bytes: book([['题目', '作者', '刊名', '年份'], ['完全不同的另一篇论文', '乙', 'J', 2025]]) }, nominator: '学会丙' });
    expect(other).toMatchObject({ nearMatches: [], nearPairs: { total: 0, truncated: false } });
  });
});

describe('exports', () => {
  it('the campaign\'s list: real numbers and dates, statuses and reasons in both languages, frozen header, autofilter', async () => {
    const id = await campaign('conferences');
    await importFile(id, 'c.xlsx', fixture('conferences-1904-libreoffice.xlsx'));
    const exp = await call('nominations.export', { campaignId: id });
    expect(exp.name).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.bytes.buffer.slice(exp.bytes.byteOffset, exp.bytes.byteOffset + exp.bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (title: string) => header.findIndex((h) => h.startsWith(title)) + 1;
    const first = ws.getRow(2);
    expect(first.getCell(col('举办时间')).value).toEqual(new Date(Date.UTC(2026, 4, 20)));
    expect(typeof first.getCell(col('参会人数')).value).toBe('number');
    expect(String(first.getCell(col('形式审查')).value)).toMatch(/^(符合 Eligible|需关注 Needs attention|不符合 Ineligible)$/);
    const statusWords = [2, 3, 4, 5].map((r) => String(ws.getRow(r).getCell(col('形式审查')).value));
    expect(statusWords.length).toBe(4);
  });

  it('the rejected rows of an upload, with their cells and problems, to send back', async () => {
    const id = await campaign('papers');
    const bytes = book([
      ['题目', '作者', '刊名', '年份', 'DOI'],
      ['好论文', '甲', 'J', 2025, '10.1000/ok'],
      [null, '乙', 'J', 2025, null],
      ['坏DOI论文', '丙', 'J', 2025, 'not-a-doi'],
    ]);
    const { preview, report } = await importFile(id, 'r.xlsx', bytes, { nominator: '学会' });
    expect(report).toMatchObject({ imported: 2, rejected: 1 });
    const out = await call('nominations.exportRejected', { campaignId: id, uploadId: preview.uploadId });
    expect(out.name).toBe('r-需修改.xlsx');
    const wb = XLSX.read(out.bytes, { type: 'array' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    expect(rows[0]!.slice(0, 4)).toEqual(['原行号 Row', '处理 Outcome', '问题 Problems', '题目']);
    expect(rows.slice(1).map((r) => r[0])).toEqual([3, 4]);
    expect(String(rows[1]![1])).toMatch(/未导入/);
    expect(String(rows[1]![2])).toMatch(/A3/);
    expect(String(rows[2]![2])).toMatch(/E4.*DOI/);
    expect(rows[2]![7]).toBe('not-a-doi');
  });
});

describe('exports off the event loop', () => {
  it('a big export is written in the worker: the event loop is never held long, the cells as on main', async () => {
    const rows: unknown[][] = [['题目', '作者', '刊名', '年份', '被引次数', '学科']];
    for (let i = 0; i < 3_000; i++) rows.push([i === 0 ? '=1+1' : `第${i}篇论文：某方向的研究进展`, '甲', 'J', 2025, i, '化学']);
    const id = await campaign('papers');
    await importFile(id, 'big.xlsx', book(rows), { nominator: '学会' });
    expect((await call('nominations.list', { campaignId: id, limit: 1 })).total).toBe(3_000);
    // The longest the event loop is held while the export runs: written on main, 3,000 rows hold it ~0.6 s.
    let last = performance.now();
    let longest = 0;
    const tick = setInterval(() => {
      const t = performance.now();
      longest = Math.max(longest, t - last);
      last = t;
    }, 5);
    const exp = await call('nominations.export', { campaignId: id }).finally(() => clearInterval(tick));
    expect(longest).toBeLessThan(Number(process.env.PROBE_LIMIT ?? 250));
    const wb = XLSX.read(exp.bytes, { type: 'array' });
    const out = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    expect(out).toHaveLength(3_001);
    const header = out[0] as string[];
    expect(out[1]![header.findIndex((h) => h.startsWith('论文题目'))]).toBe('=1+1');
    expect(out[3_000]![header.findIndex((h) => h.startsWith('被引次数'))]).toBe(2_999);
  });
});

describe('export jobs', () => {
  async function bigCampaign(n: number): Promise<string> {
    const rows: unknown[][] = [['题目', '作者', '刊名', '年份', '被引次数', '学科']];
    for (let i = 0; i < n; i++) rows.push([`第${i}篇论文：某方向的研究进展`, '甲', 'J', 2025, i, '化学']);
    const id = await campaign('papers');
    await importFile(id, 'big.xlsx', book(rows), { nominator: '学会' });
    expect((await call('nominations.list', { campaignId: id, limit: 1 })).total).toBe(n);
    return id;
  }

  /** Polls jobs.progress every few ms while `work` runs: each change of stage or fraction seen. */
  async function watch(jobId: string, work: Promise<unknown>, onSeen: (p: { stage: string; fraction: number | null }) => void = () => undefined) {
    const seen: { stage: string; fraction: number | null }[] = [];
    let over = false;
    void work.finally(() => { over = true; }).catch(() => undefined);
    while (!over) {
      const r = await app.dispatch('jobs.progress', { jobId }, ctx);
      if (r.ok) {
        const p = r.value as { stage: string; fraction: number | null };
        const last = seen.at(-1);
        if (!last || last.stage !== p.stage || last.fraction !== p.fraction) {
          seen.push({ stage: p.stage, fraction: p.fraction });
          onSeen(p);
        }
      }
      await new Promise((r2) => setTimeout(r2, 2));
    }
    return seen;
  }

  it('an export under a jobId tells its stages as it goes: gathering, writing row by row, packing, done', async () => {
    const id = await bigCampaign(3_000);
    const pending = call('nominations.export', { campaignId: id, jobId: 'exp-1' });
    const seen = await watch('exp-1', pending);
    const exp = await pending;
    expect(XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(exp.bytes, { type: 'array' }).Sheets['推荐名单 Nominations']!, { header: 1 })).toHaveLength(3_001);
    const stages = seen.map((p) => p.stage);
    expect(stages).toContain('writing');
    expect(stages.filter((s) => s === 'writing').length).toBeGreaterThan(1); // row by row, not one step
    // In order, the bar never going back.
    const order = ['gathering', 'writing', 'packing', 'done'];
    expect(stages.every((s) => order.includes(s))).toBe(true);
    expect(stages.map((s) => order.indexOf(s))).toEqual(stages.map((s) => order.indexOf(s)).sort((a, b) => a - b));
    const fractions = seen.map((p) => p.fraction ?? 0);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(await call('jobs.progress', { jobId: 'exp-1' })).toMatchObject({ stage: 'done', fraction: 1 });
  });

  it('cancelled while its rows are written, an export answers CANCELLED and gives no bytes; the next export works', async () => {
    const id = await bigCampaign(3_000);
    const pending = app.dispatch('nominations.export', { campaignId: id, jobId: 'exp-2' }, ctx);
    let cancelled: unknown = null;
    await watch('exp-2', pending, (p) => {
      if (p.stage === 'writing' && cancelled === null) cancelled = app.dispatch('jobs.cancel', { jobId: 'exp-2' }, ctx);
    });
    expect(await cancelled).toMatchObject({ ok: true, value: { stage: 'cancelled' } });
    const answer = await pending;
    expect(answer).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect('value' in answer).toBe(false);
    expect(await call('jobs.progress', { jobId: 'exp-2' })).toMatchObject({ stage: 'cancelled' });
    // Cancelled before it starts writing (as the list is gathered): CANCELLED too.
    const early = app.dispatch('nominations.export', { campaignId: id, jobId: 'exp-3' }, ctx);
    expect(await app.dispatch('jobs.cancel', { jobId: 'exp-3' }, ctx)).toMatchObject({ ok: true, value: { stage: 'cancelled' } });
    expect(await early).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    // The writer is usable again, and the same job id may be used again once its job has ended.
    const again = await call('nominations.export', { campaignId: id, jobId: 'exp-2' });
    expect(XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(again.bytes, { type: 'array' }).Sheets['推荐名单 Nominations']!, { header: 1 })).toHaveLength(3_001);
  });

  it('the rejected rows of an upload under a jobId: done, and cancelling it answers CANCELLED', async () => {
    const id = await campaign('papers');
    const rows: unknown[][] = [['题目', '作者', '刊名', '年份', 'DOI']];
    for (let i = 0; i < 2_500; i++) rows.push([`论文${i}`, '甲', 'J', 2025, i % 2 ? 'not-a-doi' : `10.1000/p${i}`]);
    const { preview } = await importFile(id, 'r.xlsx', book(rows), { nominator: '学会' });
    const out = await call('nominations.exportRejected', { campaignId: id, uploadId: preview.uploadId, jobId: 'rej-1' });
    expect(out.name).toBe('r-需修改.xlsx');
    expect(XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(out.bytes, { type: 'array' }).Sheets['需修改 To fix']!, { header: 1 })).toHaveLength(1_251);
    expect(await call('jobs.progress', { jobId: 'rej-1' })).toMatchObject({ stage: 'done' });
    const pending = app.dispatch('nominations.exportRejected', { campaignId: id, uploadId: preview.uploadId, jobId: 'rej-2' }, ctx);
    let cancelled = false;
    await watch('rej-2', pending, (p) => {
      if (p.stage === 'writing' && !cancelled) {
        cancelled = true;
        void app.dispatch('jobs.cancel', { jobId: 'rej-2' }, ctx);
      }
    });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });
});

describe('jobs', () => {
  it('a big workbook is read in a worker: its progress can be asked for, and cancelling answers CANCELLED', async () => {
    const id = await campaign('papers');
    const rows: unknown[][] = [['题目', '作者', '刊名', '年份', '学科', '引用次数']];
    for (let i = 0; i < 30_000; i++) rows.push([`论文 ${i} 的一个相当长的标题，用来占些位置`, `作者${i}`, '期刊', 2025, '化学', i]);
    const bytes = book(rows);
    const pending = app.dispatch('nominations.preview', { campaignId: id, file: { name: 'big.xlsx', bytes }, jobId: 'job-1' }, ctx);
    const progress = await app.dispatch('jobs.progress', { jobId: 'job-1' }, ctx);
    expect(progress).toMatchObject({ ok: true, value: { jobId: 'job-1' } });
    await new Promise((r) => setTimeout(r, 50));
    expect(await app.dispatch('jobs.cancel', { jobId: 'job-1' }, ctx)).toMatchObject({ ok: true, value: { stage: 'cancelled' } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await app.dispatch('jobs.progress', { jobId: 'job-1' }, ctx)).toMatchObject({ ok: true, value: { stage: 'cancelled' } });
    // The reader is usable again.
    const small = await call('nominations.preview', { campaignId: id, file: { name: 'p.xlsx', bytes: fixture('papers-libreoffice.xlsx') }, jobId: 'job-2' });
    expect(small.totals.good).toBe(4);
    expect(await call('jobs.progress', { jobId: 'job-2' })).toMatchObject({ stage: 'done', fraction: 1 });
    expect(await codeOf(call('jobs.progress', { jobId: 'nope' }))).toBe('NOT_FOUND');
  });
});

describe('big sheets', () => {
  it('are mapped in the worker, with the same result as on main', async () => {
    const id = await campaign('papers');
    await importFile(id, 'p.xlsx', fixture('papers-libreoffice.xlsx'), { nominator: '学会甲' });
    const inline = (await call('nominations.list', { campaignId: id })).items;
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-nom-worker-'));
    const app2 = await openApp({ dataDir: other, nominations: { mapInWorkerFrom: 1 } });
    try {
      const c = await app2.dispatch('campaigns.create', { template: 'papers', name: 'w', year: 2026 }, ctx);
      const cid = (c as { value: { id: string } }).value.id;
      const pv = await app2.dispatch('nominations.preview', { campaignId: cid, file: { name: 'p.xlsx', bytes: fixture('papers-libreoffice.xlsx') }, nominator: '学会甲' }, ctx);
      const uploadId = (pv as { value: { uploadId: string } }).value.uploadId;
      expect(await app2.dispatch('nominations.import', { campaignId: cid, uploadId, nominator: '学会甲' }, ctx)).toMatchObject({ ok: true, value: { imported: 4 } });
      const viaWorker = (await app2.dispatch('nominations.list', { campaignId: cid }, ctx)) as { value: { items: NominationRow[] } };
      const strip = (rows: readonly NominationRow[]) => rows.map((r) => ({ key: r.key, fields: r.fields, status: r.status, reasons: r.reasons }));
      expect(strip(viaWorker.value.items)).toEqual(strip(inline));
      const raw = app2.store.get(cid)!.nominations[0]!.sources[0]!;
      expect(Object.getPrototypeOf(raw.fields)).toBe(Object.prototype);
    } finally {
      await app2.close();
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('a preview looks for near matches in the worker, with the same result as on main', async () => {
    const first = book([
      ['题目', '作者', '刊名', '年份', '学科'],
      ['基于深度学习的医学影像分割方法研究', '甲', 'J1', 2025, '医学'],
      ['基于深度学习的医学影像分割方法研究综述', '乙', 'J2', 2025, '医学'],
      ['完全不同的另一篇论文题目', '乙', 'J2', 2025, '医学'],
    ]);
    const second = book([
      ['题目', '作者', '刊名', '年份', '学科'],
      ['基于深度学习的医学影像分割方法研究。', '甲', 'J1', 2024, '医学'],
      ['基于深度学习的医学影像分割方法的研究', '丙', 'J3', 2025, '医学'],
      ['完全不同的另一篇论文的题目', '丁', 'J4', 2025, '医学'],
    ]);
    const id = await campaign('papers');
    await importFile(id, 'a.xlsx', first, { nominator: '学会甲' });
    const inline = await call('nominations.preview', { campaignId: id, file: { name: 'b.xlsx', bytes: second }, nominator: '学会乙' });
    expect(inline.nearMatches.some((m) => m.otherId === null)).toBe(true); // rows of the file alike with each other too
    expect(inline.nearMatches.length).toBeGreaterThanOrEqual(4);
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-nom-worker-'));
    const app2 = await openApp({ dataDir: other, nominations: { nearInWorkerFrom: 1 } });
    try {
      const call2 = async <N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> => {
        const r = await app2.dispatch(name, args, ctx);
        if (!r.ok) throw new Error(`${name}: ${r.error.code}`);
        return r.value as CallResult<N>;
      };
      const cid = (await call2('campaigns.create', { template: 'papers', name: 'w', year: 2026 })).id;
      const pv = await call2('nominations.preview', { campaignId: cid, file: { name: 'a.xlsx', bytes: first }, nominator: '学会甲' });
      await call2('nominations.import', { campaignId: cid, uploadId: pv.uploadId, nominator: '学会甲' });
      const viaWorker = await call2('nominations.preview', { campaignId: cid, file: { name: 'b.xlsx', bytes: second }, nominator: '学会乙' });
      const strip = (ms: typeof inline.nearMatches) => ms.map((m) => ({ row: m.row, label: m.label, otherLabel: m.otherLabel, other: m.otherId === null ? null : 'existing', similarity: m.similarity }));
      expect(strip(viaWorker.nearMatches)).toEqual(strip(inline.nearMatches));
      // The list's near matches too, once a worker is waiting (it is, after the preview).
      await call('nominations.import', { campaignId: id, uploadId: inline.uploadId, nominator: '学会乙' });
      await call2('nominations.import', { campaignId: cid, uploadId: viaWorker.uploadId, nominator: '学会乙' });
      const near = async (c: typeof call, campaignId: string) => {
        const items = (await c('nominations.list', { campaignId })).items;
        const label = new Map(items.map((r) => [r.id, r.label]));
        const details = await Promise.all(items.map((r) => c('nominations.get', { campaignId, id: r.id })));
        return details.map((d) => [d.label, d.status, d.nearMatches.map((m) => [label.get(m.id), m.similarity])]);
      };
      const listed = await near(call, id);
      expect(listed.filter(([, status]) => status === 'attention').length).toBeGreaterThanOrEqual(4);
      expect(await near(call2, cid)).toEqual(listed);
    } finally {
      await app2.close();
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('the browser door', () => {
  function post(port: number, pathName: string, headers: Record<string, string>, body: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: body ? 'POST' : 'GET', path: pathName, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(body || undefined);
    });
  }

  it('carries the workbook in and the export out as bytes', async () => {
    const id = await campaign('papers');
    const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
    const host = await startHost({ dispatch: app.dispatch, staticDir });
    try {
      const hostHeader = { Host: `127.0.0.1:${host.port}` };
      // The host serves everything under its secret prefix (host.app); the printed address adds the token.
      const login = await post(host.port, `${new URL(host.url).pathname}${new URL(host.url).search}`, hostHeader, '');
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const h = { ...hostHeader, Origin: host.origin, Cookie: cookie, 'Content-Type': 'application/json' };
      const api = `${new URL(host.app).pathname}api/`;
      const bytes = fixture('papers-libreoffice.xlsx');
      const pv = JSON.parse((await post(host.port, `${api}nominations.preview`, h, JSON.stringify({ campaignId: id, file: { name: 'p.xlsx', bytes: { $bytes: toBase64(bytes) } }, nominator: '学会' }))).body);
      expect(pv).toMatchObject({ ok: true, value: { totals: { good: 4 } } });
      const im = JSON.parse((await post(host.port, `${api}nominations.import`, h, JSON.stringify({ campaignId: id, uploadId: pv.value.uploadId, nominator: '学会' }))).body);
      expect(im).toMatchObject({ ok: true, value: { imported: 4 } });
      const ex = JSON.parse((await post(host.port, `${api}nominations.export`, h, JSON.stringify({ campaignId: id }))).body);
      const out = fromBase64(ex.value.bytes.$bytes);
      expect([out[0], out[1]]).toEqual([0x50, 0x4b]);
      expect(XLSX.utils.sheet_to_json(XLSX.read(out, { type: 'array' }).Sheets['推荐名单 Nominations']!)).toHaveLength(4);
    } finally {
      await host.close();
      fs.rmSync(staticDir, { recursive: true, force: true });
    }
  });
});
