/**
 * main.ts against a fake `electron`: that the rules in security.ts are actually wired in (scheme, session, window,
 * IPC sender check, navigation, quitting closes the store, a locked folder shows the dialog). The real binary is
 * exercised by test/electron where one exists.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openApp } from '../app.ts';
import type * as AppModule from '../app.ts';
import { APP_SCHEME, APP_URL, CONTENT_SECURITY_POLICY, IPC_CHANNEL, PRINT_PARTITION } from './security.ts';

type Fn = (...args: never[]) => unknown;

const state = vi.hoisted(() => {
  const make = () => {
    const appListeners = new Map<string, ((...a: unknown[]) => unknown)[]>();
    const f = {
      appListeners,
      windows: [] as { options: Record<string, unknown>; loaded: string[]; destroyed: boolean; webContents: { id: number; mainFrame: { frameToken: string }; loaded: string[]; printed: unknown[] } }[],
      partitions: new Map<string, Record<string, unknown>>(),
      ipcHandlers: new Map<string, (...a: unknown[]) => unknown>(),
      protocolHandlers: new Map<string, (req: { url: string; method: string }) => Promise<Response>>(),
      privileged: [] as unknown[],
      errorBoxes: [] as [string, string][],
      openedExternally: [] as string[],
      questions: [] as { detail?: string; buttons?: string[]; defaultId?: number; cancelId?: number }[],
      answers: [] as number[],
      quit: 0,
      exit: [] as number[],
      sandboxEnabled: false,
      paths: new Map<string, string>(),
      session: {} as Record<string, unknown>,
      menuSet: false,
    };
    const on = (event: string, fn: (...a: unknown[]) => unknown) => {
      appListeners.set(event, [...(appListeners.get(event) ?? []), fn]);
    };
    const electron = {
      app: {
        isPackaged: false,
        enableSandbox: () => { f.sandboxEnabled = true; },
        setPath: (k: string, v: string) => { f.paths.set(k, v); },
        setAppUserModelId: () => undefined,
        requestSingleInstanceLock: () => true,
        on,
        whenReady: () => Promise.resolve(),
        quit: () => {
          f.quit += 1;
          // Like Electron: quitting emits before-quit, whose listeners may prevent it.
          let prevented = false;
          for (const l of appListeners.get('before-quit') ?? []) l({ preventDefault: () => { prevented = true; } });
          return prevented;
        },
        exit: (code: number) => { f.exit.push(code); },
      },
      protocol: { registerSchemesAsPrivileged: (s: unknown[]) => { f.privileged.push(...s); } },
      session: {
        fromPartition: (name: string) => {
          const s: Record<string, unknown> = {};
          f.partitions.set(name, s);
          return {
            setPermissionRequestHandler: (h: unknown) => { s.request = h; },
            setPermissionCheckHandler: (h: unknown) => { s.check = h; },
            setDevicePermissionHandler: (h: unknown) => { s.device = h; },
            setSpellCheckerEnabled: (v: boolean) => { s.spellcheck = v; },
            webRequest: { onBeforeRequest: (h: unknown) => { s.beforeRequest = h; } },
          };
        },
        defaultSession: {
          setPermissionRequestHandler: (h: unknown) => { f.session.request = h; },
          setPermissionCheckHandler: (h: unknown) => { f.session.check = h; },
          setDevicePermissionHandler: (h: unknown) => { f.session.device = h; },
          setSpellCheckerEnabled: (v: boolean) => { f.session.spellcheck = v; },
          webRequest: { onBeforeRequest: (h: unknown) => { f.session.beforeRequest = h; } },
          protocol: { handle: (scheme: string, h: (req: { url: string; method: string }) => Promise<Response>) => { f.protocolHandlers.set(scheme, h); } },
        },
      },
      ipcMain: { handle: (ch: string, h: (...a: unknown[]) => unknown) => { f.ipcHandlers.set(ch, h); } },
      BrowserWindow: class {
        options: Record<string, unknown>;
        loaded: string[] = [];
        destroyed = false;
        // The print window's contents (meeting.printPdf): loads the page, prints a PDF of it.
        webContents = {
          id: 7,
          mainFrame: { frameToken: 'main-token' },
          loaded: [] as string[],
          printed: [] as unknown[],
          loadURL: (url: string) => { this.webContents.loaded.push(url); return Promise.resolve(); },
          printToPDF: (o: unknown) => { this.webContents.printed.push(o); return Promise.resolve(Buffer.from('%PDF-1.7 fake')); },
        };
        constructor(options: Record<string, unknown>) {
          this.options = options;
          f.windows.push(this);
        }
        once() { return this; }
        on() { return this; }
        isDestroyed() { return this.destroyed; }
        destroy() { this.destroyed = true; }
        loadURL(url: string) { this.loaded.push(url); return Promise.resolve(); }
      },
      Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => { f.menuSet = true; } },
      dialog: {
        showErrorBox: (title: string, content: string) => { f.errorBoxes.push([title, content]); },
        showMessageBox: (...args: unknown[]) => {
          f.questions.push(args[args.length - 1] as (typeof f.questions)[number]);
          return Promise.resolve({ response: f.answers.shift() ?? 0, checkboxChecked: false });
        },
      },
      shell: { openExternal: (url: string) => { f.openedExternally.push(url); return Promise.resolve(); } },
    };
    return { f, electron };
  };
  return { make, current: undefined as unknown as ReturnType<typeof make> };
});

/** When set, the app's close does its work and then fails with this (a read-only folder, a full disk). */
const closeFault = vi.hoisted(() => ({ error: undefined as unknown }));
vi.mock('../app.ts', async (importOriginal) => {
  const real = await importOriginal<typeof AppModule>();
  return {
    ...real,
    openApp: async (opts: Parameters<typeof real.openApp>[0]) => {
      const opened = await real.openApp(opts);
      return { ...opened, close: async () => { await opened.close(); if (closeFault.error !== undefined) throw closeFault.error; } };
    },
  };
});

