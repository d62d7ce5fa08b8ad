import { z } from 'zod';
import { NOMINATION_STATUSES, type EligibilityReason, type FieldValue, type ImportRecord, type Nomination, type NominationStatus, type Withdrawal } from '../nominations/record.ts';
import type { ColumnGuess } from '../nominations/header.ts';
import type { ImportIssue } from '../nominations/map-rows.ts';
import type { HistoryEntry } from '../store/doc.ts';
import { entry } from './define.ts';

const campaignId = z.string().min(1).max(80);
/** A file crosses as bytes and a name, never as a path (design.md). */
const file = z.object({ name: z.string().min(1).max(260), bytes: z.instanceof(Uint8Array) }).strict();
/** Column letters or header text → field id, or null to ignore the column. */
const mappingOverrides = z.array(z.object({ column: z.string().min(1).max(200), field: z.string().max(60).nullable() }).strict()).max(500);

/**
 * How many near-match pairs a search found, and whether it stopped at its cap (NEAR_MATCH_MAX_PAIRS, 5,000 pairs):
 * when `truncated`, there may be more alike pairs than `total`, none of them flagged.
 */
export interface NearPairCount {
  readonly total: number;
  readonly truncated: boolean;
}

/** Near matches a preview lists by default (the import wizard shows them all); the rest are only counted. */
export const PREVIEW_NEAR_SHOWN = 50;

/**
 * Why a sheet holds no nominations to import: nothing in it; no header row naming known fields (a 说明 /
 * instructions sheet); a header with nothing in its matched columns below it (a blank template); refused when read
 * (more rows or columns than the reader takes: SHEET_TOO_LARGE); unreadable for another reason.
 */
export const SHEET_SKIPS = ['empty', 'no-header', 'no-rows', 'too-large', 'unreadable'] as const;
export type SheetSkip = (typeof SHEET_SKIPS)[number];

export interface SheetSummary {
  readonly name: string;
  /** The rows and columns the sheet's data covers (title and header rows included). */
  readonly rows: number;
  readonly columns: number;
  /** 0-based; null when no header row was found. */
  readonly headerRow: number | null;
  /**
   * Rows below the header with a value in a matched column: about what an import reads (it may still pass over a
   * note or a repeated row). 0 when the sheet is skipped.
   */
  readonly dataRows: number;
  /** Why the sheet has nothing to import, or null when it has rows to import. */
  readonly skip: SheetSkip | null;
  /** Hidden in Excel (often a list of choices for drop-downs). */
  readonly hidden: boolean;
}

export interface ImportPreview {
  /** Refers to the uploaded file kept in main for a while, so it is not sent twice. */
  readonly uploadId: string;
  readonly file: string;
  readonly sha256: string;
  readonly sheets: readonly SheetSummary[];
  readonly sheet: string;
  /** The Excel row of the header (1-based), or null. */
  readonly headerRow: number | null;
  /** Each column's guess, with a few of its values from below the header (as text). */
  readonly columns: readonly (ColumnGuess & { readonly samples?: readonly string[] })[];
  /** Where the mapping came from: the header texts, or what was remembered for this nominator. */
  readonly mappingSource: 'guessed' | 'remembered' | 'given';
  /** The fields of this campaign's kind, for the mapping choosers. */
  readonly fields: readonly { readonly id: string; readonly zh: string; readonly en: string; readonly required: boolean }[];
  /** The rows as they will be imported (the first `limit`), each with its Excel row and fate. */
  readonly rows: readonly PreviewRow[];
  readonly totals: { readonly rows: number; readonly good: number; readonly rejected: number; readonly skipped: number; readonly new: number; readonly existing: number };
  readonly issues: readonly ImportIssue[];
  /**
   * Near matches with nominations already in the campaign or within the file: the `nearLimit` most alike (best
   * first). Each is shown again on its nomination after the import.
   */
  readonly nearMatches: readonly { readonly row: number; readonly label: string; readonly otherId: string | null; readonly otherLabel: string; readonly similarity: number }[];
  /** All the near matches found for the file's rows (nearMatches lists the first of them), and whether the search stopped at its cap. */
  readonly nearPairs: NearPairCount;
}

/** What nominations.list answers. */
export interface NominationList {
  /** Nominations matching the filters. */
  readonly total: number;
  readonly items: NominationRow[];
  /** Of the whole campaign, not only the filtered rows. */
  readonly facets: { disciplines: string[]; nominators: string[]; statuses: Record<NominationStatus, number> };
  /**
   * The campaign's near-match pairs behind its NEAR_DUPLICATE reasons (pairs confirmed as different not counted),
   * whatever the filters; `truncated`: the search stopped at its cap, so some alike nominations may not be flagged.
   */
  readonly nearPairs: NearPairCount;
}

export interface PreviewRow {
  readonly row: number;
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** A rejected row's mapped cells as written (column letters → text), since it has no parsed fields. */
  readonly cells?: Readonly<Record<string, string>>;
  /** duplicate: repeats an earlier row of the file from the same nominator, so it is passed over. */
  readonly fate: 'new' | 'adds-nominator' | 'updates' | 'unchanged' | 'duplicate' | 'rejected';
}

