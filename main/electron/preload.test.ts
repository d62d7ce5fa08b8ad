import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { callNames } from '../../shared/contract/index.ts';
import { IPC_CHANNEL } from './channel.ts';

const exposed = vi.hoisted(() => new Map<string, unknown>());
const invoke = vi.hoisted(() => vi.fn(async (_channel: string, name: string, args: unknown) => ({ ok: true, value: { name, args } })));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke, send: vi.fn(), on: vi.fn() },
}));

type Api = Record<string, (args?: unknown) => Promise<unknown>>;

beforeEach(() => {
  invoke.mockClear();
});

describe('preload (source, electron mocked)', () => {
  it('exposes exactly one function per contract entry under window.paneldesk, and nothing else', async () => {
    await import('./preload.ts');
    expect([...exposed.keys()]).toEqual(['paneldesk']);
    const api = exposed.get('paneldesk') as Api;
    expect(Object.keys(api).sort()).toEqual([...callNames].sort());
    expect(Object.keys(api)).toHaveLength(callNames.length);
    for (const name of callNames) expect(typeof api[name]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('each function sends its own name on the one channel and returns the Result', async () => {
    await import('./preload.ts');
    const api = exposed.get('paneldesk') as Api;
    const first = callNames[0]!;
    await expect(api[first]!({ id: 'c-1' })).resolves.toEqual({ ok: true, value: { name: first, args: { id: 'c-1' } } });
    expect(invoke).toHaveBeenCalledWith(IPC_CHANNEL, first, { id: 'c-1' });
    await api[first]!();
    expect(invoke).toHaveBeenLastCalledWith(IPC_CHANNEL, first, {});
  });
});

describe('preload (the built bundle, as a sandboxed preload sees it)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-preload-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('requires only electron, carries no zod, and exposes exactly the contract names', async () => {
    const script = path.resolve(import.meta.dirname, '../../scripts/build-electron.js');
    const { buildPreload } = (await import(pathToFileURL(script).href)) as {
      buildPreload: (o: { outfile: string; logLevel: string }) => Promise<{ outfile: string; names: string[] }>;
    };
    const outfile = path.join(tmp, 'preload.cjs');
    const built = await buildPreload({ outfile, logLevel: 'error' });
    expect(built.names).toEqual([...callNames]);
    const code = fs.readFileSync(outfile, 'utf8');
    expect(code).not.toMatch(/zod/i);

    const seen: Record<string, unknown> = {};
    const calls: unknown[][] = [];
    const required: string[] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => { seen[key] = api; } },
      ipcRenderer: { invoke: async (...a: unknown[]) => { calls.push(a); return { ok: true, value: null }; } },
    };
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id === 'electron') return fakeElectron;
      throw new Error(`module not found: ${id}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
    expect(required).toEqual(['electron']);
    expect(Object.keys(seen)).toEqual(['paneldesk']);
    const api = seen.paneldesk as Api;
    expect(Object.keys(api)).toEqual([...callNames]);
    const first = callNames[0]!;
    await api[first]!({});
    expect(calls).toEqual([[IPC_CHANNEL, first, {}]]);
  });
});
