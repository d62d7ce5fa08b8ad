/** The vote's outcomes and reasons as codes with parameters; words.ts words them in both languages. */
export const MEETING_CODES = [
  'NO_ELIGIBLE_MEMBERS',
  'QUORUM_MISSED',
  'PASS_MET',
  'PASS_MISSED',
  'BALLOT_CONFLICTED_DISCARDED',
  'BALLOT_NOT_MEMBER',
  'COUNTS_EXCEED_MEMBERS',
  'COUNTS_INVALID',
  'OVER_QUOTA',
  'TIE_AT_QUOTA',
  'FURTHER_ROUND',
  'REVOTE_NO_QUORUM',
] as const;
export type MeetingCode = (typeof MEETING_CODES)[number];

export interface MeetingNote {
  readonly code: MeetingCode;
  readonly values?: Readonly<Record<string, string | number>>;
}

export const note = (code: MeetingCode, values?: Readonly<Record<string, string | number>>): MeetingNote => (values ? { code, values } : { code });
