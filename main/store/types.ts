import type { CampaignDoc, Change, JournalEntry } from '../../shared/store/doc.ts';
import type { RecoveryReport } from '../../shared/contract/store.ts';

export interface StoreOptions {
  /** The data folder; created if missing. */
  readonly dataDir: string;
  /** The clock, passed in (ISO 8601 UTC strings are made from it). */
  readonly now?: () => Date;
  /** Fold the journal into the snapshot after this many entries (default 2000) or bytes (default 4 MiB). */
  readonly foldEntries?: number;
  readonly foldBytes?: number;
}

export interface RestoreResult {
  /** The campaign's seq after the backup and the journal after it were replayed. */
  readonly restoredSeq: number;
  /** The backup's own seq. */
  readonly backupSeq: number;
  readonly entriesReplayed: number;
  /** Where the replaced snapshot and journal were kept, relative to the data folder. */
  readonly keptAside: readonly string[];
}

/**
 * The one writer of a data folder. Layout:
 *   DATA/paneldesk.lock                       who holds the folder (pid, host, since)
 *   DATA/campaigns/<id>/snapshot.json         lowdb snapshot (CampaignDoc), written atomically and durably
 *   DATA/campaigns/<id>/snapshot.json.bak     the last good snapshot before it
 *   DATA/campaigns/<id>/journal-<seq>.ndjson  journal segments named by their first seq: one line per change,
 *                                             `JSON TAB sha256(JSON) LF`, fdatasynced before the commit resolves
 *   DATA/campaigns/<id>/damaged/...           damaged files kept aside, never overwritten
 *   DATA/campaigns/<id>/replaced/<time>/...   what restoreBackup replaced
 *   DATA/campaigns/.removing-<id>             a removed campaign's folder, deleted right after (or at the next open)
 * Segments are deleted only once every entry in them is in snapshot.json.bak, so the backup plus the journal always
 * rebuilds the campaign.
 */
export interface Store {
  readonly dataDir: string;
  /** Every campaign's current doc, ids in creation order. */
  list(): readonly CampaignDoc[];
  get(campaignId: string): CampaignDoc | undefined;
  /**
   * Append a change to the campaign's journal and fsync it, then fold it into memory. When the promise resolves the
   * change survives kill -9 and power loss. Changes to one data folder are applied in call order.
   */
  commit(campaignId: string, change: Change, actor: string): Promise<JournalEntry>;
  /** What opening found and did (corrupt snapshot, torn journal line, …). */
  recoveries(): readonly RecoveryReport[];
  dismissRecovery(campaignId: string): void;
  /** Put the last good backup back as the snapshot; the current files are kept aside first. */
  restoreBackup(campaignId: string): Promise<RestoreResult>;
  /**
   * Delete the campaign's folder (snapshot, backup, journal, files kept aside) durably and forget it: one rename out
   * of the campaigns folder (fsynced), then the delete; a crash between the two is finished at the next open.
   */
  remove(campaignId: string): Promise<void>;
  /** Fold every journal into its snapshot now. */
  fold(): Promise<void>;
  /** Fold, release the lock. */
  close(): Promise<void>;
}
