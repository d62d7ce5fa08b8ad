import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../dispatcher.ts';
import { decodeFromJson, encodeForJson } from '../../shared/contract/codec.ts';

/**
 * Browser mode: a loopback-only HTTP host for the built renderer and the contract. Everything lives under a secret
 * path, /s/<secret>/, and the session cookie's Path is that prefix: cookies are not scoped by port, so a page that
 * another program on this machine serves (http://127.0.0.1:other/) never receives it. The address printed carries a
 * one-time token; the first request with it gets the HttpOnly, SameSite=Strict cookie, and nothing is served
 * without both. Host and Origin must be this loopback address (DNS rebinding), and every response carries a CSP.
 */
export interface HostOptions {
  readonly dispatch: Dispatch;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  readonly port?: number;
  /** Who is recorded as the actor of changes made through this door. */
  readonly actor?: string;
  /** When the port is taken, take any free one instead of failing. */
  readonly anyPortIfTaken?: boolean;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes?: number;
}

export interface Host {
  /** The address to open, with its one-time token. */
  readonly url: string;
  readonly origin: string;
  /** The app's own address (origin + secret prefix, ending in /): routes are `${app}#/…`, calls `${app}api/<name>`. */
  readonly app: string;
  readonly port: number;
  close(): Promise<void>;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

/** A file under root for a URL path, or null when the path would leave root (lexically; see realFileUnder). */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const target = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  const rootResolved = path.resolve(root);
  if (target !== rootResolved && !target.startsWith(rootResolved + path.sep)) return null;
  return target;
}

