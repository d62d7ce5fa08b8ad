// The fsync discipline, checked call by call: kill -9 tests cannot see a missing fsync (the page cache survives
// them), so the order of writes, syncs and renames is asserted here instead.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DurableJsonFile } from './adapter.ts';
import { openStore } from './store.ts';
import { created, renamed, campaign, tempDir } from './test-helpers.ts';

type Op = string;
let ops: Op[] = [];
const fdPaths = new Map<number, string>();
const name = (p: fs.PathLike) => path.basename(String(p));

function record(root: string): void {
  ops = [];
  const rel = (p: fs.PathLike) => path.relative(root, String(p)) || '.';
  const realOpen = fs.openSync.bind(fs);
  vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
    const fd = realOpen(p, flags ?? 'r', mode);
    fdPaths.set(fd, rel(p));
    return fd;
  }) as typeof fs.openSync);
  const realWrite = fs.writeSync.bind(fs) as (...a: unknown[]) => number;
  vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, ...rest: unknown[]) => {
    ops.push(`write ${fdPaths.get(fd)}`);
    return realWrite(fd, ...rest);
  }) as typeof fs.writeSync);
  const realDatasync = fs.fdatasyncSync.bind(fs);
  vi.spyOn(fs, 'fdatasyncSync').mockImplementation((fd: number) => {
    ops.push(`fdatasync ${fdPaths.get(fd)}`);
    realDatasync(fd);
  });
  const realFsync = fs.fsyncSync.bind(fs);
  vi.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
    ops.push(`fsync ${fdPaths.get(fd)}`);
    realFsync(fd);
  });
  const realMkdir = fs.mkdirSync.bind(fs);
  vi.spyOn(fs, 'mkdirSync').mockImplementation(((p: fs.PathLike, o?: fs.MakeDirectoryOptions) => {
    ops.push(`mkdir ${rel(p)}`);
    return realMkdir(p, o);
  }) as typeof fs.mkdirSync);
  const realRename = fsp.rename.bind(fsp);
  vi.spyOn(fsp, 'rename').mockImplementation(async (a, b) => {
    ops.push(`rename ${name(a).replace(/\.tmp-.*/, '.tmp')} -> ${name(b)}`);
    await realRename(a, b);
  });
  const realLink = fsp.link.bind(fsp);
  vi.spyOn(fsp, 'link').mockImplementation(async (a, b) => {
    ops.push(`link ${name(a)} -> ${name(b).replace(/\.tmp-.*/, '.tmp')}`);
    await realLink(a, b);
  });
  const realOpenP = fsp.open.bind(fsp);
  vi.spyOn(fsp, 'open').mockImplementation(async (p, flags, mode) => {
    const fh = await realOpenP(p, flags, mode);
    const label = name(p).replace(/\.tmp-.*/, '.tmp');
    const sync = fh.sync.bind(fh);
    fh.sync = async () => {
      ops.push(`fsync ${label}`);
      await sync();
    };
    return fh;
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('fsync discipline', () => {
  it('a new campaign: folders created and their parents fsynced, the segment created and its folder fsynced, then the line written and fdatasynced before the commit resolves', async () => {
    const root = tempDir();
    const s = await openStore({ dataDir: path.join(root, 'data') });
    record(path.join(root, 'data'));
    await s.commit('c1', created('c1'), 't');
    expect(ops).toEqual([
      'mkdir campaigns/c1',
      'fsync campaigns',
      'fsync campaigns/c1',
      'write campaigns/c1/journal-1.ndjson',
      'fdatasync campaigns/c1/journal-1.ndjson',
    ]);
    ops = [];
    await s.commit('c1', renamed(campaign('c1'), 'B'), 't');
    expect(ops).toEqual(['write campaigns/c1/journal-1.ndjson', 'fdatasync campaigns/c1/journal-1.ndjson']);
    vi.restoreAllMocks();
    await s.close();
  });

  it('a snapshot write: temp file fsynced, old file linked to the backup and its rename fsynced, then the rename over the file fsynced', async () => {
    const dir = tempDir();
    const adapter = new DurableJsonFile<{ n: number }>(path.join(dir, 'snapshot.json'), (raw) => raw as { n: number });
    await adapter.write({ n: 1 });
    record(dir);
    await adapter.write({ n: 2 });
    expect(ops).toEqual([
      'fsync snapshot.json.tmp',
      'link snapshot.json -> snapshot.json.bak.tmp',
      'rename snapshot.json.bak.tmp -> snapshot.json.bak',
      'fsync .',
      'rename snapshot.json.tmp -> snapshot.json',
      'fsync .',
    ]);
  });

  it('a fold: the new segment exists durably before the snapshot that makes the old one redundant', async () => {
    const root = tempDir();
    const s = await openStore({ dataDir: root });
    await s.commit('c1', created('c1'), 't');
    record(root);
    await s.fold();
    expect(ops).toEqual([
      'fsync campaigns/c1',
      'fsync snapshot.json.tmp',
      'rename snapshot.json.tmp -> snapshot.json',
      'fsync campaigns/c1',
    ]);
    expect(fs.existsSync(path.join(root, 'campaigns/c1/journal-2.ndjson'))).toBe(true);
    vi.restoreAllMocks();
    await s.close();
  });
});
