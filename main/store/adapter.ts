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
 * JSON.stringify(value), a slice at a time: top-level fields one by one, long arrays in runs, and nested objects and
 * long arrays (the history's chunks: `history.chunks[i]`) down to a few levels, yielding to the event loop whenever a
 * slice has taken `budgetMs`. Only sound for data nobody mutates meanwhile.
 */
export async function stringifyInSlices(value: unknown, budgetMs = 8): Promise<string> {
  let since = performance.now();
  const due = () => performance.now() - since >= budgetMs;
  const pause = async () => {
    await yieldToLoop();
    since = performance.now();
  };
  const isPlain = (v: unknown): v is object => v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
  // Objects are opened at the top two levels (the doc, then e.g. its history), arrays of more than 64 items down to
  // the third; anything deeper or smaller is one JSON.stringify (a nomination, a score, a chunk of 512 entries).
  const opens = (v: unknown, depth: number): v is object => isPlain(v) && (Array.isArray(v) ? v.length > 64 && depth < 3 : depth < 2);
  const piece = async (v: object, depth: number): Promise<string> => {
    if (Array.isArray(v)) {
      const items: string[] = [];
      for (const el of v) {
        items.push((opens(el, depth + 1) ? await piece(el, depth + 1) : JSON.stringify(el)) ?? 'null');
        if (due()) await pause();
      }
      return `[${items.join(',')}]`;
    }
    const parts: string[] = [];
    for (const [key, x] of Object.entries(v)) {
      const json = opens(x, depth + 1) ? await piece(x, depth + 1) : JSON.stringify(x);
      if (json !== undefined) parts.push(`${JSON.stringify(key)}:${json}`);
      if (due()) await pause();
    }
    return `{${parts.join(',')}}`;
  };
  return isPlain(value) && !Array.isArray(value) ? piece(value, 0) : JSON.stringify(value);
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
