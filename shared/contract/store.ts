import { z } from 'zod';
import { entry } from './define.ts';

/** What the store found on opening that a person must know: never silent, never overwritten. */
export interface RecoveryReport {
  readonly campaignId: string;
  readonly kind: 'snapshot-corrupt' | 'journal-torn' | 'journal-corrupt-line' | 'snapshot-missing';
  /** What was done: the data kept, and where the damaged file was preserved. */
  readonly action: string;
  /** Damaged files kept aside, relative to the data folder. */
  readonly preserved: readonly string[];
  /** Journal entries recovered after the snapshot or backup. */
  readonly entriesReplayed: number;
  /** A last good backup the user may choose to restore. */
  readonly backupAvailable: boolean;
}

export interface StoreStatus {
  readonly dataDir: string;
  readonly recoveries: readonly RecoveryReport[];
}

export const storeContract = {
  'store.status': entry<StoreStatus>()(z.object({}).strict()),
  /** Put the last good backup of a campaign's snapshot back; the current state is kept aside, not overwritten. */
  'store.restoreBackup': entry<{ campaignId: string; restoredSeq: number }>()(z.object({ campaignId: z.string().min(1).max(80) }).strict()),
  /** Acknowledge a recovery report so it stops being shown. */
  'store.dismissRecovery': entry<StoreStatus>()(z.object({ campaignId: z.string().min(1).max(80) }).strict()),
} as const;
