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
  /** Linux: /proc/sys/kernel/random/boot_id of the boot the lock was taken in. */
  readonly bootId?: string;
  /** Linux: the process's start time, field 22 of /proc/PID/stat (clock ticks since boot). */
  readonly procStart?: string;
  /** Elsewhere: when the machine booted (ms since 1970, from os.uptime), to tell a lock from before a reboot. */
  readonly bootTime?: number;
}

const PROCESS_STARTED_MS = Date.now() - process.uptime() * 1000 - 1000;
/** How far two readings of the boot time (wall clock minus uptime) may differ within one boot. */
export const BOOT_TIME_SLACK_MS = 5 * 60_000;
/** Linux counts process start times in ticks of 1/100 s (USER_HZ); a wall time made from them is this approximate. */
const PROC_START_SLACK_MS = 10_000;

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The boot's id (Linux); undefined elsewhere. */
export function bootId(): string | undefined {
  return readText('/proc/sys/kernel/random/boot_id')?.trim() || undefined;
}

/** A process's start time in ticks since boot (Linux; undefined when it cannot be read). */
export function processStart(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The name (field 2) may hold spaces and parentheses: the fields after it start past its last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = rest[22 - 3];
  return start && /^\d+$/.test(start) ? start : undefined;
}

/** When the machine booted, by the wall clock (ms since 1970). */
function bootTime(): number {
  return Math.round(Date.now() - os.uptime() * 1000);
}

/** What identifies this process beyond its pid: its boot and its start time (or, without /proc, the boot time). */
function identity(): Pick<LockInfo, 'bootId' | 'procStart' | 'bootTime'> {
  const id = bootId();
  const start = processStart(process.pid);
  return id && start ? { bootId: id, procStart: start } : { bootTime: bootTime() };
}

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
      return {
        pid: v.pid as number,
        hostname: v.hostname,
        startedAt: v.startedAt,
        ...(typeof v.bootId === 'string' ? { bootId: v.bootId } : {}),
        ...(typeof v.procStart === 'string' ? { procStart: v.procStart } : {}),
        ...(typeof v.bootTime === 'number' && Number.isFinite(v.bootTime) ? { bootTime: v.bootTime } : {}),
      };
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

/**
 * Whether the live process `info.pid` on this host is the one that wrote the lock: true, false (its pid was reused:
 * another boot, or a process started after the lock was written), or undefined when that cannot be told.
 */
function sameProcess(info: LockInfo): boolean | undefined {
  const boot = bootId();
  if (info.bootId && boot) {
    if (info.bootId !== boot) return false;
    const start = processStart(info.pid);
    if (info.procStart && start) return info.procStart === start;
  } else if (info.bootTime !== undefined && info.bootTime < bootTime() - BOOT_TIME_SLACK_MS) {
    // Without boot ids: a lock taken before the machine last booted.
    return false;
  }
  // A lock without the process's start time (an older PanelDesk): the process must have started before the lock was
  // written. Linux gives its start in ticks of 1/100 s since boot.
  const start = processStart(info.pid);
  const written = Date.parse(info.startedAt);
  if (start && Number.isFinite(written) && bootTime() + Number(start) * 10 > written + PROC_START_SLACK_MS) return false;
  return undefined;
}

function judge(file: string, text: string, mtimeMs: number, nowMs: number): Verdict {
  const info = parseInfo(text);
  if (!info) {
    if (nowMs - mtimeMs > UNREADABLE_LOCK_GRACE_MS) return { stale: true };
    return { stale: false, error: new AppError('STORE_LOCKED', `PanelDesk is being opened on this data folder by another process (lock file ${file})`, { values: { path: file } }) };
  }
  const values = { pid: info.pid, hostname: info.hostname, startedAt: info.startedAt, path: file };
  if (info.hostname !== os.hostname()) {
    // Another machine (a shared folder): its processes cannot be checked from here.
    return {
      stale: false,
      error: new AppError('STORE_LOCK_UNVERIFIED', `this data folder is marked as in use by process ${info.pid} on ${info.hostname} (since ${info.startedAt}), which cannot be checked from here; if no PanelDesk is open on it there, delete ${file} and open it again`, { values }),
    };
  }
  // Our own pid: ours if this module holds it or it was written since this process started (another copy of this
  // module, e.g. in a worker thread); older means a previous process whose pid was reused.
  if (info.pid === process.pid) {
    if (held.has(file) || (sameProcess(info) !== false && !(Date.parse(info.startedAt) < PROCESS_STARTED_MS))) {
      return { stale: false, error: new AppError('STORE_LOCKED', `PanelDesk is already open on this data folder (process ${info.pid} since ${info.startedAt})`, { values }) };
    }
    return { stale: true };
  }
  if (!pidAlive(info.pid)) return { stale: true };
  // A live process with the lock's pid may be another program that got the pid after a reboot.
  const same = sameProcess(info);
  if (same === false) return { stale: true };
  // Not disproven (no /proc, or an older PanelDesk's lock written after that process started): most likely that is
  // PanelDesk, so it is reported as such, with the way out should it not be.
  const hint = same === undefined ? `; if no PanelDesk is open, delete ${file} and try again` : '';
  return { stale: false, error: new AppError('STORE_LOCKED', `PanelDesk is already open on this data folder (process ${info.pid} since ${info.startedAt}); close it there and try again${hint}`, { values }) };
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
  const info: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), ...identity() };
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
    if (on && on.pid === info.pid && on.startedAt === info.startedAt && on.hostname === info.hostname && on.procStart === info.procStart) {
      fs.rmSync(file, { force: true });
      fsyncDir(path.dirname(file));
    }
  } catch {
    // best effort: a leftover lock of a dead process is taken over on the next open
  }
}
