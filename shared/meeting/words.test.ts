import { describe, expect, it } from 'vitest';
import { MEETING_CODES, type MeetingCode, type MeetingNote } from './notes.ts';
import { meetingSentence } from './words.ts';

const samples: Readonly<Record<MeetingCode, MeetingNote['values']>> = {
  NO_ELIGIBLE_MEMBERS: undefined,
  QUORUM_MISSED: { present: 5, members: 9, needed: 6 },
  PASS_MET: { yes: 4, present: 6, needed: 4 },
  PASS_MISSED: { yes: 3, present: 6, needed: 4 },
  BALLOT_CONFLICTED_DISCARDED: { count: 1 },
  BALLOT_NOT_MEMBER: { member: 'm-0099' },
  COUNTS_EXCEED_MEMBERS: { cast: 9, members: 8 },
  COUNTS_INVALID: undefined,
  OVER_QUOTA: { passed: 3, seats: 2 },
  TIE_AT_QUOTA: { yes: 6, tied: 2, seats: 1 },
  FURTHER_ROUND: { seats: 2, names: 2 },
  REVOTE_NO_QUORUM: { count: 1 },
};

describe('meeting words', () => {
  it('word every code in both languages without ids or holes', () => {
    for (const code of MEETING_CODES) {
      const values = samples[code];
      const n: MeetingNote = values ? { code, values } : { code };
      const zh = meetingSentence(n, 'zh-CN', () => '成员丙');
      const en = meetingSentence(n, 'en', () => 'Member C');
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(en, code).not.toMatch(/[\u4e00-\u9fff]/);
      for (const s of [zh, en]) expect(s, code).not.toMatch(/undefined|NaN|m-0099|\$\{/);
    }
  });
});