export interface ImportReport {
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Rows repeating an earlier row of the same file and nominator (passed over, with a DUPLICATE_KEY issue). */
  readonly duplicates: number;
  readonly rejected: number;
  readonly issues: readonly ImportIssue[];
  /** What was saved; null when the import changed nothing. */
  readonly import: ImportRecord | null;
  /**
   * The upload's sheets as they read after this import: a layout remembered by it may make another sheet of the
   * file readable (so the wizard offers the sheets still to import).
   */
  readonly sheets: readonly SheetSummary[];
}

/** A nomination as the list and grid show it: effective values (hand edits over sources) and its status. */
export interface NominationRow {
  readonly id: string;
  readonly key: string;
  readonly label: string;
  readonly fields: Readonly<Record<string, FieldValue>>;
  readonly nominators: readonly string[];
  readonly status: NominationStatus;
  readonly reasons: readonly EligibilityReason[];
  /** Fields corrected by hand. */
  readonly edited: readonly string[];
  /** Fields where sources disagree. */
  readonly disagreements: readonly string[];
  readonly updatedAt: string;
  /** Withdrawn (kept, out of the selection): the note, when and by whom. Absent: in the selection. */
  readonly withdrawn?: Withdrawal;
}

export interface NominationDetail extends NominationRow {
  readonly nomination: Nomination;
  readonly history: readonly HistoryEntry[];
  readonly nearMatches: readonly { readonly id: string; readonly label: string; readonly similarity: number }[];
}

/** An import's report read again from the campaign's history (nominations.importReport). */
export interface StoredImportReport {
  readonly record: ImportRecord;
  /** The problems as the import reported them (the first STORED_ISSUES), each with its sheet and plain-English message. */
  readonly issues: readonly ImportIssue[];
  /** How many problems the import reported in all. */
  readonly issueCount: number;
  readonly duplicates: number;
  /** Kept before schema 5 imports kept their reports: only the counts are known. */
  readonly countsOnly: boolean;
}

/** What undoing an import did, or (done false) the nominations changed by hand since that wait for a choice. */
export interface UndoImportResult {
  readonly done: boolean;
  readonly removed: number;
  readonly updated: number;
  readonly kept: number;
  readonly edited: readonly { readonly id: string; readonly label: string }[];
}

export interface JobProgress {
  readonly jobId: string;
  /**
   * An import: reading → parsing → mapping → saving. An export: gathering (the rows made and handed to the writer)
   * → writing (row by row) → packing (the .xlsx made). Then done, cancelled or failed.
   * Results: gathering (the doc read into the computation's input) → computing.
   */
  readonly stage: 'reading' | 'parsing' | 'mapping' | 'saving' | 'gathering' | 'writing' | 'packing' | 'computing' | 'done' | 'cancelled' | 'failed';
  /** 0–1 where known. */
  readonly fraction: number | null;
}

