// The import wizard's responsiveness on the largest campaign design.md plans for: a 20,000-row × 15-column papers
// workbook imported through the UI in browser mode (`paneldesk serve`), in headless Chromium.
// Aim (the issue): no task over 50 ms on the UI thread while importing.
// A PerformanceObserver('longtask') and a requestAnimationFrame gap probe are installed before the file is chosen;
// each long task is put in the phase it started in. The phases follow each other with no gap, so every task from
// the file chosen to the grid shown counts:
//   upload/parse wait  file chosen → the preview's answer has arrived (fetch resolved)
//   preview render     answer arrived → the preview's grid has rows, then half a second → Import pressed
//   import wait        Import pressed → the import's answer has arrived
//   import report      answer arrived → the report is in the page, then half a second → Done pressed
//   grid render        Done pressed → the nominations grid counts every row and shows them, then 300 ms
// `node --import tsx bench/ui-import.ts [--runs N] [--rows N]`; prints each run and the medians.
// Not in `npm run bench`'s list: it builds the renderer when dist/renderer is missing and takes about a minute.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { papersWorkbook } from './import.ts';
import { startServe, stopServe } from './serve.ts';

const CHROMIUM = '/usr/bin/chromium';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const RUNS = opt('--runs', 3);
const ROWS = opt('--rows', 20_000);
const LONG_MS = 50;

const PHASES = ['upload/parse wait', 'preview render', 'import wait', 'import report', 'grid render'] as const;
type Phase = (typeof PHASES)[number];

interface PhaseFigures { wall: number; count: number; longest: number; total: number; maxGap: number }
type RunFigures = Record<Phase, PhaseFigures>;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * In the page, before the app: long tasks, rAF gaps, and when each API answer arrived. A string, not a function:
 * tsx's keepNames would put __name() calls into a function's text, which the page does not have.
 */
const PROBE = `(() => {
  const b = { tasks: [], gaps: [], answers: [] };
  window.__bench = b;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  let last = performance.now();
  const frame = (t) => {
    if (t - last > 50) b.gaps.push({ at: last, gap: t - last });
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const orig = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const start = performance.now();
    const res = await orig(input, init);
    b.answers.push({ name: decodeURIComponent(url.replace(/^.*\\/api\\//, '')), start, end: performance.now() });
    return res;
  };
})();`;

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

const now = (page: Page) => page.evaluate(() => performance.now());

