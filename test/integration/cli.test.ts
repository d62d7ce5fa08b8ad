import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CAMPAIGN_KINDS } from '../../shared/campaign/model.ts';
import { defaultSettings } from '../../shared/campaign/settings.ts';
import { AppError } from '../../shared/contract/index.ts';
import { openApp, type AppOptions } from '../../main/app.ts';
import { createDispatcher, type Handlers } from '../../main/dispatcher.ts';
import { main } from '../../main/cli/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(repoRoot, 'bin', 'paneldesk.js');

let data: string;
beforeEach(() => { data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-cli-')); });
afterEach(() => { fs.rmSync(data, { recursive: true, force: true }); });

function pd(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args, '--data', data], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, PANELDESK_DATA: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as Record<string, unknown> };
}

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('paneldesk campaign', () => {
  it.each(CAMPAIGN_KINDS)('create --template %s answers the campaign with every setting', (kind) => {
    const r = pd('campaign', 'create', '--template', kind, '--name', `测试 ${kind}`, '--year', '2026', '--json');
    expect(r.status, r.stderr).toBe(0);
    const c = r.json();
    expect(c).toMatchObject({ name: `测试 ${kind}`, kind, year: 2026 });
    expect(typeof c.id).toBe('string');
    const criteria = c.criteria as { id: string; name: string; nameEn: string; weight: number; min: number; max: number; step: number }[];
    expect(criteria.length).toBeGreaterThan(0);
    for (const cr of criteria) expect(Object.keys(cr)).toEqual(expect.arrayContaining(['id', 'name', 'nameEn', 'weight', 'min', 'max', 'step']));
    expect(keys(c.settings).sort()).toEqual(keys(defaultSettings()).sort());
  });

  it('list and show find what create made, across processes', () => {
    const made = pd('campaign', 'create', '--template', 'conferences', '--name', '十佳会议', '--year', '2026', '--json').json();
    const list = pd('campaign', 'list', '--json');
    expect(list.status).toBe(0);
    expect(list.json()).toEqual({ campaigns: [expect.objectContaining({ id: made.id, name: '十佳会议', kind: 'conferences', year: 2026 })] });
    const show = pd('campaign', 'show', String(made.id), '--json').json();
    expect((show.criteria as { name: string }[]).map((c) => c.name)).toEqual(['学术价值', '社会影响力', '科技工作者关注度', '服务经济社会发展']);
    const human = pd('campaign', 'show', String(made.id));
    expect(human.stdout).toContain('学术价值');
  });

  it('set changes settings, and refuses a weight of −5 with nothing changed', () => {
    const id = String(pd('campaign', 'create', '--template', 'conferences', '--name', 'x', '--year', '2026', '--json').json().id);
    const ok = pd('campaign', 'set', id, 'quota.total=12', 'assignment.perItem=3', '--json');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.json().settings).toMatchObject({ quota: { total: 12 }, assignment: { perItem: 3 } });

    const bad = pd('campaign', 'set', id, 'criteria.academic-value.weight=-5', '--json');
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(JSON.parse(bad.stderr)).toMatchObject({ error: { code: 'SETTING_OUT_OF_RANGE' } });
    const after = pd('campaign', 'show', id, '--json').json();
    expect((after.criteria as { weight: number }[])[0]!.weight).toBe(25);

    const unknown = pd('campaign', 'set', id, 'quota.bogus=1', '--json');
    expect(JSON.parse(unknown.stderr)).toMatchObject({ error: { code: 'SETTING_UNKNOWN' } });
    const human = pd('campaign', 'set', id, 'criteria.academic-value.weight=-5');
    expect(human.stderr).toMatch(/weight/);
  });

  it('gives errors as codes, with a non-zero status', () => {
    const missing = pd('campaign', 'show', 'c-nope', '--json');
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const usage = pd('campaign', 'create', '--name', 'x', '--year', '2026', '--json');
    expect(usage.status).toBe(2);
    // With --json, standard error is the one JSON line: no usage text, no help.
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(usage.stderr)).toMatchObject({ error: { code: 'BAD_ARGUMENTS' } });
    const year = pd('campaign', 'create', '--template', 'papers', '--name', 'x', '--year', 'soon', '--json');
    expect(JSON.parse(year.stderr)).toMatchObject({ error: { code: 'BAD_ARGUMENTS' } });
  });

  it('keeps a second process off a data folder that serve holds', async () => {
    const serve = spawn(process.execPath, [bin, 'serve', '--json', '--data', data], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        serve.stdout!.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('"url"')) resolve(); });
        serve.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const second = pd('campaign', 'list', '--json');
      expect(second.status).toBe(1);
      expect(JSON.parse(second.stderr)).toMatchObject({ error: { code: 'STORE_LOCKED' } });
    } finally {
      const exited = new Promise((r) => serve.once('exit', r));
      serve.kill('SIGTERM');
      await exited;
    }
    expect(pd('campaign', 'list', '--json').status).toBe(0);
  });
});

