import { strToU8, Zip, ZipDeflate } from 'fflate';
import { bundleReadme, README_NAME, type BundleEntry } from '../../../shared/scoring/bundle.ts';

export interface SheetForZip extends BundleEntry {
  readonly bytes: Uint8Array;
}

/**
 * Every sheet and the README in one ZIP, built here from the bytes the board already holds (nothing travels twice).
 * Deflated (ExcelJS's sheets shrink about 5×, 80 kB → 15 kB) one file per task, a few milliseconds each, so the page
 * never stalls; `onProgress` hears each file.
 */
export async function zipSheets(campaignName: string, sheets: readonly SheetForZip[], onProgress: (done: number, total: number) => void = () => undefined): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let failed: unknown = null;
  let finished = false;
  const zip = new Zip((err, data, final) => {
    if (err) failed = err;
    else {
      parts.push(data);
      if (final) finished = true;
    }
  });
  const add = (name: string, bytes: Uint8Array) => {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(bytes, true);
  };
  add(README_NAME, strToU8(bundleReadme(campaignName, sheets)));
  for (const [i, s] of sheets.entries()) {
    add(s.file, s.bytes);
    onProgress(i + 1, sheets.length);
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  }
  zip.end();
  if (failed || !finished) throw failed instanceof Error ? failed : new Error('the ZIP was not finished');
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
