import { crc32, inflateRawSync } from 'node:zlib';
import { AppError } from '../../shared/contract/errors.ts';

/**
 * Reads a zip's central directory before SheetJS inflates anything. SheetJS allocates each part at the size its
 * headers declare (a header claiming 10 GB is a 10 GB allocation) and grows without bound when they declare 0, so
 * both the declared sizes and the real inflated sizes are checked against the caps here.
 */

export interface ZipLimits {
  /** Total uncompressed size of all parts. */
  readonly maxUncompressedBytes: number;
  /** Compression ratio above which a part larger than 1 MB is refused. */
  readonly maxRatio: number;
  readonly maxEntries: number;
}

export interface ZipEntryInfo {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  /** The largest size any header declares for this part. */
  readonly declaredSize: number;
  /** What it really inflates to. */
  readonly size: number;
  /** Where its data starts in the zip, and its CRC-32 as the directory gives it (to copy the part unchanged). */
  readonly dataStart: number;
  readonly crc: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MB = 1024 * 1024;

function corrupt(why: string): AppError {
  return new AppError('FILE_UNREADABLE', `the workbook is damaged: ${why}`);
}

function bomb(why: string, values?: Record<string, string | number>): AppError {
  return new AppError('FILE_ZIP_BOMB', `the workbook would not fit in memory: ${why}`, values ? { values } : undefined);
}

class Reader {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(p: number): number {
    if (p + 2 > this.bytes.length) throw corrupt('a header runs past the end of the file');
    return this.view.getUint16(p, true);
  }
  u32(p: number): number {
    if (p + 4 > this.bytes.length) throw corrupt('a header runs past the end of the file');
    return this.view.getUint32(p, true);
  }
  u64(p: number): number {
    return this.u32(p) + this.u32(p + 4) * 2 ** 32;
  }
}

/** Every 8-byte value in a ZIP64 extra field: SheetJS reads the first two as sizes whatever the spec says. */
function zip64Values(r: Reader, start: number, length: number): number[] {
  const out: number[] = [];
  const end = Math.min(start + length, r.bytes.length);
  let p = start;
  while (p + 4 <= end) {
    const type = r.u16(p);
    const size = r.u16(p + 2);
    if (type === 0x0001) for (let q = p + 4; q + 8 <= Math.min(p + 4 + size, end); q += 8) out.push(r.u64(q));
    p += 4 + size;
  }
  return out;
}

function findEocd(bytes: Uint8Array): number {
  // The last signature in the file, as SheetJS looks for it, so both read the same directory.
  for (let i = bytes.length - 22; i >= 0; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return i;
  }
  return -1;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

/**
 * `onPart`: each part's real bytes as they are checked (inflated once, here), for a look before SheetJS reads them
 * (the reader counts a worksheet's rows and cells); it must not keep them.
 */
export function inspectZip(bytes: Uint8Array, limits: ZipLimits, onPart?: (name: string, data: Uint8Array) => void): ZipEntryInfo[] {
  const r = new Reader(bytes);
  const eocd = findEocd(bytes);
  if (eocd < 0 || r.u32(eocd) !== SIG_EOCD) throw corrupt('no zip directory');
  const count = r.u16(eocd + 8);
  const total = r.u16(eocd + 10);
  const cdOffset = r.u32(eocd + 16);
  if (count === 0xffff || total === 0xffff || cdOffset === 0xffffffff) throw bomb('a ZIP64 directory (more parts than a workbook has)');
  if (Math.max(count, total) > limits.maxEntries) throw bomb(`${Math.max(count, total)} parts`, { entries: Math.max(count, total) });

  const headers: { name: string; method: number; csz: number; declared: number; dataStart: number; crc: number }[] = [];
  let declaredTotal = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (r.u32(p) !== SIG_CENTRAL) throw corrupt('a broken zip directory entry');
    const flags = r.u16(p + 8);
    const method = r.u16(p + 10);
    const crc = r.u32(p + 16);
    const csz = r.u32(p + 20);
    const usz = r.u32(p + 24);
    const nameLen = r.u16(p + 28);
    const extraLen = r.u16(p + 30);
    const commentLen = r.u16(p + 32);
    const localOffset = r.u32(p + 42);
    if (p + 46 + nameLen > bytes.length) throw corrupt('a zip directory entry runs past the end of the file');
    const name = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(p + 46, p + 46 + nameLen));
    const cdValues = zip64Values(r, p + 46 + nameLen, extraLen);
    p += 46 + nameLen + extraLen + commentLen;

    if (r.u32(localOffset) !== SIG_LOCAL) throw corrupt(`no local header for ${name}`);
    const localFlags = r.u16(localOffset + 6);
    const localMethod = r.u16(localOffset + 8);
    const lcsz = r.u32(localOffset + 18);
    const lusz = r.u32(localOffset + 22);
    const lNameLen = r.u16(localOffset + 26);
    const lExtraLen = r.u16(localOffset + 28);
    const localValues = zip64Values(r, localOffset + 30 + lNameLen, lExtraLen);
    const dataStart = localOffset + 30 + lNameLen + lExtraLen;
    if (dataStart > bytes.length) throw corrupt(`${name} runs past the end of the file`);
    if ((flags | localFlags) & 0x2041) throw new AppError('FILE_ENCRYPTED', 'the workbook is encrypted: open it in Excel, remove the password and save it again');

    // A loop, not Math.max(...values): an extra field can hold thousands of them.
    let declared = Math.max(usz, lusz);
    for (const v of cdValues) declared = Math.max(declared, v);
    for (const v of localValues) declared = Math.max(declared, v);
    const compressed = Math.max(1, Math.min(csz || lcsz || bytes.length - dataStart, bytes.length - dataStart));
    if (declared > limits.maxUncompressedBytes) throw bomb(`${name} declares ${declared} bytes`, { part: name, bytes: declared });
    declaredTotal += declared;
    if (declaredTotal > limits.maxUncompressedBytes) throw bomb(`its parts declare more than ${limits.maxUncompressedBytes} bytes`, { bytes: declaredTotal });
    if (declared > MB && declared / compressed > limits.maxRatio) throw bomb(`${name} declares a compression ratio of ${Math.round(declared / compressed)}`, { part: name, ratio: Math.round(declared / compressed) });
    headers.push({ name, method: localMethod || method, csz: compressed, declared, dataStart, crc });
  }

