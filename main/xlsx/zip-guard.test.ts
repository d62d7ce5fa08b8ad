import { describe, expect, it } from 'vitest';
import { inspectZip, isZip, type ZipLimits } from './zip-guard.ts';
import { writeZip } from './test-zip.ts';

const limits: ZipLimits = { maxUncompressedBytes: 200 * 1024 * 1024, maxRatio: 500, maxEntries: 10_000 };

function code(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

describe('inspectZip', () => {
  it('lists the parts with their declared and real sizes', () => {
    const text = 'x'.repeat(10_000);
    const zip = writeZip([{ name: 'a.xml', data: text }, { name: 'b/c.xml', data: 'hello', method: 0 }]);
    expect(isZip(zip)).toBe(true);
    const entries = inspectZip(zip, limits);
    expect(entries.map((e) => [e.name, e.method, e.declaredSize, e.size])).toEqual([
      ['a.xml', 8, 10_000, 10_000],
      ['b/c.xml', 0, 5, 5],
    ]);
    expect(entries[0]!.compressedSize).toBeLessThan(200);
  });

  it('an empty archive has no parts', () => {
    expect(inspectZip(writeZip([]), limits)).toEqual([]);
  });

  it('takes the largest size any header declares, ZIP64 included', () => {
    expect(code(() => inspectZip(writeZip([{ name: 'a', data: 'x', zip64Size: 10 * 1024 ** 3 }]), limits))).toBe('FILE_ZIP_BOMB');
    expect(code(() => inspectZip(writeZip([{ name: 'a', data: 'x', localSize: 300 * 1024 * 1024 }]), limits))).toBe('FILE_ZIP_BOMB');
    expect(code(() => inspectZip(writeZip([{ name: 'a', data: 'x', cdSize: 300 * 1024 * 1024 }]), limits))).toBe('FILE_ZIP_BOMB');
  });

  it('refuses a declared ratio no workbook has', () => {
    // 2 MB declared from a few bytes: no deflate stream does that honestly.
    expect(code(() => inspectZip(writeZip([{ name: 'a', data: 'x'.repeat(100), cdSize: 2 * 1024 * 1024, localSize: 2 * 1024 * 1024 }]), limits))).toBe('FILE_ZIP_BOMB');
  });

  it('refuses too many parts and ZIP64 directories', () => {
    const many = writeZip(Array.from({ length: 20 }, (_, i) => ({ name: `p${i}`, data: 'x' })));
    expect(code(() => inspectZip(many, { ...limits, maxEntries: 10 }))).toBe('FILE_ZIP_BOMB');
    const zip = writeZip([{ name: 'a', data: 'x' }]);
    const eocd = zip.length - 22;
    zip[eocd + 8] = 0xff;
    zip[eocd + 9] = 0xff;
    expect(code(() => inspectZip(zip, limits))).toBe('FILE_ZIP_BOMB');
  });

  it('refuses encrypted parts', () => {
    expect(code(() => inspectZip(writeZip([{ name: 'a', data: 'x', flags: 1 }]), limits))).toBe('FILE_ENCRYPTED');
  });

  it('refuses damaged archives without reading past the end', () => {
    const zip = writeZip([{ name: 'a.xml', data: 'x'.repeat(1000) }]);
    expect(code(() => inspectZip(zip.slice(0, 40), limits))).toBe('FILE_UNREADABLE');
    const noLocal = zip.slice();
    noLocal[0] = 0;
    expect(code(() => inspectZip(noLocal, limits))).toBe('FILE_UNREADABLE');
    const farOffset = zip.slice();
    const eocd = zip.length - 22;
    farOffset[eocd + 16] = 0xf0;
    farOffset[eocd + 19] = 0x0f;
    expect(code(() => inspectZip(farOffset, limits))).toBe('FILE_UNREADABLE');
    const badMethod = writeZip([{ name: 'a', data: 'x', method: 0 }]);
    badMethod[8] = 12; // bzip2 in the local header
    expect(code(() => inspectZip(badMethod, limits))).toBe('FILE_UNREADABLE');
  });
});