vi.mock('electron', () => ({
  get app() { return state.current.electron.app; },
  get protocol() { return state.current.electron.protocol; },
  get session() { return state.current.electron.session; },
  get ipcMain() { return state.current.electron.ipcMain; },
  get BrowserWindow() { return state.current.electron.BrowserWindow; },
  get Menu() { return state.current.electron.Menu; },
  get dialog() { return state.current.electron.dialog; },
  get shell() { return state.current.electron.shell; },
}));

let dataDir: string;

beforeEach(() => {
  vi.resetModules();
  state.current = state.make();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-main-'));
  vi.stubEnv('PANELDESK_DATA', dataDir);
});

afterEach(() => {
  closeFault.error = undefined;
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}

function event(over: { url?: string | null; frameToken?: string; parent?: unknown; senderId?: number }) {
  const frame = over.url === null ? null : {
    url: over.url ?? APP_URL,
    parent: over.parent ?? null,
    frameToken: over.frameToken ?? 'main-token',
    detached: false,
    isDestroyed: () => false,
  };
  return { senderFrame: frame, sender: { id: over.senderId ?? 7 } };
}

describe('main.ts wiring (fake electron)', () => {
  it('opens one hardened window on app://paneldesk and answers only our main frame', async () => {
    await import('./main.ts');
    const f = state.current.f;
    await until(() => f.windows.length === 1);

    expect(f.sandboxEnabled).toBe(true);
    expect(f.privileged).toEqual([{ scheme: APP_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(f.paths.get('userData')).toBe(path.join(dataDir, 'electron'));
    expect(f.menuSet).toBe(true);

    const win = f.windows[0]!;
    expect(win.loaded).toEqual([APP_URL]);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, spellcheck: false });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);

    // Session: permissions denied, nothing leaves for the network, the scheme answers with the CSP.
    const granted: boolean[] = [];
    (f.session.request as Fn as (wc: unknown, p: string, cb: (g: boolean) => void) => void)({}, 'media', (g) => granted.push(g));
    expect(granted).toEqual([false]);
    expect((f.session.check as () => boolean)()).toBe(false);
    const cancelled = (url: string) => {
      let r: { cancel: boolean } | undefined;
      (f.session.beforeRequest as (d: { url: string }, cb: (x: { cancel: boolean }) => void) => void)({ url }, (x) => { r = x; });
      return r?.cancel;
    };
    expect(cancelled('https://example.com/')).toBe(true);
    expect(cancelled('app://paneldesk/assets/x.js')).toBe(false);
    const res = await f.protocolHandlers.get(APP_SCHEME)!({ url: 'app://paneldesk/..%2f..%2fpackage.json', method: 'GET' });
    expect([403, 404]).toContain(res.status);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);

    // IPC: the dispatcher behind our main frame; FORBIDDEN for anything else.
    const handle = f.ipcHandlers.get(IPC_CHANNEL)!;
    const status = (await handle(event({}), 'store.status', {})) as { ok: boolean; value: { dataDir: string } };
    expect(status.ok).toBe(true);
    expect(status.value.dataDir).toBe(dataDir);
    expect(await handle(event({}), 'no.such.call', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    for (const bad of [
      event({ url: 'https://evil.example/' }),
      event({ url: 'file:///tmp/x.html' }),
      event({ url: null }),
      event({ frameToken: 'iframe-token', parent: {} }),
      event({ frameToken: 'other-token' }),
      event({ senderId: 8 }),
    ]) {
      expect(await handle(bad, 'store.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }

    // Every webContents: no webviews, no windows, no navigation away; a link goes to the system browser only after
    // a click in that window and the person's yes to the full address.
    const listeners = new Map<string, (e: unknown, ...rest: unknown[]) => void>();
    let openHandler: ((d: { url: string }) => unknown) | undefined;
    const contents = {
      id: 7,
      on: (ev: string, fn: (e: unknown, ...rest: unknown[]) => void) => { listeners.set(ev, fn); },
      setWindowOpenHandler: (h: (d: { url: string }) => unknown) => { openHandler = h; },
    };
    for (const l of f.appListeners.get('web-contents-created') ?? []) l({}, contents);
    const settle = () => new Promise((r) => setTimeout(r, 0));
    const click = () => listeners.get('input-event')!({}, { type: 'mouseDown' });
    // Without a gesture (a script, a link in imported data opening itself): no dialog, nothing opened.
    expect(openHandler!({ url: 'https://www.cast.org.cn/' })).toEqual({ action: 'deny' });
    await settle();
    expect(f.questions).toHaveLength(0);
    listeners.get('input-event')!({}, { type: 'mouseMove' });
    expect(openHandler!({ url: 'https://www.cast.org.cn/' })).toEqual({ action: 'deny' });
    await settle();
    expect(f.questions).toHaveLength(0);
    // A click, then Cancel (the default): nothing opened.
    click();
    f.answers.push(0);
    expect(openHandler!({ url: 'https://www.cast.org.cn/' })).toEqual({ action: 'deny' });
    await settle();
    expect(f.questions).toHaveLength(1);
    expect(f.questions[0]).toMatchObject({ defaultId: 0, cancelId: 0 });
    expect(f.questions[0]!.detail).toContain('https://www.cast.org.cn/');
    expect(f.openedExternally).toEqual([]);
    // A click, then Open.
    click();
    f.answers.push(1);
    openHandler!({ url: 'https://www.cast.org.cn/' });
    await settle();
    expect(f.openedExternally).toEqual(['https://www.cast.org.cn/']);
    click();
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await settle();
    expect(f.questions).toHaveLength(2);
    expect(f.openedExternally).toEqual(['https://www.cast.org.cn/']);
    const prevented = (ev: string, e: Record<string, unknown>) => {
      let p = false;
      listeners.get(ev)!({ ...e, preventDefault: () => { p = true; } });
      return p;
    };
    expect(prevented('will-attach-webview', {})).toBe(true);
    expect(prevented('will-navigate', { url: 'file:///etc/passwd', isMainFrame: true })).toBe(true);
    expect(prevented('will-navigate', { url: 'app://paneldesk/#/campaigns', isMainFrame: true })).toBe(false);
    expect(prevented('will-redirect', { url: 'http://127.0.0.1/' })).toBe(true);

    // Quitting waits for the store to close: afterwards the folder opens again.
    const app = state.current.electron.app;
    const firstQuitPrevented = app.quit();
    expect(firstQuitPrevented).toBe(true);
    await until(() => f.quit >= 2);
    const again = await openApp({ dataDir });
    await again.close();
  });

  it('when closing the data folder fails on quit: says so, in both languages, once, and still quits', async () => {
    closeFault.error = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await import('./main.ts');
    const f = state.current.f;
    await until(() => f.windows.length === 1);
    state.current.electron.app.quit();
    await until(() => f.quit >= 2);
    expect(f.errorBoxes).toHaveLength(1);
    expect(f.errorBoxes[0]![0]).toBe('PanelDesk 未能保存数据 / PanelDesk could not save its data');
    expect(f.errorBoxes[0]![1]).toContain('最近的修改可能没有保存');
    expect(f.errorBoxes[0]![1]).toContain('the latest changes may not be saved');
    expect(f.errorBoxes[0]![1]).toContain('ENOSPC');
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });

  it('on a folder another PanelDesk holds: says so and quits, without a window', async () => {
    // Another live process on this host holds the lock (our parent stands in for it).
    fs.writeFileSync(path.join(dataDir, 'paneldesk.lock'), JSON.stringify({ pid: process.ppid, hostname: os.hostname(), startedAt: new Date().toISOString() }));
    await import('./main.ts');
    const f = state.current.f;
    await until(() => f.quit >= 1);
    expect(f.windows).toHaveLength(0);
    expect(f.errorBoxes).toHaveLength(1);
    expect(f.errorBoxes[0]![0]).toMatch(/already open/);
    expect(f.errorBoxes[0]![1]).toContain('PanelDesk 已在此数据文件夹上打开');
    expect(f.errorBoxes[0]![1]).toContain(dataDir);
    expect(f.ipcHandlers.size).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'paneldesk.lock'))).toBe(true);
  });

  it('saves the print view as PDF: a hidden sandboxed window in the print session, which allows no request but the page', async () => {
    const { seedMeeting } = await import('../../test/support/meeting-seed.ts');
    const seeded = await openApp({ dataDir, identityName: '秘书处' });
    const { campaignId } = await seedMeeting(seeded);
    await seeded.close();
    await import('./main.ts');
    const f = state.current.f;
    await until(() => f.windows.length === 1);

    const print = f.partitions.get(PRINT_PARTITION)!;
    expect(print).toBeDefined();
    expect((print.check as () => boolean)()).toBe(false);
    const cancelled = (url: string) => {
      let r: { cancel: boolean } | undefined;
      (print.beforeRequest as (d: { url: string }, cb: (x: { cancel: boolean }) => void) => void)({ url }, (x) => { r = x; });
      return r?.cancel;
    };
    expect(cancelled('https://example.com/font.woff')).toBe(true);
    expect(cancelled('app://paneldesk/assets/x.js')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('data:text/html,<p>x</p>')).toBe(false);

    const handle = f.ipcHandlers.get(IPC_CHANNEL)!;
    const r = (await handle(event({}), 'meeting.printPdf', { campaignId, lang: 'en' })) as { ok: boolean; value: { name: string; bytes: Uint8Array; digest: string } };
    expect(r.ok).toBe(true);
    expect(Buffer.from(r.value.bytes).toString()).toBe('%PDF-1.7 fake');
    expect(r.value.name).toMatch(/\.pdf$/);
    const win = f.windows[1]!;
    expect(win.options).toMatchObject({ show: false, webPreferences: { partition: PRINT_PARTITION, javascript: false, sandbox: true, nodeIntegration: false, contextIsolation: true } });
    expect(win.options.webPreferences).not.toHaveProperty('preload');
    expect(win.webContents.loaded).toHaveLength(1);
    const html = decodeURIComponent(win.webContents.loaded[0]!.replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(html).toContain(r.value.digest);
    expect(html).toContain('Signatures');
    expect(win.webContents.printed).toEqual([expect.objectContaining({ pageSize: 'A4', printBackground: true })]);
    expect(win.destroyed).toBe(true);

    state.current.electron.app.quit();
    await until(() => f.quit >= 2);
  });
});