function isInside(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The real path of a regular file whose real path stays inside the real root, or null: a symlink in the build
 * folder that points elsewhere is treated as missing, as app:// does.
 */
export async function realFileUnder(root: string, file: string): Promise<string | null> {
  try {
    const [realRoot, real] = await Promise.all([fs.promises.realpath(root), fs.promises.realpath(file)]);
    if (!isInside(realRoot, real)) return null;
    return (await fs.promises.stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** Answers that outlive a refused body: the rest of an over-large upload is read and dropped, then the line closed. */
const DRAIN_LIMIT_MS = 30_000;

type Refusal = 'UNAUTHORIZED' | 'FORBIDDEN';

export async function startHost(opts: HostOptions): Promise<Host> {
  // Files arrive base64-encoded in JSON: room for the largest accepted workbook (50 MB) and its encoding.
  const maxBody = opts.maxBodyBytes ?? 80 * 1024 * 1024;
  let token: string | null = randomBytes(24).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  const prefix = `/s/${secret}/`;
  const sessions = new Set<string>();
  let port = 0;
  let cookieName = 'pd_session';

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
    res.writeHead(status, { ...baseHeaders(), 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
    res.end(body);
  }
  function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
    send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
  }
  function refuse(res: http.ServerResponse, isApi: boolean, status: number, code: Refusal, message: string): void {
    if (isApi) sendJson(res, status, { ok: false, error: { code, message } });
    else send(res, status, `<!doctype html><meta charset="utf-8"><title>PanelDesk</title><p>${message}</p>`, 'text/html; charset=utf-8');
  }

  /**
   * 413 FILE_TOO_LARGE, sent whole at once; the rest of the body is read and dropped (so the client is not reset
   * while it still writes and can read the answer), then the connection is closed.
   */
  function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
    const body = JSON.stringify({ ok: false, error: { code: 'FILE_TOO_LARGE', message: `the request is larger than ${maxBody} bytes`, values: { limit: maxBody } } });
    res.writeHead(413, { ...baseHeaders(), 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'no-store', Connection: 'close' });
    res.write(body);
    const timer = setTimeout(() => req.socket.destroy(), DRAIN_LIMIT_MS);
    timer.unref();
    let ended = false;
    const done = () => {
      clearTimeout(timer);
      if (ended) return;
      ended = true;
      res.end();
    };
    if (req.readableEnded) return done();
    req.on('end', done);
    req.on('error', done);
    req.on('close', done);
    req.resume();
  }

  /** The body, or null when it is over the limit (then the 413 is already on its way). */
  function readBody(req: http.IncomingMessage, res: http.ServerResponse): Promise<Buffer | null> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      refuseTooLarge(req, res);
      return Promise.resolve(null);
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (c: Buffer) => {
        size += c.length;
        if (size > maxBody) {
          req.off('data', onData);
          req.off('end', onEnd);
          chunks.length = 0;
          refuseTooLarge(req, res);
          resolve(null);
          return;
        }
        chunks.push(c);
      };
      const onEnd = () => resolve(Buffer.concat(chunks));
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', reject);
    });
  }

  /** The part of the path after the secret prefix, or null for any path outside it. */
  function insidePrefix(pathname: string): string | null {
    if (!pathname.startsWith('/s/')) return null;
    const end = pathname.indexOf('/', 3);
    const given = end < 0 ? pathname.slice(3) : pathname.slice(3, end);
    if (!safeEqual(given, secret)) return null;
    return end < 0 ? '' : pathname.slice(end + 1);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const rest = insidePrefix(url.pathname);
    const isApi = (rest ?? url.pathname.slice(1)).startsWith('api/');

    // DNS rebinding: a page on another name that resolves to 127.0.0.1 sends its own Host.
    if (!req.headers.host || !allowedHosts().has(req.headers.host.toLowerCase())) {
      return refuse(res, isApi, 403, 'FORBIDDEN', 'This address is served only as 127.0.0.1 or localhost.');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      return refuse(res, isApi, 403, 'FORBIDDEN', 'Requests from other sites are refused.');
    }
    const fetchSite = req.headers['sec-fetch-site'];
    if (typeof fetchSite === 'string' && !['same-origin', 'none'].includes(fetchSite)) {
      return refuse(res, isApi, 403, 'FORBIDDEN', 'Requests from other sites are refused.');
    }
    const notSignedIn = 'Open PanelDesk with the address it printed when it started. 请使用评审工作台启动时显示的地址打开。';
    if (rest === null) return refuse(res, isApi, 401, 'UNAUTHORIZED', notSignedIn);
    if (rest === '' && !url.pathname.endsWith('/')) {
      res.writeHead(308, { ...baseHeaders(), Location: `${prefix}${url.search}`, 'Cache-Control': 'no-store' });
      res.end();
      return;
    }

    const given = url.searchParams.get('token');
    if (given !== null && req.method === 'GET') {
      if (token !== null && safeEqual(given, token)) {
        token = null; // one-time
        const session = randomBytes(32).toString('hex');
        sessions.add(session);
        res.writeHead(303, {
          ...baseHeaders(),
          Location: prefix,
          // Path: the browser sends the cookie to this prefix only, never to another program's port.
          'Set-Cookie': `${cookieName}=${session}; HttpOnly; SameSite=Strict; Path=${prefix}`,
          'Cache-Control': 'no-store',
        });
        res.end();
        return;
      }
      const cookie = parseCookies(req.headers.cookie).get(cookieName);
      if (!cookie || !sessions.has(cookie)) {
        return refuse(res, false, 401, 'UNAUTHORIZED', 'This link has already been used. Start PanelDesk again to get a new address. 此链接已使用过，请重新启动评审工作台以获得新地址。');
      }
    }

    const session = parseCookies(req.headers.cookie).get(cookieName);
    if (!session || !sessions.has(session)) return refuse(res, isApi, 401, 'UNAUTHORIZED', notSignedIn);

    if (isApi) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'BAD_ARGUMENTS', message: 'use POST' } });
      if (origin === undefined) return refuse(res, true, 403, 'FORBIDDEN', 'Requests without an Origin are refused.');
      const type = req.headers['content-type'] ?? '';
      if (!type.startsWith('application/json')) return sendJson(res, 415, { ok: false, error: { code: 'BAD_ARGUMENTS', message: 'send JSON' } });
      let name: string;
      try {
        name = decodeURIComponent(rest.slice('api/'.length));
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'BAD_ARGUMENTS', message: 'the call name is not a valid address' } });
      }
      const body = await readBody(req, res);
      if (body === null) return;
      let args: unknown;
      try {
        args = body.length === 0 ? {} : decodeFromJson(JSON.parse(body.toString('utf8')));
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'BAD_ARGUMENTS', message: 'the request is not JSON' } });
      }
      const result = await opts.dispatch(name, args, { door: 'http', actor: opts.actor ?? 'secretary' });
      return sendJson(res, 200, encodeForJson(result));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed', 'text/plain; charset=utf-8');
    return serveStatic(rest, res);
  }

  async function serveStatic(rest: string, res: http.ServerResponse): Promise<void> {
    const index = await realFileUnder(opts.staticDir, path.join(opts.staticDir, 'index.html'));
    if (index === null) {
      return send(res, 503, '<!doctype html><meta charset="utf-8"><title>PanelDesk</title><p>The user interface is not built. Run <code>npm run build:renderer</code>, or start with <code>npm run serve</code>.</p>', 'text/html; charset=utf-8');
    }
    const lexical = resolveStatic(opts.staticDir, '/' + rest);
    if (lexical === null) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
    const file = await realFileUnder(opts.staticDir, lexical);
    if (file !== null) {
      const ext = path.extname(file).toLowerCase();
      const immutable = rest.startsWith('assets/');
      return send(res, 200, await fs.promises.readFile(file), MIME[ext] ?? 'application/octet-stream', immutable ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {});
    }
    // A path that looks like a file but is missing is a 404; anything else is a route of the single-page app.
    if (path.extname(rest) !== '') return send(res, 404, 'not found', 'text/plain; charset=utf-8');
    return send(res, 200, await fs.promises.readFile(index), MIME['.html']!);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('PanelDesk host: a request failed:', e);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
      else res.destroy();
    });
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 10 * 60_000;

  const listen = (p: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(p, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  try {
    await listen(opts.port ?? 0);
  } catch (e) {
    if (!(opts.anyPortIfTaken && (e as NodeJS.ErrnoException).code === 'EADDRINUSE')) throw e;
    await listen(0);
  }
  port = (server.address() as AddressInfo).port;
  // One name per port as well: two hosts on this machine keep their cookies apart.
  cookieName = `pd_session_${port}`;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${prefix}?token=${token}`,
    origin,
    app: `${origin}${prefix}`,
    port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
