import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { callNames } from '../../shared/contract/index.ts';
import { createDispatcher, type Handlers } from '../dispatcher.ts';
import { createIpcCallHandler } from './ipc.ts';
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
  windowOptions,
  type SenderInfo,
} from './security.ts';

const exposed = vi.hoisted(() => new Map<string, unknown>());
const bridge = vi.hoisted(() => ({ invoke: async (_channel: string, _name: string, _args: unknown): Promise<unknown> => undefined }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke: (channel: string, name: string, args: unknown) => bridge.invoke(channel, name, args) },
}));

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
});

describe('the IPC door, preload to dispatcher (electron mocked)', () => {
  type Api = Record<string, (args?: unknown) => Promise<unknown>>;
  const dispatched: { name: string; args: unknown; door: string }[] = [];
  const dispatch = createDispatcher(new Proxy({}, {
    get: (_t, name) => (args: unknown, ctx: { door: string }) => {
      if (name === 'campaigns.list') throw new Error("EACCES: open '/home/secretary/PanelDesk/campaigns'");
      dispatched.push({ name: String(name), args, door: ctx.door });
      return { ok: 'value' };
    },
  }) as Handlers, () => undefined);
  const ours = { url: 'app://paneldesk/', isMainFrame: true, webContentsId: 3 };
  const handler = createIpcCallHandler<SenderInfo>({ sender: (e) => e, dispatch: () => dispatch, actor: () => 'secretary' });

  /** The preload, as the sandbox loads it, its invoke going through main's handler as sent from `from`. */
  async function preloadFrom(from: Omit<SenderInfo, 'expectedWebContentsId'>): Promise<Api> {
    vi.resetModules();
    exposed.clear();
    bridge.invoke = async (channel, name, args) => {
      if (channel !== IPC_CHANNEL) throw new Error(`no handler on ${channel}`);
      return handler({ ...from, expectedWebContentsId: 3 }, name, args);
    };
    await import('./preload.ts');
    return exposed.get('paneldesk') as Api;
  }

  it('exposes one function per contract call and nothing else, each reaching the dispatcher under its own name', async () => {
    const api = await preloadFrom(ours);
    expect([...exposed.keys()]).toEqual(['paneldesk']);
    expect(Object.keys(api).sort()).toEqual([...callNames].sort());
    dispatched.length = 0;
    expect(await api['campaigns.get']!({ id: 'c-1' })).toEqual({ ok: true, value: { ok: 'value' } });
    expect(dispatched).toEqual([{ name: 'campaigns.get', args: { id: 'c-1' }, door: 'ipc' }]);
  });

  it.each([
    ['a subframe', { ...ours, isMainFrame: false }],
    ['another webContents', { ...ours, webContentsId: 4 }],
    ['another origin', { ...ours, url: 'https://evil.example/' }],
    ['a frame that is gone', { ...ours, url: undefined }],
  ])('refuses a call from %s before the dispatcher sees it', async (_what, from) => {
    const api = await preloadFrom(from);
    dispatched.length = 0;
    expect(await api['campaigns.get']!({ id: 'c-1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatched).toEqual([]);
  });

  it('answers a name outside the contract and an internal failure with codes, not details', async () => {
    expect(await handler({ ...ours, expectedWebContentsId: 3 }, 42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    const failed = await handler({ ...ours, expectedWebContentsId: 3 }, 'campaigns.list', {});
    expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(failed)).not.toMatch(/EACCES|secretary/);
    const notOpen = createIpcCallHandler<SenderInfo>({ sender: (e) => e, dispatch: () => undefined, actor: () => 'x' });
    expect(await notOpen({ ...ours, expectedWebContentsId: 3 }, 'campaigns.get', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
