// Big imports: 20,000 rows with 9 problems each answer what happened (no stack overflow), and a big import is
// committed in journal lines of at most 2,000 nominations, none of them near the size of the whole import.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallArgs, CallName, CallResult } from '../../shared/contract/index.ts';
import { openApp, type App } from '../../main/app.ts';
import { sheetBook, xlsxBytes } from '../../main/xlsx/test-zip.ts';
import { historyOf } from '../../shared/store/doc.ts';
import { dispatchOrThrow } from '../support/calls.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(repoRoot, 'bin', 'paneldesk.js');
const ctx = { door: 'test' as const, actor: 'secretary' };

let data: string;
let app: App;
beforeEach(async () => {
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-nombig-'));
  app = await openApp({ dataDir: data });
});
afterEach(async () => {
  await app.close();
  fs.rmSync(data, { recursive: true, force: true });
});

async function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  return dispatchOrThrow(app, name, args, ctx);
}

const HEADER = ['论文题目', '全部作者', '期刊', '发表年份', 'DOI', '论文链接', '学科', '推荐单位', '被引次数', '下载次数'];

/** `rows` papers, each with 9 problems: 4 required values missing, a bad year, DOI, link and two bad counts. */
function troubled(rows: number): Uint8Array<ArrayBuffer> {
  const aoa: unknown[][] = [HEADER];
  for (let i = 0; i < rows; i++) aoa.push([`第${i + 1}项研究：多尺度方法与可重复的实验验证`, '', '', 'abc', 'nodoi', 'not a url', '', '', 'many', '-5']);
  return xlsxBytes(sheetBook({ 推荐论文: aoa })) as Uint8Array<ArrayBuffer>;
}

/** Good papers, with enough in each to make a journal line of 2,000 of them realistic. */
function papers(rows: number): Uint8Array<ArrayBuffer> {
  const aoa: unknown[][] = [HEADER];
  for (let i = 0; i < rows; i++) {
    aoa.push([`面向材料科学的第${i + 1}项研究：多尺度方法与可重复的实验验证`, `作者甲${i}, 作者乙${i}; 作者丙${i}`, `Journal of Things ${i % 300}`, 2025, `10.1000/j.things.${i}`, `https://example.org/papers/${i}`, '材料科学', `北京某学会${i % 20}`, i % 1000, i * 3]);
  }
  return xlsxBytes(sheetBook({ 推荐论文: aoa })) as Uint8Array<ArrayBuffer>;
}

function journalLines(campaignId: string): string[] {
  const dir = path.join(data, 'campaigns', campaignId);
  const lines: string[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => /^journal-\d+\.ndjson$/.test(n)).sort()) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) if (line) lines.push(line);
  }
  return lines;
}

describe('20,000 rows with 9 problems each', () => {
  it('the import answers with every problem, and the CLI prints what happened and exits 0', async () => {
    const bytes = troubled(20_000);
    const campaignId = (await call('campaigns.create', { template: 'papers', name: '大表', year: 2026 })).id;
    const preview = await call('nominations.preview', { campaignId, file: { name: 'big.xlsx', bytes }, limit: 0 });
    expect(preview.issues).toHaveLength(180_000);
    const report = await call('nominations.import', { campaignId, uploadId: preview.uploadId });
    expect(report.imported).toBe(20_000);
    expect(report.issues).toHaveLength(180_000);
    await app.close();

    const file = path.join(data, 'big.xlsx');
    fs.writeFileSync(file, bytes);
    const cli = spawnSync(process.execPath, [bin, 'campaign', 'create', '--template', 'papers', '--name', 'x', '--year', '2026', '--json', '--data', data], { encoding: 'utf8', env: { ...process.env, PANELDESK_DATA: '' } });
    const id = String((JSON.parse(cli.stdout) as { id: string }).id);
    const r = spawnSync(process.execPath, [bin, 'nominations', 'import', file, '--campaign', id, '--json', '--data', data], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, PANELDESK_DATA: '' } });
    expect(r.stderr).not.toMatch(/INTERNAL|call stack/);
    expect(r.status, r.stderr.slice(0, 500)).toBe(0);
    const out = JSON.parse(r.stdout) as { imported: number; issues: unknown[] };
    expect(out.imported).toBe(20_000);
    expect(out.issues).toHaveLength(180_000);
    app = await openApp({ dataDir: data });
  }, 600_000);
});

describe('a big import is committed in parts', () => {
  it('journal lines of at most 2,000 nominations, each under 2 MB; one import record and one history line; the same after reopening', async () => {
    const campaignId = (await call('campaigns.create', { template: 'papers', name: '大表', year: 2026 })).id;
    const before = journalLines(campaignId).length;
    const preview = await call('nominations.preview', { campaignId, file: { name: 'papers.xlsx', bytes: papers(5_000) }, limit: 0 });
    const report = await call('nominations.import', { campaignId, uploadId: preview.uploadId });
    expect(report.imported).toBe(5_000);
    const lines = journalLines(campaignId).slice(before);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThan(2 * 1024 * 1024);
    const parts = lines.map((l) => (JSON.parse(l.slice(0, l.lastIndexOf('\t'))) as { change: { part?: { index: number; of: number }; upserts: unknown[]; import: { id: string } } }).change);
    expect(parts.map((c) => c.part)).toEqual([{ index: 0, of: 3 }, { index: 1, of: 3 }, { index: 2, of: 3 }]);
    expect(parts.map((c) => c.upserts.length)).toEqual([2_000, 2_000, 1_000]);
    expect(new Set(parts.map((c) => c.import.id)).size).toBe(1);

    const check = async () => {
      const doc = app.store.get(campaignId)!;
      expect(doc.nominations).toHaveLength(5_000);
      expect(doc.imports).toHaveLength(1);
      expect(historyOf(doc).filter((h) => h.type === 'nominations.imported')).toHaveLength(1);
      expect((await call('nominations.list', { campaignId, limit: 1 })).total).toBe(5_000);
    };
    await check();
    await app.close();
    app = await openApp({ dataDir: data });
    await check();
    // Re-imported, nothing changes and nothing is written.
    const again = await call('nominations.preview', { campaignId, file: { name: 'papers.xlsx', bytes: papers(5_000) }, limit: 0 });
    expect((await call('nominations.import', { campaignId, uploadId: again.uploadId })).unchanged).toBe(5_000);
    expect(journalLines(campaignId).length).toBe(before + 3);
  }, 600_000);
});

describe('workers with memory limits', () => {
  it('a workbook that does not fit in a worker\'s heap answers FILE_TOO_LARGE; the worker is replaced and the next file reads', async () => {
    await app.close();
    app = await openApp({ dataDir: data, workers: { limits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 } } });
    const campaignId = (await call('campaigns.create', { template: 'papers', name: '限', year: 2026 })).id;
    const small = { name: 'small.xlsx', bytes: papers(20) };
    expect((await call('nominations.preview', { campaignId, file: small, limit: 0 })).totals.good).toBe(20);
    const big = { name: 'big.xlsx', bytes: papers(30_000) };
    const e = await call('nominations.preview', { campaignId, file: big, limit: 0 }).catch((x: unknown) => x as { code: string; message: string });
    expect(e).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect((e as { message: string }).message).toMatch(/big\.xlsx does not fit/);
    expect((await call('nominations.preview', { campaignId, file: small, limit: 0 })).totals.good).toBe(20);
  }, 600_000);
});