export const nominationsContract = {
  /** Read an uploaded workbook (in a worker), find its header, propose a mapping, preview the rows. */
  'nominations.preview': entry<ImportPreview>()(z.object({
    campaignId,
    /** Either the file, or the uploadId of a file already previewed. */
    file: file.optional(),
    uploadId: z.string().max(100).optional(),
    sheet: z.string().max(200).optional(),
    /** Excel row of the header, to correct the guess. */
    headerRow: z.number().int().min(1).max(1_000_000).optional(),
    mapping: mappingOverrides.optional(),
    nominator: z.string().max(200).optional(),
    /** Rows of the preview to return (all issues are returned regardless). */
    limit: z.number().int().min(0).max(100_000).default(200),
    /** Near matches to list (the most alike first); all are counted in nearPairs. */
    nearLimit: z.number().int().min(0).max(10_000).default(PREVIEW_NEAR_SHOWN),
    /** Chosen by the caller so that progress can be asked for and the work cancelled. */
    jobId: z.string().max(100).optional(),
  }).strict().refine((a) => a.file !== undefined || a.uploadId !== undefined, { message: 'give a file or an uploadId' })),
  /** Import the previewed upload with the confirmed mapping; the mapping is remembered for the nominator. */
  'nominations.import': entry<ImportReport>()(z.object({
    campaignId,
    uploadId: z.string().max(100),
    sheet: z.string().max(200).optional(),
    headerRow: z.number().int().min(1).max(1_000_000).optional(),
    mapping: mappingOverrides.optional(),
    /** The nominating organisation for rows that do not name one. */
    nominator: z.string().max(200).optional(),
    jobId: z.string().max(100).optional(),
  }).strict()),
  'nominations.list': entry<NominationList>()(z.object({
    campaignId,
    text: z.string().max(200).optional(),
    discipline: z.string().max(200).optional(),
    nominator: z.string().max(200).optional(),
    status: z.enum(NOMINATION_STATUSES).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(50_000).default(50_000),
  }).strict()),
  'nominations.get': entry<NominationDetail>()(z.object({ campaignId, id: z.string().min(1).max(80) }).strict()),
  /** Correct one field by hand: the text is parsed as an import would; recorded in the history. */
  'nominations.edit': entry<NominationRow>()(z.object({
    campaignId,
    id: z.string().min(1).max(80),
    field: z.string().min(1).max(60),
    /** As typed; '' or null clears the value. */
    value: z.union([z.string().max(20_000), z.number(), z.null()]),
  }).strict()),
  /** Override the formal check's status, with a note; null status removes the override. */
  'nominations.override': entry<NominationRow>()(z.object({
    campaignId,
    id: z.string().min(1).max(80),
    status: z.enum(NOMINATION_STATUSES).nullable(),
    note: z.string().trim().max(2000),
  }).strict().refine((a) => a.status === null || a.note.length > 0, { message: 'an override needs a note', path: ['note'] })),
  /** Confirm whether a near match is the same nomination (merged, nominators joined) or a different one. */
  'nominations.resolveMatch': entry<{ kept: NominationRow }>()(z.object({
    campaignId,
    id: z.string().min(1).max(80),
    otherId: z.string().min(1).max(80),
    same: z.boolean(),
  }).strict()),
  /** The list with statuses and reasons, as an Excel workbook. */
  'nominations.export': entry<{ name: string; bytes: Uint8Array }>()(z.object({
    campaignId,
    /** Chosen by the caller so that progress can be asked for and the export cancelled (it then answers CANCELLED). */
    jobId: z.string().max(100).optional(),
  }).strict()),
  /** The rows of an upload that could not be imported, with their problems, to send back to the society. */
  'nominations.exportRejected': entry<{ name: string; bytes: Uint8Array }>()(z.object({
    campaignId,
    uploadId: z.string().max(100),
    sheet: z.string().max(200).optional(),
    headerRow: z.number().int().min(1).max(1_000_000).optional(),
    mapping: mappingOverrides.optional(),
    jobId: z.string().max(100).optional(),
  }).strict()),
  /** The campaign's imports, newest first (their reports left out: nominations.importReport gives one). */
  'nominations.imports': entry<{ readonly imports: readonly Omit<ImportRecord, 'report'>[] }>()(z.object({ campaignId }).strict()),
  /** An import's report, as it was given, from its record (the campaign history's import lines link to it). */
  'nominations.importReport': entry<StoredImportReport>()(z.object({ campaignId, importId: z.string().min(1).max(100) }).strict()),
  /** Accept one import problem of a nomination as it is (its reason goes; recorded in the history). */
  'nominations.acceptProblem': entry<NominationRow>()(z.object({ campaignId, id: z.string().min(1).max(80), key: z.string().min(1).max(1000) }).strict()),
  /** An accepted import problem open again (accepted by mistake). */
  'nominations.reopenProblem': entry<NominationRow>()(z.object({ campaignId, id: z.string().min(1).max(80), key: z.string().min(1).max(1000) }).strict()),
  /** A nomination added by hand: the form's values by field id, read as an imported row's cells are. */
  'nominations.add': entry<NominationRow>()(z.object({
    campaignId,
    values: z.record(z.string().max(60), z.union([z.string().max(20_000), z.number(), z.null()])),
  }).strict()),
  /** Withdraw a nomination (kept, out of the selection) with a note, or take it back (withdrawn false). */
  'nominations.withdraw': entry<NominationRow>()(z.object({
    campaignId,
    id: z.string().min(1).max(80),
    withdrawn: z.boolean(),
    note: z.string().trim().max(2000).default(''),
  }).strict().refine((a) => !a.withdrawn || a.note.length > 0, { message: 'a withdrawal needs a note', path: ['note'] })),
  /** Delete a nomination (the renderer asks for a confirmation first); the history keeps what it was. */
  'nominations.delete': entry<{ readonly deleted: string }>()(z.object({ campaignId, id: z.string().min(1).max(80) }).strict()),
  /**
   * Undo an import: its rows leave. Nominations from it alone changed by hand since are named: without `keep` the call
   * changes nothing and answers them (done false) when there are any; keep true keeps them, false removes them too.
   */
  'nominations.undoImport': entry<UndoImportResult>()(z.object({ campaignId, importId: z.string().min(1).max(100), keep: z.boolean().optional() }).strict()),
  /** Confirm near pairs as different nominations at once: all the campaign's pairs, or those with one of `ids`. */
  'nominations.clearNear': entry<{ readonly cleared: number; readonly already: number; readonly stale: number }>()(z.object({
    campaignId,
    ids: z.array(z.string().min(1).max(80)).max(50_000).optional(),
  }).strict()),
  'jobs.progress': entry<JobProgress>()(z.object({ jobId: z.string().max(100) }).strict()),
  'jobs.cancel': entry<JobProgress>()(z.object({ jobId: z.string().max(100) }).strict()),
} as const;
