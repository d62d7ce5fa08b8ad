// The commit path: the checks a change passes, the campaign's folder on its first change, and the journal segment
// each entry is appended (and fsynced) to. The store runs these one at a time (FolderStore.enqueue).
import fs from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { AppError } from '../../shared/contract/errors.ts';
import { applyEntry, ReplayError, type CampaignDoc, type Change, type JournalEntry } from '../../shared/store/doc.ts';
import type { CampaignState } from './campaign.ts';
import { fsyncDir, mkdirDurable } from './fsx.ts';
import { isSafeCampaignId } from './ids.ts';
import { encodeLine, listSegments, segmentName, SegmentWriter, type SegmentFile } from './journal.ts';
import { snapshotAdapter } from './snapshot.ts';
import { writeFailure } from './write-errors.ts';

export function unwritable(dir: string, e: unknown): AppError {
  return writeFailure(e, dir, 'cannot write to the data folder');
}

/**
 * Check a change against the campaign it goes to (undefined: none yet) and make its entry and the doc it leads to;
 * nothing is written. The clock is read only once the change is accepted.
 */
export function prepareEntry(
  campaigns: ReadonlyMap<string, CampaignState>,
  id: string,
  change: Change,
  actor: string,
  now: () => Date,
): { c: CampaignState | undefined; entry: JournalEntry; next: CampaignDoc } {
  if (!isSafeCampaignId(id)) throw new AppError('BAD_ARGUMENTS', `"${id}" is not a valid campaign id`, { values: { id } });
  const c = campaigns.get(id);
  if (c?.broken) throw new AppError('STORE_UNWRITABLE', `campaign ${id} cannot be saved to until PanelDesk is restarted: ${c.broken}`, { values: { id } });
  if (c && !c.low.data) throw new AppError('STORE_CORRUPT', `campaign ${id} could not be rebuilt on opening; restore its backup first`, { values: { id } });
  if (!c && change.type !== 'campaign.created') throw new AppError('NOT_FOUND', `no campaign with id "${id}"`, { values: { id } });
  if (change.type === 'campaign.created' && change.campaign.id !== id) {
    throw new AppError('BAD_ARGUMENTS', `the new campaign's id "${change.campaign.id}" differs from "${id}"`, { values: { id } });
  }
  const doc = c?.low.data ?? null;
  const entry: JournalEntry = { seq: (doc?.seq ?? 0) + 1, at: now().toISOString(), actor, change };
  let next: CampaignDoc;
  try {
    next = applyEntry(doc, entry);
  } catch (e) {
    if (e instanceof ReplayError) throw new AppError('BAD_ARGUMENTS', e.message, { values: { id } });
    throw e;
  }
  return { c, entry, next };
}

/** A new campaign's folder (durably) and state, added to `campaigns`. */
export function createCampaign(campaigns: Map<string, CampaignState>, campaignsDir: string, id: string): CampaignState {
  const clash = [...campaigns.keys()].find((k) => k.toLowerCase() === id.toLowerCase());
  if (clash) throw new AppError('BAD_ARGUMENTS', `campaign id "${id}" clashes with "${clash}" on case-insensitive disks`, { values: { id } });
  const dir = path.join(campaignsDir, id);
  try {
    mkdirDurable(dir);
  } catch (e) {
    throw unwritable(dir, e);
  }
  const adapter = snapshotAdapter(dir, id);
  const c: CampaignState = { id, dir, adapter, low: new Low<CampaignDoc | null>(adapter, null), writer: null, snapshotSeq: -1, bakSeq: undefined, foldScheduled: false, snapChain: Promise.resolve() };
  campaigns.set(id, c);
  return c;
}

/** Append the entry's line to the campaign's journal (fsynced); returns the segment it went to. */
export function appendEntry(campaigns: Map<string, CampaignState>, c: CampaignState, entry: JournalEntry, isNew: boolean): SegmentWriter {
  let writer: SegmentWriter | undefined;
  try {
    writer = writerFor(c, entry.seq);
    writer.append(encodeLine(entry));
  } catch (e) {
    // A campaign whose creation failed is forgotten, so that creating it can be tried again.
    if (isNew) campaigns.delete(c.id);
    if (writer?.closed) {
      c.writer = null;
      // The failed line could not be cut off: appending after it would bury later entries behind a bad line.
      if (!isNew) c.broken = `a failed save could not be undone in ${writer.file}`;
    }
    throw writeFailure(e, writer?.file ?? c.dir, 'could not save the change');
  }
  return writer;
}

/** The segment the entry `seq` goes to: the newest one, or a new one named after `seq`. */
function writerFor(c: CampaignState, seq: number): SegmentWriter {
  if (c.writer && !c.writer.closed) return c.writer;
  try {
    const last = listSegments(c.dir).at(-1);
    if (last && last.firstSeq > seq) throw new AppError('STORE_CORRUPT', `journal segment ${last.file} starts after entry ${seq}`, { values: { path: last.file } });
    c.writer = last ? SegmentWriter.open(last.file, last.firstSeq, seq - last.firstSeq) : newSegment(c, seq);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unwritable(c.dir, e);
  }
  return c.writer;
}

export function newSegment(c: CampaignState, firstSeq: number): SegmentWriter {
  const w = SegmentWriter.open(path.join(c.dir, segmentName(firstSeq)), firstSeq);
  fsyncDir(c.dir);
  return w;
}

/** Delete the segments whose entries are all in the backup (so the backup plus the journal rebuilds everything). */
export function prune(c: CampaignState): void {
  const bakSeq = c.bakSeq;
  if (bakSeq === undefined) return;
  const segs = listSegments(c.dir);
  let removed = false;
  for (let i = 0; i + 1 < segs.length; i++) {
    const s = segs[i] as SegmentFile;
    const lastSeq = (segs[i + 1] as SegmentFile).firstSeq - 1;
    if (lastSeq <= bakSeq && s.file !== c.writer?.file) {
      fs.rmSync(s.file, { force: true });
      removed = true;
    }
  }
  if (removed) fsyncDir(c.dir);
}