/** main() in this process, with what it writes on stdout and stderr. */
async function runMain(argv: string[], deps: Parameters<typeof main>[1]) {
  let stdout = '';
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout += String(chunk); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
  try {
    const status = await main([...argv, '--data', data], deps);
    return { status, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** The real app, whose close does its work and then fails as a read-only folder or a full disk would. */
function closeFailsWith(error: unknown) {
  return async (opts: AppOptions) => {
    const app = await openApp(opts);
    return { ...app, close: async () => { await app.close(); throw error; } };
  };
}

describe('paneldesk gives one answer', () => {
  it('when closing the data folder fails: the error alone, never a success first; non-zero exit', async () => {
    const failures = [
      new AppError('STORE_UNWRITABLE', 'the data folder is read-only', { values: { reason: 'EROFS' } }),
      Object.assign(new Error(`ENOSPC: no space left on device, write '${data}/campaigns/x/journal.jsonl'`), { code: 'ENOSPC' }),
    ];
    for (const failure of failures) {
      const r = await runMain(['campaign', 'create', '--template', 'papers', '--name', 'x', '--year', '2026', '--json'], { openApp: closeFailsWith(failure) });
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      const parsed = JSON.parse(lines[0]!) as { error: { code: string; message: string } };
      expect(parsed.error.code).toBe('STORE_UNWRITABLE');
      if (!(failure instanceof AppError)) expect(parsed.error.message).toContain('ENOSPC');

      const human = await runMain(['campaign', 'list'], { openApp: closeFailsWith(failure) });
      expect(human.status).not.toBe(0);
      expect(human.stdout).toBe('');
      expect(human.stderr).toMatch(/^paneldesk: /);
    }
    // A command that failed on its own keeps its own error, still only one.
    const missing = await runMain(['campaign', 'show', 'c-nope', '--json'], { openApp: closeFailsWith(new AppError('STORE_UNWRITABLE', 'x')) });
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('with --json, an unexpected error is one line on stderr: no stack, no message, no path, unless --debug', async () => {
    const secret = `EACCES: permission denied, open '${data}/campaigns/c-1/journal.jsonl'`;
    const throwing = async (opts: AppOptions) => {
      const app = await openApp(opts);
      const handlers = new Proxy({}, { get: () => () => { throw new Error(secret); } }) as Handlers;
      return { ...app, dispatch: createDispatcher(handlers, opts.onInternalError) };
    };
    const quiet = await runMain(['campaign', 'list', '--json'], { openApp: throwing });
    expect(quiet.status).toBe(1);
    expect(quiet.stdout).toBe('');
    const lines = quiet.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0]!) as { error: Record<string, unknown> };
    expect(Object.keys(parsed)).toEqual(['error']);
    expect(parsed.error.code).toBe('INTERNAL');
    expect(quiet.stderr).not.toContain(data);
    expect(quiet.stderr).not.toMatch(/EACCES|\n\s+at /);

    const debug = await runMain(['campaign', 'list', '--json', '--debug'], { openApp: throwing });
    expect(debug.status).toBe(1);
    expect(JSON.parse(debug.stderr.split('\n')[0]!)).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(debug.stderr).toContain('EACCES');
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

describe('paneldesk identity', () => {
  it('show answers the same name and fingerprint on every run; rename keeps the key', () => {
    const env = { ...process.env, PANELDESK_DATA: '', PANELDESK_NAME: '王芳' };
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args, '--data', data, '--json'], { cwd: repoRoot, encoding: 'utf8', env });
    const first = run('identity', 'show');
    expect(first.status, first.stderr).toBe(0);
    const a = JSON.parse(first.stdout) as { name: string; fingerprint: string };
    expect(a).toMatchObject({ name: '王芳', fingerprint: expect.stringMatching(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/) });
    expect(JSON.parse(run('identity', 'show').stdout)).toMatchObject(a);
    const renamed = JSON.parse(run('identity', 'rename', '王芳（秘书）').stdout) as { name: string; fingerprint: string };
    expect(renamed).toMatchObject({ name: '王芳（秘书）', fingerprint: a.fingerprint });
  });
});
