import type { Settings } from '../campaign/settings.ts';
import { note, type MeetingNote } from './notes.ts';

/**
 * The meeting's vote (会评投票), pure. For each item:
 * - members: the group's members, less those conflicted with this item (out of both counts);
 * - present: ballots cast, abstentions included (abstainCountsAsPresent), never a conflicted member's;
 * - quorum: quorumNumerator·present ≥ quorumDenominator·members (3·present ≥ 2·members);
 * - pass: passNumerator·yes ≥ passDenominator·present (3·yes ≥ 2·present); abstain is present, not yes.
 * Integers throughout, so the boundaries are exact. Secret by default: only the counts leave this module.
 */
export type VoteRules = Pick<Settings['vote'], 'quorumNumerator' | 'quorumDenominator' | 'passNumerator' | 'passDenominator' | 'abstainCountsAsPresent' | 'secretBallot'>;

export type Ballot = 'yes' | 'no' | 'abstain';

export interface Counts {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
}

export interface ItemVote {
  readonly itemId: string;
  /** What ranked the item (for ordering passes beyond the quota). */
  readonly score: number | null;
  readonly members: readonly string[];
  readonly conflicted: readonly string[];
  /** Either the ballots by member, or the counts the secretary entered (conflicted members already left out). */
  readonly ballots?: Readonly<Record<string, Ballot>>;
  readonly counts?: Counts;
}

export type VoteOutcome = 'passed' | 'failed' | 'no-quorum' | 'invalid';

export interface Tally {
  readonly itemId: string;
  readonly score: number | null;
  /** Members who count for this item (conflicted ones out). */
  readonly members: number;
  readonly conflicted: number;
  readonly present: number;
  readonly counts: Counts;
  readonly quorum: boolean;
  readonly outcome: VoteOutcome;
  readonly notes: readonly MeetingNote[];
  /** Only for an open ballot. */
  readonly ballots?: Readonly<Record<string, Ballot>>;
}

const isCount = (x: number) => Number.isInteger(x) && x >= 0;

export function tally(v: ItemVote, rules: VoteRules): Tally {
  const conflicted = new Set(v.conflicted.filter((m) => v.members.includes(m)));
  const eligible = v.members.filter((m) => !conflicted.has(m));
  const M = eligible.length;
  const notes: MeetingNote[] = [];
  let counts: Counts = { yes: 0, no: 0, abstain: 0 };
  let kept: Record<string, Ballot> | undefined;
  let invalid = false;
  if (v.ballots) {
    const c = { yes: 0, no: 0, abstain: 0 };
    kept = {};
    let discarded = 0;
    for (const [member, ballot] of Object.entries(v.ballots)) {
      if (conflicted.has(member)) discarded++;
      else if (!eligible.includes(member)) notes.push(note('BALLOT_NOT_MEMBER', { member }));
      else {
        c[ballot]++;
        kept[member] = ballot;
      }
    }
    if (discarded > 0) notes.push(note('BALLOT_CONFLICTED_DISCARDED', { count: discarded }));
    counts = c;
  } else if (v.counts) {
    counts = v.counts;
    if (!isCount(counts.yes) || !isCount(counts.no) || !isCount(counts.abstain)) {
      notes.push(note('COUNTS_INVALID'));
      invalid = true;
    } else if (counts.yes + counts.no + counts.abstain > M) {
      notes.push(note('COUNTS_EXCEED_MEMBERS', { cast: counts.yes + counts.no + counts.abstain, members: M }));
      invalid = true;
    }
  }
  const present = counts.yes + counts.no + (rules.abstainCountsAsPresent ? counts.abstain : 0);
  const quorum = M > 0 && rules.quorumNumerator * present >= rules.quorumDenominator * M;
  let outcome: VoteOutcome;
  if (invalid) outcome = 'invalid';
  else if (M === 0) {
    notes.push(note('NO_ELIGIBLE_MEMBERS'));
    outcome = 'no-quorum';
  } else if (!quorum) {
    notes.push(note('QUORUM_MISSED', { present, members: M, needed: Math.ceil((rules.quorumDenominator * M) / rules.quorumNumerator) }));
    outcome = 'no-quorum';
  } else {
    const pass = rules.passNumerator * counts.yes >= rules.passDenominator * present;
    const needed = Math.ceil((rules.passDenominator * present) / rules.passNumerator);
    notes.push(note(pass ? 'PASS_MET' : 'PASS_MISSED', { yes: counts.yes, present, needed }));
    outcome = pass ? 'passed' : 'failed';
  }
  return {
    itemId: v.itemId,
    score: v.score,
    members: M,
    conflicted: conflicted.size,
    present,
    counts,
    quorum,
    outcome,
    notes,
    ...(!rules.secretBallot && kept ? { ballots: kept } : {}),
  };
}

