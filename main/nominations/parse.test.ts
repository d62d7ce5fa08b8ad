import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { NominationRow } from '../../shared/contract/nominations.ts';
import { writeExport, type ExportJob } from './export.ts';
import { bundledWorker, WorkbookReaders, type WriteProgress } from './parse.ts';
import type { ParseMessage, ParseRequest } from './parse-worker.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve(repoRoot, 'test/fixtures/workbooks', name)));

describe('WorkbookReaders', () => {
  const readers = new WorkbookReaders();
  afterAll(() => readers.close());

  it('reads a workbook in a worker thread (TypeScript through tsx), and again with the same warm worker', async () => {
    const stages: string[] = [];
    const wb = await readers.read(fixture('papers-libreoffice.xlsx'), 'p.xlsx', {}, (s) => stages.push(s)).done;
    expect(wb.sheets.map((s) => s.name)).toEqual(['推荐论文', '说明']);
    expect(stages).toEqual(['parsing']);
    const t = performance.now();
    const again = await readers.read(fixture('conferences-1904-libreoffice.xlsx'), 'c.xlsx', {}).done;
    expect(again.date1904).toBe(true);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('passes the reader\'s error codes through', async () => {
    await expect(readers.read(new TextEncoder().encode('%PDF-1.7'), 'x.xlsx', {}).done).rejects.toMatchObject({ code: 'FILE_NOT_WORKBOOK' });
    await expect(readers.read(fixture('papers-libreoffice.xlsx'), 'p.xlsx', { maxBytes: 100 }).done).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
  });

  it('a cancelled read rejects with CANCELLED, and the next read works', async () => {
    const h = readers.read(fixture('papers-libreoffice.xlsx'), 'p.xlsx', {});
    h.cancel();
    await expect(h.done).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await readers.read(fixture('papers-libreoffice.xlsx'), 'p.xlsx', {}).done).sheets).toHaveLength(2);
  });
});

