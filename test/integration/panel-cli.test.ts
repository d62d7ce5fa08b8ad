import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sheetBook, xlsxBytes } from '../../main/xlsx/test-zip.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(repoRoot, 'bin', 'paneldesk.js');

let data: string;
let work: string;
beforeEach(() => {
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-panelcli-'));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-panelcli-files-'));
});
afterEach(() => {
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

function pd(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args, '--data', data], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, PANELDESK_DATA: '', LANG: 'C' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as Record<string, unknown> };
}

function writeBook(name: string, rows: unknown[][]): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, xlsxBytes(sheetBook({ S: rows })));
  return file;
}

/** A conferences campaign with two groups (made with `campaign group add`) and nominations. */
async function setUp(): Promise<string> {
  const id = String(pd('campaign', 'create', '--template', 'conferences', '--name', 'CLI 会议', '--year', '2026', '--json').json().id);
  expect(pd('campaign', 'group', 'add', id, '--name', '理学组', '--disciplines', '物理', '--json').status).toBe(0);
  expect(pd('campaign', 'group', 'add', id, '--name', '工学组', '--disciplines', '计算机', '--json').status).toBe(0);
  const noms = writeBook('推荐.xlsx', [['会议名称', '主办单位', '学科', '推荐单位'], ['物理大会', '清华大学', '物理', '中国物理学会'], ['光学会议', '北京大学', '物理', '中国光学学会'], ['系统大会', '北京理工大学', '计算机', '中国计算机学会']]);
  const n = pd('nominations', 'import', noms, '--campaign', id, '--json');
  expect(n.status, n.stderr).toBe(0);
  return id;
}

describe('paneldesk campaign group', () => {
  it('adds, lists and removes discipline groups; a taken name and an unknown group are refused with the reason', () => {
    const id = String(pd('campaign', 'create', '--template', 'papers', '--name', '论文', '--year', '2026', '--json').json().id);
    const a = pd('campaign', 'group', 'add', id, '--name', '理学组', '--name-en', 'Science', '--disciplines', '物理、化学', '--quota', '4', '--json');
    expect(a.status, a.stderr).toBe(0);
    expect(a.json().group).toMatchObject({ id: 'g1', name: '理学组', nameEn: 'Science', disciplines: ['物理', '化学'], quotaShare: 4, everyMemberScores: false });
    expect(pd('campaign', 'group', 'add', id, '--name', '工学组', '--every-member', '--json').json().group).toMatchObject({ id: 'g2', everyMemberScores: true });
    const again = pd('campaign', 'group', 'add', id, '--name', '理学组', '--json');
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('exists already');
    const badQuota = pd('campaign', 'group', 'add', id, '--name', '医学组', '--quota', 'many');
    expect(badQuota.status).toBe(2);
    expect(badQuota.stderr).toContain('--quota');
    expect((pd('campaign', 'group', 'list', id, '--json').json().groups as unknown[]).length).toBe(2);
    expect(pd('campaign', 'group', 'list', id).stdout).toContain('理学组 / Science');
    const rm = pd('campaign', 'group', 'remove', id, 'science', '--json');
    expect(rm.status, rm.stderr).toBe(0);
    expect(rm.json()).toMatchObject({ removed: 'g1' });
    const missing = pd('campaign', 'group', 'remove', id, '医学组', '--json');
    expect(missing.status).not.toBe(0);
    expect(JSON.parse(missing.stderr || missing.stdout).error.code).toBe('NOT_FOUND');
    expect((pd('campaign', 'show', id, '--json').json().groups as { name: string }[]).map((g) => g.name)).toEqual(['工学组']);
   }, 180_000);
});

describe('paneldesk experts / conflicts / assign', () => {
  it('imports a roster, lists experts and conflicts, assigns with --per-item, explains what is short', async () => {
    const id = await setUp();
    const roster = writeBook('专家.xlsx', [['姓名', '单位', '学科'], ['张三', 'THU', '物理'], ['李四', 'Peking University', '物理'], ['王五', '中国人民大学', '物理'], ['钱七', '北京航空航天大学', '计算机'], ['', 'x', '']]);
    const imp = pd('experts', 'import', roster, '--campaign', id, '--json');
    expect(imp.status, imp.stderr).toBe(0);
    expect(imp.json()).toMatchObject({ imported: 4, updated: 0, rejected: 1, issues: [{ row: 6, column: 'A', code: 'REQUIRED_MISSING' }] });
    expect(pd('experts', 'import', roster, '--campaign', id, '--json').json()).toMatchObject({ imported: 0, unchanged: 4 });

    const list = pd('experts', 'list', '--campaign', id, '--json').json().experts as Record<string, unknown>[];
    expect(list.map((e) => [e.name, e.group, e.fingerprint])).toEqual([['张三', 'g1', null], ['李四', 'g1', null], ['王五', 'g1', null], ['钱七', 'g2', null]]);
    for (const e of list) expect(Object.keys(e)).toEqual(expect.arrayContaining(['id', 'name', 'institution', 'disciplines', 'group', 'fingerprint']));
    const ids = new Map(list.map((e) => [e.name as string, e.id as string]));

    const conflicts = pd('conflicts', 'list', '--campaign', id, '--json').json().conflicts as Record<string, unknown>[];
    expect(conflicts.map((c) => [c.expertName, c.itemTitle, c.kind, c.state])).toEqual(expect.arrayContaining([['张三', '物理大会', 'institution', 'detected'], ['李四', '光学会议', 'institution', 'detected']]));
    expect(conflicts.find((c) => c.expertName === '张三')!.reason).toBe("The expert's institution (THU) is that of an organiser (清华大学)");

    const r = pd('assign', '--campaign', id, '--per-item', '2', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = r.json() as { assignments: { itemId: string; expertId: string }[]; unassigned: { itemId: string; missing: number; reason: { code: string; message: string } }[] };
    expect(out.assignments).toHaveLength(2 + 2 + 1);
    for (const c of conflicts) expect(out.assignments).not.toContainEqual({ itemId: c.itemId, expertId: c.expertId });
    expect(out.assignments.filter((a) => a.expertId === ids.get('王五'))).toHaveLength(2);
    expect(out.unassigned).toEqual([expect.objectContaining({ missing: 1, reason: expect.objectContaining({ code: 'GROUP_TOO_SMALL', message: 'Too few experts in group 工学组: 1, fewer than the 2 reviewers each nomination needs' }) })]);
    const human = pd('assign', '--campaign', id, '--per-item', '2');
    expect(human.stdout).toContain('1 nominations short of reviewers');
    const bad = pd('assign', '--campaign', id, '--per-item', 'x', '--json');
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stderr)).toMatchObject({ error: { code: 'BAD_ARGUMENTS' } });
    expect(JSON.parse(pd('experts', 'list', '--campaign', 'nope', '--json').stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  }, 180_000);
});
