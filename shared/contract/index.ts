import type { z } from 'zod';
import { setupContract } from './setup.ts';
import { nominationsContract } from './nominations.ts';
import { panelContract } from './panel.ts';
import { storeContract } from './store.ts';
import { identityContract } from './identity.ts';
import { resultsContract } from './results.ts';
import { meetingContract } from './meeting.ts';
import { scoringContract } from './scoring.ts';
import type { ContractEntry } from './define.ts';

/** Every call the renderer can make. Each door (IPC, HTTP, CLI) goes through one dispatcher in main. */
export const contract = {
  ...setupContract,
  ...storeContract,
  ...nominationsContract,
  ...identityContract,
  ...panelContract,
  ...resultsContract,
  ...meetingContract,
  ...scoringContract,
} as const satisfies Record<string, ContractEntry>;

export type Contract = typeof contract;
export type CallName = keyof Contract;
/** What a caller passes. */
export type CallArgs<N extends CallName> = z.input<Contract[N]['args']>;
/** What a handler receives, after validation. */
export type ParsedArgs<N extends CallName> = z.output<Contract[N]['args']>;
export type CallResult<N extends CallName> = Contract[N]['result'];

export const callNames = Object.keys(contract) as CallName[];

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export type { CampaignView } from './setup.ts';
export type { RecoveryReport, StoreStatus } from './store.ts';
export type { ImportPreview, ImportReport, JobProgress, NominationDetail, NominationRow, PreviewRow, SheetSummary } from './nominations.ts';
export type { AssignReport, ConflictCounts, ConflictRow, ExpertRow, PanelMatrix, PanelOverview, RosterPreview, RosterReport, UnassignedRow } from './panel.ts';
export type { CutLineView, DiscussionItem, ResultRow, ResultsPage, ResultsSummary } from './results.ts';
export type { StoredImportReport, UndoImportResult } from './nominations.ts';
export * from './errors.ts';
