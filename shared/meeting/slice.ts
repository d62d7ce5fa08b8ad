import type { HistoryEntry } from '../campaign/history.ts';
import { ReplayError, type Slice } from '../campaign/slice.ts';
import type { SetupPart } from '../setup/slice.ts';
import { decideRound, type Ballot, type Counts, type ItemVote, type RoundResult, type VoteRules } from './vote.ts';

/**
 * The meeting's part of the doc (会评): ballot rounds per discipline group and the seals (result sheets signed).
 * A round keeps what it was opened with (the names on the ballot with their score, the group's members, who is
 * conflicted with which item, the seats still open) so its tally never depends on later changes elsewhere. A secret
 * ballot keeps counts only; an open one may keep each member's ballot.
 */
export interface RoundItem {
  readonly itemId: string;
  /** What ranked the item when the round was opened (orders passes beyond the seats). */
  readonly score: number | null;
  readonly rank: number | null;
  /** Members with a conflict with this item: out of both counts. */
  readonly conflicted: readonly string[];
}

export interface Round {
  readonly id: string;
  /** The discipline group (学科评审组); '' when the campaign has none (the whole panel votes). */
  readonly groupId: string;
  /** 1, 2 … within the group. */
  readonly number: number;
  readonly openedAt: string;
  /** The group's members, in the panel's order. */
  readonly members: readonly string[];
  /** Seats still open in the group when the round was opened. */
  readonly seats: number;
  readonly items: readonly RoundItem[];
  /** Counts entered, by item (conflicted members already left out). */
  readonly counts: Readonly<Record<string, Counts>>;
  /** Open ballot only: each member's ballot, by item. */
  readonly ballots?: Readonly<Record<string, Readonly<Record<string, Ballot>>>>;
  readonly closedAt?: string;
  /** The rules the round was tallied under, and its tally: recorded when it closes. */
  readonly rules?: VoteRules;
  readonly result?: RoundResult;
}

/** A result sheet as exported and signed: what ties the paper and the file to this campaign's history. */
export interface Seal {
  readonly digest: string;
  readonly file: string;
  readonly at: string;
  readonly signer: { readonly name: string; readonly fingerprint: string };
  readonly selected: number;
}

export interface MeetingState {
  readonly rounds: readonly Round[];
  readonly seals: readonly Seal[];
}

/** Optional: a doc written before the meeting step has none, which reads as no rounds (meetingOf). */
export interface MeetingPart {
  readonly meeting?: MeetingState;
}

export type CountsEntry =
  | { readonly itemId: string; readonly counts: Counts | null }
  | { readonly itemId: string; readonly ballots: Readonly<Record<string, Ballot>> };

export type MeetingChange =
  | { readonly type: 'meeting.roundOpened'; readonly round: Round }
  | { readonly type: 'meeting.countsEntered'; readonly roundId: string; readonly entries: readonly CountsEntry[] }
  /**
   * `ranked`: the group's ranked names not yet voted on (best first), for the next names when too few pass;
   * the tally is worked out by the reducer under `rules` and kept in the round.
   */
  | { readonly type: 'meeting.roundClosed'; readonly roundId: string; readonly rules: VoteRules; readonly ranked: readonly string[]; readonly at: string }
  /** An open round set aside (opened by mistake); a closed one stays. */
  | { readonly type: 'meeting.roundDiscarded'; readonly roundId: string }
  | { readonly type: 'meeting.sealed'; readonly seal: Seal };

type Changes = HistoryEntry['changes'][number][];

export const emptyMeeting: MeetingState = { rounds: [], seals: [] };

export function meetingOf(doc: Partial<MeetingPart>): MeetingState {
  return doc.meeting ?? emptyMeeting;
}

export function roundsOf(doc: Partial<MeetingPart>, groupId?: string): readonly Round[] {
  const all = meetingOf(doc).rounds;
  return groupId === undefined ? all : all.filter((r) => r.groupId === groupId);
}

export function findRound(doc: Partial<MeetingPart>, roundId: string): Round | undefined {
  return meetingOf(doc).rounds.find((r) => r.id === roundId);
}

