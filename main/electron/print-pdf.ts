/**
 * The print view → PDF for the desktop door (meeting.printPdf): the HTML rendered in a hidden, sandboxed window of
 * its own session (security.ts: printWindowOptions, PRINT_PARTITION), printed with printToPDF (A4, backgrounds), the
 * window destroyed whatever happens. Without Electron here: main.ts gives it the real window, tests a fake.
 */

/** What is used of a BrowserWindow (Electron's own types fit). */
export interface PdfWindow {
  readonly webContents: {
    loadURL(url: string): Promise<void>;
    printToPDF(options: PdfOptions): Promise<Uint8Array>;
  };
  isDestroyed(): boolean;
  destroy(): void;
}

export interface PdfOptions {
  readonly pageSize: 'A4';
  readonly printBackground: boolean;
  readonly preferCSSPageSize: boolean;
  readonly generateDocumentOutline: boolean;
}

export const PDF_OPTIONS: PdfOptions = Object.freeze({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, generateDocumentOutline: false });

/** Chromium refuses data: URLs past 2 MB; a print view (the selected list, the vote, the signature lines) is far smaller. */
export const MAX_PRINT_URL = 2 * 1024 * 1024 - 1024;

export interface PdfPrinterDeps {
  /** A new hidden window with printWindowOptions(). */
  readonly open: () => PdfWindow;
  /** Loading and printing together; default 60 s. */
  readonly timeoutMs?: number;
}

export function printViewUrl(html: string): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

export function createPdfPrinter(deps: PdfPrinterDeps): (html: string) => Promise<Uint8Array> {
  const timeoutMs = deps.timeoutMs ?? 60_000;
  return async (html) => {
    const url = printViewUrl(html);
    if (url.length > MAX_PRINT_URL) throw new Error(`the print view is too large to render as PDF (${url.length} bytes as a URL)`);
    const win = deps.open();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`printing the print view to PDF took longer than ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const work = (async () => {
        await win.webContents.loadURL(url);
        return win.webContents.printToPDF(PDF_OPTIONS);
      })();
      const pdf = await Promise.race([work, timeout]);
      // A Node Buffer from Electron: handed on as plain bytes.
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      clearTimeout(timer);
      if (!win.isDestroyed()) win.destroy();
    }
  };
}
