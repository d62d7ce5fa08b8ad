import fs from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { AppError } from '../../shared/contract/errors.ts';
import type { RecoveryReport } from '../../shared/contract/store.ts';
import { applyEntry, ReplayError, type CampaignDoc, type Change, type JournalEntry } from '../../shared/store/doc.ts';
import { DurableJsonFile, isAdapterTempFile } from './adapter.ts';
import { fileStamp, freshName, fsyncDir, mkdirDurable, relPath } from './fsx.ts';
import { isSafeCampaignId } from './ids.ts';
import { encodeLine, listSegments, segmentName, SegmentWriter, type SegmentFile } from './journal.ts';
import { acquireLock, type HeldLock } from './lock.ts';
import { deleteTrash, renameAway, sweepRemoved } from './remove.ts';
import { keepCopy, repairJournal, replaySegments, type ReplayOutcome } from './recover.ts';
import { decodeFor, readDoc, snapshotAdapter, type FileRead } from './snapshot.ts';
import type { RestoreResult, Store, StoreOptions } from './types.ts';
import { writeFailure } from './write-errors.ts';

export const DEFAULT_FOLD_ENTRIES = 2000;
export const DEFAULT_FOLD_BYTES = 4 * 1024 * 1024;

const DAMAGED = 'damaged';
const REPLACED = 'replaced';

function unwritable(dir: string, e: unknown): AppError {
  return writeFailure(e, dir, 'cannot write to the data folder');
}

interface CampaignState {
  readonly id: string;
  readonly dir: string;
  readonly adapter: DurableJsonFile<CampaignDoc | null>;
  /** lowdb holds the campaign's current doc (null: the folder could not be rebuilt). */
  readonly low: Low<CampaignDoc | null>;
  /** The segment appended to; opened on the first commit of a session. */
  writer: SegmentWriter | null;
  /** Seq of snapshot.json on disk; -1 when it must be rewritten (damaged or missing). */
  snapshotSeq: number;
  /** Seq of snapshot.json.bak, when known: journal segments above it are kept. */
  bakSeq: number | undefined;
  foldScheduled: boolean;
  /** Folds and restores of this campaign, one at a time. */
  snapChain: Promise<void>;
  /**
   * Set when memory and disk may disagree (a failed line could not be cut off, a restore failed half-way): commits
   * and folds are refused until the next open, which rebuilds the campaign from its files.
   */
  broken?: string;
}

interface Inspected {
  readonly id: string;
  readonly dir: string;
  readonly adapter: DurableJsonFile<CampaignDoc | null>;
  readonly snapshot: FileRead;
  readonly backup: FileRead | undefined;
}

