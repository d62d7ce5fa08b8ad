// Opening a data folder: reading every campaign's files, then rebuilding (and where needed repairing) each one.
import fs from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import type { CampaignDoc } from '../../shared/store/doc.ts';
import { DurableJsonFile, isAdapterTempFile } from './adapter.ts';
import { DAMAGED, type CampaignState, type RecoveryLog } from './campaign.ts';
import { relPath } from './fsx.ts';
import { isSafeCampaignId } from './ids.ts';
import { listSegments } from './journal.ts';
import { keepCopy, repairJournal, replaySegments, type ReplayOutcome } from './recover.ts';
import { decodeFor, readDoc, snapshotAdapter, type FileRead } from './snapshot.ts';

export interface Inspected {
  readonly id: string;
  readonly dir: string;
  readonly adapter: DurableJsonFile<CampaignDoc | null>;
  readonly snapshot: FileRead;
  readonly backup: FileRead | undefined;
}

/** Read every campaign without changing anything, so a too-new snapshot stops the open before any repair. */
export async function inspectCampaigns(campaignsDir: string): Promise<Inspected[]> {
  const out: Inspected[] = [];
  for (const ent of fs.readdirSync(campaignsDir, { withFileTypes: true })) {
    if (!ent.isDirectory() || !isSafeCampaignId(ent.name)) continue;
    const id = ent.name;
    const dir = path.join(campaignsDir, id);
    const adapter = snapshotAdapter(dir, id);
    const snapshot = await readDoc(id, adapter);
    let backup: FileRead | undefined;
    if (snapshot.state !== 'ok') {
      backup = await readDoc(id, new DurableJsonFile<CampaignDoc | null>(adapter.backupFile, decodeFor(id)));
    }
    out.push({ id, dir, adapter, snapshot, backup });
  }
  return out;
}

