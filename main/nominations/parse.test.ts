import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledWorker, WorkbookReaders } from './parse.ts';
import type { ParseMessage } from './parse-worker.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve(repoRoot, '../shared/fixtures', name)));

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
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
