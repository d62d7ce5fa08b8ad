// The nominations import on the largest campaign design.md plans for: a 20,000-row × 15-column papers workbook.
// (a) the whole pure pipeline as the service runs it: readWorkbook (size and zip checks, SheetJS, rows) → findHeader
//     → mapRows → mergeImport, against a bare SheetJS XLSX.read + sheet_to_json(header: 1) of the same bytes
//     (aim: median ≤ 1.5× the bare read); the two alternate, so both see the same machine;
// (b) peak memory of each, measured in a child process per run (process.resourceUsage().maxRSS is the true peak);
// (c) for information: the same file read through the warm worker thread (transfer of the rows included), and a
//     re-import of the same rows against the 20,000 nominations it made (all unchanged).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as XLSX from 'xlsx';
import { readWorkbook } from '../main/xlsx/reader.ts';
import { readInWorker } from '../main/xlsx/tasks.ts';
import { WorkerPool } from '../main/workers/pool.ts';
import { findHeader, mappingOf } from '../shared/nominations/header.ts';
import { mapRows } from '../shared/nominations/map-rows.ts';
import { mergeImport } from '../shared/nominations/merge.ts';
import type { Nomination } from '../shared/nominations/record.ts';

const ROWS = 20_000;
const RUNS = 5;
const AIM_RATIO = 1.5;
const here = fileURLToPath(import.meta.url);

const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as unknown;
  return typeof gc === 'function' ? (gc as () => void) : () => undefined;
}

