import { describe, expect, it } from 'vitest';
import { newCampaign } from '../campaign/campaign.ts';
import { defaultSettings } from '../campaign/settings.ts';
import { applyEntry, historyOf, historyTypeWord, ReplayError, type CampaignDoc, type Change } from './doc.ts';
import { findRound, groupStanding, meetingOf, type Round } from '../meeting/slice.ts';

const rules = defaultSettings().vote;
const campaign = { ...newCampaign({ template: 'conferences', name: '十佳会议', year: 2026 }, 'c-1', '2026-01-01T00:00:00.000Z'), groups: [{ id: 'g1', name: '理科组', nameEn: 'Sciences', disciplines: [], leader: '', quotaShare: 2, everyMemberScores: false }] };
const members = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'];

function docOf(changes: Change[]): CampaignDoc {
  let doc = applyEntry(null, { seq: 1, at: '2026-03-05T01:00:00.000Z', actor: 'sec', change: { type: 'campaign.created', campaign } });
  changes.forEach((change, k) => {
    doc = applyEntry(doc, { seq: k + 2, at: '2026-03-05T02:00:00.000Z', actor: 'sec', change });
  });
  return doc;
}

const round = (id: string, number: number, items: string[], seats: number, conflicted: Record<string, string[]> = {}): Round => ({
  id,
  groupId: 'g1',
  number,
  openedAt: '2026-03-05T02:00:00.000Z',
  members,
  seats,
  items: items.map((itemId, k) => ({ itemId, score: 90 - k, rank: k + 1, conflicted: conflicted[itemId] ?? [] })),
  counts: {},
});

