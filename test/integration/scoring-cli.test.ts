import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../main/app.ts';
import { sheetBook, xlsxBytes } from '../../main/xlsx/test-zip.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(repoRoot, 'bin', 'paneldesk.js');

let data: string;
let work: string;
let campaignId = '';

function pd(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args, '--data', data], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, PANELDESK_DATA: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as Record<string, unknown> };
}

beforeAll(async () => {
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-scorecli-'));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-scorecli-files-'));
  // The panel is set up through the services (the panel's own commands are another step's).
  const app = await openApp({ dataDir: data, identityName: '秘书处' });
  const ctx = { door: 'test' as const, actor: 'secretary' };
  const c = await app.dispatch('campaigns.create', { template: 'topics', name: '议题', year: 2026 }, ctx);
  if (!c.ok) throw new Error(c.error.message);
  campaignId = (c.value as { id: string }).id;
  const bytes = xlsxBytes(sheetBook({ S: [['议题名称', '提出人', '推荐单位'], ['量子生物学', '李四', '中国物理学会'], ['城市韧性', '王五', '中国城市科学研究会']] })) as Uint8Array<ArrayBuffer>;
  const p = await app.dispatch('nominations.preview', { campaignId, file: { name: 'n.xlsx', bytes } }, ctx);
  if (!p.ok) throw new Error(p.error.message);
  await app.dispatch('nominations.import', { campaignId, uploadId: (p.value as { uploadId: string }).uploadId }, ctx);
  await app.store.commit(campaignId, { type: 'expert.added', expert: { id: 'e1', name: '张三', institution: '复旦大学', department: '', title: '', disciplines: [], offices: [], phone: '', email: '', groupId: null } }, 'secretary');
  for (const n of app.store.get(campaignId)!.nominations) await app.store.commit(campaignId, { type: 'assignment.added', itemId: n.id, expertId: 'e1' }, 'secretary');
  await app.close();
});
afterAll(() => {
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

describe('paneldesk sheets export|import, verify', () => {
  // Four CLI processes, the export's writer a worker thread that loads tsx and ExcelJS first: slow on a busy machine.
  it('exports one sheet per expert into a folder, verifies it, takes it back filled in Excel as unsigned', () => {
    const out = pd('sheets', 'export', '--campaign', campaignId, '--out', work, '--json');
    expect(out.status).toBe(0);
    const files = out.json().files as { expertId: string; path: string }[];
    expect(files.map((f) => [f.expertId, path.basename(f.path)])).toEqual([['e1', '专家A-评分表.xlsx']]);

    const v = pd('verify', files[0]!.path, '--json');
    expect(v.json()).toMatchObject({ kind: 'score-sheet', packageSignature: 'valid', signature: 'missing', signer: null });

    // Filled by a program that is not PanelDesk (SheetJS), keeping the hidden sheet.
    const wb = XLSX.read(fs.readFileSync(files[0]!.path));
    const ws = wb.Sheets['评分表 Scores']!;
    XLSX.utils.sheet_add_aoa(ws, [[30, 20, 20], [10, 31, 5]], { origin: 'G2' });
    const filled = path.join(work, 'filled.xlsx');
    fs.writeFileSync(filled, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const r = pd('sheets', 'import', filled, '--campaign', campaignId, '--json');
    expect(r.status).toBe(0);
    const s = (r.json().sheets as Record<string, unknown>[])[0]!;
    expect(s).toMatchObject({ expertId: 'e1', signature: 'missing', key: 'none', accepted: true, scores: 5 });
    expect(s.issues).toEqual([{ row: 3, column: 'H', itemId: expect.any(String), criterionId: 'frontier', code: 'SCORE_ABOVE_MAX', message: expect.stringContaining('31 is above the highest score 30') }]);
  }, 60_000);

  it('answers a missing file or a workbook that is no PanelDesk file with an error code', () => {
    const missing = pd('verify', path.join(work, 'nope.xlsx'), '--json');
    expect(missing.status).not.toBe(0);
    expect(JSON.parse(missing.stderr).error.code).toBe('NOT_FOUND');
    const other = path.join(work, 'other.xlsx');
    fs.writeFileSync(other, xlsxBytes(sheetBook({ S: [['a'], [1]] })));
    expect(JSON.parse(pd('verify', other, '--json').stderr).error.code).toBe('FILE_NOT_PANELDESK');
  });
});
