import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(repoRoot, 'bin', 'paneldesk.js');
const fixtures = path.resolve(repoRoot, 'test/fixtures/workbooks');

let data: string;
let work: string;
beforeEach(() => {
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-nomcli-'));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-nomcli-files-'));
});
afterEach(() => {
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

function pd(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args, '--data', data], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, PANELDESK_DATA: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as Record<string, unknown> };
}

function campaign(template: string): string {
  return String(pd('campaign', 'create', '--template', template, '--name', 'x', '--year', '2026', '--json').json().id);
}

function writeBook(name: string, rows: unknown[][]): string {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'S');
  const file = path.join(work, name);
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return file;
}

describe('paneldesk nominations', () => {
  it('import, re-import, list and export round trip (through the worker, from bin/paneldesk.js)', () => {
    const id = campaign('papers');
    const file = path.join(fixtures, 'papers-libreoffice.xlsx');
    const r = pd('nominations', 'import', file, '--campaign', id, '--nominator', '北京生物医学工程学会', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ imported: 4, updated: 0, unchanged: 0, rejected: 0, issues: [] });

    const again = pd('nominations', 'import', path.join(fixtures, 'papers-libreoffice.xls'), '--campaign', id, '--nominator', '北京生物医学工程学会', '--json');
    expect(again.json()).toMatchObject({ imported: 0, updated: 0, unchanged: 4, rejected: 0 });
    const reimported = pd('nominations', 'import', file, '--campaign', id, '--nominator', '北京生物医学工程学会');
    expect(reimported.stdout).toContain('nothing changed');

    const list = pd('nominations', 'list', '--campaign', id, '--json');
    expect(list.status, list.stderr).toBe(0);
    const items = list.json().items as Record<string, unknown>[];
    expect(items).toHaveLength(4);
    for (const item of items) {
      expect(Object.keys(item)).toEqual(expect.arrayContaining(['id', 'key', 'title', 'discipline', 'nominators', 'status', 'reasons']));
      expect(['eligible', 'attention', 'ineligible']).toContain(item.status);
      expect(item.nominators).toEqual(['北京生物医学工程学会']);
    }
    expect(items.map((i) => i.title)).toContain('可穿戴传感器的柔性电子研究');

    const out = path.join(work, '名单.xlsx');
    const exp = pd('nominations', 'export', out, '--campaign', id, '--json');
    expect(exp.status, exp.stderr).toBe(0);
    expect(exp.json()).toMatchObject({ path: out });
    const wb = XLSX.read(fs.readFileSync(out));
    expect(XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]!]!)).toHaveLength(4);

    const human = pd('nominations', 'list', '--campaign', id);
    expect(human.stdout).toContain('可穿戴传感器的柔性电子研究');
  });

  it('conferences: the 1904 fixture, the nominators from the workbook', () => {
    const id = campaign('conferences');
    const r = pd('nominations', 'import', path.join(fixtures, 'conferences-1904-libreoffice.xlsx'), '--campaign', id, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ imported: 4, rejected: 0 });
    const items = pd('nominations', 'list', '--campaign', id, '--json').json().items as { title: string; nominators: string[] }[];
    expect(items).toHaveLength(4);
    expect(items.every((i) => i.title.length > 0 && i.nominators.length === 1)).toBe(true);
  });

  it('--map corrects the mapping, --sheet picks the sheet; issues carry sheet, row, column, field, code and message', () => {
    const id = campaign('papers');
    const file = writeBook('odd.xlsx', [
      ['成果名称', '完成人', '载体', '时间', '备注'],
      ['论文甲', '张三', '期刊甲', 2025, 'x'],
      ['论文乙', '李四', '期刊乙', '明年', 'y'],
      [null, '王五', '期刊丙', 2025, 'z'],
    ]);
    const r = pd('nominations', 'import', file, '--campaign', id, '--sheet', 'S', '--map', 'A=title', '--map', 'B=authors', '--map', '载体=journal', '--map', 'D=year', '--nominator', '学会', '--json');
    expect(r.status, r.stderr).toBe(0);
    const report = r.json();
    expect(report).toMatchObject({ imported: 2, rejected: 1 });
    const issues = report.issues as Record<string, unknown>[];
    expect(issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ sheet: 'S', row: 3, column: 'D', field: 'year', code: 'BAD_YEAR' }),
      expect.objectContaining({ sheet: 'S', row: 4, column: 'A', field: 'title', code: 'REQUIRED_MISSING' }),
    ]));
    for (const i of issues) expect(Object.keys(i)).toEqual(expect.arrayContaining(['sheet', 'row', 'column', 'field', 'code', 'message']));

    const bad = pd('nominations', 'import', file, '--campaign', id, '--map', 'A=nonsense', '--json');
    expect(bad.status).not.toBe(0);
    expect(JSON.parse(bad.stderr)).toMatchObject({ error: { code: 'BAD_ARGUMENTS' } });
    const noSheet = pd('nominations', 'import', file, '--campaign', id, '--sheet', 'Nope', '--json');
    expect(JSON.parse(noSheet.stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('without --sheet, every sheet with a header is imported; a notes sheet is passed over', () => {
    const id = campaign('papers');
    const wb = XLSX.utils.book_new();
    const header = ['题目', '作者', '刊名', '年份', '学科'];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([header, ['化学论文', '甲', 'J', 2025, '化学']]), '化学');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['填表说明：每个学科一张表']]), '说明');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([header, ['物理论文一', '乙', 'J', 2025, '物理学'], ['物理论文二', '丙', 'J', 2024, '物理学']]), '物理');
    const file = path.join(work, 'multi.xlsx');
    fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const r = pd('nominations', 'import', file, '--campaign', id, '--nominator', '学会', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ imported: 3, sheets: [{ sheet: '化学', imported: 1 }, { sheet: '物理', imported: 2 }] });
    const one = pd('nominations', 'import', file, '--campaign', id, '--nominator', '学会', '--sheet', '物理', '--json');
    expect(one.json()).toMatchObject({ imported: 0, unchanged: 2, sheets: [{ sheet: '物理' }] });
  });

  it('hostile and missing files fail with codes and change nothing', () => {
    const id = campaign('papers');
    const fake = path.join(work, 'fake.xlsx');
    fs.writeFileSync(fake, '%PDF-1.7\n1 0 obj');
    const r = pd('nominations', 'import', fake, '--campaign', id, '--json');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'FILE_NOT_WORKBOOK' } });
    const missing = pd('nominations', 'import', path.join(work, 'none.xlsx'), '--campaign', id, '--json');
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const noCampaign = pd('nominations', 'list', '--campaign', 'c-none', '--json');
    expect(JSON.parse(noCampaign.stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(pd('nominations', 'list', '--campaign', id, '--json').json()).toMatchObject({ total: 0, items: [] });
  });
});
