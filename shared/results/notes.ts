/**
 * Flags and reasons are codes with their parameters as data; words.ts words them in both languages. Nothing here
 * is a sentence, so screens, exports and the command line can each say it their own way.
 */
export const RESULT_CODES = [
  // Scores that do not count (countable.ts).
  'SCORE_CONFLICT',
  'SCORE_RECUSAL',
  'SCORE_INVALID',
  'SCORE_DUPLICATE',
  'SCORE_INCOMPLETE',
  // Aggregation (aggregate.ts).
  'NO_SCORES',
  'TRIM_INSUFFICIENT',
  'ZSCORE_PARTLY_RAW',
  'EXPERT_FEW_SCORES',
  'EXPERT_NO_SPREAD',
  'ADDITIVE_SEPARATE_PANEL',
  'ADDITIVE_SINGLE_EXPERT',
  'ADDITIVE_NOT_CONVERGED',
  // Attention metrics (metrics.ts).
  'METRIC_POOLED',
  'METRIC_SMALL_GROUP',
  'METRIC_NO_YEAR',
  'METRIC_NO_DISCIPLINE',
  'METRIC_RENORMALISED',
  'METRIC_NONE',
  'BLEND_MISSING_PART',
  // Disagreement (disagreement.ts).
  'SPAN_AT_LEAST',
  'SD_AT_LEAST',
  'TOO_FEW_TO_COMPARE',
  // Ranking and the cut line (rank.ts).
  'NO_SCORE_UNRANKED',
  'TIE_BROKEN',
  'SCORE_GAP',
  'TIE_AT_LINE',
  'GROUP_QUOTA_FILLED',
  'QUOTA_SUM_MISMATCH',
  'QUOTA_NOT_REACHED',
  'ADJUSTED_SELECT',
  'ADJUSTED_DESELECT',
  'ADJUSTED_MOVE',
  'ADJUSTMENT_NO_REASON',
  'ADJUSTMENT_UNKNOWN_ITEM',
] as const;
export type ResultCode = (typeof RESULT_CODES)[number];

export type NoteValues = Readonly<Record<string, string | number>>;

export interface Note {
  readonly code: ResultCode;
  readonly values?: NoteValues;
}

export const note = (code: ResultCode, values?: NoteValues): Note => (values ? { code, values } : { code });