/** A society's workbook as they come: a title row, a header in Chinese, text numbers, some DOIs as links, blanks. */
export function papersWorkbook(rows = ROWS): Uint8Array {
  const disciplines = ['材料科学', '化学', '生物学', '物理学', '计算机科学', '临床医学', '环境科学', '数学'];
  const aoa: unknown[][] = [
    ['2026年度北京地区广受关注学术论文推荐汇总表'],
    ['论文题目', '全部作者', '第一作者', '通讯作者', '第一作者单位', '期刊', '发表年份', 'DOI', '学科', '推荐单位', '被引次数', '下载次数', '关注度', '数据来源', '论文链接'],
  ];
  for (let i = 0; i < rows; i++) {
    const d = disciplines[i % disciplines.length]!;
    aoa.push([
      `面向${d}的第${i + 1}项研究：多尺度方法与可重复的实验验证`,
      `作者甲${i}, 作者乙${i}; 作者丙${i}`,
      `作者甲${i}`,
      `作者丙${i}`,
      i % 7 === 0 ? '复旦大学' : `北京某大学第${i % 40}学院`,
      `Journal of Things ${i % 300}`,
      i % 5 === 0 ? `${2023 + (i % 3)}年` : 2023 + (i % 3),
      i % 11 === 0 ? '' : i % 2 ? `https://doi.org/10.1000/BENCH.${i}` : `10.1000/bench.${i}`,
      d,
      `学会${i % 60}`,
      i % 3 === 0 ? String(i % 900) : i % 900,
      i % 4 === 0 ? `${(i * 7) % 20000}`.replace(/(\d)(\d{3})$/, '$1,$2') : (i * 7) % 20000,
      (i % 97) / 3,
      'Web of Science',
      `https://example.org/p/${i}`,
    ]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '推荐论文');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}

function bare(bytes: Uint8Array, dense = false): number {
  const wb = XLSX.read(bytes, { type: 'array', dense });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
  return rows.length;
}

function pipeline(bytes: Uint8Array, existing: readonly Nomination[] = []): { nominations: Nomination[]; unchanged: number } {
  const wb = readWorkbook(bytes, 'bench.xlsx');
  const sheet = wb.sheets[0]!;
  const g = findHeader('papers', sheet.rows);
  if (!g) throw new Error('bench: no header found');
  const mapped = mapRows({ kind: 'papers', rows: sheet.rows, headerRow: g.headerRow, mapping: mappingOf(g.columns), sheet: sheet.name, date1904: sheet.date1904 });
  let n = 0;
  const m = mergeImport({ kind: 'papers', existing, drafts: mapped.items, importMeta: { importId: 'i', file: 'bench.xlsx', sha256: 'x', sheet: sheet.name, nominator: '' }, now: '2026-03-01T00:00:00.000Z', newId: () => `n${++n}` });
  return { nominations: m.upserts, unchanged: m.unchanged };
}

/** One run in a fresh process: its time and its peak memory. */
function child(mode: 'bare' | 'pipeline', file: string): { ms: number; maxRss: number; heap: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', here, '--child', mode, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench child ${mode}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; maxRss: number; heap: number };
}

export async function benchImport(_opts: { check: boolean }): Promise<{ lines: string[]; ok: boolean }> {
  const lines: string[] = [];
  const root = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'paneldesk-bench-import-'));
  try {
    let t = performance.now();
    const bytes = papersWorkbook();
    const file = path.join(root, 'papers-20000.xlsx');
    fs.writeFileSync(file, bytes);
    lines.push(`import: generated a ${ROWS.toLocaleString('en')}-row × 15-column papers workbook, ${mb(bytes.length)} (${ms(performance.now() - t)})`);

    const gc = collector();
    // One warm-up of each, then alternate.
    const expectRows = bare(bytes);
    const first = pipeline(bytes);
    if (first.nominations.length !== ROWS) throw new Error(`bench: ${first.nominations.length} nominations, expected ${ROWS}`);
    const bareTimes: number[] = [];
    const pipeTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      gc();
      t = performance.now();
      if (bare(bytes) !== expectRows) throw new Error('bench: bare read differs');
      bareTimes.push(performance.now() - t);
      gc();
      t = performance.now();
      pipeline(bytes);
      pipeTimes.push(performance.now() - t);
    }
    const b = median(bareTimes);
    const p = median(pipeTimes);
    const ratio = p / b;
    const ok = ratio <= AIM_RATIO;
    lines.push(`import: bare SheetJS XLSX.read + sheet_to_json(header: 1) (median of ${RUNS}): ${ms(b)}, ${Math.round(ROWS / (b / 1000)).toLocaleString('en')} rows/s`);
    lines.push(`import: pipeline readWorkbook → findHeader → mapRows → mergeImport (median of ${RUNS}): ${ms(p)}, ${Math.round(ROWS / (p / 1000)).toLocaleString('en')} rows/s; ratio ${ratio.toFixed(2)}× (aim ≤ ${AIM_RATIO}×) ${ok ? 'ok' : 'MISSED'}`);

    // For information: SheetJS's dense mode, which readWorkbook uses, is itself faster than the default read.
    const denseTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      gc();
      t = performance.now();
      bare(bytes, true);
      denseTimes.push(performance.now() - t);
    }
    lines.push(`import: for information, the bare read in SheetJS's dense mode (median of 3): ${ms(median(denseTimes))}; pipeline / dense ${(p / median(denseTimes)).toFixed(2)}×`);

    gc();
    t = performance.now();
    const again = pipeline(bytes, first.nominations);
    const re = performance.now() - t;
    lines.push(`import: re-import of the same rows against the ${ROWS.toLocaleString('en')} nominations: ${ms(re)} (${again.unchanged.toLocaleString('en')} unchanged, ${again.nominations.length} changed)`);

    const readers = new WorkerPool();
    try {
      await readInWorker(readers, bytes, 'warm.xlsx', {}).done;
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        t = performance.now();
        await readInWorker(readers, bytes, 'bench.xlsx', {}).done;
        times.push(performance.now() - t);
      }
      lines.push(`import: readWorkbook through the warm worker thread, rows cloned back to main (median of 3): ${ms(median(times))}`);
    } finally {
      await readers.close();
    }

    const mem = { bare: child('bare', file), pipeline: child('pipeline', file) };
    lines.push(`import: peak memory, one run per fresh process: bare ${mb(mem.bare.maxRss)} RSS (${ms(mem.bare.ms)} cold); pipeline ${mb(mem.pipeline.maxRss)} RSS (${ms(mem.pipeline.ms)} cold); ratio ${(mem.pipeline.maxRss / mem.bare.maxRss).toFixed(2)}×`);
    return { lines, ok };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

// `node --import tsx bench/import.ts --child MODE FILE`: one measured run, for the memory figures.
if (process.argv[2] === '--child') {
  const mode = process.argv[3];
  const bytes = new Uint8Array(fs.readFileSync(process.argv[4]!));
  const t = performance.now();
  if (mode === 'bare') bare(bytes);
  else pipeline(bytes);
  const elapsed = performance.now() - t;
  process.stdout.write(`${JSON.stringify({ ms: elapsed, maxRss: process.resourceUsage().maxRSS * 1024, heap: process.memoryUsage().heapUsed })}\n`);
}
