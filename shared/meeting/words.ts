import { num, type Lang } from '../results/words.ts';
import type { MeetingCode, MeetingNote } from './notes.ts';

/** Sentences for the vote's codes, in zh-CN and en. A member is named through `names` (their code on screen). */
type Values = Readonly<Record<string, string | number>>;
type Phrase = (v: Values, names: (memberId: string) => string) => string;

const WORDS: Readonly<Record<MeetingCode, Readonly<Record<Lang, Phrase>>>> = {
  NO_ELIGIBLE_MEMBERS: {
    'zh-CN': () => '全体成员均需回避，本项无法表决',
    en: () => 'Every member has a conflict with this item: no vote is possible',
  },
  QUORUM_MISSED: {
    'zh-CN': (v) => `应到 ${num(v.members)} 人，实到 ${num(v.present)} 人，不足三分之二（至少 ${num(v.needed)} 人），表决无效`,
    en: (v) => `${num(v.present)} of ${num(v.members)} members present, short of two thirds (${num(v.needed)} needed): no valid vote`,
  },
  PASS_MET: {
    'zh-CN': (v) => `实到 ${num(v.present)} 人，赞成 ${num(v.yes)} 票，达到三分之二（至少 ${num(v.needed)} 票），通过`,
    en: (v) => `${num(v.yes)} yes of ${num(v.present)} present, at least two thirds (${num(v.needed)} needed): passed`,
  },
  PASS_MISSED: {
    'zh-CN': (v) => `实到 ${num(v.present)} 人，赞成 ${num(v.yes)} 票，未达三分之二（至少 ${num(v.needed)} 票），未通过`,
    en: (v) => `${num(v.yes)} yes of ${num(v.present)} present, short of two thirds (${num(v.needed)} needed): not passed`,
  },
  BALLOT_CONFLICTED_DISCARDED: {
    'zh-CN': (v) => `${num(v.count)} 张回避成员的选票不计入`,
    en: (v) => `${num(v.count)} ballot(s) from members with a conflict do not count`,
  },
  BALLOT_NOT_MEMBER: {
    'zh-CN': (v, n) => `${n(String(v.member))}不是本组成员，其选票不计入`,
    en: (v, n) => `${n(String(v.member))} is not a member of this group: the ballot does not count`,
  },
  COUNTS_EXCEED_MEMBERS: {
    'zh-CN': (v) => `录入的票数 ${num(v.cast)} 多于可投票成员 ${num(v.members)} 人，请核对`,
    en: (v) => `${num(v.cast)} votes entered for ${num(v.members)} members who may vote: please check`,
  },
  COUNTS_INVALID: {
    'zh-CN': () => '票数须为非负整数，请核对',
    en: () => 'Vote counts must be whole numbers, not negative: please check',
  },
  OVER_QUOTA: {
    'zh-CN': (v) => `通过 ${num(v.passed)} 项，多于名额 ${num(v.seats)} 个，按赞成票数、再按得分取前 ${num(v.seats)} 项`,
    en: (v) => `${num(v.passed)} passed for ${num(v.seats)} seat(s): the most yes votes, then the higher score, take them`,
  },
  TIE_AT_QUOTA: {
    'zh-CN': (v) => `${num(v.tied)} 项赞成票（${num(v.yes)} 票）与得分均相同，争最后 ${num(v.seats)} 个名额，须再次表决`,
    en: (v) => `${num(v.tied)} items tie on yes votes (${num(v.yes)}) and score for the last ${num(v.seats)} seat(s): vote again`,
  },
  FURTHER_ROUND: {
    'zh-CN': (v) => `尚余 ${num(v.seats)} 个名额，按排名提名后续 ${num(v.names)} 项进行下一轮表决`,
    en: (v) => `${num(v.seats)} seat(s) left: the next ${num(v.names)} on the ranked list go to a further round`,
  },
  REVOTE_NO_QUORUM: {
    'zh-CN': (v) => `${num(v.count)} 项表决无效，须重新表决`,
    en: (v) => `${num(v.count)} item(s) without a valid vote must be voted on again`,
  },
};

export function meetingSentence(n: MeetingNote, lang: Lang, names: (memberId: string) => string = (id) => id): string {
  return WORDS[n.code][lang](n.values ?? {}, names);
}
