import fs from 'node:fs';
import path from 'node:path';

/** Error codes Node puts on fs errors. */
export function errCode(e: unknown): string | undefined {
  return e !== null && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
}

/**
 * Make a rename, create or unlink inside `dir` durable. Windows cannot open a folder for fsync (and NTFS journals
 * metadata itself), so there the failure is ignored.
 */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch (e) {
    if (process.platform === 'win32') return;
    throw e;
  }
  try {
    fs.fsyncSync(fd);
  } catch (e) {
    if (process.platform !== 'win32' && errCode(e) !== 'EINVAL') throw e;
  } finally {
    fs.closeSync(fd);
  }
}

/** mkdir -p, fsyncing the parent of every folder it creates, so the new folders survive power loss. */
export function mkdirDurable(dir: string): void {
  const missing: string[] = [];
  let d = path.resolve(dir);
  for (;;) {
    try {
      const st = fs.statSync(d);
      if (!st.isDirectory()) {
        const e = new Error(`ENOTDIR: not a directory, mkdir '${d}'`) as NodeJS.ErrnoException;
        e.code = 'ENOTDIR';
        throw e;
      }
      break;
    } catch (e) {
      if (errCode(e) !== 'ENOENT') throw e;
      missing.push(d);
      const parent = path.dirname(d);
      if (parent === d) break;
      d = parent;
    }
  }
  for (const m of missing.reverse()) {
    try {
      fs.mkdirSync(m);
    } catch (e) {
      if (errCode(e) !== 'EEXIST') throw e;
    }
    fsyncDir(path.dirname(m));
  }
}

/** Copy a file to a new name (never over an existing one) and fsync the copy. */
export function copyFileSynced(from: string, to: string): void {
  fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
  const fd = fs.openSync(to, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A name in `dir` starting with `base` that does not exist yet: base, base-1, base-2, … */
export function freshName(dir: string, base: string): string {
  for (let i = 0; ; i++) {
    const p = path.join(dir, i === 0 ? base : `${base}-${i}`);
    if (!fs.existsSync(p)) return p;
  }
}

/** A timestamp usable in file names on every platform. */
export function fileStamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

/** `p` relative to `root`, with forward slashes (as reports show it). */
export function relPath(root: string, p: string): string {
  return path.relative(root, p).split(path.sep).join('/');
}
