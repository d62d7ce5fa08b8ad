// A read-only folder or a full disk, simulated by failing the fs calls (the tests run as root, whom chmod does not
// stop): the store raises one clear AppError, and every acknowledged change is still there on the next open.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/contract/errors.ts';
import { openStore } from './store.ts';
import { campaign, clock, created, renamed, tempDir } from './test-helpers.ts';
import type { Store } from './types.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const fsError = (code: string, call: string) => Object.assign(new Error(`${code}: simulated, ${call}`), { code });

/** Every way the store creates or writes a file fails with `code`, as on a read-only disk. */
function refuseWrites(code: string): void {
  const realOpen = fs.openSync.bind(fs);
  vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
    if (flags !== undefined && flags !== 'r') throw fsError(code, `open '${String(p)}'`);
    return realOpen(p, flags ?? 'r', mode);
  }) as typeof fs.openSync);
  vi.spyOn(fsp, 'open').mockImplementation(async (p) => {
    throw fsError(code, `open '${String(p)}'`);
  });
  vi.spyOn(fs, 'writeSync').mockImplementation(() => {
    throw fsError(code, 'write');
  });
  vi.spyOn(fs, 'mkdirSync').mockImplementation(((p: fs.PathLike) => {
    throw fsError(code, `mkdir '${String(p)}'`);
  }) as typeof fs.mkdirSync);
}

async function seeded(data: string, n: number): Promise<Store> {
  const s = await openStore({ dataDir: data, now: clock() });
  await s.commit('c1', created('c1', 'n-0'), 't');
  for (let i = 1; i <= n; i++) await s.commit('c1', renamed(s.get('c1')?.campaign ?? campaign('c1'), `n-${i}`), 't');
  return s;
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const dirOf = (data: string) => path.join(data, 'campaigns', 'c1');
const bytesOf = (dir: string) => Object.fromEntries(fs.readdirSync(dir).filter((n) => !fs.statSync(path.join(dir, n)).isDirectory()).map((n) => [n, fs.readFileSync(path.join(dir, n)).toString('base64')]));

describe('closing on a read-only folder or a full disk', () => {
  it('a read-only folder: close raises STORE_READ_ONLY (not a raw EROFS), and the journal keeps every change', async () => {
    const data = tempDir();
    const s = await seeded(data, 4);
    const before = bytesOf(dirOf(data));
    refuseWrites('EROFS');
    const e = await rejection(s.close());
    vi.restoreAllMocks();
    expect(e.code).toBe('STORE_READ_ONLY');
    expect(e.values).toMatchObject({ reason: 'EROFS' });
    expect(e.message).toMatch(/read-only/);
    expect(bytesOf(dirOf(data))).toEqual(before);
    const again = await openStore({ dataDir: data, now: clock() });
    expect(again.get('c1')).toMatchObject({ seq: 5, campaign: { name: 'n-4' } });
    expect(again.recoveries()).toEqual([]);
    await again.close();
  });

  it('a full disk mid-snapshot: close raises DISK_FULL; the old snapshot, its backup and the journal are untouched', async () => {
    const data = tempDir();
    const s = await seeded(data, 3);
    await s.fold(); // snapshot at 4
    for (let i = 5; i <= 7; i++) await s.commit('c1', renamed(s.get('c1')?.campaign ?? campaign('c1'), `n-${i}`), 't');
    const before = bytesOf(dirOf(data));
    const realOpen = fsp.open.bind(fsp);
    // The temp snapshot opens, then fills the disk half-way through.
    vi.spyOn(fsp, 'open').mockImplementation(async (p, flags, mode) => {
      const fh = await realOpen(p, flags, mode);
      return Object.assign(Object.create(fh) as typeof fh, {
        writeFile: async (text: string) => {
          await fh.writeFile(text.slice(0, Math.floor(text.length / 2)));
          throw fsError('ENOSPC', 'write');
        },
        sync: () => fh.sync(),
        close: () => fh.close(),
      });
    });
    const e = await rejection(s.close());
    vi.restoreAllMocks();
    expect(e.code).toBe('DISK_FULL');
    // Nothing was replaced or removed; no half-written temp file stays (a new empty segment may have been started).
    const after = bytesOf(dirOf(data));
    for (const [name, b64] of Object.entries(before)) expect(after[name], name).toBe(b64);
    for (const name of Object.keys(after).filter((n) => !(n in before))) expect([name, after[name]]).toEqual([expect.stringMatching(/^journal-\d+\.ndjson$/), '']);
    const again = await openStore({ dataDir: data, now: clock() });
    expect(again.get('c1')).toMatchObject({ seq: 7, campaign: { name: 'n-7' } });
    expect(again.recoveries()).toEqual([]);
    await again.close();
  });

  it('a commit on a full disk or a read-only folder gets DISK_FULL or STORE_READ_ONLY, and the store goes on once it clears', async () => {
    const data = tempDir();
    const s = await seeded(data, 1);
    for (const [code, expected] of [['ENOSPC', 'DISK_FULL'], ['EROFS', 'STORE_READ_ONLY'], ['EIO', 'STORE_UNWRITABLE']] as const) {
      vi.spyOn(fs, 'writeSync').mockImplementationOnce(() => {
        throw fsError(code, 'write');
      });
      const e = await rejection(s.commit('c1', renamed(s.get('c1')?.campaign ?? campaign('c1'), 'lost'), 't'));
      vi.restoreAllMocks();
      expect(e.code, code).toBe(expected);
    }
    await s.commit('c1', renamed(s.get('c1')?.campaign ?? campaign('c1'), 'kept'), 't');
    await s.close();
    const again = await openStore({ dataDir: data, now: clock() });
    expect(again.get('c1')).toMatchObject({ seq: 3, campaign: { name: 'kept' } });
    await again.close();
  });

  it('opening a data folder that cannot be created on a read-only disk raises STORE_READ_ONLY', async () => {
    const data = path.join(tempDir(), 'new');
    refuseWrites('EROFS');
    const e = await rejection(openStore({ dataDir: data }));
    expect(e.code).toBe('STORE_READ_ONLY');
    expect(e.values).toMatchObject({ path: data });
  });
});
