import { applyDecisions } from './conflicts.ts';
import type { Conflict, Expert } from './model.ts';

/**
 * A detection run committed in parts. At 20,000 nominations × 200 experts a run finds ~100,000 conflicts: one change
 * holding them all is a ~35 MB journal line. So a big run is committed as `panel.conflictsDetectedInParts` changes of
 * at most DETECT_PART_SIZE conflicts each, all naming the same `run`:
 *
 * - parts 0 … of-2 only accumulate into `panel.detectInProgress` (a pending set); the conflicts in force stay as they
 *   were, so a crash between parts leaves the previous set current, and the pending one is dropped by the next run's
 *   first part (or by a whole-set change);
 * - the last part makes the pending set current, with people's decisions as they stand then re-applied (a decision
 *   taken between parts is kept, a declared conflict withdrawn meanwhile stays withdrawn, conflicts of an expert
 *   removed meanwhile go), and writes the run's one history line (counts).
 *
 * A part that does not follow its run's previous part is refused at commit (never written), so a replay never meets
 * one. The reducer for `part.of === 1` is the whole-set change's.
 */
export const DETECT_PART_SIZE = 5_000;

export interface DetectPart {
  /** The run's id: every part of one run carries it. */
  readonly run: string;
  /** 0-based index of `of` parts. */
  readonly index: number;
  readonly of: number;
}

/** The pending set of a run whose last part has not come yet. */
export interface DetectInProgress {
  readonly run: string;
  /** The index of the part that must come next. */
  readonly next: number;
  readonly of: number;
  readonly conflicts: readonly Conflict[];
}

export type DetectChange =
  | { readonly type: 'panel.conflictsDetected'; readonly conflicts: readonly Conflict[] }
  | { readonly type: 'panel.conflictsDetectedInParts'; readonly part: DetectPart; readonly conflicts: readonly Conflict[] };

/** The changes that commit a detected set: one whole change when it is small, else parts of ≤ `size` conflicts. */
export function detectParts(conflicts: readonly Conflict[], run: string, size = DETECT_PART_SIZE): DetectChange[] {
  if (!(Number.isInteger(size) && size >= 1)) throw new Error(`part size ${size} is not a positive integer`);
  if (conflicts.length <= size) return [{ type: 'panel.conflictsDetected', conflicts }];
  const of = Math.ceil(conflicts.length / size);
  return Array.from({ length: of }, (_, index) => ({ type: 'panel.conflictsDetectedInParts' as const, part: { run, index, of }, conflicts: conflicts.slice(index * size, (index + 1) * size) }));
}

/**
 * What a pending set becomes when its last part comes: conflicts of experts no longer on the panel dropped, and the
 * decisions in force now applied over it; declared conflicts are taken from now, not from the pending set (detection
 * puts them last, in the doc's order, so without anything changed between the parts this is the set as detected).
 */
export function settleDetected(pending: readonly Conflict[], current: { readonly experts: readonly Expert[]; readonly conflicts: readonly Conflict[] }): Conflict[] {
  const experts = new Set(current.experts.map((e) => e.id));
  const kept = pending.filter((c) => c.state !== 'declared' && experts.has(c.expertId));
  return applyDecisions(kept, current.conflicts.filter((c) => c.decided || c.state === 'declared'));
}
