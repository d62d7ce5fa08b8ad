import { z } from 'zod';
import type { VoteRules, Tally, RoundResult } from '../meeting/vote.ts';
import type { ItemStatus } from '../meeting/payload.ts';
import type { Seal } from '../meeting/slice.ts';
import { entry } from './define.ts';

const campaignId = z.string().min(1).max(80);
const id = z.string().min(1).max(80);
const count = z.number().int().min(0).max(10_000);
/** A file crosses as bytes and a name, never as a path (design.md). */
const file = z.object({ name: z.string().min(1).max(260), bytes: z.instanceof(Uint8Array) }).strict();

/** A name on a group's ranked list, as the meeting shows it. */
export interface Candidate {
  readonly itemId: string;
  readonly key: string;
  readonly title: string;
  readonly discipline: string | null;
  readonly rank: number | null;
  readonly score: number | null;
  readonly status: ItemStatus;
  readonly toDiscuss: boolean;
}

export interface RoundItemView extends Candidate {
  /** Members with a conflict with this item (out of both counts), by code. */
  readonly conflicted: readonly string[];
  readonly counts: { readonly yes: number; readonly no: number; readonly abstain: number } | null;
  /** The tally as the counts stand (recorded when the round closes). */
  readonly tally: Tally;
}

export interface RoundView {
  readonly id: string;
  readonly groupId: string;
  readonly number: number;
  readonly open: boolean;
  readonly seats: number;
  readonly members: readonly string[];
  readonly items: readonly RoundItemView[];
  /** Closed rounds: the recorded outcome; open ones: what closing now would give. */
  readonly result: RoundResult;
}

export interface GroupView {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  /** Members by code (专家A …), in the panel's order. */
  readonly members: readonly string[];
  /** Seats the group fills. */
  readonly seats: number;
  readonly selected: readonly string[];
  readonly seatsLeft: number | null;
  /** Names proposed for the next round (the shortlist before the first). */
  readonly proposed: readonly string[];
  readonly candidates: readonly Candidate[];
  readonly rounds: readonly RoundView[];
}

export interface MeetingOverview {
  readonly groups: readonly GroupView[];
  readonly rules: VoteRules;
  readonly seals: readonly Seal[];
  /** Scores exist, so results and charts can be made. */
  readonly scored: boolean;
}

export interface ChartData {
  /** Each expert's totals, by code, for the distribution beside the others'. */
  readonly experts: readonly { readonly code: string; readonly totals: readonly number[] }[];
  /** Ranked items: score against rank, with the line of the last selected. */
  readonly ranked: readonly {
    readonly rank: number;
    readonly score: number;
    readonly title: string;
    readonly status: ItemStatus;
    /** In the final selection (the vote's where its group voted, else rank and quota). */
    readonly selected: boolean;
    /** The ballot round that selected it; null when not selected by a vote. */
    readonly round: number | null;
    /** Its group has held a closed ballot round. */
    readonly voted: boolean;
  }[];
  readonly cutScore: number | null;
  readonly cutRank: number | null;
  /** Disagreement against score. */
  readonly disagreement: readonly { readonly title: string; readonly score: number; readonly span: number; readonly sd: number; readonly toDiscuss: boolean }[];
  readonly thresholds: { readonly span: number; readonly sd: number };
}

export type SignatureCheck = 'valid' | 'missing' | 'invalid';

/** `paneldesk verify` of a result sheet (design.md): the payload's signature, and whether every visible value agrees with it. */
export interface ResultSheetCheck {
  readonly kind: 'result-sheet';
  /** The sheet as a whole: valid only when the signature is valid and every visible cell is what the payload makes. */
  readonly packageSignature: SignatureCheck;
  /** The secretary's signature over the canonical payload. */
  readonly signature: SignatureCheck;
  readonly signer: { readonly name: string; readonly fingerprint: string } | null;
  /** SHA-256 of the canonical payload. */
  readonly digest: string | null;
  readonly campaign: { readonly id: string; readonly name: string } | null;
  /** Visible cells that differ from the payload (the first 50): sheet, cell (A1), what the payload says, what the sheet says. */
  readonly changes: readonly { readonly sheet: string; readonly cell: string; readonly expected: string; readonly found: string }[];
}

export const meetingContract = {
  'meeting.overview': entry<MeetingOverview>()(z.object({ campaignId }).strict()),
  /** Open a ballot round for a group: the names given, or those proposed (the shortlist, then the next names). */
  'meeting.openRound': entry<RoundView>()(z.object({ campaignId, groupId: z.string().max(80), itemIds: z.array(id).min(1).max(2000).optional() }).strict()),
  /** Counts for items of an open round; null clears an item's counts. */
  'meeting.enterCounts': entry<RoundView>()(z.object({
    campaignId,
    roundId: id,
    entries: z.array(z.object({ itemId: id, counts: z.object({ yes: count, no: count, abstain: count }).strict().nullable() }).strict()).min(1).max(2000),
  }).strict()),
  /** Counts from a workbook: a row per item (its key or title), then yes, no, abstain (赞成, 反对, 弃权). */
  'meeting.importCounts': entry<RoundView>()(z.object({ campaignId, roundId: id, file }).strict()),
  'meeting.closeRound': entry<RoundView>()(z.object({ campaignId, roundId: id }).strict()),
  'meeting.discardRound': entry<{ discarded: true }>()(z.object({ campaignId, roundId: id }).strict()),
  'meeting.charts': entry<ChartData>()(z.object({ campaignId }).strict()),
  /** The signed result sheet (an .xlsx); recorded in the history with its digest. */
  'meeting.exportResultSheet': entry<{ name: string; bytes: Uint8Array; digest: string }>()(z.object({ campaignId, jobId: z.string().max(100).optional() }).strict()),
  /** The print view: one HTML page (A4, print stylesheet), from the same payload as the result sheet. */
  'meeting.printView': entry<{ name: string; html: string; digest: string }>()(z.object({ campaignId, lang: z.enum(['zh-CN', 'en']).default('zh-CN') }).strict()),
  /**
   * The print view as a PDF (A4, backgrounds printed), made by the desktop door (Electron's printToPDF in a hidden,
   * sandboxed window). In browser mode: MEETING_PDF_UNAVAILABLE (the browser's print dialog saves PDF there).
   */
  'meeting.printPdf': entry<{ name: string; bytes: Uint8Array; digest: string }>()(z.object({ campaignId, lang: z.enum(['zh-CN', 'en']).default('zh-CN') }).strict()),
  /** The public list (公示): public fields only, no scores, no experts. */
  'meeting.exportPublicList': entry<{ name: string; bytes: Uint8Array }>()(z.object({ campaignId }).strict()),
  'meeting.verify': entry<ResultSheetCheck>()(z.object({ file }).strict()),
} as const;
