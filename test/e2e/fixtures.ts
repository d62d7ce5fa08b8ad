import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface HostHandle {
  /** The one-time tokenized address: page.goto(url) sets the session cookie and lands on the app. */
  url: string;
  origin: string;
  /** The app's address: origin and the secret prefix, ending in / (routes: `${app}#/campaigns/…`). */
  app: string;
  dataDir: string;
  /** Stop and start the host on the same data folder; url changes (a new token). */
  restart(): Promise<void>;
}

interface Running {
  child: ChildProcess;
  url: string;
  origin: string;
  app: string;
}

/** Starts `paneldesk serve` as a person would, on a fresh data folder, and reads the address it prints. */
export async function startServe(dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'paneldesk.js'), 'serve', '--json', '--data', dataDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const info = await new Promise<{ url: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`paneldesk serve did not start in time:\n${stderr}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      try {
        const parsed = JSON.parse(stdout) as { url: string };
        clearTimeout(timer);
        resolve(parsed);
      } catch {
        // the JSON object is not complete yet
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`paneldesk serve exited with ${code}:\n${stderr}`));
    });
  });
  const u = new URL(info.url);
  return { child, url: info.url, origin: u.origin, app: `${u.origin}${u.pathname}` };
}

export async function stopServe(r: Running): Promise<void> {
  if (r.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => r.child.once('exit', () => resolve()));
  r.child.kill('SIGTERM');
  await exited;
}

export const test = base.extend<{ host: HostHandle }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure
  host: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-e2e-'));
    let running = await startServe(dataDir);
    const handle: HostHandle = {
      url: running.url,
      origin: running.origin,
      app: running.app,
      dataDir,
      restart: async () => {
        await stopServe(running);
        running = await startServe(dataDir);
        handle.url = running.url;
        handle.origin = running.origin;
        handle.app = running.app;
      },
    };
    await use(handle);
    await stopServe(running);
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };
