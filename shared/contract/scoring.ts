import { z } from 'zod';
import type { Criterion } from '../campaign/model.ts';
import type { CellIssue, OutcomeCode, Verdict } from '../scoring/decide.ts';
import type { AnswerSource, KeyState, PacketItem, SignatureState } from '../scoring/slice.ts';
import type { ShortReason } from '../scoring/supplement.ts';
import type { CriterionScores } from '../scoring/total.ts';
import { entry } from './define.ts';

const campaignId = z.string().min(1).max(100);
const id = z.string().min(1).max(100);
const file = z.object({ name: z.string().min(1).max(260), bytes: z.instanceof(Uint8Array) }).strict();
const scores = z.record(z.string().max(60), z.union([z.number().finite(), z.string().max(40), z.null()]));
const answerIn = z.object({ itemId: id, scores, comment: z.string().max(5000).default(''), recused: z.boolean().default(false) }).strict();

export interface SheetFileOut {
  readonly expertId: string;
  readonly code: string;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly sheetId: string;
  readonly items: number;
  /** A supplementary sheet (nominations another expert's recusal left short). */
  readonly supplementary: boolean;
}

/** One returned sheet as judged: a refusal or hold says why (outcome), every cell problem where (issues). */
export interface SheetImportOutcome {
  readonly file: string;
  readonly expertId: string | null;
  readonly expertName: string | null;
  readonly expertCode: string | null;
  readonly sheetId: string | null;
  readonly verdict: Verdict;
  readonly outcome: OutcomeCode;
  readonly accepted: boolean;
  readonly packageSignature: SignatureState;
  readonly signature: SignatureState;
  readonly key: KeyState;
  readonly fingerprint: string | null;
  readonly seq: number;
  /** Scores taken (criterion scores of accepted answers). */
  readonly scores: number;
  readonly issues: readonly (CellIssue & { readonly message: string; readonly messageEn: string })[];
  /** The outcome in words. */
  readonly message: string;
  readonly messageEn: string;
}

export interface BoardRow {
  readonly expertId: string;
  readonly name: string;
  readonly code: string;
  readonly assigned: number;
  /** Nominations with every criterion scored, and recusals. */
  readonly scored: number;
  readonly recused: number;
  readonly fingerprint: string | null;
  readonly sheet: { readonly id: string; readonly seq: number; readonly status: 'issued' | 'withdrawn'; readonly supplementary: boolean } | null;
  readonly last: { readonly at: string; readonly file: string; readonly outcome: string; readonly signature: SignatureState; readonly key: KeyState; readonly accepted: boolean } | null;
}

export interface ScoringBoard {
  readonly closed: boolean;
  readonly experts: readonly BoardRow[];
}

export interface MyAnswer {
  readonly itemId: string;
  readonly scores: CriterionScores;
  readonly comment: string;
  readonly recused: boolean;
  readonly source: AnswerSource;
}

/** The expert's workstation: their packet, rubric and answers. */
export interface MySheet {
  readonly campaignId: string;
  readonly campaignName: string;
  readonly expertName: string;
  readonly code: string;
  readonly sheetId: string;
  readonly seq: number;
  readonly submittedAt: string | null;
  readonly criteria: readonly Criterion[];
  readonly items: readonly PacketItem[];
  readonly answers: readonly MyAnswer[];
  readonly secretary: { readonly name: string; readonly fingerprint: string };
  /** A supplementary sheet (its own nominations only): the laptop holds one sheet at a time. */
  readonly supplementary: boolean;
}

/** What the secretary needs to type an expert's paper sheet in (代录): their nominations, the rubric, the answers saved. */
export interface PaperSheet {
  readonly campaignId: string;
  readonly expertId: string;
  readonly expertName: string;
  readonly code: string;
  readonly closed: boolean;
  readonly criteria: readonly Criterion[];
  readonly items: readonly { readonly id: string; readonly label: string }[];
  readonly answers: readonly MyAnswer[];
  /** This workstation's identity name: who typed it in, unless changed. */
  readonly workstation: string;
}

