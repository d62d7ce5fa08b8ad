// Generating every expert's score sheet on the largest panel design.md plans for: 2,000 nominations, 200 experts,
// K = 5 (about 50 nominations each), seeded through the services (bench/scoring-seed.ts). Timed: one
// `scoring.exportSheets` call for the whole panel through the dispatcher, as the board's button makes it — so the
// figure follows whatever implementation is behind the call (in the main thread or the worker pool).
// Baseline, in the same run: a plain ExcelJS workbook of the same size per expert (a header and the same rows and
// columns, no styles, validation, protection, instructions or signatures), 200 of them one after another.
// For information: one expert's sheet through the same call (`expertIds: [one]`).
// Each run is a fresh process on a fresh copy of the seeded folder: its time (median of RUNS) and its peak memory
// (process.resourceUsage().maxRSS: the process's true peak, worker threads included), beside the RSS before the call.
// `node --import tsx bench/sheets.ts` or `npm run bench -- sheets`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { openApp } from '../main/app.ts';
import { reviewerFields } from '../shared/scoring/packet.ts';
import { seedSecretary } from './scoring-seed.ts';

const NOMINATIONS = 2_000;
const EXPERTS = 200;
const K = 5;
const RUNS = 3;
const here = fileURLToPath(import.meta.url);

type Mode = 'service' | 'one' | 'plain';
interface ChildFigures { readonly ms: number; readonly maxRss: number; readonly rssBefore: number; readonly files: number; readonly bytes: number; readonly items: number }

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

/** The plain workbook an expert's sheet would be without what makes it a score sheet: header and values only. */
async function plainSheet(rows: number, fields: number, criteria: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('评分表 Scores');
  ws.addRow(['序号', '编号', ...Array.from({ length: fields }, (_, i) => `字段${i + 1}`), ...Array.from({ length: criteria }, (_, i) => `评分项${i + 1}`), '加权总分', '回避', '评语']);
  for (let r = 0; r < rows; r++) {
    ws.addRow([r + 1, `N${String(r).padStart(5, '0')}`, ...Array.from({ length: fields }, (_, i) => `第${r + 1}届全国学术会议 字段${i + 1}`), ...Array.from({ length: criteria }, () => null), null, null, null]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** In a fresh process: one export (or the baseline), timed, with the process's peak memory. */
async function childRun(mode: Mode, dataDir: string, campaignId: string): Promise<ChildFigures> {
  const app = await openApp({ dataDir, identityName: '北京市科协秘书处' });
  try {
    const doc = app.store.get(campaignId)!;
    const ctx = { door: 'http' as const, actor: '秘书处' };
    const rssBefore = process.memoryUsage().rss / 1024;
    if (mode === 'plain') {
      const per = Math.round((NOMINATIONS * K) / EXPERTS);
      const fields = reviewerFields(doc.campaign).length;
      const t0 = performance.now();
      let bytes = 0;
      for (let e = 0; e < EXPERTS; e++) bytes += (await plainSheet(per, fields, doc.campaign.criteria.length)).length;
      return { ms: performance.now() - t0, maxRss: process.resourceUsage().maxRSS, rssBefore, files: EXPERTS, bytes, items: per * EXPERTS };
    }
    const args = mode === 'one' ? { campaignId, expertIds: [doc.panel.experts[0]!.id] } : { campaignId };
    const t0 = performance.now();
    const r = await app.dispatch('scoring.exportSheets', args, ctx);
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(`scoring.exportSheets: ${r.error.code} ${r.error.message}`);
    const files = (r.value as { files: { bytes: Uint8Array; items: number }[] }).files;
    return { ms, maxRss: process.resourceUsage().maxRSS, rssBefore, files: files.length, bytes: files.reduce((s, f) => s + f.bytes.length, 0), items: files.reduce((s, f) => s + f.items, 0) };
  } finally {
    await app.close();
  }
}

function inChild(mode: Mode, seedDir: string, campaignId: string): ChildFigures {
  // A fresh copy each run: the first export of a panel records its sheets as issued, as it would the first time.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-bench-sheets-run-'));
  try {
    fs.cpSync(seedDir, dir, { recursive: true });
    const r = spawnSync(process.execPath, ['--import', 'tsx', here, '--child', mode, dir, campaignId], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`bench sheets child ${mode}: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildFigures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchSheets(_opts: { check: boolean }): Promise<{ lines: string[]; ok: boolean }> {
  const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-bench-sheets-'));
  try {
    const t = performance.now();
    const { campaignId } = await seedSecretary(seedDir, { nominations: NOMINATIONS, experts: EXPERTS, perItem: K });
    const lines = [`sheets: ${NOMINATIONS.toLocaleString('en')} nominations, ${EXPERTS} experts, K = ${K} (seeded through the services in ${((performance.now() - t) / 1000).toFixed(1)} s); median of ${RUNS} runs, each a fresh process on a fresh copy; machine load ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${os.availableParallelism()} cores`];
    const runs: Record<Mode, ChildFigures[]> = { service: [], one: [], plain: [] };
    for (let i = 0; i < RUNS; i++) {
      // Alternating, so that each sees the same machine.
      for (const mode of ['plain', 'service', 'one'] as const) runs[mode].push(inChild(mode, seedDir, campaignId));
    }
    const med = (mode: Mode, k: keyof ChildFigures) => median(runs[mode].map((r) => r[k]));
    const base = med('plain', 'ms');
    const describe = (mode: Mode, label: string) => {
      const r = runs[mode][0]!;
      return `sheets: ${label}: ${(med(mode, 'ms') / 1000).toFixed(2)} s (${(med(mode, 'ms') / base).toFixed(2)}× baseline; runs ${runs[mode].map((x) => (x.ms / 1000).toFixed(2)).join(', ')} s); ${r.files} files, ${r.items.toLocaleString('en')} rows, ${(r.bytes / 1024 / 1024).toFixed(1)} MB; peak RSS ${mb(med(mode, 'maxRss'))} (${mb(med(mode, 'rssBefore'))} before the call)`;
    };
    lines.push(describe('plain', `baseline: ${EXPERTS} plain ExcelJS workbooks of the same rows and columns`));
    lines.push(describe('service', `scoring.exportSheets, all ${EXPERTS} experts`));
    lines.push(describe('one', 'scoring.exportSheets, one expert (for information)'));
    const service = runs.service[0]!;
    if (service.files !== EXPERTS) return { lines: [...lines, `sheets: expected ${EXPERTS} sheets, got ${service.files}`], ok: false };
    return { lines, ok: true };
  } finally {
    fs.rmSync(seedDir, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (argv[0] === '--child') {
    const r = await childRun(argv[1] as Mode, argv[2]!, argv[3]!);
    console.log(JSON.stringify(r));
  } else {
    const r = await benchSheets({ check: false });
    for (const line of r.lines) console.log(line);
  }
}
