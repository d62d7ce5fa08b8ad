import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_URL,
  CONTENT_SECURITY_POLICY,
  IPC_CHANNEL,
  isAllowedNavigation,
  isAllowedRequest,
  isTrustedSender,
  mimeType,
  resolveAppPath,
  securityHeaders,
  windowOpenDecision,
  windowOptions,
} from './security.ts';

const root = path.resolve('/srv/paneldesk/dist/renderer');

describe('resolveAppPath', () => {
  it('maps the root and routes to index.html, assets to files under root', () => {
    expect(resolveAppPath(root, 'app://paneldesk/')).toEqual({ kind: 'file', path: path.join(root, 'index.html'), spaFallback: true });
    expect(resolveAppPath(root, 'app://paneldesk')).toEqual({ kind: 'file', path: path.join(root, 'index.html'), spaFallback: true });
    expect(resolveAppPath(root, 'app://paneldesk/assets/index-abc.js')).toEqual({ kind: 'file', path: path.join(root, 'assets', 'index-abc.js'), spaFallback: false });
    expect(resolveAppPath(root, 'app://paneldesk/campaigns/c-1/scores?x=1#top')).toEqual({ kind: 'file', path: path.join(root, 'campaigns', 'c-1', 'scores'), spaFallback: true });
    expect(resolveAppPath(root, 'app://paneldesk/fonts/%E6%80%9D%E6%BA%90.woff2')).toEqual({ kind: 'file', path: path.join(root, 'fonts', '思源.woff2'), spaFallback: false });
  });

  it('collapses empty segments inside root', () => {
    expect(resolveAppPath(root, 'app://paneldesk//etc/passwd')).toEqual({ kind: 'file', path: path.join(root, 'etc', 'passwd'), spaFallback: true });
  });

  const hostile = [
    'app://paneldesk/..%2f..%2fetc/passwd',
    'app://paneldesk/..%2F..%2Fetc%2Fpasswd',
    'app://paneldesk/%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://paneldesk/assets/%2e%2e%5c%2e%2e%5cwindows%5cwin.ini',
    'app://paneldesk/assets\\..\\..\\secret.txt',
    'app://paneldesk/a%5c..%5c..%5csecret',
    'app://paneldesk/index.html%00.png',
    'app://paneldesk/%00',
    'app://paneldesk/%2fetc%2fpasswd',
    'app://paneldesk/C:%5cWindows%5cwin.ini',
    'app://paneldesk/C:/Windows/win.ini',
    'app://paneldesk/index.html::$DATA',
    'app://paneldesk/index.html.',
    'app://paneldesk/index.html%20',
    'app://paneldesk/.env',
    'app://paneldesk/assets/.git/config',
    'app://paneldesk/%E0%A4%A',
    'app://evil/index.html',
    'app://paneldesk.evil/index.html',
    'app://paneldesk:8080/index.html',
    'app://user:pw@paneldesk/index.html',
    'file:///etc/passwd',
    'https://paneldesk/index.html',
    'not a url',
    `app://paneldesk/${'a/'.repeat(3000)}`,
  ];
  it.each(hostile)('forbids %s', (url) => {
    expect(resolveAppPath(root, url).kind).toBe('forbidden');
  });

  it('never resolves outside root, whatever the parser did with dot segments', () => {
    for (const url of ['app://paneldesk/a/../../../etc/passwd', 'app://paneldesk/%2e%2e/%2e%2e/etc/passwd', 'app://paneldesk/./../x']) {
      const r = resolveAppPath(root, url);
      if (r.kind === 'file') {
        expect(path.relative(root, r.path).startsWith('..')).toBe(false);
      }
    }
  });
});

describe('mimeType', () => {
  it('knows what a Vite build emits', () => {
    expect(mimeType('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('a/b/index-x.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('x.mjs')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('x.css')).toBe('text/css; charset=utf-8');
    expect(mimeType('x.svg')).toBe('image/svg+xml');
    expect(mimeType('x.png')).toBe('image/png');
    expect(mimeType('x.woff2')).toBe('font/woff2');
    expect(mimeType('x.json')).toBe('application/json; charset=utf-8');
    expect(mimeType('x.wasm')).toBe('application/wasm');
    expect(mimeType('x.unknown')).toBe('application/octet-stream');
    expect(mimeType('noext')).toBe('application/octet-stream');
  });
});

describe('CSP', () => {
  it('is the agreed policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|http:|https:/);
    const h = securityHeaders();
    expect(h['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('isAllowedNavigation', () => {
  it('allows only our own UI', () => {
    expect(isAllowedNavigation(APP_URL)).toBe(true);
    expect(isAllowedNavigation('app://paneldesk/campaigns/1?tab=x#y')).toBe(true);
  });
  it.each([
    'https://example.com/',
    'http://127.0.0.1:5173/',
    'file:///etc/passwd',
    'app://evil/',
    'app://paneldesk.evil.com/',
    'app://paneldesk@evil/',
    'app://evil@paneldesk/',
    'app://paneldesk:1/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    '',
    'app:paneldesk',
    undefined,
    42,
  ])('denies %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('windowOpenDecision', () => {
  it('always denies the window; only https goes to the system browser', () => {
    expect(windowOpenDecision('https://www.cast.org.cn/a?b=1')).toEqual({ action: 'deny', openExternal: 'https://www.cast.org.cn/a?b=1' });
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'vscode://x', 'app://paneldesk/', 'https://user:pw@example.com/', 'https://', 'data:text/html,x', '', undefined]) {
      expect(windowOpenDecision(url)).toEqual({ action: 'deny' });
    }
  });
});

describe('isTrustedSender', () => {
  const ok = { url: 'app://paneldesk/', isMainFrame: true, webContentsId: 3, expectedWebContentsId: 3 };
  it('trusts the main frame of our window on our UI', () => {
    expect(isTrustedSender(ok)).toBe(true);
    expect(isTrustedSender({ ...ok, url: 'app://paneldesk/campaigns/x' })).toBe(true);
  });
  it.each([
    ['a subframe', { isMainFrame: false }],
    ['another webContents', { webContentsId: 4 }],
    ['no window of ours', { expectedWebContentsId: undefined }],
    ['a destroyed frame', { url: undefined }],
    ['another origin', { url: 'https://evil.example/' }],
    ['a file page', { url: 'file:///tmp/x.html' }],
    ['another app host', { url: 'app://evil/' }],
    ['about:blank', { url: 'about:blank' }],
    ['a data URL', { url: 'data:text/html,x' }],
  ])('rejects %s', (_what, patch) => {
    expect(isTrustedSender({ ...ok, ...patch })).toBe(false);
  });
});

describe('isAllowedRequest', () => {
  it('lets only the app scheme and inline content out', () => {
    expect(isAllowedRequest('app://paneldesk/assets/x.js')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('blob:app://paneldesk/1234')).toBe(true);
    for (const url of ['https://example.com/', 'http://127.0.0.1/', 'ws://127.0.0.1/', 'file:///etc/passwd', 'app://evil/', 'ftp://x/']) {
      expect(isAllowedRequest(url)).toBe(false);
    }
  });
});

describe('windowOptions', () => {
  it('is sandboxed, isolated, without node, webviews or spellcheck', () => {
    const o = windowOptions({ preload: '/x/preload.cjs', devTools: false });
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({
      preload: '/x/preload.cjs',
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
      devTools: false,
    });
    expect(o.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(o.webPreferences).not.toHaveProperty('additionalArguments');
  });
  it('the IPC channel is the one the preload uses', () => {
    expect(IPC_CHANNEL).toBe('paneldesk:call');
  });
});