function nomination(i: number): NominationRow {
  return {
    id: `n${i}`,
    key: `name:会议 ${i}|2026`,
    label: `会议 ${i}`,
    fields: { name: i === 0 ? '=HYPERLINK("http://x","点我")' : `会议 ${i}`, attendees: i * 10, dates: { start: '2026-05-20', end: '2026-05-22', precision: 'day' } },
    nominators: ['学会甲'],
    status: 'eligible',
    reasons: [],
    edited: [],
    disagreements: [],
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

async function cells(bytes: Uint8Array): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('exports written in the worker', () => {
  const writers = new WorkbookReaders();
  afterAll(() => writers.close());
  const job: ExportJob = { what: 'nominations', kind: 'conferences', campaignName: '=测试', rows: Array.from({ length: 2_500 }, (_, i) => nomination(i)) };

  it('the same cells as written on main: numbers and dates as real cells, formulas neutralised; rows sent in slices', async () => {
    const inWorker = await writers.write(job, 1000).done;
    expect(inWorker.byteOffset).toBe(0);
    expect(inWorker.byteLength).toBe(inWorker.buffer.byteLength);
    const here = await cells(await writeExport(job));
    const there = await cells(inWorker);
    expect(there).toEqual(here);
    expect(there).toHaveLength(2_501);
    const header = there[0] as string[];
    const col = (title: string) => header.findIndex((h) => h.startsWith(title));
    expect(there[1]![col('会议名称')]).toBe('\'=HYPERLINK("http://x","点我")');
    expect(there[3]![col('参会人数')]).toBe(20);
    expect(there[3]![col('举办时间')]).toEqual(new Date(Date.UTC(2026, 4, 20)));
    expect(there[2_500]![0]).toBe(2_500);
  });

  it('the rows of a society\'s sheet that need fixing, too', async () => {
    const problems: ExportJob = { what: 'problems', kind: 'papers', sheetName: 'S', header: ['题目', '年份'], rows: [{ row: 3, cells: ['+1', 'x'], rejected: true, issues: [{ sheet: 'S', row: 3, column: 'B', field: 'year', code: 'BAD_YEAR', severity: 'error', message: 'not a year', value: 'x' }] }] };
    const rows = await cells(await writers.write(problems).done);
    expect(rows[1]).toEqual([3, '未导入 not imported', 'B3 发表年份 Year：不是年份 not a year', '\'+1', 'x']);
  });

  it('says how far it has got: rows sent in slices, written every 500 rows, then packed', async () => {
    const notes: WriteProgress[] = [];
    const bytes = await writers.write(job, 1000, (p) => notes.push(p)).done;
    expect((await cells(bytes)).length).toBe(2_501);
    expect(notes.filter((n) => n.phase === 'sending').map((n) => n.rows)).toEqual([1000, 2000, 2500]);
    expect(notes.filter((n) => n.phase === 'writing').map((n) => n.rows)).toEqual([500, 1000, 1500, 2000, 2500]);
    expect(notes.at(-1)).toEqual({ phase: 'packing', rows: 2_500, total: 2_500 });
    // In order: every row sent before the first is written, every row written before packing.
    const order = notes.map((n) => ['sending', 'writing', 'packing'].indexOf(n.phase));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('a write cancelled while its rows are written rejects with CANCELLED, and the next one works', async () => {
    let h: ReturnType<WorkbookReaders['write']> | null = null;
    let writing = 0;
    h = writers.write(job, 1000, (p) => {
      if (p.phase === 'writing' && ++writing === 1) h!.cancel();
    });
    await expect(h.done).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(writing).toBe(1); // nothing heard from the stopped worker
    expect((await cells(await writers.write({ ...job, rows: job.rows.slice(0, 3) }).done)).length).toBe(4);
  });

  it('a cancelled write rejects with CANCELLED, and the next one works', async () => {
    const h = writers.write(job, 100);
    h.cancel();
    await expect(h.done).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await cells(await writers.write({ ...job, rows: job.rows.slice(0, 3) }).done)).length).toBe(4);
  });
});

describe('the bundled worker (what Electron runs)', () => {
  it('builds with esbuild and reads a workbook when evaluated in a worker', async () => {
    const { buildParseWorker } = (await import(path.join(repoRoot, 'scripts', 'build-electron.js'))) as { buildParseWorker: (o: { outfile: string; logLevel: string }) => Promise<{ outfile: string }> };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-worker-'));
    try {
      const { outfile } = await buildParseWorker({ outfile: path.join(dir, 'parse-worker.cjs'), logLevel: 'error' });
      const worker = bundledWorker(outfile);
      const answer = new Promise<ParseMessage>((resolve, reject) => {
        worker.on('message', (m: ParseMessage) => {
          if (m.type === 'done' || m.type === 'error') resolve(m);
        });
        worker.on('error', reject);
      });
      worker.postMessage({ id: 1, bytes: fixture('papers-libreoffice.xls'), fileName: 'p.xls', options: {} });
      const m = await answer;
      await worker.terminate();
      expect(m.type).toBe('done');
      if (m.type === 'done') expect(m.workbook.sheets[0]!.name).toBe('推荐论文');
      // ExcelJS is bundled in too: an export is written there.
      const again = bundledWorker(outfile);
      const exported = new Promise<ParseMessage>((resolve, reject) => {
        again.on('message', (x: ParseMessage) => {
          if (x.type === 'exported' || x.type === 'error') resolve(x);
        });
        again.on('error', reject);
      });
      again.postMessage({ type: 'export-rows', id: 2, rows: [nomination(1)] } satisfies ParseRequest);
      again.postMessage({ type: 'export', id: 2, job: { what: 'nominations', kind: 'papers', campaignName: 'x', rows: [] } } satisfies ParseRequest);
      const e = await exported;
      await again.terminate();
      expect(e.type).toBe('exported');
      if (e.type === 'exported') expect((await cells(e.bytes))[1]![0]).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
