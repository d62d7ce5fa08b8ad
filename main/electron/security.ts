/**
 * The Electron shell's safety rules as pure functions, so they are tested without Electron.
 * Nothing here imports electron: main.ts wires these into the real objects.
 */
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'paneldesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/`;
export { IPC_CHANNEL } from './channel.ts';

/**
 * The scheme the UI is served from: standard and secure, so it has an origin, fetch and a CSP like https. Same-origin
 * loads (module scripts included) need no CORS on a standard scheme; corsEnabled stays false so no other origin can
 * read app:// at all.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  stream: true,
  codeCache: true,
  corsEnabled: false,
  bypassCSP: false,
  allowServiceWorkers: false,
  allowExtensions: false,
} as const;

export const CSP_DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

/** Headers on every response of the app scheme, errors included. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=()',
    'Cache-Control': 'no-cache',
  };
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeType(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type AppPathResolution =
  /** A file under root, if it exists; `fallback` says whether a missing file falls back to index.html. */
  | { readonly kind: 'file'; readonly path: string; readonly spaFallback: boolean }
  | { readonly kind: 'forbidden'; readonly reason: string };

const MAX_URL_LENGTH = 4096;

/**
 * Where a request of the app scheme points, lexically (main's protocol handler then checks the real path, for
 * symlinks). Anything that could leave `root` is forbidden, whether or not the URL parser already normalised it.
 */
export function resolveAppPath(root: string, url: string): AppPathResolution {
  if (url.length > MAX_URL_LENGTH) return { kind: 'forbidden', reason: 'url too long' };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { kind: 'forbidden', reason: 'not a url' };
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.hostname !== APP_HOST || u.port !== '' || u.username !== '' || u.password !== '') {
    return { kind: 'forbidden', reason: 'not our origin' };
  }
  // Look at the raw path as well: a parser that did not normalise must not let dot segments through either.
  const raw = u.pathname;
  if (raw.includes('\\') || /%5c/i.test(raw)) return { kind: 'forbidden', reason: 'backslash' };
  if (raw.includes('\0') || /%00/.test(raw)) return { kind: 'forbidden', reason: 'null byte' };
  const segments: string[] = [];
  for (const enc of raw.split('/')) {
    if (enc === '') continue;
    let seg: string;
    try {
      seg = decodeURIComponent(enc);
    } catch {
      return { kind: 'forbidden', reason: 'bad escape' };
    }
    if (seg === '.' || seg === '..') return { kind: 'forbidden', reason: 'dot segment' };
    if (seg.includes('/') || seg.includes('\\') || seg.includes('\0')) return { kind: 'forbidden', reason: 'separator in segment' };
    // Drive letters, alternate data streams (C:, file.js:stream): never part of a built asset's name.
    if (seg.includes(':')) return { kind: 'forbidden', reason: 'colon in segment' };
    // Dotfiles are not assets (and .. in disguise such as "..." is not worth reasoning about).
    if (seg.startsWith('.')) return { kind: 'forbidden', reason: 'dotfile' };
    // Windows trims trailing dots and spaces from names: "index.html." would name "index.html".
    if (/[. ]$/.test(seg)) return { kind: 'forbidden', reason: 'trailing dot or space' };
    segments.push(seg);
  }
  const absRoot = path.resolve(root);
  const last = segments[segments.length - 1];
  if (last === undefined) return { kind: 'file', path: path.join(absRoot, 'index.html'), spaFallback: true };
  const full = path.resolve(absRoot, ...segments);
  if (!isInside(absRoot, full)) return { kind: 'forbidden', reason: 'outside root' };
  // A route such as /campaigns/42 has no extension: the SPA answers it. A missing asset (.js, .png) is a 404.
  return { kind: 'file', path: full, spaFallback: path.extname(last) === '' };
}

/** Whether `child` is `root` itself or below it (both absolute, already resolved). */
export function isInside(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function parseUrl(url: unknown): URL | undefined {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** A URL of our own UI: app://paneldesk/..., nothing else (no credentials, no port, no other host). */
export function isAppUrl(url: unknown): boolean {
  const u = parseUrl(url);
  return u !== undefined && u.protocol === `${APP_SCHEME}:` && u.hostname === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}

/** will-navigate / will-redirect: the window stays on the app. (Links out: external-links.ts, after asking.) */
export function isAllowedNavigation(url: unknown): boolean {
  return isAppUrl(url);
}

export interface SenderInfo {
  /** event.senderFrame?.url; undefined when the frame is gone. */
  readonly url: string | undefined;
  /** Whether the sending frame is the top frame of its page. */
  readonly isMainFrame: boolean;
  /** event.sender.id */
  readonly webContentsId: number;
  /** Our window's webContents id; undefined before it exists or after it closed. */
  readonly expectedWebContentsId: number | undefined;
}

/** An IPC call is answered only from the main frame of our own window, showing our own UI. */
export function isTrustedSender(s: SenderInfo): boolean {
  return s.expectedWebContentsId !== undefined
    && s.webContentsId === s.expectedWebContentsId
    && s.isMainFrame
    && isAppUrl(s.url);
}

/**
 * Requests the session may make at all (webRequest filter). The UI is offline: its own scheme, inline data and
 * blobs, and DevTools' own pages when those are enabled.
 */
export function isAllowedRequest(url: unknown): boolean {
  const u = parseUrl(url);
  if (!u) return false;
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'devtools:') return true;
  return isAppUrl(u.href);
}

export interface WindowOptionsInput {
  readonly preload: string;
  /** DevTools only while developing: a packaged build does not open them. */
  readonly devTools: boolean;
  readonly title?: string;
}

/** The web preferences every window of ours has: isolated, sandboxed, no Node anywhere, nothing experimental. */
const LOCKED_DOWN = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
} as const;

export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: input.title ?? 'PanelDesk 评审工作台',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: input.preload,
      ...LOCKED_DOWN,
      safeDialogs: true,
      devTools: input.devTools,
    },
  };
}

/**
 * electron-builder's `electronFuses` (electron-builder.yml must say the same; a test checks). Flipped in the
 * packaged binary: no ELECTRON_RUN_AS_NODE, NODE_OPTIONS or --inspect, code only from a validated app.asar.
 */
export const FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

/**
 * The session the print view is rendered in, for its PDF: in memory (no "persist:"), apart from the UI's, and allowed
 * no request but the page itself (a data: URL). The print view has no script and loads nothing.
 */
export const PRINT_PARTITION = 'paneldesk-print';

export function isAllowedPrintRequest(url: unknown): boolean {
  const u = parseUrl(url);
  return u !== undefined && u.protocol === 'data:';
}

/** The hidden window a print view is rendered in: never shown, no preload, no script, no Node, sandboxed. */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      partition: PRINT_PARTITION,
      javascript: false,
      ...LOCKED_DOWN,
      images: true,
      devTools: false,
    },
  };
}