  // The real sizes: a header may lie, and SheetJS inflates from the local header on, whatever the sizes say.
  const out: ZipEntryInfo[] = [];
  let realTotal = 0;
  for (const h of headers) {
    let size = h.csz;
    if (h.method === 8) {
      const room = limits.maxUncompressedBytes - realTotal;
      try {
        const data = inflateRawSync(bytes.subarray(h.dataStart), { maxOutputLength: Math.max(1, room) });
        size = data.length;
        onPart?.(h.name, data);
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw bomb(`its parts inflate to more than ${limits.maxUncompressedBytes} bytes`, { part: h.name });
        throw corrupt(`${h.name} does not inflate`);
      }
      if (size > MB && size / h.csz > limits.maxRatio) throw bomb(`${h.name} inflates ${Math.round(size / h.csz)} times`, { part: h.name, ratio: Math.round(size / h.csz) });
    } else if (h.method !== 0) {
      throw corrupt(`${h.name} uses compression method ${h.method}`);
    } else onPart?.(h.name, bytes.subarray(h.dataStart, h.dataStart + h.csz));
    realTotal += size;
    out.push({ name: h.name, method: h.method, compressedSize: h.csz, declaredSize: h.declared, size, dataStart: h.dataStart, crc: h.crc });
  }
  return out;
}

/**
 * The zip again, with some parts' contents replaced (by name without a leading '/'; stored, uncompressed) and the others copied as they are
 * (compressed bytes untouched): the reader swaps a refused sheet for an empty one, so SheetJS, which inflates every
 * part it is given, never inflates it.
 */
export function replaceParts(bytes: Uint8Array, entries: readonly ZipEntryInfo[], replace: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const swap = replace.get(e.name.replace(/^\//, ''));
    const method = swap ? 0 : e.method;
    const data = swap ?? bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
    const crc = swap ? crc32(swap) : e.crc;
    const size = swap ? swap.length : e.size;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, SIG_LOCAL, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, SIG_CENTRAL, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    chunks.push(local, data);
    central.push(cd);
    offset += local.length + data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, SIG_EOCD, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + end.length);
  let at = 0;
  for (const c of [...chunks, ...central, end]) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