class FolderStore implements Store {
  readonly dataDir: string;
  private readonly campaignsDir: string;
  private readonly now: () => Date;
  private readonly foldEntries: number;
  private readonly foldBytes: number;
  private readonly campaigns = new Map<string, CampaignState>();
  private reports: RecoveryReport[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly onExit: () => void;

  constructor(opts: StoreOptions, dataDir: string, private readonly lock: HeldLock) {
    this.dataDir = dataDir;
    this.campaignsDir = path.join(dataDir, 'campaigns');
    this.now = opts.now ?? (() => new Date());
    this.foldEntries = Math.max(1, opts.foldEntries ?? DEFAULT_FOLD_ENTRIES);
    this.foldBytes = Math.max(1, opts.foldBytes ?? DEFAULT_FOLD_BYTES);
    this.onExit = () => lock.release();
    process.on('exit', this.onExit);
  }

  // ---- reading

  list(): readonly CampaignDoc[] {
    const out: CampaignDoc[] = [];
    for (const c of this.campaigns.values()) if (c.low.data) out.push(c.low.data);
    return out;
  }

  get(campaignId: string): CampaignDoc | undefined {
    return this.campaigns.get(campaignId)?.low.data ?? undefined;
  }

  recoveries(): readonly RecoveryReport[] {
    return this.reports;
  }

  dismissRecovery(campaignId: string): void {
    this.reports = this.reports.filter((r) => r.campaignId !== campaignId);
  }

  // ---- opening

  /** Read every campaign without changing anything, so a too-new snapshot stops the open before any repair. */
  async inspect(): Promise<Inspected[]> {
    const out: Inspected[] = [];
    for (const ent of fs.readdirSync(this.campaignsDir, { withFileTypes: true })) {
      if (!ent.isDirectory() || !isSafeCampaignId(ent.name)) continue;
      const id = ent.name;
      const dir = path.join(this.campaignsDir, id);
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

  async load(found: readonly Inspected[]): Promise<void> {
    const loaded: CampaignState[] = [];
    for (const f of found) {
      const c = await this.loadCampaign(await this.crossCheck(f));
      if (c) loaded.push(c);
    }
    const key = (c: CampaignState) => c.low.data?.campaign.createdAt ?? '\uffff';
    loaded.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const c of loaded) {
      this.campaigns.set(c.id, c);
      if (c.low.data && c.snapshotSeq < c.low.data.seq && (c.snapshotSeq < 0 || this.unfoldedBytes(c) >= this.foldBytes || c.low.data.seq - c.snapshotSeq >= this.foldEntries)) {
        this.scheduleFold(c);
      }
    }
  }

  private unfoldedBytes(c: CampaignState): number {
    let n = 0;
    for (const s of listSegments(c.dir)) n += fs.statSync(s.file).size;
    return n;
  }

  /**
   * A snapshot that checks out but cannot take a whole, intact journal line (an entry that does not follow on or does
   * not apply) may be what is wrong, not the journal: when the backup plus the journal gets further, the snapshot is
   * treated as damaged, so the journal is not cut for it.
   */
  private async crossCheck(f: Inspected): Promise<Inspected & { outcome?: ReplayOutcome }> {
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

  private loadCampaign(f: Inspected & { outcome?: ReplayOutcome }): CampaignState | undefined {
    const { id, dir, adapter, snapshot, backup } = f;
    const at = this.now();
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
    const rel = (ps: readonly string[]) => ps.map((p) => relPath(this.dataDir, p));
    const doc = outcome.doc;
    if (snapshot.state !== 'ok') {
      const from = backup?.state === 'ok' ? `the backup (entry ${backup.doc.seq})` : 'the journal alone';
      const what = snapshot.state === 'damaged' ? `snapshot.json was damaged (${snapshot.reason}) and is kept aside` : 'snapshot.json was missing';
      if (doc) {
        if (snapshot.state === 'damaged' || backup?.state !== 'missing') {
          this.reports.push({
            campaignId: id,
            kind: snapshot.state === 'damaged' ? 'snapshot-corrupt' : 'snapshot-missing',
            action: `${what}; the campaign was rebuilt from ${from} and ${outcome.replayed} journal entries (up to entry ${doc.seq})`,
            preserved: rel(preserved),
            entriesReplayed: outcome.replayed,
            backupAvailable: backupOk,
          });
        }
      } else {
        this.reports.push({
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
      this.reports.push({
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

  // ---- writing

  /** Run `fn` after everything queued before it: commits, segment switches and restores happen one at a time. */
  private enqueue<T>(fn: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  commit(campaignId: string, change: Change, actor: string): Promise<JournalEntry> {
    return this.enqueue(() => this.commitNow(campaignId, change, actor));
  }

  private commitNow(id: string, change: Change, actor: string): JournalEntry {
    if (this.closed) throw new AppError('INTERNAL', 'the store is closed');
    if (!isSafeCampaignId(id)) throw new AppError('BAD_ARGUMENTS', `"${id}" is not a valid campaign id`, { values: { id } });
    let c = this.campaigns.get(id);
    if (c?.broken) throw new AppError('STORE_UNWRITABLE', `campaign ${id} cannot be saved to until PanelDesk is restarted: ${c.broken}`, { values: { id } });
    if (c && !c.low.data) throw new AppError('STORE_CORRUPT', `campaign ${id} could not be rebuilt on opening; restore its backup first`, { values: { id } });
    if (!c && change.type !== 'campaign.created') throw new AppError('NOT_FOUND', `no campaign with id "${id}"`, { values: { id } });
    if (change.type === 'campaign.created' && change.campaign.id !== id) {
      throw new AppError('BAD_ARGUMENTS', `the new campaign's id "${change.campaign.id}" differs from "${id}"`, { values: { id } });
    }
    const doc = c?.low.data ?? null;
    const entry: JournalEntry = { seq: (doc?.seq ?? 0) + 1, at: this.now().toISOString(), actor, change };
    let next: CampaignDoc;
    try {
      next = applyEntry(doc, entry);
    } catch (e) {
      if (e instanceof ReplayError) throw new AppError('BAD_ARGUMENTS', e.message, { values: { id } });
      throw e;
    }
    const isNew = !c;
    c ??= this.createCampaign(id);
    let writer: SegmentWriter | undefined;
    try {
      writer = this.writerFor(c, entry.seq);
      writer.append(encodeLine(entry));
    } catch (e) {
      // A campaign whose creation failed is forgotten, so that creating it can be tried again.
      if (isNew) this.campaigns.delete(id);
      if (writer?.closed) {
        c.writer = null;
        // The failed line could not be cut off: appending after it would bury later entries behind a bad line.
        if (!isNew) c.broken = `a failed save could not be undone in ${writer.file}`;
      }
      throw writeFailure(e, writer?.file ?? c.dir, 'could not save the change');
    }
    c.low.data = next;
    if (writer.entries >= this.foldEntries || writer.size >= this.foldBytes) this.scheduleFold(c);
    return entry;
  }

  private createCampaign(id: string): CampaignState {
    const clash = [...this.campaigns.keys()].find((k) => k.toLowerCase() === id.toLowerCase());
    if (clash) throw new AppError('BAD_ARGUMENTS', `campaign id "${id}" clashes with "${clash}" on case-insensitive disks`, { values: { id } });
    const dir = path.join(this.campaignsDir, id);
    try {
      mkdirDurable(dir);
    } catch (e) {
      throw unwritable(dir, e);
    }
    const adapter = snapshotAdapter(dir, id);
    const c: CampaignState = { id, dir, adapter, low: new Low<CampaignDoc | null>(adapter, null), writer: null, snapshotSeq: -1, bakSeq: undefined, foldScheduled: false, snapChain: Promise.resolve() };
    this.campaigns.set(id, c);
    return c;
  }

  /** The segment the entry `seq` goes to: the newest one, or a new one named after `seq`. */
  private writerFor(c: CampaignState, seq: number): SegmentWriter {
    if (c.writer && !c.writer.closed) return c.writer;
    try {
      const last = listSegments(c.dir).at(-1);
      if (last && last.firstSeq > seq) throw new AppError('STORE_CORRUPT', `journal segment ${last.file} starts after entry ${seq}`, { values: { path: last.file } });
      c.writer = last ? SegmentWriter.open(last.file, last.firstSeq, seq - last.firstSeq) : this.newSegment(c, seq);
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw unwritable(c.dir, e);
    }
    return c.writer;
  }

  private newSegment(c: CampaignState, firstSeq: number): SegmentWriter {
    const w = SegmentWriter.open(path.join(c.dir, segmentName(firstSeq)), firstSeq);
    fsyncDir(c.dir);
    return w;
  }

  // ---- folding

  private scheduleFold(c: CampaignState): void {
    if (c.foldScheduled) return;
    c.foldScheduled = true;
    setImmediate(() => {
      this.foldCampaign(c).catch((e: unknown) => {
        // Nothing is lost: the journal still holds every entry, and the next fold tries again.
        console.warn(`PanelDesk store: folding campaign ${c.id} failed: ${(e as Error).message}`);
      });
    });
  }

  /** One fold or restore at a time per campaign. */
  private exclusive<T>(c: CampaignState, fn: () => Promise<T>): Promise<T> {
    const run = c.snapChain.then(fn);
    c.snapChain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private foldCampaign(c: CampaignState): Promise<void> {
    return this.exclusive(c, async () => {
      try {
        await this.foldNow(c);
      } catch (e) {
        // A failed fold leaves the old snapshot, its backup and every journal segment as they were: nothing is lost,
        // and the next fold (or open) tries again.
        throw writeFailure(e, c.dir, `could not fold campaign ${c.id}'s journal into its snapshot`);
      }
    });
  }

  private async foldNow(c: CampaignState): Promise<void> {
    c.foldScheduled = false;
    if (this.closed || c.broken) return;
    let written: Promise<void> | undefined;
    let seq = 0;
    // The switch to a new segment and the capture of the doc happen between two commits; the snapshot is then
    // written while later commits go on appending to the new segment.
    await this.enqueue(() => {
      const doc = c.low.data;
      if (!doc || doc.seq <= c.snapshotSeq) return;
      seq = doc.seq;
      if (c.writer?.firstSeq !== seq + 1) {
        c.writer?.close();
        c.writer = null;
        c.writer = this.newSegment(c, seq + 1);
      }
      // Low.write hands this.data to the adapter synchronously; the doc is immutable, so later commits (new docs)
      // cannot change what is being written.
      written = c.low.write();
    });
    if (!written) return;
    await written;
    if (c.adapter.lastWriteKeptBackup) c.bakSeq = c.snapshotSeq;
    c.snapshotSeq = seq;
    this.prune(c);
  }

  /** Delete the segments whose entries are all in the backup (so the backup plus the journal rebuilds everything). */
  private prune(c: CampaignState): void {
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

  async fold(): Promise<void> {
    for (const c of [...this.campaigns.values()]) await this.foldCampaign(c);
  }

  // ---- restoring

  restoreBackup(campaignId: string): Promise<RestoreResult> {
    const c = this.campaigns.get(campaignId);
    if (!c) return Promise.reject(new AppError('NOT_FOUND', `no campaign with id "${campaignId}"`, { values: { id: campaignId } }));
    return this.exclusive(c, () => this.enqueue(() => this.restoreNow(c)));
  }

  private async restoreNow(c: CampaignState): Promise<RestoreResult> {
    if (this.closed) throw new AppError('INTERNAL', 'the store is closed');
    const bak = await readDoc(c.id, new DurableJsonFile<CampaignDoc | null>(c.adapter.backupFile, decodeFor(c.id)));
    if (bak.state !== 'ok') {
      throw new AppError('NO_BACKUP', bak.state === 'missing' ? `campaign ${c.id} has no backup yet` : `the backup of campaign ${c.id} is damaged (${bak.reason})`, { values: { id: c.id } });
    }
    const at = this.now();
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
    this.dismissRecovery(c.id);
    if (outcome.problem) {
      this.reports.push({
        campaignId: c.id,
        kind: outcome.problem.kind,
        action: `restoring the backup (entry ${bak.doc.seq}) replayed the journal up to entry ${outcome.doc?.seq ?? bak.doc.seq}, where a line is damaged (${outcome.problem.reason}); the journal from there is kept aside`,
        preserved: journalKept.map((p) => relPath(this.dataDir, p)),
        entriesReplayed: outcome.replayed,
        backupAvailable: true,
      });
    }
    return {
      restoredSeq: outcome.doc?.seq ?? bak.doc.seq,
      backupSeq: bak.doc.seq,
      entriesReplayed: outcome.replayed,
      keptAside: kept.map((p) => relPath(this.dataDir, p)),
    };
  }

  // ---- removing

  remove(campaignId: string): Promise<void> {
    const c = this.campaigns.get(campaignId);
    if (!c) return Promise.reject(new AppError('NOT_FOUND', `no campaign with id "${campaignId}"`, { values: { id: campaignId } }));
    // After any fold or restore of it, and between two commits.
    return this.exclusive(c, () => this.enqueue(() => this.removeNow(c)));
  }

  /** See remove.ts: a crash leaves the whole campaign or none of it. */
  private removeNow(c: CampaignState): void {
    if (this.closed) throw new AppError('INTERNAL', 'the store is closed');
    if (this.campaigns.get(c.id) !== c) throw new AppError('NOT_FOUND', `no campaign with id "${c.id}"`, { values: { id: c.id } });
    c.writer?.close();
    c.writer = null;
    let trash: string;
    try {
      trash = renameAway(this.campaignsDir, c.dir, c.id);
    } catch (e) {
      // The rename happened or not; the next open sees which. Until then nothing more is written to it.
      c.broken = `removing it failed (${(e as Error).message})`;
      throw writeFailure(e, c.dir, 'could not remove the campaign');
    }
    c.broken = 'it was removed';
    this.campaigns.delete(c.id);
    this.dismissRecovery(c.id);
    try {
      deleteTrash(this.campaignsDir, trash);
    } catch (e) {
      console.warn(`PanelDesk store: deleting ${trash} failed (${(e as Error).message}); it is deleted at the next start`);
    }
  }

  sweepRemoved(): void {
    sweepRemoved(this.campaignsDir);
  }

  // ---- closing

  /** Give up after a failed open: no fold, nothing written. */
  abandon(): void {
    this.closed = true;
    for (const c of this.campaigns.values()) c.writer?.close();
    this.lock.release();
    process.off('exit', this.onExit);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      let failure: unknown;
      try {
        await this.fold();
      } catch (e) {
        failure = e;
      }
      await this.enqueue(() => {
        this.closed = true;
        for (const c of this.campaigns.values()) {
          c.writer?.close();
          c.writer = null;
        }
        this.lock.release();
        process.off('exit', this.onExit);
      });
      if (failure) throw failure;
    })();
    return this.closing;
  }
}

/** Open the data folder: take its lock, read and (where needed) repair every campaign. */
export async function openStore(opts: StoreOptions): Promise<Store> {
  const dataDir = path.resolve(opts.dataDir);
  try {
    mkdirDurable(dataDir);
  } catch (e) {
    throw unwritable(dataDir, e);
  }
  let lock: HeldLock;
  try {
    lock = acquireLock(dataDir);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unwritable(dataDir, e);
  }
  try {
    try {
      mkdirDurable(path.join(dataDir, 'campaigns'));
    } catch (e) {
      throw unwritable(dataDir, e);
    }
    const store = new FolderStore(opts, dataDir, lock);
    try {
      store.sweepRemoved();
      await store.load(await store.inspect());
    } catch (e) {
      store.abandon();
      throw e;
    }
    return store;
  } catch (e) {
    lock.release();
    throw e;
  }
}
