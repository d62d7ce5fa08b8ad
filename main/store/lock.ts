import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/contract/errors.ts';
import { errCode, fsyncDir } from './fsx.ts';

export const LOCK_NAME = 'paneldesk.lock';
/** A lock file that cannot be read is taken over only once it is this old (its writer had ample time to finish). */
export const UNREADABLE_LOCK_GRACE_MS = 10_000;

export interface LockInfo {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
}

const PROCESS_STARTED_MS = Date.now() - process.uptime() * 1000 - 1000;

/** Locks this process holds, so a second open in the same process fails too. */
const held = new Set<string>();

export interface HeldLock {
  readonly file: string;
  readonly info: LockInfo;
  /** Remove the lock file if it is still ours. Idempotent, never throws. */
  release(): void;
}

function parseInfo(text: string): LockInfo | undefined {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (v && typeof v === 'object' && Number.isSafeInteger(v.pid) && (v.pid as number) > 0 && typeof v.hostname === 'string' && typeof v.startedAt === 'string') {
      return { pid: v.pid as number, hostname: v.hostname, startedAt: v.startedAt };
    }
  } catch {
    // unreadable: judged by age
  }
  return undefined;
}

/** Whether a process with this pid exists on this host. EPERM: it exists but belongs to someone else. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errCode(e) !== 'ESRCH';
  }
}

type Verdict = { readonly stale: true } | { readonly stale: false; readonly error: AppError };

function judge(file: string, text: string, mtimeMs: number, nowMs: number): Verdict {
  const info = parseInfo(text);
  if (!info) {
    if (nowMs - mtimeMs > UNREADABLE_LOCK_GRACE_MS) return { stale: true };
    return { stale: false, error: new AppError('STORE_LOCKED', `PanelDesk is being opened on this data folder by another process (lock file ${file})`, { values: { path: file } }) };
  }
  const values = { pid: info.pid, hostname: info.hostname, startedAt: info.startedAt, path: file };
  if (info.hostname !== os.hostname()) {
    // Another machine (a shared folder): its processes cannot be checked from here.
    return { stale: false, error: new AppError('STORE_LOCKED', `PanelDesk is already open on this data folder on ${info.hostname} (process ${info.pid} since ${info.startedAt}); if it is not, delete ${file}`, { values }) };
  }
  // Our own pid: ours if this module holds it or it was written since this process started (another copy of this
  // module, e.g. in a worker thread); older means a previous process whose pid was reused.
  const alive = info.pid === process.pid ? held.has(file) || !(Date.parse(info.startedAt) < PROCESS_STARTED_MS) : pidAlive(info.pid);
  if (!alive) return { stale: true };
  return { stale: false, error: new AppError('STORE_LOCKED', `PanelDesk is already open on this data folder (process ${info.pid} since ${info.startedAt})`, { values }) };
}

/**
 * Take DATA/paneldesk.lock: created with O_EXCL; a lock whose owner is dead (or that is unreadable and old) is taken
 * over by renaming it to a unique name first, so two processes taking over the same stale lock cannot both win.
 */
export function acquireLock(dataDir: string): HeldLock {
  // The real folder names the lock in `held`, so another path to the same folder is caught in this process too.
  const file = path.join(fs.realpathSync(dataDir), LOCK_NAME);
  if (held.has(file)) {
    throw new AppError('STORE_LOCKED', `PanelDesk is already open on this data folder (process ${process.pid}, this one)`, { values: { pid: process.pid, path: file } });
  }
  // Real time, not the store's injected clock: it is compared with this process's start.
  const info: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  const text = JSON.stringify(info);
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, 'wx');
    } catch (e) {
      if (errCode(e) !== 'EEXIST') throw e;
    }
    if (fd !== undefined) {
      try {
        fs.writeFileSync(fd, text);
        fs.fsyncSync(fd);
      } catch (e) {
        fs.closeSync(fd);
        fs.rmSync(file, { force: true });
        throw e;
      }
      fs.closeSync(fd);
      fsyncDir(dataDir);
      held.add(file);
      return { file, info, release: () => releaseLock(file, info) };
    }
    let current: string;
    let mtimeMs: number;
    try {
      current = fs.readFileSync(file, 'utf8');
      mtimeMs = fs.statSync(file).mtimeMs;
    } catch (e) {
      if (errCode(e) === 'ENOENT') continue;
      throw e;
    }
    const verdict = judge(file, current, mtimeMs, Date.now());
    if (!verdict.stale) throw verdict.error;
    const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      fs.renameSync(file, aside);
    } catch (e) {
      if (errCode(e) === 'ENOENT') continue;
      throw e;
    }
    if (fs.readFileSync(aside, 'utf8') !== current) {
      // Someone else took it over between our read and our rename: that lock is live, put it back.
      try {
        fs.linkSync(aside, file);
      } catch {
        // a third process holds the name now; it wins either way
      }
      fs.rmSync(aside, { force: true });
      continue;
    }
    fs.rmSync(aside, { force: true });
  }
  throw new AppError('STORE_LOCKED', `another process keeps taking the lock on this data folder (${file})`, { values: { path: file } });
}

function releaseLock(file: string, info: LockInfo): void {
  if (!held.delete(file)) return;
  try {
    const on = parseInfo(fs.readFileSync(file, 'utf8'));
    if (on && on.pid === info.pid && on.startedAt === info.startedAt && on.hostname === info.hostname) {
      fs.rmSync(file, { force: true });
      fsyncDir(path.dirname(file));
    }
  } catch {
    // best effort: a leftover lock of a dead process is taken over on the next open
  }
}
