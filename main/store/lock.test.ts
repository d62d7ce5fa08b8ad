import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/errors.ts';
import { acquireLock, LOCK_NAME, pidAlive, UNREADABLE_LOCK_GRACE_MS } from './lock.ts';
import { tempDir } from './test-helpers.ts';

function lockError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('STORE_LOCKED');
    return e as AppError;
  }
  throw new Error('expected STORE_LOCKED');
}

const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid as number;

describe('the data folder lock', () => {
  it('writes pid, hostname and start time; a second acquire in this process fails, by any path; release removes it', () => {
    const dir = tempDir();
    const lock = acquireLock(dir);
    const info = JSON.parse(fs.readFileSync(path.join(dir, LOCK_NAME), 'utf8')) as { startedAt: string };
    expect(info).toEqual({ pid: process.pid, hostname: os.hostname(), startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
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

  it('a lock of a live process on this host is respected, naming the process', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      const pid = child.pid as number;
      fs.writeFileSync(path.join(dir, LOCK_NAME), JSON.stringify({ pid, hostname: os.hostname(), startedAt: '2026-03-01T07:00:00.000Z' }));
      const e = lockError(() => acquireLock(dir));
      expect(e.message).toBe(`PanelDesk is already open on this data folder (process ${pid} since 2026-03-01T07:00:00.000Z)`);
      expect(e.values).toMatchObject({ pid, startedAt: '2026-03-01T07:00:00.000Z' });
    } finally {
      child.kill('SIGKILL');
    }
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

  it('a lock from another host is respected (its process cannot be checked)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_NAME), JSON.stringify({ pid: deadPid(), hostname: 'elsewhere.example', startedAt: '2026-03-01T07:00:00.000Z' }));
    expect(lockError(() => acquireLock(dir)).message).toContain('elsewhere.example');
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