describe('meeting slice', () => {
  it('starts empty, and a doc written before the meeting step reads as no rounds', () => {
    expect(meetingOf(docOf([]))).toEqual({ rounds: [], seals: [] });
    expect(meetingOf({})).toEqual({ rounds: [], seals: [] });
  });

  it('opens a round, keeps counts only, closes it with the tally recorded', () => {
    const doc = docOf([
      { type: 'meeting.roundOpened', round: round('r1', 1, ['a', 'b', 'c'], 2, { c: ['e6'] }) },
      { type: 'meeting.countsEntered', roundId: 'r1', entries: [{ itemId: 'a', counts: { yes: 5, no: 1, abstain: 0 } }, { itemId: 'b', counts: { yes: 3, no: 2, abstain: 1 } }] },
      // Five may vote on c (e6 is conflicted): 4 of 5 present meets the quorum, 4 yes of 4 pass.
      { type: 'meeting.countsEntered', roundId: 'r1', entries: [{ itemId: 'c', counts: { yes: 4, no: 0, abstain: 0 } }] },
      { type: 'meeting.roundClosed', roundId: 'r1', rules, ranked: ['d', 'e'], at: '2026-03-05T03:00:00.000Z' },
    ]);
    const r = findRound(doc, 'r1')!;
    expect(r.closedAt).toBe('2026-03-05T03:00:00.000Z');
    expect(r.result!.tallies.map((t) => [t.itemId, t.outcome, t.members])).toEqual([['a', 'passed', 6], ['b', 'failed', 6], ['c', 'passed', 5]]);
    // Two passed for two seats: by yes votes (a 5, c 4).
    expect(r.result!.selected).toEqual(['a', 'c']);
    expect(r.result!.tallies.some((t) => 'ballots' in t)).toBe(false);
    const g = groupStanding(doc, 'g1');
    expect(g).toMatchObject({ selected: ['a', 'c'], seatsLeft: 0, open: null, voted: ['a', 'b', 'c'] });
    const h = historyOf(doc);
    expect(h.map((e) => e.type).slice(1)).toEqual(['meeting.roundOpened', 'meeting.countsEntered', 'meeting.countsEntered', 'meeting.roundClosed']);
    expect(h[1]!.subject).toEqual({ id: 'r1', label: '理科组 · 1' });
    expect(historyTypeWord('meeting.roundClosed', 'zh-CN')).toBe('结束投票并计票');
    expect(historyTypeWord('meeting.roundClosed', 'en')).toBe('Ballot round closed and tallied');
  });

  it('proposes a further round on the next names when fewer pass than the seats', () => {
    const doc = docOf([
      { type: 'meeting.roundOpened', round: round('r1', 1, ['a', 'b'], 2) },
      { type: 'meeting.countsEntered', roundId: 'r1', entries: [{ itemId: 'a', counts: { yes: 6, no: 0, abstain: 0 } }, { itemId: 'b', counts: { yes: 2, no: 4, abstain: 0 } }] },
      { type: 'meeting.roundClosed', roundId: 'r1', rules, ranked: ['c', 'd', 'e'], at: 't' },
    ]);
    const g = groupStanding(doc, 'g1');
    expect(g).toMatchObject({ selected: ['a'], seatsLeft: 1, proposed: ['c'] });
    const doc2 = applyEntry(doc, { seq: 9, at: 't', actor: 'sec', change: { type: 'meeting.roundOpened', round: round('r2', 2, ['c'], 1) } });
    const doc3 = applyEntry(doc2, { seq: 10, at: 't', actor: 'sec', change: { type: 'meeting.countsEntered', roundId: 'r2', entries: [{ itemId: 'c', counts: { yes: 4, no: 1, abstain: 1 } }] } });
    const doc4 = applyEntry(doc3, { seq: 11, at: 't', actor: 'sec', change: { type: 'meeting.roundClosed', roundId: 'r2', rules, ranked: ['d'], at: 't' } });
    expect(groupStanding(doc4, 'g1')).toMatchObject({ selected: ['a', 'c'], seatsLeft: 0, proposed: [] });
  });

  it('keeps an open ballot’s ballots, and clears an entry with null', () => {
    const ballots = { e1: 'yes', e2: 'yes', e3: 'yes', e4: 'yes', e5: 'no' } as const;
    const doc = docOf([
      { type: 'meeting.roundOpened', round: round('r1', 1, ['a', 'b'], 2) },
      { type: 'meeting.countsEntered', roundId: 'r1', entries: [{ itemId: 'a', ballots }, { itemId: 'b', counts: { yes: 1, no: 0, abstain: 0 } }] },
      { type: 'meeting.countsEntered', roundId: 'r1', entries: [{ itemId: 'b', counts: null }] },
      { type: 'meeting.roundClosed', roundId: 'r1', rules: { ...rules, secretBallot: false }, ranked: [], at: 't' },
    ]);
    const r = findRound(doc, 'r1')!;
    expect(r.counts).toEqual({});
    expect(r.result!.tallies[0]).toMatchObject({ counts: { yes: 4, no: 1, abstain: 0 }, ballots });
    // b had no counts left: nobody present, no quorum, to vote again.
    expect(r.result!.revote).toEqual(['b']);
  });

  it('refuses what does not fit: a second open round, counts for a name not on the ballot, changes to a closed round', () => {
    const opened = docOf([{ type: 'meeting.roundOpened', round: round('r1', 1, ['a'], 1) }]);
    const at = (change: Change, doc = opened) => () => applyEntry(doc, { seq: 99, at: 't', actor: 's', change });
    expect(at({ type: 'meeting.roundOpened', round: round('r2', 2, ['b'], 1) })).toThrow(ReplayError);
    expect(at({ type: 'meeting.countsEntered', roundId: 'r1', entries: [{ itemId: 'zz', counts: { yes: 1, no: 0, abstain: 0 } }] })).toThrow(ReplayError);
    expect(at({ type: 'meeting.countsEntered', roundId: 'r1', entries: [{ itemId: 'a', counts: { yes: -1, no: 0, abstain: 0 } }] })).toThrow(ReplayError);
    const closed = applyEntry(opened, { seq: 3, at: 't', actor: 's', change: { type: 'meeting.roundClosed', roundId: 'r1', rules, ranked: [], at: 't' } });
    expect(at({ type: 'meeting.countsEntered', roundId: 'r1', entries: [] }, closed)).toThrow(ReplayError);
    expect(at({ type: 'meeting.roundDiscarded', roundId: 'r1' }, closed)).toThrow(ReplayError);
    // An open one may be discarded.
    const gone = applyEntry(opened, { seq: 3, at: 't', actor: 's', change: { type: 'meeting.roundDiscarded', roundId: 'r1' } });
    expect(meetingOf(gone).rounds).toEqual([]);
  });

  it('records a seal', () => {
    const seal = { digest: 'ab'.repeat(32), file: 'x.xlsx', at: 't', signer: { name: '秘书处', fingerprint: '3F2A 9C01' }, selected: 10 };
    const doc = docOf([{ type: 'meeting.sealed', seal }]);
    expect(meetingOf(doc).seals).toEqual([seal]);
  });
});
