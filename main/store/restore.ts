// Putting a campaign's last good backup back as its snapshot, the current files kept aside first.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/contract/errors.ts';
import type { CampaignDoc } from '../../shared/store/doc.ts';
import { DurableJsonFile } from './adapter.ts';
import { DAMAGED, type CampaignState, type RecoveryLog } from './campaign.ts';
import { fileStamp, freshName, relPath } from './fsx.ts';
import { listSegments } from './journal.ts';
import { keepCopy, repairJournal, replaySegments, type ReplayOutcome } from './recover.ts';
import { decodeFor, readDoc } from './snapshot.ts';
import type { RestoreResult } from './types.ts';

const REPLACED = 'replaced';

/** Run by the store between two commits, after any fold of the campaign. */
export async function restoreCampaign(c: CampaignState, dataDir: string, now: () => Date, log: RecoveryLog): Promise<RestoreResult> {
  const bak = await readDoc(c.id, new DurableJsonFile<CampaignDoc | null>(c.adapter.backupFile, decodeFor(c.id)));
  if (bak.state !== 'ok') {
    throw new AppError('NO_BACKUP', bak.state === 'missing' ? `campaign ${c.id} has no backup yet` : `the backup of campaign ${c.id} is damaged (${bak.reason})`, { values: { id: c.id } });
  }
  const at = now();
  // Keep the current files aside first: nothing is overwritten that is not also kept.
  const aside = freshName(path.join(c.dir, REPLACED), fileStamp(at));
  const kept: string[] = [];
  const keep = (file: string) => {
    if (fs.existsSync(file)) kept.push(keepCopy(file, aside, at));
  };
  keep(c.adapter.file);
  c.writer?.close();
  c.writer = null;
  const segments = listSegments(c.dir);
  for (const s of segments) keep(s.file);

  // Put the backup back as the snapshot first (the backup itself stays): if anything fails after this, the files
  // are still consistent (the backup plus the whole journal), and the next open rebuilds from them.
  c.adapter.currentIsGood = false;
  await c.adapter.write(bak.doc);
  c.snapshotSeq = bak.doc.seq;
  c.bakSeq = bak.doc.seq;
  let outcome: ReplayOutcome;
  let journalKept: string[];
  try {
    outcome = replaySegments(bak.doc, segments.map((s) => fs.readFileSync(s.file)));
    journalKept = outcome.problem ? repairJournal(segments, outcome.problem, path.join(c.dir, DAMAGED), at) : [];
  } catch (e) {
    c.broken = `restoring the backup failed half-way (${(e as Error).message})`;
    throw e;
  }
  c.low.data = outcome.doc;
  log.dismiss(c.id);
  if (outcome.problem) {
    log.add({
      campaignId: c.id,
      kind: outcome.problem.kind,
      action: `restoring the backup (entry ${bak.doc.seq}) replayed the journal up to entry ${outcome.doc?.seq ?? bak.doc.seq}, where a line is damaged (${outcome.problem.reason}); the journal from there is kept aside`,
      preserved: journalKept.map((p) => relPath(dataDir, p)),
      entriesReplayed: outcome.replayed,
      backupAvailable: true,
    });
  }
  return {
    restoredSeq: outcome.doc?.seq ?? bak.doc.seq,
    backupSeq: bak.doc.seq,
    entriesReplayed: outcome.replayed,
    keptAside: kept.map((p) => relPath(dataDir, p)),
  };
}
