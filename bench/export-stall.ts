// How long main's event loop is held while `nominations.export` writes a big campaign's workbook, and how long the
// export takes. node --import tsx bench/export-stall.ts [rows=20000] [runs=3]
// A campaign of ROWS papers is imported through the services, its list read once (so the view is built and the
// export measures only itself), then each export runs under two probes: perf_hooks.monitorEventLoopDelay and a
// 5 ms setInterval whose longest gap between ticks is the longest stall (what another call would have waited).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp } from '../main/app.ts';
import type { CallArgs, CallName, CallResult } from '../shared/contract/index.ts';
import { papersWorkbook } from './import.ts';
import { probe } from './stall.ts';

const ROWS = Number(process.argv[2] ?? 20_000);
const RUNS = Number(process.argv[3] ?? 3);
const ctx = { door: 'test' as const, actor: 'bench' };

const data = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'paneldesk-bench-export-'));
const app = await openApp({ dataDir: data });

async function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  const r = await app.dispatch(name, args, ctx);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as CallResult<N>;
}

try {
  const id = (await call('campaigns.create', { template: 'papers', name: 'export bench', year: 2026 })).id;
  const bytes = papersWorkbook(ROWS) as Uint8Array<ArrayBuffer>;
  const preview = await call('nominations.preview', { campaignId: id, file: { name: 'bench.xlsx', bytes }, limit: 0 });
  const report = await call('nominations.import', { campaignId: id, uploadId: preview.uploadId });
  const list = await call('nominations.list', { campaignId: id, limit: 1 });
  console.log(`export-stall: ${report.imported.toLocaleString('en')} nominations imported, list total ${list.total.toLocaleString('en')}`);
  for (let i = 0; i < RUNS; i++) {
    let size = 0;
    const r = await probe(async () => {
      size = (await call('nominations.export', { campaignId: id })).bytes.length;
    });
    console.log(`export-stall: run ${i + 1}: wall ${r.wall.toFixed(0)} ms, longest stall ${r.gap.toFixed(0)} ms (5 ms ticks), loop delay max ${r.histMax.toFixed(0)} ms, ${(size / 1024 / 1024).toFixed(1)} MB`);
  }
} finally {
  await app.close();
  fs.rmSync(data, { recursive: true, force: true });
}