/** The input of the pure vote for one round, as it stands (counts entered so far). */
export function roundVotes(round: Round): ItemVote[] {
  return round.items.map((it) => {
    const ballots = round.ballots?.[it.itemId];
    const counts = round.counts[it.itemId];
    return {
      itemId: it.itemId,
      score: it.score,
      members: round.members,
      conflicted: it.conflicted,
      ...(ballots ? { ballots } : counts ? { counts } : { counts: { yes: 0, no: 0, abstain: 0 } }),
    };
  });
}

/** Items voted on in a group's rounds before this one (closed ones only). */
function votedBefore(rounds: readonly Round[], round: Round): string[] {
  return rounds.filter((r) => r.groupId === round.groupId && r.closedAt !== undefined && r.id !== round.id).flatMap((r) => r.items.map((i) => i.itemId));
}

/** Where a group stands after its closed rounds: who is selected (in order), the seats left, what comes next. */
export interface GroupStanding {
  readonly groupId: string;
  readonly selected: readonly string[];
  /** null before the first round closes. */
  readonly seatsLeft: number | null;
  /** Names the last closed round proposes for the next round: the tied, those without quorum, then the next names. */
  readonly proposed: readonly string[];
  readonly open: Round | null;
  readonly closed: readonly Round[];
  readonly voted: readonly string[];
}

export function groupStanding(doc: Partial<MeetingPart>, groupId: string): GroupStanding {
  const rounds = roundsOf(doc, groupId);
  const closed = rounds.filter((r) => r.result !== undefined);
  const open = rounds.find((r) => r.closedAt === undefined) ?? null;
  const selected = closed.flatMap((r) => r.result!.selected);
  const last = closed[closed.length - 1];
  const proposed = last?.result ? [...last.result.tiedAtQuota, ...last.result.revote, ...last.result.nextNames] : [];
  return {
    groupId,
    selected,
    seatsLeft: last?.result ? last.result.seatsLeft : null,
    proposed: [...new Set(proposed)],
    open,
    closed,
    voted: closed.flatMap((r) => r.items.map((i) => i.itemId)),
  };
}

function replaceRound(state: MeetingState, round: Round): MeetingState {
  return { ...state, rounds: state.rounds.map((r) => (r.id === round.id ? round : r)) };
}

function mustOpen(state: MeetingState, roundId: string, seq: number): Round {
  const r = state.rounds.find((x) => x.id === roundId);
  if (!r) throw new ReplayError(`entry ${seq}: no ballot round ${roundId}`);
  if (r.closedAt !== undefined) throw new ReplayError(`entry ${seq}: ballot round ${roundId} is closed`);
  return r;
}

const isCount = (x: number) => Number.isInteger(x) && x >= 0;

