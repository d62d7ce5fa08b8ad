import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHost, resolveStatic, realFileUnder, CONTENT_SECURITY_POLICY, type Host } from '../../main/server/host.ts';
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

/** A POST of `total` bytes of JSON-ish text, written with backpressure; Content-Length only when `declare`. */
function bigRequest(port: number, path_: string, headers: Record<string, string>, total: number, declare: boolean): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: path_, headers: { ...headers, ...(declare ? { 'Content-Length': String(total) } : {}) } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
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
  /** The secret prefix everything is served under, e.g. /s/abc…/ */
  const base = () => new URL(host.app).pathname;
  async function login(): Promise<string> {
    const u = new URL(host.url);
    const r = await request(host.port, { path: `${u.pathname}${u.search}`, headers: hostHeader() });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe(base());
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    return cookie.split(';')[0]!;
  }

  it('listens on loopback only and prints a tokenized address under a secret prefix', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[\w-]{32}\/\?token=[0-9a-f]{48}$/);
    expect(host.url.startsWith(host.app)).toBe(true);
  });

  it('serves nothing without a session, with a CSP on every response', async () => {
    const page = await request(host.port, { path: base(), headers: hostHeader() });
    expect(page.status).toBe(401);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const api = await request(host.port, { method: 'POST', path: `${base()}api/campaigns.list`, headers: { ...hostHeader(), Origin: host.origin, 'Content-Type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(calls).toHaveLength(0);
  });

  it('takes the token once, then serves the page and the contract to the session', async () => {
    const cookie = await login();
    const page = await request(host.port, { path: base(), headers: { ...hostHeader(), Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('PanelDesk');
    const api = await request(host.port, { method: 'POST', path: `${base()}api/campaigns.list`, headers: { ...hostHeader(), Origin: host.origin, Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });
    expect(JSON.parse(api.body)).toEqual({ ok: true, value: { echoed: 'campaigns.list' } });
    expect(calls).toEqual([{ name: 'campaigns.list', args: {}, door: 'http' }]);

    // the token is one-time: a second browser cannot use it
    const again = await request(host.port, { path: `${base()}${new URL(host.url).search}`, headers: hostHeader() });
    expect(again.status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin, even with a session', async () => {
    const cookie = await login();
    const rebound = await request(host.port, { path: base(), headers: { Host: `evil.example:${host.port}`, Cookie: cookie } });
    expect(rebound.status).toBe(403);
    const foreign = await request(host.port, { method: 'POST', path: `${base()}api/campaigns.list`, headers: { ...hostHeader(), Origin: 'http://evil.example', Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });
    expect(foreign.status).toBe(403);
    const otherPort = await request(host.port, { method: 'POST', path: `${base()}api/campaigns.list`, headers: { ...hostHeader(), Origin: 'http://127.0.0.1:1', Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });
    expect(otherPort.status).toBe(403);
    const crossSite = await request(host.port, { path: base(), headers: { ...hostHeader(), Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const noOrigin = await request(host.port, { method: 'POST', path: `${base()}api/campaigns.list`, headers: { ...hostHeader(), Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });
    expect(noOrigin.status).toBe(403);
    expect(calls).toHaveLength(0);
  });

  it('answers bad requests with error codes', async () => {
    const cookie = await login();
    const h = { ...hostHeader(), Origin: host.origin, Cookie: cookie, 'Content-Type': 'application/json' };
    const notJson = await request(host.port, { method: 'POST', path: `${base()}api/campaigns.list`, headers: h, body: '{nope' });
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    const get = await request(host.port, { path: `${base()}api/campaigns.list`, headers: h });
    expect(get.status).toBe(405);
    // A malformed escape in the call name is the caller's mistake: 400, not a crash of the request.
    const badName = await request(host.port, { method: 'POST', path: `${base()}api/campaigns.%E0%A4%A`, headers: h, body: '{}' });
    expect(badName.status).toBe(400);
    expect(JSON.parse(badName.body)).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    expect(calls).toHaveLength(0);
  });

  it('answers a body over 80 MB with 413 FILE_TOO_LARGE, streamed or declared, instead of resetting the connection', async () => {
    const cookie = await login();
    const h = { ...hostHeader(), Origin: host.origin, Cookie: cookie, 'Content-Type': 'application/json' };
    const over = 80 * 1024 * 1024 + 1;
    for (const declare of [false, true]) {
      const r = await bigRequest(host.port, `${base()}api/nominations.preview`, h, over, declare);
      expect(r.status).toBe(413);
      expect(r.headers.connection).toBe('close');
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    }
    expect(calls).toHaveLength(0);
    // The host still answers afterwards.
    const after = await request(host.port, { method: 'POST', path: `${base()}api/campaigns.list`, headers: h, body: '{}' });
    expect(after.status).toBe(200);
  });

  it('scopes the session to its secret prefix: the cookie is useless, and not sent, anywhere else', async () => {
    const cookie = await login();
    const u = new URL(host.url);
    const setCookie = String((await request(host.port, { path: base(), headers: hostHeader() })).headers['set-cookie'] ?? '');
    expect(setCookie).toBe(''); // only the token's answer sets it
    const h = { ...hostHeader(), Origin: host.origin, Cookie: cookie, 'Content-Type': 'application/json' };
    // The cookie's Path is the prefix: a browser sends it to nothing else on 127.0.0.1, whatever the port.
    const fresh = await startHost({ dispatch, staticDir: dir });
    try {
      const first = await request(fresh.port, { path: `${new URL(fresh.url).pathname}${new URL(fresh.url).search}`, headers: { Host: `127.0.0.1:${fresh.port}` } });
      expect(String(first.headers['set-cookie'])).toMatch(new RegExp(`; Path=${new URL(fresh.app).pathname.replace(/[/-]/g, '\\$&')}(;|$)`));
      expect(new URL(fresh.app).pathname).not.toBe(base()); // each host its own secret
    } finally {
      await fresh.close();
    }
    // With the session but without the secret path, nothing is served.
    for (const p of ['/', '/api/campaigns.list', '/s/x/api/campaigns.list', `/s/${u.pathname.split('/')[2]!.slice(1)}/api/campaigns.list`]) {
      const r = await request(host.port, { method: 'POST', path: p, headers: h, body: '{}' });
      expect(r.status, p).toBe(401);
    }
    expect(calls).toHaveLength(0);
    const noSlash = await request(host.port, { path: base().slice(0, -1), headers: { ...hostHeader(), Cookie: cookie } });
    expect(noSlash.status).toBe(308);
    expect(noSlash.headers.location).toBe(base());
  });

  it('does not follow symlinks out of the build folder', async () => {
    const cookie = await login();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.js'), 'secret');
      fs.symlinkSync(path.join(outside, 'secret.js'), path.join(dir, 'assets', 'leak.js'));
      fs.symlinkSync(outside, path.join(dir, 'assets', 'elsewhere'));
      fs.symlinkSync(path.join(dir, 'assets', 'app.js'), path.join(dir, 'assets', 'alias.js'));
      for (const p of ['assets/leak.js', 'assets/elsewhere/secret.js']) {
        const r = await request(host.port, { path: `${base()}${p}`, headers: { ...hostHeader(), Cookie: cookie } });
        expect(r.status, p).toBe(404);
        expect(r.body).not.toContain('secret');
      }
      // A link that stays inside is served.
      const alias = await request(host.port, { path: `${base()}assets/alias.js`, headers: { ...hostHeader(), Cookie: cookie } });
      expect(alias.body).toBe('console.log(1)');
      expect(await realFileUnder(dir, path.join(dir, 'assets', 'leak.js'))).toBeNull();
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('keeps static paths inside the renderer folder', async () => {
    const cookie = await login();
    for (const p of ['../pd-secret.txt', '%2e%2e/pd-secret.txt', 'assets/..%2f..%2fpd-secret.txt', '%5c..%5cpd-secret.txt', 'assets/..%2f..%2f..%2f..%2fpd-secret.txt']) {
      const r = await request(host.port, { path: `${base()}${p}`, headers: { ...hostHeader(), Cookie: cookie } });
      expect(r.body).not.toContain('secret');
    }
    const asset = await request(host.port, { path: `${base()}assets/app.js`, headers: { ...hostHeader(), Cookie: cookie } });
    expect(asset.headers['content-type']).toContain('text/javascript');
    const missing = await request(host.port, { path: `${base()}assets/missing.js`, headers: { ...hostHeader(), Cookie: cookie } });
    expect(missing.status).toBe(404);
    const route = await request(host.port, { path: `${base()}campaigns/x/setup`, headers: { ...hostHeader(), Cookie: cookie } });
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
