import type { DateValue } from './values.ts';
import type { FieldValue } from './map-rows.ts';

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
}

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
    | 'OVERRIDDEN';
  readonly status: NominationStatus;
  readonly field?: string;
  readonly values?: Readonly<Record<string, string | number>>;
}
