/**
 * The real Electron shell, end to end: window, app:// scheme, preload bridge, IPC into the dispatcher, quitting.
 * Needs Electron's binary (and a display on Linux: run under xvfb-run); where there is none, the suite skips and
 * says why. Run: npx vitest run --config test/electron/vitest.config.ts
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ElectronApplication, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames } from '../../shared/contract/index.ts';

const root = path.resolve(import.meta.dirname, '../..');

interface StartScript {
  findElectronBinary(): string | undefined;
}
const { findElectronBinary } = (await import(pathToFileURL(path.join(root, 'scripts', 'start.js')).href)) as StartScript;

const binary = findElectronBinary();
const skipReason = !binary
  ? 'Electron binary not installed on this machine'
  : process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
    ? 'no display for Electron (DISPLAY unset): run under xvfb-run'
    : undefined;
if (skipReason) console.info(`Electron end-to-end tests skipped: ${skipReason}.`);

type Bridge = Record<string, (args?: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>>;

describe.skipIf(skipReason !== undefined)(`Electron shell${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let dataDir: string;
  let electronApp: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      const r = spawnSync(npm, ['run', 'build:renderer'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
      if (r.status !== 0) throw new Error('npm run build:renderer failed');
    }
    const { buildElectron } = (await import(pathToFileURL(path.join(root, 'scripts', 'build-electron.js')).href)) as {
      buildElectron(o: { quiet: boolean }): Promise<unknown>;
    };
    await buildElectron({ quiet: true });

    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-electron-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
    env.PANELDESK_DATA = dataDir;
    const args = [root];
    // Chromium's OS sandbox refuses root (CI runs as root); the renderer is still sandboxed in Electron's sense.
    if (process.platform === 'linux' && process.getuid?.() === 0) args.push('--no-sandbox');
    const { _electron } = await import('@playwright/test');
    electronApp = await _electron.launch({ executablePath: binary!, args, env, cwd: root, timeout: 60_000 });
    page = await electronApp.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 180_000);

  afterAll(async () => {
    await electronApp?.close().catch(() => undefined);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the UI from app://paneldesk/', () => {
    expect(page.url()).toMatch(/^app:\/\/paneldesk\//);
  });

  it('runs the window sandboxed and isolated, without Node', async () => {
    const windows = await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()));
    expect(windows).toHaveLength(1);
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      ipcRenderer: 'ipcRenderer' in globalThis,
      webview: typeof customElements.get('webview'),
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: false, webview: 'undefined' });
  });

  it('exposes exactly the contract through window.paneldesk', async () => {
    const keys = await page.evaluate(() => Object.keys((window as unknown as { paneldesk: Bridge }).paneldesk).sort());
    expect(keys).toEqual([...callNames].sort());
  });

  it('answers calls through IPC and the dispatcher, on the data folder it was given', async () => {
    const status = await page.evaluate(() => (window as unknown as { paneldesk: Bridge }).paneldesk['store.status']!({}));
    expect(status.ok).toBe(true);
    expect(fs.realpathSync((status.value as { dataDir: string }).dataDir)).toBe(fs.realpathSync(dataDir));
    const bad = await page.evaluate(() => (window as unknown as { paneldesk: Bridge }).paneldesk['campaigns.get']!({ nope: 1 }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
  });

  it('serves every response with the CSP and refuses path escapes', async () => {
    const r = await page.evaluate(async () => {
      const index = await fetch('app://paneldesk/');
      const escape1 = await fetch('app://paneldesk/..%2f..%2fpackage.json');
      const escape2 = await fetch('app://paneldesk/%2e%2e/%2e%2e/package.json');
      const missing = await fetch('app://paneldesk/assets/missing-0000.js');
      return {
        csp: index.headers.get('content-security-policy'),
        type: index.headers.get('content-type'),
        escapes: [escape1.status, escape2.status],
        escapeBodies: (await escape1.text()) + (await escape2.text()),
        missing: missing.status,
      };
    });
    expect(r.csp).toContain("default-src 'self'");
    expect(r.csp).toContain("object-src 'none'");
    expect(r.type).toMatch(/^text\/html/);
    for (const s of r.escapes) expect([403, 404]).toContain(s);
    expect(r.escapeBodies).not.toContain('"name": "paneldesk"');
    expect(r.missing).toBe(404);
  });

  it('opens no new window and does not navigate away', async () => {
    const opened = await page.evaluate(() => window.open('app://paneldesk/other') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'file:///etc/hostname';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/paneldesk\//);
    expect(electronApp.windows()).toHaveLength(1);
  });

  it('closes the store on quit, so the data folder can be opened again', async () => {
    await electronApp.close();
    const { openApp } = await import('../../main/app.ts');
    const again = await openApp({ dataDir });
    await again.close();
  });
});
