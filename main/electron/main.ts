/**
 * The Electron shell: one hardened window showing the built UI from app://paneldesk/, and one IPC channel into the
 * dispatcher. The rules themselves live in security.ts (tested without Electron); this file wires them in.
 * Bundled to dist/electron/main.cjs by scripts/build-electron.js, so __dirname is dist/electron.
 */
import os from 'node:os';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { openApp, type App } from '../app.ts';
import { defaultDataDir } from '../data-dir.ts';
import { createAppProtocolHandler } from './app-protocol.ts';
import { createExternalLinks, isUserGesture } from './external-links.ts';
import { createIpcCallHandler } from './ipc.ts';
import { menuTemplate } from './menu.ts';
import { createPdfPrinter } from './print-pdf.ts';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  APP_URL,
  IPC_CHANNEL,
  isAllowedNavigation,
  isAllowedPrintRequest,
  isAllowedRequest,
  PRINT_PARTITION,
  printWindowOptions,
  windowOptions,
} from './security.ts';

const rendererRoot = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');
const devTools = !app.isPackaged;
const dataDir = defaultDataDir();

// Before ready: the scheme must be privileged (standard, secure) for the UI to have an origin, fetch and a CSP.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
app.enableSandbox();
// Chromium's profile goes into a folder of its own inside the data folder rather than beside campaigns/; this also
// makes the single-instance lock one per data folder, like the store's lock.
app.setPath('userData', path.join(dataDir, 'electron'));
if (process.platform === 'win32') app.setAppUserModelId('cn.org.bast.paneldesk');

let paneldesk: App | undefined;
let mainWindow: BrowserWindow | undefined;

function actor(): string {
  try {
    return os.userInfo().username || 'secretary';
  } catch {
    return 'secretary';
  }
}

// A link out goes to the system browser only when the person just clicked and then confirms the full address.
const links = createExternalLinks({
  now: () => Date.now(),
  confirm: async (options) => {
    const win = mainWindow;
    const answer = win && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
    return answer.response;
  },
  open: (href) => shell.openExternal(href),
});

function askToOpen(url: string, contents: WebContents): void {
  links.request(url, contents.id).catch((e: unknown) => console.error('PanelDesk: opening a link failed:', e));
}

/** Every webContents, ours or not: no webviews, no new windows, no navigation away from the app. */
function hardenContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('input-event', (_event, input) => {
    if (isUserGesture(input.type)) links.noteGesture(contents.id);
  });
  contents.setWindowOpenHandler(({ url }) => {
    askToOpen(url, contents);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url)) return;
    event.preventDefault();
    // A plain <a href="https://…"> click: the system browser (once confirmed), never this window.
    if (event.isMainFrame) askToOpen(event.url, contents);
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
}

function denyPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setSpellCheckerEnabled(false);
}

/** The print view's own session (meeting.printPdf): no permission, no request but the page's data: URL. */
function hardenPrintSession(ses: Session): void {
  denyPermissions(ses);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedPrintRequest(details.url) }));
}

// The print view saved as PDF: a hidden window per print, in the print session, destroyed once printed.
const printPdf = createPdfPrinter({ open: () => new BrowserWindow(printWindowOptions()) });

function hardenSession(ses: Session): void {
  denyPermissions(ses);
  // The UI is offline: nothing leaves for http(s), ws or file, whatever a page tries.
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  const serve = createAppProtocolHandler(rendererRoot);
  ses.protocol.handle(APP_SCHEME, (request) => serve({ url: request.url, method: request.method }));
}

function isOurMainFrame(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  const win = mainWindow;
  if (!frame || !win || win.isDestroyed() || frame.isDestroyed() || frame.detached) return false;
  return frame.parent === null && frame.frameToken === win.webContents.mainFrame.frameToken;
}

function registerIpc(): void {
  const handler = createIpcCallHandler<IpcMainInvokeEvent>({
    sender: (event) => {
      const win = mainWindow;
      return {
        url: event.senderFrame?.url,
        isMainFrame: isOurMainFrame(event),
        webContentsId: event.sender.id,
        expectedWebContentsId: win && !win.isDestroyed() ? win.webContents.id : undefined,
      };
    },
    dispatch: () => paneldesk?.dispatch,
    actor,
  });
  ipcMain.handle(IPC_CHANNEL, handler);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions({ preload: preloadPath, devTools }));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  void win.loadURL(APP_URL);
  return win;
}

function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function showOpenError(e: unknown): void {
  if (errorCode(e) === 'STORE_LOCKED') {
    dialog.showErrorBox(
      'PanelDesk 已经打开 / PanelDesk is already open',
      `PanelDesk 已在此数据文件夹上打开，请切换到已打开的窗口。\nPanelDesk is already open on this folder; switch to that window.\n\n${dataDir}\n\n${e instanceof Error ? e.message : ''}`,
    );
    return;
  }
  const message = e instanceof Error ? e.message : String(e);
  dialog.showErrorBox(
    'PanelDesk 无法打开数据文件夹 / PanelDesk cannot open its data folder',
    `${dataDir}\n\n${errorCode(e) ?? 'ERROR'}: ${message}`,
  );
}

/** Said once, before quitting: the person must know the last changes may not be on disk. */
function showCloseError(e: unknown): void {
  dialog.showErrorBox(
    'PanelDesk 未能保存数据 / PanelDesk could not save its data',
    '关闭数据文件夹时出错，最近的修改可能没有保存。请检查磁盘空间和文件夹的写入权限，然后重新打开评审工作台。\n'
      + 'Closing the data folder failed; the latest changes may not be saved. Check the free disk space and that the '
      + `folder can be written, then open PanelDesk again.\n\n${dataDir}\n\n${errorCode(e) ?? 'ERROR'}: ${e instanceof Error ? e.message : String(e)}`,
  );
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  hardenPrintSession(session.fromPartition(PRINT_PARTITION));
  try {
    paneldesk = await openApp({ dataDir, printPdf });
  } catch (e) {
    if (errorCode(e) !== 'STORE_LOCKED') console.error(e);
    showOpenError(e);
    app.quit();
    return;
  }
  registerIpc();
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ platform: process.platform, devTools })));
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another PanelDesk holds this data folder's profile; it is told (second-instance) and comes to the front.
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = mainWindow;
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  // One window; when it closes the data folder's lock is released, on macOS too.
  app.on('window-all-closed', () => app.quit());

  let closed = false;
  let closing: Promise<void> | undefined;
  app.on('before-quit', (event) => {
    if (closed || !paneldesk) return;
    event.preventDefault();
    closing ??= paneldesk
      .close()
      .catch((e: unknown) => {
        console.error('PanelDesk: closing the data folder failed:', e);
        showCloseError(e);
      })
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  start().catch((e: unknown) => {
    console.error(e);
    app.exit(1);
  });
}
