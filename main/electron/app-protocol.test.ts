import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from './app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from './security.ts';

let tmp: string;
let root: string;
let serve: ReturnType<typeof createAppProtocolHandler>;
const INDEX = '<!doctype html><title>PanelDesk</title><script type="module" src="/assets/index-abc.js"></script>';

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-protocol-'));
  root = path.join(tmp, 'dist', 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), INDEX);
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  fs.writeFileSync(path.join(root, 'assets', '思源.woff2'), 'font');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'SECRET');
  fs.writeFileSync(path.join(tmp, 'dist', 'outside.js'), 'SECRET');
  // Symlinks that point outside the root are treated as missing; one that stays inside is served.
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(root, 'assets', 'leak.txt'));
  fs.symlinkSync(tmp, path.join(root, 'assets', 'up'));
  fs.symlinkSync(path.join(root, 'assets', 'index-abc.js'), path.join(root, 'assets', 'alias.js'));
  serve = createAppProtocolHandler(root);
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => serve({ url, method });

describe('app:// protocol handler', () => {
  it('serves index.html at the root with the CSP and the right type', async () => {
    const res = await get('app://paneldesk/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(INDEX);
  });

  it('serves assets with their MIME types', async () => {
    const js = await get('app://paneldesk/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('app://paneldesk/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://paneldesk/assets/logo.svg')).headers.get('content-type')).toBe('image/svg+xml');
    const font = await get('app://paneldesk/assets/%E6%80%9D%E6%BA%90.woff2');
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
  });

  it('answers routes without an extension with index.html (SPA fallback)', async () => {
    for (const url of ['app://paneldesk/campaigns', 'app://paneldesk/campaigns/c-1/scores?tab=2', 'app://paneldesk/assets']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('answers a missing asset with 404, with the CSP', async () => {
    const res = await get('app://paneldesk/assets/missing-123.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await get('app://paneldesk/favicon.ico')).status).toBe(404);
  });

  it('never serves what lies outside the root', async () => {
    const hostile = [
      'app://paneldesk/..%2fsecret.txt',
      'app://paneldesk/..%2f..%2fsecret.txt',
      'app://paneldesk/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://paneldesk/%2E%2E/%2E%2E/secret.txt',
      'app://paneldesk/../../secret.txt',
      'app://paneldesk/..%5c..%5csecret.txt',
      'app://paneldesk/assets\\..\\..\\..\\secret.txt',
      `app://paneldesk/${encodeURIComponent(path.join(tmp, 'secret.txt'))}`,
      `app://paneldesk/${path.join(tmp, 'secret.txt')}`,
      'app://paneldesk/secret.txt%00.js',
      'app://paneldesk/assets/leak.txt',
      'app://paneldesk/assets/up/secret.txt',
      'app://paneldesk/assets/up/dist/outside.js',
      'app://evil/secret.txt',
    ];
    for (const url of hostile) {
      const res = await get(url);
      const body = await res.text();
      expect(body, url).not.toContain('SECRET');
      expect([403, 404], url).toContain(res.status);
      expect(res.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('follows a symlink that stays inside the root', async () => {
    const res = await get('app://paneldesk/assets/alias.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://paneldesk/assets/index-abc.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://paneldesk/', 'POST')).status).toBe(405);
    expect((await get('app://paneldesk/', 'PUT')).status).toBe(405);
  });

  it('answers 404 when the UI is not built', async () => {
    const missing = createAppProtocolHandler(path.join(tmp, 'nowhere'));
    const res = await missing({ url: 'app://paneldesk/', method: 'GET' });
    expect(res.status).toBe(404);
  });
});
