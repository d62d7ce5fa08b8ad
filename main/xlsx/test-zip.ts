// Test helper: writes zips byte by byte, so tests can make headers lie.
import { crc32, deflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';

export interface ZipEntrySpec {
  readonly name: string;
  readonly data: Uint8Array | string;
  readonly method?: 0 | 8;
  /** Uncompressed size written in the central directory / local header instead of the real one. */
  readonly cdSize?: number;
  readonly localSize?: number;
  /** Adds a ZIP64 extra field claiming this uncompressed size (and sets the 32-bit field to 0xFFFFFFFF). */
  readonly zip64Size?: number;
  readonly flags?: number;
}

function u16(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff];
}
function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}
function u64(n: number): number[] {
  return [...u32(n % 2 ** 32), ...u32(Math.floor(n / 2 ** 32))];
}

export function writeZip(entries: readonly ZipEntrySpec[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: number[] = [];
  let offset = 0;
  const push = (bytes: number[] | Uint8Array): void => {
    parts.push(Uint8Array.from(bytes));
    offset += bytes.length;
  };
  for (const e of entries) {
    const raw = typeof e.data === 'string' ? new TextEncoder().encode(e.data) : e.data;
    const method = e.method ?? 8;
    const body = method === 8 ? new Uint8Array(deflateRawSync(raw)) : raw;
    const name = new TextEncoder().encode(e.name);
    const crc = crc32(raw);
    const extra = e.zip64Size !== undefined ? [...u16(1), ...u16(16), ...u64(e.zip64Size), ...u64(body.length)] : [];
    const usz32 = e.zip64Size !== undefined ? 0xffffffff : undefined;
    const flags = e.flags ?? 0;
    const local = [...u32(0x04034b50), ...u16(20), ...u16(flags), ...u16(method), ...u16(0), ...u16(0x21), ...u32(crc), ...u32(body.length), ...u32(usz32 ?? e.localSize ?? raw.length), ...u16(name.length), ...u16(extra.length), ...name, ...extra];
    const localOffset = offset;
    push(local);
    push(body);
    central.push(...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(flags), ...u16(method), ...u16(0), ...u16(0x21), ...u32(crc), ...u32(body.length), ...u32(usz32 ?? e.cdSize ?? raw.length), ...u16(name.length), ...u16(extra.length), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(localOffset), ...name, ...extra);
  }
  const cdOffset = offset;
  push(central);
  push([...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(entries.length), ...u16(entries.length), ...u32(central.length), ...u32(cdOffset), ...u16(0)]);
  const out = new Uint8Array(offset);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The parts of a zip (as SheetJS reads them), to rebuild with changes. */
export function zipParts(bytes: Uint8Array): { name: string; data: Uint8Array }[] {
  const cfb = XLSX.CFB.read(bytes, { type: 'array' }) as { FileIndex: { type: number; content?: ArrayLike<number> }[]; FullPaths: string[] };
  const out: { name: string; data: Uint8Array }[] = [];
  cfb.FileIndex.forEach((entry, i) => {
    if (entry.type !== 2 || !entry.content) return;
    const name = cfb.FullPaths[i]!.replace(/^[^/]*\//, '');
    if (name.startsWith('\u0001')) return;
    out.push({ name, data: Uint8Array.from(entry.content) });
  });
  return out;
}

export function xlsxBytes(wb: XLSX.WorkBook): Uint8Array {
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

export function sheetBook(sheets: Record<string, unknown[][]>, date1904 = false): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  if (date1904) wb.Workbook = { ...(wb.Workbook ?? {}), WBProps: { ...(wb.Workbook?.WBProps ?? {}), date1904: true } };
  return wb;
}

/** A worksheet's XML with `rows` rows of `columns` numbers (row 1 a header of texts), written directly: fast at any size. */
export function sheetXml(rows: number, columns: number): string {
  const letters = Array.from({ length: columns }, (_, c) => String.fromCharCode(65 + (c % 26)));
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  out.push(`<row r="1">${letters.map((l, c) => `<c r="${l}1" t="inlineStr"><is><t>列${c}</t></is></c>`).join('')}</row>`);
  for (let r = 2; r <= rows; r++) out.push(`<row r="${r}">${letters.map((l, c) => `<c r="${l}${r}"><v>${r * columns + c}</v></c>`).join('')}</row>`);
  out.push('</sheetData></worksheet>');
  return out.join('');
}

/** An .xlsx whose sheet `name` is replaced by the given XML (the other sheets as SheetJS wrote them). */
export function withSheetXml(sheets: Record<string, unknown[][]>, index: number, xml: string): Uint8Array {
  return writeZip(zipParts(xlsxBytes(sheetBook(sheets))).map((p) => (p.name === `xl/worksheets/sheet${index + 1}.xml` ? { ...p, data: xml } : p)));
}