export interface RoundInput {
  readonly items: readonly ItemVote[];
  /** Seats still open in this group (its quota less those selected in earlier rounds). */
  readonly seats: number;
  /** The group's ranked list, best first, for the next names when too few pass. */
  readonly ranked: readonly string[];
  /** Items voted on in earlier rounds (never proposed again as next names). */
  readonly votedBefore?: readonly string[];
}

export interface RoundResult {
  readonly tallies: readonly Tally[];
  /** Passed items, by yes votes, then score. */
  readonly passed: readonly string[];
  readonly selected: readonly string[];
  /** Passed, but beyond the seats. */
  readonly overQuota: readonly string[];
  /** Passed with equal yes votes and score across the last seat: for the panel to settle. */
  readonly tiedAtQuota: readonly string[];
  /** Items without quorum (or with invalid counts), to vote on again. */
  readonly revote: readonly string[];
  /** Seats still open after this round, and the next names on the ranked list for a further round. */
  readonly seatsLeft: number;
  readonly nextNames: readonly string[];
  readonly notes: readonly MeetingNote[];
}

const scoreKey = (s: number | null) => (s === null ? -Infinity : Math.round(s * 1e6));

export function decideRound(input: RoundInput, rules: VoteRules): RoundResult {
  const tallies = input.items.map((v) => tally(v, rules));
  const passedT = tallies
    .filter((t) => t.outcome === 'passed')
    .sort((a, b) => b.counts.yes - a.counts.yes || (scoreKey(b.score) > scoreKey(a.score) ? 1 : scoreKey(b.score) < scoreKey(a.score) ? -1 : 0) || (a.itemId < b.itemId ? -1 : 1));
  const seats = Math.max(0, input.seats);
  const same = (a: Tally, b: Tally) => a.counts.yes === b.counts.yes && scoreKey(a.score) === scoreKey(b.score);
  const notes: MeetingNote[] = [];
  let selected = passedT.slice(0, seats);
  let tied: Tally[] = [];
  if (passedT.length > seats && seats > 0 && same(passedT[seats - 1] as Tally, passedT[seats] as Tally)) {
    // Sorted by yes votes then score, the tied are contiguous: the seats before them are settled, theirs are not.
    const edge = passedT[seats - 1] as Tally;
    tied = passedT.filter((t) => same(t, edge));
    selected = passedT.slice(0, passedT.findIndex((t) => same(t, edge)));
    notes.push(note('TIE_AT_QUOTA', { yes: edge.counts.yes, tied: tied.length, seats: seats - selected.length }));
  }
  const overQuota = passedT.filter((t) => !selected.includes(t) && !tied.includes(t));
  if (overQuota.length > 0) notes.push(note('OVER_QUOTA', { passed: passedT.length, seats }));
  const revote = tallies.filter((t) => t.outcome === 'no-quorum' || t.outcome === 'invalid').map((t) => t.itemId);
  if (revote.length > 0) notes.push(note('REVOTE_NO_QUORUM', { count: revote.length }));
  const seatsLeft = seats - selected.length;
  const voted = new Set([...(input.votedBefore ?? []), ...input.items.map((v) => v.itemId)]);
  const wanted = Math.max(0, seatsLeft - tied.length - revote.length);
  const nextNames = input.ranked.filter((id) => !voted.has(id)).slice(0, wanted);
  if (seatsLeft > 0 && tied.length === 0) notes.push(note('FURTHER_ROUND', { seats: seatsLeft, names: nextNames.length }));
  return {
    tallies,
    passed: passedT.map((t) => t.itemId),
    selected: selected.map((t) => t.itemId),
    overQuota: overQuota.map((t) => t.itemId),
    tiedAtQuota: tied.map((t) => t.itemId),
    revote,
    seatsLeft,
    nextNames,
    notes,
  };
}
