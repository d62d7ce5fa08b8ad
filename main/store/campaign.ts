import type { Low } from 'lowdb';
import type { RecoveryReport } from '../../shared/contract/store.ts';
import type { CampaignDoc } from '../../shared/store/doc.ts';
import type { DurableJsonFile } from './adapter.ts';
import type { SegmentWriter } from './journal.ts';

/** Where damaged files are kept aside, in a campaign's folder. */
export const DAMAGED = 'damaged';

export interface CampaignState {
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

/** What opening found and did, and what restoring a backup found: shown until dismissed. */
export class RecoveryLog {
  private reports: RecoveryReport[] = [];

  all(): readonly RecoveryReport[] {
    return this.reports;
  }

  add(report: RecoveryReport): void {
    this.reports.push(report);
  }

  dismiss(campaignId: string): void {
    this.reports = this.reports.filter((r) => r.campaignId !== campaignId);
  }
}