/** A nomination short of its K reviewers (缺评), why, and who may take the missing place. */
export interface ShortItemView {
  readonly id: string;
  readonly label: string;
  readonly have: number;
  readonly need: number;
  /** "缺评 1 份：有效评审 2 / 3 位" / "one score short: 2 of 3 reviewers". */
  readonly summary: string;
  readonly summaryEn: string;
  readonly reasons: readonly { readonly code: ShortReason['code']; readonly message: string; readonly messageEn: string }[];
  /** Least loaded first: not assigned to it already, no standing conflict with it. */
  readonly eligible: readonly { readonly expertId: string; readonly name: string; readonly code: string; readonly load: number }[];
}

/** A supplementary sheet issued (and still in force). */
export interface SupplementView {
  readonly sheetId: string;
  readonly expertId: string;
  readonly name: string;
  readonly code: string;
  readonly items: readonly { readonly id: string; readonly label: string }[];
  readonly issuedAt: string;
  /** Accepted back at least once. */
  readonly returned: boolean;
}

export const scoringContract = {
  /** One score sheet per expert with assignments (a new sheet only where the items changed). */
  'scoring.exportSheets': entry<{ files: SheetFileOut[] }>()(z.object({ campaignId, expertIds: z.array(id).max(1000).optional(), jobId: z.string().max(100).optional() }).strict()),
  /** Returned sheets judged one by one; `trust` a fingerprint confirmed by the secretary; `acceptUnsigned` a held unsigned sheet knowingly. */
  'scoring.importSheets': entry<{ sheets: SheetImportOutcome[] }>()(z.object({
    campaignId,
    files: z.array(file).min(1).max(500),
    trust: z.string().max(100).optional(),
    acceptUnsigned: z.boolean().optional(),
  }).strict()),
  'scoring.board': entry<ScoringBoard>()(z.object({ campaignId }).strict()),
  'scoring.close': entry<ScoringBoard>()(z.object({ campaignId, closed: z.boolean() }).strict()),
  /** Paper entry (代录); `second`: the same sheet typed again by another person, compared before anything is saved. */
  'scoring.paperEntry': entry<{ saved: number }>()(z.object({
    campaignId,
    expertId: id,
    by: z.string().min(1).max(100),
    answers: z.array(answerIn).max(5000),
    second: z.array(answerIn).max(5000).optional(),
  }).strict()),
  /** Make this workstation the expert's for the sheet's campaign; on a workstation with a panel of its own, `confirm` first. */
  'scoring.open': entry<MySheet>()(z.object({ file, confirm: z.boolean().optional() }).strict()),
  'scoring.mine': entry<MySheet>()(z.object({ campaignId }).strict()),
  /** One answer edited on the expert's workstation: one durable journal append. */
  'scoring.edit': entry<MyAnswer>()(z.object({ campaignId, answer: answerIn }).strict()),
  /** Completeness checked, then the sheet signed with the next sequence number. */
  'scoring.submit': entry<{ name: string; bytes: Uint8Array; seq: number }>()(z.object({ campaignId }).strict()),
  /** Check a PanelDesk file's signatures (score sheets; result sheets when the meeting adds them). */
  'scoring.verify': entry<{ kind: string; packageSignature: SignatureState; signature: SignatureState; signer: { name: string; fingerprint: string } | null }>()(z.object({ file }).strict()),
  /** One expert's packet and current answers, for paper entry on the secretary's workstation. */
  'scoring.expertAnswers': entry<PaperSheet>()(z.object({ campaignId, expertId: id }).strict()),
  /**
   * The expert's workstation drops the campaign once its sheet is submitted (the scores live on in the file sent):
   * snapshot, journal and backup deleted; the identity stays. Refused before any submission or after later edits.
   */
  'scoring.forget': entry<{ campaignId: string }>()(z.object({ campaignId }).strict()),
  /** Nominations a recusal (or a late conflict) left short of K reviewers, with who may be added; the supplementary sheets out. */
  'scoring.shortItems': entry<{ perItem: number; items: ShortItemView[]; supplements: SupplementView[] }>()(z.object({ campaignId }).strict()),
  /** A supplementary sheet for `expertId` with only `itemIds` (each short, the expert eligible for each): the expert is assigned to them and the sheet written. */
  'scoring.supplement': entry<{ file: SheetFileOut }>()(z.object({ campaignId, expertId: id, itemIds: z.array(id).min(1).max(1000) }).strict()),
} as const;