async function oneRun(file: string): Promise<{ figures: RunFigures; rows: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-bench-ui-'));
  const campaign = JSON.parse(run(process.execPath, ['bin/paneldesk.js', 'campaign', 'create', '--template', 'papers', '--name', 'bench', '--year', '2026', '--data', dataDir, '--json'])) as { id: string };
  const serve = await startServe(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript({ content: PROBE });
    await page.goto(serve.url);
    // The app lives under the host's secret prefix: the printed address without its token.
    await page.goto(`${serve.url.split('?')[0]!}#/campaigns/${encodeURIComponent(campaign.id)}/nominations`);
    await page.getByTestId('open-import').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('import-file').waitFor({ state: 'attached' });
    await page.waitForTimeout(300);

    const timeout = 180_000;
    const t0 = await now(page);
    // By path: the browser reads the file itself (a buffer would be rebuilt as a File by script in the page, a long task of its own).
    await dialog.getByTestId('import-file').setInputFiles(file);
    await dialog.getByTestId('preview-totals').waitFor({ timeout });
    await dialog.getByRole('grid').getByRole('row').nth(3).waitFor({ timeout });
    await page.waitForTimeout(500);
    const t3 = await now(page);
    await dialog.getByTestId('import-confirm').click();
    await dialog.getByTestId('import-report').waitFor({ timeout });
    await page.waitForTimeout(500);
    const t6 = await now(page);
    await dialog.getByRole('button', { name: '完成' }).click();
    const counted = page.getByText(/^显示 [\d,]+ \/ [\d,]+ 项$/);
    await counted.waitFor({ timeout });
    await page.getByRole('grid', { name: '推荐名单' }).getByRole('row').nth(3).waitFor({ timeout });
    await page.waitForTimeout(300);
    const t7 = await now(page);
    const rows = (await counted.textContent()) ?? '';

    const b = await page.evaluate(() => (window as unknown as { __bench: { tasks: { start: number; duration: number }[]; gaps: { at: number; gap: number }[]; answers: { name: string; start: number; end: number }[] } }).__bench);
    const answerAfter = (name: string, from: number) => b.answers.filter((a) => a.name === name && a.start >= from).reduce((m, a) => Math.max(m, a.end), from);
    const t1 = answerAfter('nominations.preview', t0);
    const t4 = answerAfter('nominations.import', t3);
    const bounds: Record<Phase, [number, number]> = {
      'upload/parse wait': [t0, t1],
      'preview render': [t1, t3],
      'import wait': [t3, t4],
      'import report': [t4, t6],
      'grid render': [t6, t7],
    };
    const figures = {} as RunFigures;
    for (const p of PHASES) {
      const [a, z] = bounds[p];
      const tasks = b.tasks.filter((x) => x.start >= a && x.start < z && x.duration > LONG_MS);
      const gaps = b.gaps.filter((g) => g.at >= a && g.at < z);
      figures[p] = { wall: z - a, count: tasks.length, longest: Math.max(0, ...tasks.map((x) => x.duration)), total: tasks.reduce((s, x) => s + x.duration, 0), maxGap: Math.max(0, ...gaps.map((g) => g.gap)) };
    }
    return { figures, rows };
  } finally {
    await browser.close();
    await stopServe(serve.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (!fs.existsSync(CHROMIUM)) {
  console.log(`ui-import: skipped (no Chromium at ${CHROMIUM})`);
} else {
  if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    console.log('ui-import: building the renderer (dist/renderer is missing)…');
    run('npm', ['run', 'build:renderer']);
  }
  const bytes = papersWorkbook(ROWS);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-bench-ui-file-'));
  const file = path.join(dir, 'papers-20000.xlsx');
  fs.writeFileSync(file, bytes);
  console.log(`ui-import: a ${ROWS.toLocaleString('en')}-row × 15-column papers workbook, ${(bytes.length / 1024 / 1024).toFixed(1)} MB; ${RUNS} runs; long task = over ${LONG_MS} ms`);
  const all: RunFigures[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { figures, rows } = await oneRun(file);
    all.push(figures);
    const line = PHASES.map((p) => `${p} ${figures[p].wall.toFixed(0)} ms/${figures[p].count} long (max ${figures[p].longest.toFixed(0)})`).join('; ');
    console.log(`ui-import: run ${i + 1}: ${line}; grid “${rows}”`);
  }
  console.log(`ui-import: medians of ${RUNS} runs`);
  console.log(`${'phase'.padEnd(20)}${'wall ms'.padStart(9)}${'long tasks'.padStart(12)}${'longest ms'.padStart(12)}${'total ms'.padStart(10)}${'max rAF gap'.padStart(13)}`);
  const med = (p: Phase, k: keyof PhaseFigures) => median(all.map((f) => f[p][k]));
  for (const p of PHASES) {
    console.log(`${p.padEnd(20)}${med(p, 'wall').toFixed(0).padStart(9)}${String(med(p, 'count')).padStart(12)}${med(p, 'longest').toFixed(0).padStart(12)}${med(p, 'total').toFixed(0).padStart(10)}${med(p, 'maxGap').toFixed(0).padStart(13)}`);
  }
  const sum = (k: 'count' | 'total') => median(all.map((f) => PHASES.reduce((s, p) => s + f[p][k], 0)));
  const longest = median(all.map((f) => Math.max(...PHASES.map((p) => f[p].longest))));
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`ui-import: all phases (median per run): ${sum('count')} long tasks, longest ${longest.toFixed(0)} ms, total ${sum('total').toFixed(0)} ms — aim: none over ${LONG_MS} ms: ${sum('count') === 0 ? 'met' : 'MISSED'}`);
}
