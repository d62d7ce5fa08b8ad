import fs from 'node:fs';
import path from 'node:path';
import { applyEntry, type CampaignDoc } from '../../shared/store/doc.ts';
import { copyFileSynced, fileStamp, freshName, fsyncDir, mkdirDurable } from './fsx.ts';
import { splitSegment, type SegmentFile } from './journal.ts';

export interface ReplayProblem {
  readonly kind: 'journal-torn' | 'journal-corrupt-line';
  /** Index of the segment holding the first bad line. */
  readonly segment: number;
  /** Byte offset of that line: the segment is cut here. */
  readonly offset: number;
  readonly reason: string;
  /** The line itself is whole (its checksum holds): it stopped replay because it does not follow on or does not apply. */
  readonly intact: boolean;
}

export interface ReplayOutcome {
  readonly doc: CampaignDoc | null;
  /** Entries applied on top of the base. */
  readonly replayed: number;
  /** Valid journal lines seen, applied or not. */
  readonly validLines: number;
  readonly problem: ReplayProblem | undefined;
}

/**
 * Fold journal segments (oldest first) into a base doc. Entries at or below the doc's seq are skipped; the rest must
 * follow on one by one. Replay stops at the first bad line that precedes an entry still needed (or at an entry that
 * does not follow on or does not apply); a bad line followed only by already-folded entries harms nothing now.
 * A single bad last line of the last segment that lacks its LF is a torn write (the append never finished, so its
 * commit never resolved); any other stop is a corrupt line, a complete last line with a wrong checksum included:
 * that line was written whole, so it is damage, kept and reported.
 */
export function replaySegments(base: CampaignDoc | null, segments: readonly Buffer[]): ReplayOutcome {
  let doc = base;
  let replayed = 0;
  let validLines = 0;
  let pending: { segment: number; line: number; offset: number; reason: string; complete: boolean } | undefined;
  let stop: ReplayProblem | undefined;
  let lastLineCount = 0;
  outer: for (const [s, buf] of segments.entries()) {
    const lines = splitSegment(buf);
    lastLineCount = lines.length;
    for (const [l, line] of lines.entries()) {
      if (!line.decoded.ok) {
        pending ??= { segment: s, line: l, offset: line.start, reason: line.decoded.reason, complete: line.complete };
        continue;
      }
      validLines++;
      const entry = line.decoded.entry;
      const current = doc?.seq ?? 0;
      if (entry.seq <= current) {
        pending = undefined;
        continue;
      }
      if (pending) {
        stop = { kind: 'journal-corrupt-line', segment: pending.segment, offset: pending.offset, reason: `${pending.reason}, with later entries after it`, intact: false };
        break outer;
      }
      if (entry.seq !== current + 1) {
        stop = { kind: 'journal-corrupt-line', segment: s, offset: line.start, reason: `entry ${entry.seq} does not follow entry ${current}`, intact: true };
        break outer;
      }
      try {
        doc = applyEntry(doc, entry);
      } catch (e) {
        stop = { kind: 'journal-corrupt-line', segment: s, offset: line.start, reason: `entry ${entry.seq} does not apply: ${(e as Error).message}`, intact: true };
        break outer;
      }
      replayed++;
    }
  }
  if (!stop && pending) {
    const torn = pending.segment === segments.length - 1 && pending.line === lastLineCount - 1 && !pending.complete;
    stop = { kind: torn ? 'journal-torn' : 'journal-corrupt-line', segment: pending.segment, offset: pending.offset, reason: torn ? pending.reason : `${pending.reason} (the last line)`, intact: false };
  }
  return { doc, replayed, validLines, problem: stop };
}

/** Copy a file into `aside` (created durably) under a new name; never overwrites. Returns the copy's path. */
export function keepCopy(file: string, aside: string, stamp: Date): string {
  mkdirDurable(aside);
  const to = freshName(aside, `${path.basename(file)}.${fileStamp(stamp)}`);
  copyFileSynced(file, to);
  fsyncDir(aside);
  return to;
}

/**
 * Make the journal continue cleanly after a replay problem: keep a copy of the damaged segment, cut it at the bad
 * line, and (for a corrupt line) move every later segment aside too, so new entries cannot collide with them.
 * Returns the paths of what was kept aside.
 */
export function repairJournal(segments: readonly SegmentFile[], problem: ReplayProblem, damagedDir: string, stamp: Date): string[] {
  const seg = segments[problem.segment];
  if (!seg) throw new Error(`no segment ${problem.segment}`);
  const kept = [keepCopy(seg.file, damagedDir, stamp)];
  const fd = fs.openSync(seg.file, 'r+');
  try {
    fs.ftruncateSync(fd, problem.offset);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  const later = segments.slice(problem.segment + 1);
  for (const s of later) {
    const to = freshName(damagedDir, `${path.basename(s.file)}.${fileStamp(stamp)}`);
    fs.renameSync(s.file, to);
    kept.push(to);
  }
  if (later.length > 0) {
    fsyncDir(damagedDir);
    fsyncDir(path.dirname(seg.file));
  }
  return kept;
}
