import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/errors.ts';
import { acquireLock, BOOT_TIME_SLACK_MS, bootId, LOCK_NAME, pidAlive, processStart, UNREADABLE_LOCK_GRACE_MS } from './lock.ts';
import { tempDir } from './test-helpers.ts';

function lockError(fn: () => unknown, code = 'STORE_LOCKED'): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    return e as AppError;
  }
  throw new Error(`expected ${code}`);
}

const linux = fs.existsSync('/proc/self/stat') && bootId() !== undefined;

/** A live process that is not PanelDesk; killed after `fn`. */
async function withLiveProcess(fn: (pid: number) => void | Promise<void>): Promise<void> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 50));
    await fn(child.pid as number);
  } finally {
    child.kill('SIGKILL');
  }
}

const writeLock = (dir: string, info: object) => fs.writeFileSync(path.join(dir, LOCK_NAME), JSON.stringify({ hostname: os.hostname(), ...info }));

const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid as number;

describe('the data folder lock', () => {
  it('writes pid, hostname and start time; a second acquire in this process fails, by any path; release removes it', () => {
    const dir = tempDir();
    const lock = acquireLock(dir);
    const info = JSON.parse(fs.readFileSync(path.join(dir, LOCK_NAME), 'utf8')) as { startedAt: string };
    const identity = linux ? { bootId: bootId(), procStart: processStart(process.pid) } : { bootTime: expect.any(Number) };
    expect(info).toEqual({ pid: process.pid, hostname: os.hostname(), startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), ...identity });
    expect(Math.abs(Date.parse(info.startedAt) - Date.now())).toBeLessThan(60_000);
    lockError(() => acquireLock(dir));
    const link = `${dir}-link`;
    fs.symlinkSync(dir, link);
    lockError(() => acquireLock(link));
    lock.release();
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_NAME))).toBe(false);
    acquireLock(dir).release();
  });

  it.runIf(linux)('a lock of a live process on this host, same boot and same start time, is respected, naming the process', async () => {
    const dir = tempDir();
    await withLiveProcess((pid) => {
      const startedAt = new Date().toISOString();
      writeLock(dir, { pid, startedAt, bootId: bootId(), procStart: processStart(pid) });
      const e = lockError(() => acquireLock(dir));
      expect(e.message).toMatch(new RegExp(`^PanelDesk is already open on this data folder \\(process ${pid} since ${startedAt}\\); close it there`));
      expect(e.values).toMatchObject({ pid, startedAt });
    });
  });

  it.runIf(linux)('a lock naming a live but unrelated process (its pid reused, after a reboot or not) is taken over', async () => {
    const dir = tempDir();
    await withLiveProcess((pid) => {
      const startedAt = new Date(Date.now() - 3600_000).toISOString();
      const takenOver = () => {
        const lock = acquireLock(dir);
        expect((JSON.parse(fs.readFileSync(path.join(dir, LOCK_NAME), 'utf8')) as { pid: number }).pid).toBe(process.pid);
        lock.release();
      };
      // Taken in another boot.
      writeLock(dir, { pid, startedAt, bootId: 'another-boot', procStart: processStart(pid) });
      takenOver();
      // Same boot, but the process with that pid started at another time.
      writeLock(dir, { pid, startedAt, bootId: bootId(), procStart: '1' });
      takenOver();
      // Without boot ids (elsewhere than Linux): a lock from before the machine last booted.
      writeLock(dir, { pid, startedAt, bootTime: Date.now() - os.uptime() * 1000 - BOOT_TIME_SLACK_MS - 60_000 });
      takenOver();
      // An older PanelDesk's lock (no start time): the process started after the lock was written, so it did not write it.
      writeLock(dir, { pid, startedAt });
      takenOver();
    });
  });

  it.runIf(linux)('a live process that cannot be told from the lock\'s writer is respected, and the message says which file to delete', async () => {
    const dir = tempDir();
    await withLiveProcess((pid) => {
      // An older PanelDesk's lock written after the process started: it may be that PanelDesk.
      writeLock(dir, { pid, startedAt: new Date(Date.now() + 60_000).toISOString() });
      const e = lockError(() => acquireLock(dir));
      expect(e.message).toContain(`if no PanelDesk is open, delete ${path.join(fs.realpathSync(dir), LOCK_NAME)}`);
      expect(e.values).toMatchObject({ pid, path: path.join(fs.realpathSync(dir), LOCK_NAME) });
    });
  });

  it('a lock of a dead process is taken over', () => {
    const dir = tempDir();
    const pid = deadPid();
    expect(pidAlive(pid)).toBe(false);
    fs.writeFileSync(path.join(dir, LOCK_NAME), JSON.stringify({ pid, hostname: os.hostname(), startedAt: '2026-03-01T07:00:00.000Z' }));
    const lock = acquireLock(dir);
    expect((JSON.parse(fs.readFileSync(path.join(dir, LOCK_NAME), 'utf8')) as { pid: number }).pid).toBe(process.pid);
    expect(fs.readdirSync(dir)).toEqual([LOCK_NAME]);
    lock.release();
  });

  it('a lock with our own pid from before this process started is stale (pid reused); a newer one is not', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_NAME), JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: '2020-01-01T00:00:00.000Z' }));
    acquireLock(dir).release();
    fs.writeFileSync(path.join(dir, LOCK_NAME), JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() }));
    lockError(() => acquireLock(dir));
  });

  it('a lock from another host is respected (its process cannot be checked), saying how to recover', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_NAME), JSON.stringify({ pid: deadPid(), hostname: 'elsewhere.example', startedAt: '2026-03-01T07:00:00.000Z' }));
    const e = lockError(() => acquireLock(dir), 'STORE_LOCK_UNVERIFIED');
    expect(e.message).toContain('elsewhere.example');
    expect(e.message).toContain(`delete ${path.join(fs.realpathSync(dir), LOCK_NAME)}`);
  });

  it('an unreadable lock is respected while fresh and taken over once old', () => {
    const dir = tempDir();
    const file = path.join(dir, LOCK_NAME);
    fs.writeFileSync(file, '{"pid":');
    lockError(() => acquireLock(dir));
    const old = (Date.now() - UNREADABLE_LOCK_GRACE_MS - 5000) / 1000;
    fs.utimesSync(file, old, old);
    acquireLock(dir).release();
  });

  it('release leaves a lock that is no longer ours', () => {
    const dir = tempDir();
    const lock = acquireLock(dir);
    const other = JSON.stringify({ pid: 1, hostname: os.hostname(), startedAt: 'x' });
    fs.writeFileSync(path.join(dir, LOCK_NAME), other);
    lock.release();
    expect(fs.readFileSync(path.join(dir, LOCK_NAME), 'utf8')).toBe(other);
  });
});
