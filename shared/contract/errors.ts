/**
 * Errors are codes. Main answers `{ ok: false, error: { code, message, details } }`; `message` is plain English for
 * logs and the command line, and the renderer words each code in the user's language (renderer/i18n).
 */
export const ERROR_CODES = [
  'BAD_ARGUMENTS',
  'UNKNOWN_CALL',
  'NOT_FOUND',
  'SETTING_UNKNOWN',
  'SETTING_INVALID',
  'SETTING_OUT_OF_RANGE',
  'STORE_LOCKED',
  'STORE_UNWRITABLE',
  'STORE_SCHEMA_TOO_NEW',
  'STORE_CORRUPT',
  'NO_BACKUP',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'FILE_TOO_LARGE',
  'FILE_UNREADABLE',
  'INTERNAL',
  /** An edit computed from an older copy: refused rather than written over a newer change. */
  'STALE_EDIT',
  'FILE_NOT_WORKBOOK',
  'FILE_ENCRYPTED',
  'FILE_ZIP_BOMB',
  'FILE_EMPTY',
  'SHEET_TOO_LARGE',
  'CANCELLED',
  'FIELD_INVALID',
  /**
   * A hand edit of what identifies a nomination (title, DOI, year, name…) would give it the key another nomination
   * already answers to; nothing is saved. values: field, key, otherId, otherLabel.
   */
  'NOMINATION_KEY_TAKEN',
  'UPLOAD_EXPIRED',
  /**
   * The data folder is marked as in use by a process on another computer, which cannot be checked from here; values:
   * pid, hostname, startedAt, path (the lock file to delete if no PanelDesk is open there).
   */
  'STORE_LOCK_UNVERIFIED',
  /** The data folder is on a read-only disk or may not be written by this user; nothing acknowledged was lost. values: path, reason. */
  'STORE_READ_ONLY',
  /** The disk holding the data folder is full; nothing acknowledged was lost. values: path, reason. */
  'DISK_FULL',
  /** This workstation's key is kept under a passphrase not given in this session: nothing can be signed until it is. */
  'IDENTITY_LOCKED',
  /** The passphrase given does not open this workstation's key. */
  'PASSPHRASE_WRONG',
  /** A conflict of interest (detected, to confirm or declared) keeps this expert off this nomination. values: itemId, expertId. */
  'PANEL_CONFLICTED',
  /** The group already has an open ballot round: close or discard it first. values: group. */
  'MEETING_ROUND_OPEN',
  /** The ballot round is closed: its tally is recorded and cannot change. */
  'MEETING_ROUND_CLOSED',
  /** Nothing to vote on: no names given, none proposed, or a name not on this group's list. values: item. */
  'MEETING_NO_NAMES',
  /** No scores yet: results, charts and the result sheet need the scoring step's answers. */
  'MEETING_NO_SCORES',
  /** The file is not a PanelDesk result sheet (no signed payload in it). */
  'NOT_A_RESULT_SHEET',
  /** Saving the print view as PDF needs the desktop app (Electron's printToPDF); a browser prints it through its dialog. */
  'MEETING_PDF_UNAVAILABLE',
  /** The rubric's weights do not total 100; values: total. */
  'SCORING_RUBRIC_NOT_100',
  /** No expert has nominations assigned: no sheet to send. */
  'SCORING_NOTHING_TO_SEND',
  /** A file opened as a score sheet is not a valid one; values: reason. */
  'SCORE_SHEET_INVALID',
  /** The score sheet is of a campaign this workstation runs as secretary. */
  'SCORING_OWN_CAMPAIGN',
  /** This workstation already scores this campaign as another expert; values: code. */
  'SCORING_OTHER_EXPERT',
  /** The workstation has a panel of its own: opening a sheet as an expert must be confirmed. */
  'SCORING_CONFIRM_EXPERT_WORKSTATION',
  /** The campaign was not opened from a score sheet on this workstation. */
  'SCORING_NOT_EXPERT_WORKSTATION',
  /** A score out of range or off its step; values: criterion, reason. */
  'SCORE_INVALID',
  /** A sheet submitted with nominations neither scored nor recused; values: missing. */
  'SCORING_INCOMPLETE',
  /** The two paper entries differ; details name the cells. */
  'SCORING_ENTRIES_DIFFER',
  /** A paper entry for a nomination not assigned to the expert; values: item. */
  'SCORING_NOT_ASSIGNED',
  /** A file to verify is no PanelDesk file. */
  'FILE_NOT_PANELDESK',
  /** The expert's campaign cannot be removed from this workstation: its sheet was never submitted. */
  'SCORING_NOT_SUBMITTED',
  /** The expert's campaign cannot be removed: answers changed after the last submission; values: seq. */
  'SCORING_EDITED_SINCE_SUBMIT',
  /** A supplementary sheet asked for a nomination that is not short, or an expert who may not review it; values: item, expert. */
  'SCORING_NOT_ELIGIBLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetail {
  /** Where: a setting key, an argument path, a cell. */
  readonly path?: string;
  readonly message: string;
}

export interface AppErrorData {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: readonly ErrorDetail[];
  readonly values?: Readonly<Record<string, string | number>>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly ErrorDetail[] | undefined;
  readonly values: Readonly<Record<string, string | number>> | undefined;
  constructor(code: ErrorCode, message: string, extra?: { details?: readonly ErrorDetail[]; values?: Record<string, string | number> }) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = extra?.details;
    this.values = extra?.values;
  }
  toData(): AppErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...(this.values ? { values: this.values } : {}),
    };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppErrorData };
