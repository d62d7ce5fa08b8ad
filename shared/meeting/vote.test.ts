import { describe, expect, it } from 'vitest';
import { decideRound, tally, type Ballot, type ItemVote } from './vote.ts';
import { defaultSettings } from '../campaign/settings.ts';

const rules = defaultSettings().vote;
const nine = Array.from({ length: 9 }, (_, k) => `m${k + 1}`);
const counts = (yes: number, no: number, abstain: number, extra: Partial<ItemVote> = {}): ItemVote => ({ itemId: 'x', score: 80, members: nine, conflicted: [], counts: { yes, no, abstain }, ...extra });
const ballots = (list: Ballot[], extra: Partial<ItemVote> = {}): ItemVote => ({
  itemId: 'x',
  score: 80,
  members: nine,
  conflicted: [],
  ballots: Object.fromEntries(list.map((b, k) => [`m${k + 1}`, b])),
  ...extra,
});

describe('tally: quorum 3·present ≥ 2·members', () => {
  it('uses the defaults 3/2 and 3/2, abstain present, secret', () => {
    expect(rules).toEqual({ quorumNumerator: 3, quorumDenominator: 2, passNumerator: 3, passDenominator: 2, abstainCountsAsPresent: true, secretBallot: true });
  });

  it('is just met with 6 of 9 present (18 ≥ 18), just missed with 5 (15 < 18)', () => {
    const met = tally(counts(4, 2, 0), rules);
    expect(met).toMatchObject({ members: 9, present: 6, quorum: true, outcome: 'passed' });
    const missed = tally(counts(5, 0, 0), rules);
    expect(missed).toMatchObject({ present: 5, quorum: false, outcome: 'no-quorum' });
    expect(missed.notes).toEqual([{ code: 'QUORUM_MISSED', values: { present: 5, members: 9, needed: 6 } }]);
  });

  it('counts an abstention towards the quorum', () => {
    expect(tally(counts(4, 0, 2), rules).quorum).toBe(true);
    expect(tally(counts(4, 0, 2), { ...rules, abstainCountsAsPresent: false }).quorum).toBe(false);
  });
});

describe('tally: pass 3·yes ≥ 2·present', () => {
  it('is just met with 4 yes of 6 present (12 ≥ 12), just missed with 3 (9 < 12)', () => {
    expect(tally(counts(4, 2, 0), rules).notes).toEqual([{ code: 'PASS_MET', values: { yes: 4, present: 6, needed: 4 } }]);
    expect(tally(counts(3, 3, 0), rules)).toMatchObject({ outcome: 'failed', notes: [{ code: 'PASS_MISSED', values: { yes: 3, present: 6, needed: 4 } }] });
    // 7 present: 3·5 = 15 ≥ 14 passes; 3·4 = 12 < 14 fails.
    expect(tally(counts(5, 2, 0), rules).outcome).toBe('passed');
    expect(tally(counts(4, 3, 0), rules).outcome).toBe('failed');
  });

  it('counts an abstention as present but not yes', () => {
    // 4 yes + 2 abstain: present 6, 12 ≥ 12 passes; 3 yes + 3 abstain: 9 < 12 fails although nobody said no.
    expect(tally(counts(4, 0, 2), rules).outcome).toBe('passed');
    expect(tally(counts(3, 0, 3), rules).outcome).toBe('failed');
    // Were abstentions not counted as present, 3 yes of 3 present would pass (but the quorum fails first).
    expect(tally(counts(3, 0, 3), { ...rules, abstainCountsAsPresent: false })).toMatchObject({ present: 3, outcome: 'no-quorum' });
  });
});

describe('tally: a conflicted member is out of both counts for that item', () => {
  it('lowers the members: 4 present of 7 misses the quorum, of 6 (one conflicted) meets it', () => {
    const seven = nine.slice(0, 7);
    expect(tally(counts(3, 1, 0, { members: seven }), rules)).toMatchObject({ members: 7, quorum: false });
    expect(tally(counts(3, 1, 0, { members: seven, conflicted: ['m7'] }), rules)).toMatchObject({ members: 6, conflicted: 1, quorum: true, outcome: 'passed' });
  });

  it('discards a conflicted member’s ballot, so it is neither present nor yes', () => {
    // m1 (yes) is conflicted: 3 yes, 2 no left of 8 members → quorum 15 < 16 missed.
    const t = tally(ballots(['yes', 'yes', 'yes', 'yes', 'no', 'no'], { conflicted: ['m1'] }), rules);
    expect(t).toMatchObject({ members: 8, present: 5, counts: { yes: 3, no: 2, abstain: 0 }, quorum: false });
    expect(t.notes[0]).toEqual({ code: 'BALLOT_CONFLICTED_DISCARDED', values: { count: 1 } });
    // Without the conflict the same ballots pass (4 yes of 6 present, 9 members).
    expect(tally(ballots(['yes', 'yes', 'yes', 'yes', 'no', 'no']), rules).outcome).toBe('passed');
  });

  it('takes a conflicted member out of the pass count too: 4 yes of 7 fails, of 6 passes', () => {
    const seven: Ballot[] = ['yes', 'yes', 'yes', 'yes', 'no', 'no', 'abstain'];
    expect(tally(ballots(seven), rules)).toMatchObject({ present: 7, outcome: 'failed' });
    expect(tally(ballots(seven, { conflicted: ['m5'] }), rules)).toMatchObject({ members: 8, present: 6, outcome: 'passed' });
  });

  it('refuses counts beyond the members who may vote, and gives no result when everyone is conflicted', () => {
    expect(tally(counts(8, 1, 0, { conflicted: ['m9'] }), rules)).toMatchObject({ outcome: 'invalid', notes: [{ code: 'COUNTS_EXCEED_MEMBERS', values: { cast: 9, members: 8 } }] });
    expect(tally(counts(1.5, 0, 0), rules).outcome).toBe('invalid');
    expect(tally(counts(0, 0, 0, { members: ['a'], conflicted: ['a'] }), rules)).toMatchObject({ members: 0, outcome: 'no-quorum', notes: [{ code: 'NO_ELIGIBLE_MEMBERS' }] });
  });

  it('keeps only the counts of a secret ballot, the ballots of an open one; ignores a non-member', () => {
    const b = ballots(['yes', 'yes', 'yes', 'yes', 'no', 'abstain']);
    expect(tally(b, rules)).not.toHaveProperty('ballots');
    expect(tally(b, { ...rules, secretBallot: false }).ballots).toEqual(b.ballots);
    const t = tally({ ...b, ballots: { ...b.ballots, stranger: 'yes' } }, rules);
    expect(t.counts.yes).toBe(4);
    expect(t.notes[0]).toEqual({ code: 'BALLOT_NOT_MEMBER', values: { member: 'stranger' } });
  });
});