/** Loaded campaigns in creation order (ties and campaigns that could not be rebuilt: by id). */
export function byCreation(a: CampaignState, b: CampaignState): number {
  const key = (c: CampaignState) => c.low.data?.campaign.createdAt ?? '\uffff';
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function unfoldedBytes(c: CampaignState): number {
  let n = 0;
  for (const s of listSegments(c.dir)) n += fs.statSync(s.file).size;
  return n;
}

/**
 * A snapshot that checks out but cannot take a whole, intact journal line (an entry that does not follow on or does
 * not apply) may be what is wrong, not the journal: when the backup plus the journal gets further, the snapshot is
 * treated as damaged, so the journal is not cut for it.
 */
export async function crossCheck(f: Inspected): Promise<Inspected & { outcome?: ReplayOutcome }> {
  if (f.snapshot.state !== 'ok') return f;
  const buffers = listSegments(f.dir).map((s) => fs.readFileSync(s.file));
  const outcome = replaySegments(f.snapshot.doc, buffers);
  if (!outcome.problem?.intact) return { ...f, outcome };
  const backup = await readDoc(f.id, new DurableJsonFile<CampaignDoc | null>(f.adapter.backupFile, decodeFor(f.id)));
  if (backup.state !== 'ok') return { ...f, outcome };
  const again = replaySegments(backup.doc, buffers);
  if (!again.doc || (again.problem && again.doc.seq <= (outcome.doc?.seq ?? 0))) return { ...f, outcome };
  // The snapshot on disk must not become the backup when it is next replaced.
  f.adapter.currentIsGood = false;
  return { ...f, snapshot: { state: 'damaged', reason: `it does not match the journal: ${outcome.problem.reason}` }, backup, outcome: again };
}

/** Rebuild one campaign from its files, repairing and reporting what needs it; undefined: its creation never completed. */
export function loadCampaign(f: Inspected & { outcome?: ReplayOutcome }, dataDir: string, now: () => Date, log: RecoveryLog): CampaignState | undefined {
  const { id, dir, adapter, snapshot, backup } = f;
  const at = now();
  const damagedDir = path.join(dir, DAMAGED);
  for (const name of fs.readdirSync(dir)) if (isAdapterTempFile(name)) fs.rmSync(path.join(dir, name), { force: true });

  const preserved: string[] = [];
  let base: CampaignDoc | null = null;
  if (snapshot.state === 'ok') base = snapshot.doc;
  else {
    if (snapshot.state === 'damaged') preserved.push(keepCopy(adapter.file, damagedDir, at));
    if (backup?.state === 'ok') base = backup.doc;
    else if (backup?.state === 'damaged') preserved.push(keepCopy(adapter.backupFile, damagedDir, at));
  }

  const segments = listSegments(dir);
  const outcome = f.outcome ?? replaySegments(base, segments.map((s) => fs.readFileSync(s.file)));
  // A campaign whose creation never completed (nothing, or one torn line): nothing acknowledged is lost.
  const unborn = snapshot.state === 'missing' && backup?.state === 'missing' && outcome.validLines === 0 && outcome.problem?.kind !== 'journal-corrupt-line';
  const repairable = outcome.doc !== null || unborn;
  const journalKept = outcome.problem && repairable ? repairJournal(segments, outcome.problem, damagedDir, at) : [];
  if (unborn) return undefined;

  const backupOk = backup ? backup.state === 'ok' : fs.existsSync(adapter.backupFile);
  const rel = (ps: readonly string[]) => ps.map((p) => relPath(dataDir, p));
  const doc = outcome.doc;
  if (snapshot.state !== 'ok') {
    const from = backup?.state === 'ok' ? `the backup (entry ${backup.doc.seq})` : 'the journal alone';
    const what = snapshot.state === 'damaged' ? `snapshot.json was damaged (${snapshot.reason}) and is kept aside` : 'snapshot.json was missing';
    if (doc) {
      if (snapshot.state === 'damaged' || backup?.state !== 'missing') {
        log.add({
          campaignId: id,
          kind: snapshot.state === 'damaged' ? 'snapshot-corrupt' : 'snapshot-missing',
          action: `${what}; the campaign was rebuilt from ${from} and ${outcome.replayed} journal entries (up to entry ${doc.seq})`,
          preserved: rel(preserved),
          entriesReplayed: outcome.replayed,
          backupAvailable: backupOk,
        });
      }
    } else {
      log.add({
        campaignId: id,
        kind: snapshot.state === 'damaged' ? 'snapshot-corrupt' : 'snapshot-missing',
        action: `${what}, there is no usable backup, and the journal does not rebuild the campaign; its files are left as they are${outcome.problem ? ` (journal: ${outcome.problem.reason})` : ''}`,
        preserved: rel(preserved),
        entriesReplayed: 0,
        backupAvailable: backupOk,
      });
    }
  }
  if (outcome.problem && repairable) {
    const torn = outcome.problem.kind === 'journal-torn';
    log.add({
      campaignId: id,
      kind: outcome.problem.kind,
      action: torn
        ? `the last journal line was incomplete (${outcome.problem.reason}): it was never acknowledged, and was cut off after keeping a copy; the campaign is at entry ${doc?.seq ?? 0}`
        : `a journal line is damaged (${outcome.problem.reason}); replay stopped there at entry ${doc?.seq ?? 0}, and the journal from that line on is kept aside`,
      preserved: rel(journalKept),
      entriesReplayed: outcome.replayed,
      backupAvailable: backupOk,
    });
  }

  const low = new Low<CampaignDoc | null>(adapter, doc);
  return {
    id,
    dir,
    adapter,
    low,
    writer: null,
    snapshotSeq: snapshot.state === 'ok' ? snapshot.doc.seq : -1,
    bakSeq: backup?.state === 'ok' ? backup.doc.seq : undefined,
    foldScheduled: false,
    snapChain: Promise.resolve(),
  };
}
