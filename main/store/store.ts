import path from 'node:path';
import { AppError } from '../../shared/contract/errors.ts';
import type { RecoveryReport } from '../../shared/contract/store.ts';
import type { CampaignDoc, Change, JournalEntry } from '../../shared/store/doc.ts';
import { RecoveryLog, type CampaignState } from './campaign.ts';
import { appendEntry, createCampaign, newSegment, prepareEntry, prune, unwritable } from './commit.ts';
import { mkdirDurable } from './fsx.ts';
import { acquireLock, type HeldLock } from './lock.ts';
import { byCreation, crossCheck, inspectCampaigns, loadCampaign, unfoldedBytes, type Inspected } from './load.ts';
import { deleteTrash, renameAway, sweepRemoved } from './remove.ts';
import { restoreCampaign } from './restore.ts';
import type { RestoreResult, Store, StoreOptions } from './types.ts';
import { writeFailure } from './write-errors.ts';

export const DEFAULT_FOLD_ENTRIES = 2000;
export const DEFAULT_FOLD_BYTES = 4 * 1024 * 1024;

class FolderStore implements Store {
  readonly dataDir: string;
  private readonly campaignsDir: string;
  private readonly now: () => Date;
  private readonly foldEntries: number;
  private readonly foldBytes: number;
  private readonly campaigns = new Map<string, CampaignState>();
  private readonly log = new RecoveryLog();
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
    return this.log.all();
  }

  dismissRecovery(campaignId: string): void {
    this.log.dismiss(campaignId);
  }

  // ---- opening (load.ts)

  /** Read every campaign without changing anything, so a too-new snapshot stops the open before any repair. */
  inspect(): Promise<Inspected[]> {
    return inspectCampaigns(this.campaignsDir);
  }

  async load(found: readonly Inspected[]): Promise<void> {
    const loaded: CampaignState[] = [];
    for (const f of found) {
      const c = loadCampaign(await crossCheck(f), this.dataDir, this.now, this.log);
      if (c) loaded.push(c);
    }
    loaded.sort(byCreation);
    for (const c of loaded) {
      this.campaigns.set(c.id, c);
      if (c.low.data && c.snapshotSeq < c.low.data.seq && (c.snapshotSeq < 0 || unfoldedBytes(c) >= this.foldBytes || c.low.data.seq - c.snapshotSeq >= this.foldEntries)) {
        this.scheduleFold(c);
      }
    }
  }

  // ---- writing (commit.ts)

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
    const { c: found, entry, next } = prepareEntry(this.campaigns, id, change, actor, this.now);
    const isNew = !found;
    const c = found ?? createCampaign(this.campaigns, this.campaignsDir, id);
    const writer = appendEntry(this.campaigns, c, entry, isNew);
    c.low.data = next;
    if (writer.entries >= this.foldEntries || writer.size >= this.foldBytes) this.scheduleFold(c);
    return entry;
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
        c.writer = newSegment(c, seq + 1);
      }
      // Low.write hands this.data to the adapter synchronously; the doc is immutable, so later commits (new docs)
      // cannot change what is being written.
      written = c.low.write();
    });
    if (!written) return;
    await written;
    if (c.adapter.lastWriteKeptBackup) c.bakSeq = c.snapshotSeq;
    c.snapshotSeq = seq;
    prune(c);
  }

  async fold(): Promise<void> {
    for (const c of [...this.campaigns.values()]) await this.foldCampaign(c);
  }

  // ---- restoring (restore.ts)

  restoreBackup(campaignId: string): Promise<RestoreResult> {
    const c = this.campaigns.get(campaignId);
    if (!c) return Promise.reject(new AppError('NOT_FOUND', `no campaign with id "${campaignId}"`, { values: { id: campaignId } }));
    return this.exclusive(c, () => this.enqueue(() => this.restoreNow(c)));
  }

  private async restoreNow(c: CampaignState): Promise<RestoreResult> {
    if (this.closed) throw new AppError('INTERNAL', 'the store is closed');
    return restoreCampaign(c, this.dataDir, this.now, this.log);
  }

  // ---- removing (remove.ts)

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