export const meetingSlice: Slice<MeetingPart, MeetingChange, SetupPart> = {
  step: 'meeting',
  changeTypes: ['meeting.roundOpened', 'meeting.countsEntered', 'meeting.roundClosed', 'meeting.roundDiscarded', 'meeting.sealed'],
  // Nothing until the first round: meetingOf reads a doc without it as no rounds.
  initial: () => ({}),
  reduce(doc, change, { seq }) {
    if (!doc) throw new ReplayError(`entry ${seq}: no campaign to change`);
    const state = meetingOf(doc);
    const groupLabel = (groupId: string) => doc.campaign.groups.find((g) => g.id === groupId)?.name ?? '';
    const subject = (r: Round) => ({ id: r.id, label: `${groupLabel(r.groupId) || doc.campaign.name} · ${r.number}` });
    switch (change.type) {
      case 'meeting.roundOpened': {
        const r = change.round;
        if (state.rounds.some((x) => x.id === r.id)) throw new ReplayError(`entry ${seq}: ballot round ${r.id} exists`);
        if (state.rounds.some((x) => x.groupId === r.groupId && x.closedAt === undefined)) throw new ReplayError(`entry ${seq}: the group already has an open round`);
        if (r.items.length === 0) throw new ReplayError(`entry ${seq}: a ballot round needs names`);
        const changes: Changes = [{ key: `meeting.rounds.${r.id}`, before: null, after: { items: r.items.length, members: r.members.length, seats: r.seats } }];
        return { state: { meeting: { ...state, rounds: [...state.rounds, r] } }, line: { changes, subject: subject(r) } };
      }
      case 'meeting.countsEntered': {
        const r = mustOpen(state, change.roundId, seq);
        const onBallot = new Set(r.items.map((i) => i.itemId));
        const counts: Record<string, Counts> = { ...r.counts };
        const ballots: Record<string, Readonly<Record<string, Ballot>>> = { ...(r.ballots ?? {}) };
        const changes: Changes = [];
        for (const e of change.entries) {
          if (!onBallot.has(e.itemId)) throw new ReplayError(`entry ${seq}: ${e.itemId} is not on the ballot`);
          const before = counts[e.itemId] ?? null;
          if ('ballots' in e) {
            ballots[e.itemId] = e.ballots;
            delete counts[e.itemId];
          } else if (e.counts === null) {
            delete counts[e.itemId];
            delete ballots[e.itemId];
          } else {
            if (!isCount(e.counts.yes) || !isCount(e.counts.no) || !isCount(e.counts.abstain)) throw new ReplayError(`entry ${seq}: counts must be whole numbers`);
            counts[e.itemId] = { yes: e.counts.yes, no: e.counts.no, abstain: e.counts.abstain };
            delete ballots[e.itemId];
          }
          // Counts only in the history: a secret ballot stays secret there too.
          changes.push({ key: `meeting.rounds.${r.id}.${e.itemId}`, before, after: 'ballots' in e ? { ballots: Object.keys(e.ballots).length } : e.counts });
        }
        const next: Round = { ...r, counts, ...(Object.keys(ballots).length > 0 ? { ballots } : {}) };
        if (Object.keys(ballots).length === 0 && 'ballots' in next) delete (next as { ballots?: unknown }).ballots;
        return { state: { meeting: replaceRound(state, next) }, line: { changes, subject: subject(r) } };
      }
      case 'meeting.roundClosed': {
        const r = mustOpen(state, change.roundId, seq);
        const result = decideRound({ items: roundVotes(r), seats: r.seats, ranked: change.ranked, votedBefore: votedBefore(state.rounds, r) }, change.rules);
        const closed: Round = { ...r, closedAt: change.at, rules: change.rules, result };
        const changes: Changes = [{ key: `meeting.rounds.${r.id}.result`, before: null, after: { selected: result.selected, passed: result.passed.length, seatsLeft: result.seatsLeft } }];
        return { state: { meeting: replaceRound(state, closed) }, line: { changes, subject: subject(r) } };
      }
      case 'meeting.roundDiscarded': {
        const r = mustOpen(state, change.roundId, seq);
        return {
          state: { meeting: { ...state, rounds: state.rounds.filter((x) => x.id !== r.id) } },
          line: { changes: [{ key: `meeting.rounds.${r.id}`, before: { items: r.items.length }, after: null }], subject: subject(r) },
        };
      }
      case 'meeting.sealed': {
        const s = change.seal;
        return {
          state: { meeting: { ...state, seals: [...state.seals, s] } },
          line: { changes: [{ key: 'meeting.seals', before: null, after: { digest: s.digest, file: s.file, fingerprint: s.signer.fingerprint, selected: s.selected } }] },
        };
      }
    }
  },
  words: {
    'zh-CN': {
      'meeting.roundOpened': '开始一轮投票',
      'meeting.countsEntered': '录入票数',
      'meeting.roundClosed': '结束投票并计票',
      'meeting.roundDiscarded': '撤销未结束的投票',
      'meeting.sealed': '导出并签署结果表',
    },
    en: {
      'meeting.roundOpened': 'Ballot round opened',
      'meeting.countsEntered': 'Votes entered',
      'meeting.roundClosed': 'Ballot round closed and tallied',
      'meeting.roundDiscarded': 'Open ballot round discarded',
      'meeting.sealed': 'Result sheet exported and signed',
    },
  },
};