describe('decideRound', () => {
  const item = (itemId: string, score: number, yes: number, no: number): ItemVote => ({ itemId, score, members: nine, conflicted: [], counts: { yes, no, abstain: 0 } });
  const ranked = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

  it('more passes than seats: orders by yes votes, then score', () => {
    const r = decideRound({ items: [item('a', 90, 6, 3), item('b', 88, 8, 1), item('c', 85, 6, 3), item('d', 80, 2, 7)], seats: 2, ranked }, rules);
    expect(r.passed).toEqual(['b', 'a', 'c']);
    expect(r.selected).toEqual(['b', 'a']);
    expect(r.overQuota).toEqual(['c']);
    expect(r.seatsLeft).toBe(0);
    expect(r.nextNames).toEqual([]);
    expect(r.notes).toEqual([{ code: 'OVER_QUOTA', values: { passed: 3, seats: 2 } }]);
  });

  it('leaves equal yes votes and equal score across the last seat to the panel', () => {
    const r = decideRound({ items: [item('a', 90, 8, 1), item('b', 85, 6, 3), item('c', 85, 6, 3)], seats: 2, ranked }, rules);
    expect(r.selected).toEqual(['a']);
    expect(r.tiedAtQuota).toEqual(['b', 'c']);
    expect(r.notes).toEqual([{ code: 'TIE_AT_QUOTA', values: { yes: 6, tied: 2, seats: 1 } }]);
  });

  it('fewer passes than seats: proposes the next names on the ranked list for a further round', () => {
    const r = decideRound({ items: [item('a', 90, 8, 1), item('b', 88, 3, 6), item('c', 85, 6, 3)], seats: 4, ranked: [...ranked], votedBefore: ['d'] }, rules);
    expect(r.selected).toEqual(['a', 'c']);
    expect(r.seatsLeft).toBe(2);
    expect(r.nextNames).toEqual(['e', 'f']);
    expect(r.notes).toEqual([{ code: 'FURTHER_ROUND', values: { seats: 2, names: 2 } }]);
  });

  it('sends items without quorum back to a vote instead of replacing them', () => {
    const r = decideRound({ items: [item('a', 90, 8, 1), item('b', 88, 3, 1)], seats: 2, ranked }, rules);
    expect(r.revote).toEqual(['b']);
    expect(r.nextNames).toEqual([]);
  });
});

describe('tally: more boundaries', () => {
  const of = (n: number) => Array.from({ length: n }, (_, k) => `m${k + 1}`);
  const c = (members: string[], yes: number, no: number, abstain: number, conflicted: string[] = []): ItemVote => ({ itemId: 'x', score: 70, members, conflicted, counts: { yes, no, abstain } });

  it('10 members: quorum just met with 7 (21 ≥ 20), just missed with 6 (18 < 20)', () => {
    expect(tally(c(of(10), 5, 2, 0), rules)).toMatchObject({ quorum: true, outcome: 'passed' });
    expect(tally(c(of(10), 6, 0, 0), rules)).toMatchObject({ quorum: false, outcome: 'no-quorum', notes: [{ code: 'QUORUM_MISSED', values: { needed: 7 } }] });
  });

  it('7 present with abstentions: 5 yes passes (15 ≥ 14), 4 yes with 3 abstaining fails (12 < 14)', () => {
    expect(tally(c(of(9), 5, 0, 2), rules).outcome).toBe('passed');
    expect(tally(c(of(9), 4, 0, 3), rules).outcome).toBe('failed');
  });

  it('6 members: 4 present meet the quorum (12 ≥ 12), 3 miss it; one conflicted (5 members): 3 still miss (9 < 10), 4 meet', () => {
    expect(tally(c(of(6), 3, 1, 0), rules).quorum).toBe(true);
    expect(tally(c(of(6), 3, 0, 0), rules).quorum).toBe(false);
    expect(tally(c(of(6), 3, 0, 0, ['m6']), rules)).toMatchObject({ members: 5, quorum: false });
    expect(tally(c(of(6), 3, 1, 0, ['m6']), rules)).toMatchObject({ members: 5, quorum: true, outcome: 'passed' });
    // A conflicted id not in the group changes nothing.
    expect(tally(c(of(6), 3, 0, 0, ['stranger']), rules)).toMatchObject({ members: 6, conflicted: 0 });
  });

  it('follows other rules given in the settings: a simple majority (2·yes ≥ 1·present ⇔ yes ≥ half)', () => {
    const half = { ...rules, passNumerator: 2, passDenominator: 1 };
    expect(tally(c(of(9), 3, 3, 0), half).outcome).toBe('passed');
    expect(tally(c(of(9), 3, 4, 0), half).outcome).toBe('failed');
  });

  it('no ballots cast: no quorum', () => {
    expect(tally(c(of(5), 0, 0, 0), rules)).toMatchObject({ present: 0, outcome: 'no-quorum' });
  });
});
