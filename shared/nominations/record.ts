import type { DateValue } from './values.ts';
import type { FieldValue, ImportIssueCode } from './map-rows.ts';

/**
 * A nomination as the store keeps it. Every value keeps where it came from: each source (a row of a society's
 * workbook) is kept whole, hand corrections are kept apart and win over later imports, and sources that disagree
 * are shown, never silently merged.
 */
export const NOMINATION_STATUSES = ['eligible', 'attention', 'ineligible'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

export type { FieldValue, DateValue };

export interface NominationSource {
  readonly importId: string;
  /** The file's name as chosen, and the SHA-256 of its bytes. */
  readonly file: string;
  readonly sha256: string;
  readonly sheet: string;
  /** The 1-based row number Excel shows. */
  readonly row: number;
  /** The nominating organisation: the row's own, else the one named for the import. */
  readonly nominator: string;
  /** Parsed values of this row, by field id. */
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** Cells of columns not mapped to a field, so nothing the society sent is lost. */
  readonly extra: readonly { readonly column: string; readonly header: string; readonly value: unknown }[];
  readonly at: string;
  /** Since schema 5: what the import could not take from this row's cells (kept until fixed or accepted). Absent: none. */
  readonly issues?: readonly SourceIssue[];
  /** Since schema 5: the source this one replaced (the same nominator's earlier row), so undoing this import restores it. */
  readonly replaced?: NominationSource;
  /** Since schema 5: entered by hand (no file); importId is '' then. */
  readonly byHand?: { readonly actor: string };
}

/** A value an import could not take from one cell of a source's row (the row's number is the source's). */
export interface SourceIssue {
  /** Column letters. */
  readonly column: string;
  readonly field: string;
  readonly code: ImportIssueCode;
  /** What the cell held. */
  readonly value: string | number | boolean | null;
}

/** An import problem a person looked at and accepted as it is: `key` is issueKey's. */
export interface AcceptedIssue {
  readonly key: string;
  readonly at: string;
  readonly actor: string;
}

/** A nomination withdrawn (kept, out of the selection), with a note. */
export interface Withdrawal {
  readonly note: string;
  readonly at: string;
  readonly actor: string;
}

export interface HandEdit {
  /** null: the secretary cleared the value. */
  readonly value: FieldValue | null;
  readonly at: string;
  readonly actor: string;
}

export interface StatusOverride {
  readonly status: NominationStatus;
  readonly note: string;
  readonly at: string;
  readonly actor: string;
}

export interface Nomination {
  readonly id: string;
  /**
   * Identity across files and nominators (normalised DOI, or title and year, …): see nominationKey. Made from the
   * effective values, so a hand edit of the title, DOI, year… gives the nomination its new key (identity.ts).
   */
  readonly key: string;
  /**
   * Since schema 3: other keys the nomination answers to: those its sources were imported under when a hand edit (or
   * a merge) gave it another key, so re-importing those files finds it. Absent: none.
   */
  readonly aliases?: readonly string[];
  readonly sources: readonly NominationSource[];
  /** Hand corrections by field id; a later import never overwrites them. */
  readonly edits: Readonly<Record<string, HandEdit>>;
  readonly override: StatusOverride | null;
  /** Near matches the secretary confirmed as different nominations (ids). */
  readonly distinctFrom: readonly string[];
  /** Since schema 5: import problems accepted as they are. Absent: none. */
  readonly accepted?: readonly AcceptedIssue[];
  /** Since schema 5: withdrawn, and why. Absent or null: in the selection. */
  readonly withdrawn?: Withdrawal | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One import of one sheet of one file. */
export interface ImportRecord {
  readonly id: string;
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
  readonly sheet: string;
  readonly nominator: string;
  /** The mapping used: column letters → field id. */
  readonly mapping: Readonly<Record<string, string>>;
  readonly at: string;
  readonly actor: string;
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** Since schema 5: the import's report as it was given, for reading again from the history. */
  readonly report?: StoredReport;
  /** Since schema 5: undone, when and by whom, and how many of its nominations left or were kept. */
  readonly undone?: { readonly at: string; readonly actor: string; readonly removed: number; readonly kept: number };
}

/** An import's report as kept with its record: its problems (the first STORED_ISSUES of them) and counts. */
export interface StoredReport {
  readonly duplicates: number;
  /** All the problems the import reported (issues may hold fewer). */
  readonly issueCount: number;
  readonly issues: readonly StoredIssue[];
}

export interface StoredIssue {
  readonly row: number;
  readonly column: string;
  readonly field: string;
  readonly code: ImportIssueCode;
  readonly severity: 'error' | 'warning';
  readonly value: string | number | boolean | null;
}

export const STORED_ISSUES = 2_000;

export interface EligibilityReason {
  readonly code:
    | 'REQUIRED_MISSING'
    | 'YEAR_OUTSIDE_WINDOW'
    | 'NOT_BEIJING'
    | 'AFFILIATION_UNKNOWN'
    | 'DISCIPLINE_UNKNOWN'
    | 'OVER_AGE_LIMIT'
    | 'AGE_UNKNOWN'
    | 'SOURCES_DISAGREE'
    | 'NEAR_DUPLICATE'
    | 'IMPORT_PROBLEM'
    | 'WITHDRAWN'
    | 'OVERRIDDEN';
  readonly status: NominationStatus;
  readonly field?: string;
  readonly values?: Readonly<Record<string, string | number>>;
}
