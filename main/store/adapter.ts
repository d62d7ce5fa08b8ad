import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { errCode, fsyncDir } from './fsx.ts';

/** The file on disk is not JSON (a torn or foreign file). */
export class SnapshotNotJsonError extends Error {
  override readonly name = 'SnapshotNotJsonError';
}

let tmpCounter = 0;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * JSON.stringify(value), a slice at a time: top-level fields one by one and long top-level arrays in runs, yielding
 * to the event loop whenever a slice has taken `budgetMs`. Only sound for data nobody mutates meanwhile.
 */
export async function stringifyInSlices(value: unknown, budgetMs = 8): Promise<string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return JSON.stringify(value);
  }
  const parts: string[] = [];
  let since = performance.now();
  const maybeYield = async () => {
    if (performance.now() - since >= budgetMs) {
      await yieldToLoop();
      since = performance.now();
    }
  };
  for (const [key, v] of Object.entries(value)) {
    let json: string | undefined;
    if (Array.isArray(v) && v.length > 256) {
      const items: string[] = [];
      for (let i = 0; i < v.length; i += 256) {
        for (const el of v.slice(i, i + 256)) items.push(JSON.stringify(el) ?? 'null');
        await maybeYield();
      }
      json = `[${items.join(',')}]`;
    } else {
      json = JSON.stringify(v);
      await maybeYield();
    }
    if (json !== undefined) parts.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${parts.join(',')}}`;
}

export interface DurableJsonFileOptions {
  /**
   * The data written is never mutated afterwards (each change makes a new object, as the store's reducer does), so
   * it may be serialised in slices without blocking the event loop for the whole of a large doc.
   */
  readonly immutable?: boolean;
}

/**
 * lowdb's adapter for one JSON file, written atomically and durably: the new text goes to a temp file in the same
 * folder, is fsynced, the previous good file becomes `<file>.bak` (a hard link, or a synced copy where links are not
 * supported), the temp file is renamed over the file, and the folder is fsynced after each rename. lowdb's own
 * TextFile adapter (steno) renames without any fsync, and its presets go in-memory under NODE_ENV=test.
 *
 * `decode` checks what was read (and may migrate it); it throws to reject it.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  readonly file: string;
  readonly backupFile: string;
  /**
   * Whether the file on disk is known to be good, so that replacing it keeps it as the backup. False until a read
   * or write succeeds, and after a read that found damage: a damaged file must never displace the last good backup.
   */
  currentIsGood = false;
  /** Whether the last write moved the file it replaced to the backup. */
  lastWriteKeptBackup = false;

  constructor(file: string, private readonly decode: (raw: unknown) => T, private readonly opts: DurableJsonFileOptions = {}) {
    this.file = file;
    this.backupFile = `${file}.bak`;
  }

  /** null when there is no file; throws SnapshotNotJsonError, or what `decode` throws, when there is a bad one. */
  async read(): Promise<T | null> {
    this.currentIsGood = false;
    let text: string;
    try {
      // Sync read: one big read is markedly faster than fs.promises' chunked reads, and opening waits for it anyway.
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if (errCode(e) === 'ENOENT') return null;
      throw e;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new SnapshotNotJsonError(`${this.file} is not JSON: ${(e as Error).message}`);
    }
    const value = this.decode(raw);
    this.currentIsGood = true;
    return value;
  }

  /** Unless `immutable`, the data is serialised before the first await, so the caller may change it at once. */
  async write(data: T): Promise<void> {
    const text = this.opts.immutable ? await stringifyInSlices(data) : JSON.stringify(data);
    const dir = path.dirname(this.file);
    const tmp = `${this.file}.tmp-${process.pid}-${++tmpCounter}`;
    try {
      const fh = await fsp.open(tmp, 'wx');
      try {
        await fh.writeFile(text, 'utf8');
        await fh.sync();
      } finally {
        await fh.close();
      }
      let kept = false;
      if (this.currentIsGood && fs.existsSync(this.file)) {
        await this.keepAsBackup(dir);
        kept = true;
      }
      await fsp.rename(tmp, this.file);
      fsyncDir(dir);
      this.currentIsGood = true;
      this.lastWriteKeptBackup = kept;
    } catch (e) {
      await fsp.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
  }

  private async keepAsBackup(dir: string): Promise<void> {
    const tmp = `${this.backupFile}.tmp-${process.pid}-${++tmpCounter}`;
    try {
      try {
        await fsp.link(this.file, tmp);
      } catch {
        await fsp.copyFile(this.file, tmp, fs.constants.COPYFILE_EXCL);
        const fh = await fsp.open(tmp, 'r+');
        try {
          await fh.sync();
        } finally {
          await fh.close();
        }
      }
      await fsp.rename(tmp, this.backupFile);
      fsyncDir(dir);
    } catch (e) {
      await fsp.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
  }
}

/** Temp files a crash may leave beside the snapshot: they never hold anything the snapshot and journal lack. */
export function isAdapterTempFile(name: string): boolean {
  return /^snapshot\.json(\.bak)?\.tmp-\d+-\d+$/.test(name);
}
