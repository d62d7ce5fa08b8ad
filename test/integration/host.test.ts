import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHost, resolveStatic, CONTENT_SECURITY_POLICY, type Host } from '../../main/server/host.ts';
import type { Dispatch } from '../../main/dispatcher.ts';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(port: number, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: opts.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('browser-mode host', () => {
  let dir: string;
  let host: Host;
  const calls: { name: string; args: unknown; door: string }[] = [];
  const dispatch: Dispatch = async (name, args, ctx) => {
    calls.push({ name, args, door: ctx.door });
    return { ok: true, value: { echoed: name } };
  };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-host-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>PanelDesk</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(os.tmpdir(), 'pd-secret.txt'), 'secret');
    calls.length = 0;
    host = await startHost({ dispatch, staticDir: dir });
  });
  afterEach(async () => {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const hostHeader = () => ({ Host: `127.0.0.1:${host.port}` });
  async function login(): Promise<string> {
    const u = new URL(host.url);
    const r = await request(host.port, { path: `/?token=${u.searchParams.get('token')}`, headers: hostHeader() });
    expect(r.status).toBe(303);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    return cookie.split(';')[0]!;
  }

  it('listens on loopback only and prints a tokenized address', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  it('serves nothing without a session, with a CSP on every response', async () => {
    const page = await request(host.port, { headers: hostHeader() });
    expect(page.status).toBe(401);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const api = await request(host.port, { method: 'POST', path: '/api/campaigns.list', headers: { ...hostHeader(), Origin: host.origin, 'Content-Type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(calls).toHaveLength(0);
  });

  it('takes the token once, then serves the page and the contract to the session', async () => {
    const cookie = await login();
    const page = await request(host.port, { headers: { ...hostHeader(), Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('PanelDesk');
    const api = await request(host.port, { method: 'POST', path: '/api/campaigns.list', headers: { ...hostHeader(), Origin: host.origin, Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });
    expect(JSON.parse(api.body)).toEqual({ ok: true, value: { echoed: 'campaigns.list' } });
    expect(calls).toEqual([{ name: 'campaigns.list', args: {}, door: 'http' }]);

    // the token is one-time: a second browser cannot use it
    const again = await request(host.port, { path: new URL(host.url).search.replace(/^/, '/'), headers: hostHeader() });
    expect(again.status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin, even with a session', async () => {
    const cookie = await login();
    const rebound = await request(host.port, { headers: { Host: `evil.example:${host.port}`, Cookie: cookie } });
    expect(rebound.status).toBe(403);
    const foreign = await request(host.port, { method: 'POST', path: '/api/campaigns.list', headers: { ...hostHeader(), Origin: 'http://evil.example', Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });
    expect(foreign.status).toBe(403);
    const otherPort = await request(host.port, { method: 'POST', path: '/api/campaigns.list', headers: { ...hostHeader(), Origin: 'http://127.0.0.1:1', Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });
    expect(otherPort.status).toBe(403);
    const crossSite = await request(host.port, { headers: { ...hostHeader(), Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const noOrigin = await request(host.port, { method: 'POST', path: '/api/campaigns.list', headers: { ...hostHeader(), Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });
    expect(noOrigin.status).toBe(403);
    expect(calls).toHaveLength(0);
  });

  it('answers bad requests with error codes', async () => {
    const cookie = await login();
    const h = { ...hostHeader(), Origin: host.origin, Cookie: cookie, 'Content-Type': 'application/json' };
    const notJson = await request(host.port, { method: 'POST', path: '/api/campaigns.list', headers: h, body: '{nope' });
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    const get = await request(host.port, { path: '/api/campaigns.list', headers: h });
    expect(get.status).toBe(405);
  });

  it('keeps static paths inside the renderer folder', async () => {
    const cookie = await login();
    for (const p of ['/../pd-secret.txt', '/%2e%2e/pd-secret.txt', '/assets/..%2f..%2fpd-secret.txt', '/%5c..%5cpd-secret.txt']) {
      const r = await request(host.port, { path: p, headers: { ...hostHeader(), Cookie: cookie } });
      expect(r.body).not.toContain('secret');
    }
    const asset = await request(host.port, { path: '/assets/app.js', headers: { ...hostHeader(), Cookie: cookie } });
    expect(asset.headers['content-type']).toContain('text/javascript');
    const missing = await request(host.port, { path: '/assets/missing.js', headers: { ...hostHeader(), Cookie: cookie } });
    expect(missing.status).toBe(404);
    const route = await request(host.port, { path: '/campaigns/x/setup', headers: { ...hostHeader(), Cookie: cookie } });
    expect(route.status).toBe(200);
    expect(resolveStatic('/srv/app', '/../../etc/passwd')).toBe('/srv/app/etc/passwd');
    expect(resolveStatic('/srv/app', '/a%00b')).toBeNull();
  });
});

describe('browser-mode host port', () => {
  it('takes any free port when the chosen one is taken, if asked to', async () => {
    const dispatch: Dispatch = async () => ({ ok: true, value: null });
    const first = await startHost({ dispatch, staticDir: os.tmpdir() });
    try {
      await expect(startHost({ dispatch, staticDir: os.tmpdir(), port: first.port })).rejects.toThrow(/EADDRINUSE/);
      const second = await startHost({ dispatch, staticDir: os.tmpdir(), port: first.port, anyPortIfTaken: true });
      expect(second.port).not.toBe(first.port);
      await second.close();
    } finally {
      await first.close();
    }
  });
});
