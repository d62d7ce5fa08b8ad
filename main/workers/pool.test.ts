import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/errors.ts';
import { readInWorker } from '../xlsx/tasks.ts';
import { WorkerPool } from './pool.ts';
import type { testTasks } from './test-tasks.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve(repoRoot, 'test/fixtures/workbooks', name)));
const testEntry = path.join(here, 'test-tasks.ts');

describe('WorkerPool with the app\'s tasks (main/worker.ts)', () => {
  const pool = new WorkerPool();
  afterAll(() => pool.close());

  it('reads a workbook in a worker thread (TypeScript through tsx), and again with the same warm worker', async () => {
    const stages: string[] = [];
    const wb = await readInWorker(pool, fixture('papers-libreoffice.xlsx'), 'p.xlsx', {}, (s) => stages.push(s)).done;
    expect(wb.sheets.map((s) => s.name)).toEqual(['推荐论文', '说明']);
    expect(stages).toEqual(['parsing']);
    expect(pool.warmed()).toBe(true);
    const again = await readInWorker(pool, fixture('conferences-1904-libreoffice.xlsx'), 'c.xlsx', {}).done;
    expect(again.date1904).toBe(true);
  });

  it('passes the reader\'s error codes through', async () => {
    await expect(readInWorker(pool, new TextEncoder().encode('%PDF-1.7'), 'x.xlsx', {}).done).rejects.toMatchObject({ code: 'FILE_NOT_WORKBOOK' });
    await expect(readInWorker(pool, fixture('papers-libreoffice.xlsx'), 'p.xlsx', { maxBytes: 100 }).done).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
  });

  it('a cancelled read rejects with CANCELLED, and the next read works', async () => {
    const h = readInWorker(pool, fixture('papers-libreoffice.xlsx'), 'p.xlsx', {});
    h.cancel();
    await expect(h.done).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await readInWorker(pool, fixture('papers-libreoffice.xlsx'), 'p.xlsx', {}).done).sheets).toHaveLength(2);
  });
});

describe('WorkerPool: tasks, limits, turns', () => {
  it('sends chunks ahead of a task; an AppError keeps its code, anything else is the run\'s failure', async () => {
    const pool = new WorkerPool<typeof testTasks>({ entry: testEntry });
    try {
      const sent: number[] = [];
      const out = await pool.run('test.echo', { text: 'hi' }, { label: 't', chunks: Array.from({ length: 25 }, (_, i) => i), slice: 10, onSent: (n) => sent.push(n) }).done;
      expect(out).toEqual({ text: 'hi', chunks: 25 });
      expect(sent).toEqual([10, 20, 25]);
      await expect(pool.run('test.fail', { code: true }, { label: 't' }).done).rejects.toMatchObject({ code: 'FILE_EMPTY' });
      await expect(pool.run('test.fail', { code: false }, { label: 't', failed: (m) => new AppError('FILE_UNREADABLE', m) }).done).rejects.toMatchObject({ code: 'FILE_UNREADABLE', message: 'plain failure' });
      await expect(pool.run('no.such' as 'test.echo', { text: '' }, { label: 't' }).done).rejects.toMatchObject({ code: 'INTERNAL' });
    } finally {
      await pool.close();
    }
  });

  it('a worker that reaches its memory limit answers the run\'s clear error and is replaced for the next task', async () => {
    const pool = new WorkerPool<typeof testTasks>({ entry: testEntry, limits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
    try {
      const hog = pool.run('test.hog', undefined, { label: 'big.xlsx' });
      await expect(hog.done).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', values: { file: 'big.xlsx' } });
      expect(await pool.run('test.echo', { text: 'after' }, { label: 't' }).done).toEqual({ text: 'after', chunks: 0 });
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('runs at most maxWorkers tasks at once; the others wait their turn, and one cancelled while waiting never starts', async () => {
    const pool = new WorkerPool<typeof testTasks>({ entry: testEntry, maxWorkers: 1 });
    try {
      const order: number[] = [];
      const a = pool.run('test.wait', { ms: 300 }, { label: 'a' });
      const b = pool.run('test.wait', { ms: 1 }, { label: 'b' });
      const c = pool.run('test.wait', { ms: 1 }, { label: 'c' });
      const cancelled = c.done.catch((e: unknown) => e);
      c.cancel();
      await Promise.all([a.done.then((v) => order.push(v)), b.done.then((v) => order.push(v))]);
      expect(order).toEqual([300, 1]);
      expect(await cancelled).toMatchObject({ code: 'CANCELLED' });
    } finally {
      await pool.close();
    }
  }, 30_000);
});

async function cells(bytes: Uint8Array): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('the bundled worker (what Electron runs)', () => {
  it('builds with esbuild; the pool reads a workbook and writes an export with it', async () => {
    const { buildWorker } = (await import(path.join(repoRoot, 'scripts', 'build-electron.js'))) as { buildWorker: (o: { outfile: string; logLevel: string }) => Promise<{ outfile: string }> };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-worker-'));
    const pool = new WorkerPool({ entry: path.join(dir, 'worker.cjs') });
    try {
      await buildWorker({ outfile: path.join(dir, 'worker.cjs'), logLevel: 'error' });
      const wb = await readInWorker(pool, fixture('papers-libreoffice.xls'), 'p.xls', {}).done;
      expect(wb.sheets[0]!.name).toBe('推荐论文');
      // ExcelJS is bundled in too: an export is written there.
      const row = { id: 'n1', key: 'k', label: 'x', fields: {}, nominators: [], status: 'eligible' as const, reasons: [], edited: [], disagreements: [], updatedAt: '2026-01-01T00:00:00.000Z' };
      const bytes = await pool.run('nominations.export', { what: 'nominations', kind: 'papers', campaignName: 'x', rows: [] }, { label: 'export', chunks: [row] }).done;
      expect((await cells(bytes))[1]![0]).toBe(1);
    } finally {
      await pool.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
