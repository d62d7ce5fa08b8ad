import { AppError } from '../../shared/contract/errors.ts';
import { errCode } from './fsx.ts';

/** Errors of a disk that takes no writes: read-only media, or a folder this user may not change. */
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);
/** Errors of a full disk (or a full quota). */
const FULL = new Set(['ENOSPC', 'EDQUOT']);

/**
 * One clear AppError for a failed write: `what` says what was being done, `where` which file or folder. A read-only
 * folder and a full disk get their own codes; every other failure is STORE_UNWRITABLE. AppErrors pass through.
 * Callers only raise these after making sure nothing acknowledged is lost (the journal line is cut off again, or
 * the old snapshot and the journal are left as they were).
 */
export function writeFailure(e: unknown, where: string, what: string): AppError {
  if (e instanceof AppError) return e;
  const reason = errCode(e) ?? 'unknown';
  const values = { path: where, reason };
  const detail = e instanceof Error ? e.message : String(e);
  if (READ_ONLY.has(reason)) {
    return new AppError('STORE_READ_ONLY', `${what}: ${where} cannot be written (read-only disk or no permission: ${reason}). Every change already saved is kept in the journal; make the folder writable and open it again.`, { values });
  }
  if (FULL.has(reason)) {
    return new AppError('DISK_FULL', `${what}: the disk holding ${where} is full (${reason}). Every change already saved is kept; free some space and try again.`, { values });
  }
  return new AppError('STORE_UNWRITABLE', `${what}: ${where}: ${detail}`, { values });
}
