import { describe, expect, it } from 'vitest';
import { createPdfPrinter, MAX_PRINT_URL, PDF_OPTIONS, printViewUrl, type PdfOptions, type PdfWindow } from './print-pdf.ts';
import { isAllowedPrintRequest, PRINT_PARTITION, printWindowOptions } from './security.ts';

/** A fake hidden window, as Electron's would behave: loads the URL, prints what it loaded. */
function fakeWindow(opts: { failLoad?: boolean; failPrint?: boolean; hang?: boolean } = {}) {
  const w = {
    loaded: [] as string[],
    printed: [] as PdfOptions[],
    destroyed: 0,
    webContents: {
      loadURL: (url: string) => {
        w.loaded.push(url);
        if (opts.failLoad) return Promise.reject(new Error('ERR_FAILED'));
        return opts.hang ? new Promise<void>(() => undefined) : Promise.resolve();
      },
      printToPDF: (o: PdfOptions) => {
        w.printed.push(o);
        if (opts.failPrint) return Promise.reject(new Error('print failed'));
        const html = decodeURIComponent(w.loaded.at(-1)!.split(',').slice(1).join(','));
        // Like a Node Buffer: a view into a bigger pool.
        const pool = Buffer.alloc(64 + html.length * 3);
        const n = pool.write(`%PDF ${html}`, 16);
        return Promise.resolve(pool.subarray(16, 16 + n));
      },
    },
    isDestroyed: () => w.destroyed > 0,
    destroy: () => { w.destroyed++; },
  };
  return w satisfies PdfWindow;
}

describe('print view → PDF', () => {
  it('renders the HTML from a data: URL, prints A4 with backgrounds, answers the bytes and destroys the window', async () => {
    const w = fakeWindow();
    const pdf = await createPdfPrinter({ open: () => w })('<h1>会评结果 # 100%</h1>');
    expect(Buffer.from(pdf).toString()).toBe('%PDF <h1>会评结果 # 100%</h1>');
    expect(w.loaded).toEqual([printViewUrl('<h1>会评结果 # 100%</h1>')]);
    expect(w.loaded[0]).toMatch(/^data:text\/html;charset=utf-8,/);
    expect(w.printed).toEqual([PDF_OPTIONS]);
    expect(PDF_OPTIONS).toMatchObject({ pageSize: 'A4', printBackground: true });
    expect(w.destroyed).toBe(1);
  });

  it('destroys the window when loading or printing fails, and says why', async () => {
    for (const fail of [{ failLoad: true }, { failPrint: true }]) {
      const w = fakeWindow(fail);
      await expect(createPdfPrinter({ open: () => w })('<p>x</p>')).rejects.toThrow(/ERR_FAILED|print failed/);
      expect(w.destroyed).toBe(1);
    }
  });

  it('gives up on a page that never loads, and destroys its window', async () => {
    const w = fakeWindow({ hang: true });
    await expect(createPdfPrinter({ open: () => w, timeoutMs: 30 })('<p>x</p>')).rejects.toThrow(/longer than 30 ms/);
    expect(w.destroyed).toBe(1);
  });

  it('refuses a page too large for a data: URL without opening a window', async () => {
    let opened = 0;
    const print = createPdfPrinter({ open: () => { opened++; return fakeWindow(); } });
    await expect(print('x'.repeat(MAX_PRINT_URL))).rejects.toThrow(/too large/);
    expect(opened).toBe(0);
  });

  it('the window: hidden, sandboxed, no script, no Node, no preload, in the in-memory print session', () => {
    const o = printWindowOptions();
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({ partition: PRINT_PARTITION, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false, devTools: false });
    expect(o.webPreferences).not.toHaveProperty('preload');
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('the print session allows the page (data:) and nothing else', () => {
    expect(isAllowedPrintRequest('data:text/html;charset=utf-8,%3Cp%3E')).toBe(true);
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'app://paneldesk/index.html', 'file:///etc/passwd', 'blob:app://paneldesk/1', 'ws://x/', 'not a url', 42]) {
      expect(isAllowedPrintRequest(url)).toBe(false);
    }
  });
});
