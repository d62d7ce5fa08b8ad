import { AppError } from '../../shared/contract/index.ts';
import type { Candidate, ChartData, GroupView, MeetingOverview, RoundItemView, RoundView } from '../../shared/contract/meeting.ts';
import { countsFromRows } from '../../shared/meeting/counts-import.ts';
import { findRound, groupStanding, meetingOf, roundVotes, type Round } from '../../shared/meeting/slice.ts';
import { decideRound, tally, type VoteRules } from '../../shared/meeting/vote.ts';
import type { CampaignDoc } from '../../shared/store/doc.ts';
import type { StepDeps } from '../deps.ts';
import type { Handlers } from '../dispatcher.ts';
import { readWorkbook } from '../xlsx/reader.ts';
import { meetingDataCache } from './cache.ts';
import type { GroupInfo, MeetingData } from './data.ts';
import { sealHandlers, selectionOf, type SealOptions } from './seal.ts';
import { verifyResultSheet } from './verify.ts';

type MeetingHandlers = Pick<Handlers, `meeting.${string}` & keyof Handlers>;

function load(store: StepDeps['store'], id: string): CampaignDoc {
  const doc = store.get(id);
  if (!doc) throw new AppError('NOT_FOUND', `no campaign with id "${id}"`, { values: { id } });
  return doc;
}

const rulesOf = (doc: CampaignDoc): VoteRules => {
  const { quorumNumerator, quorumDenominator, passNumerator, passDenominator, abstainCountsAsPresent, secretBallot } = doc.campaign.settings.vote;
  return { quorumNumerator, quorumDenominator, passNumerator, passDenominator, abstainCountsAsPresent, secretBallot };
};

const code = (data: MeetingData, expertId: string) => data.codes.get(expertId) ?? '?';

function roundView(doc: CampaignDoc, data: MeetingData, r: Round): RoundView {
  const info = data.groups.find((g) => g.id === r.groupId);
  const cand = new Map((info?.ranked ?? []).map((c) => [c.itemId, c]));
  const rules = r.rules ?? rulesOf(doc);
  const votes = roundVotes(r);
  const items: RoundItemView[] = r.items.map((it, k) => {
    const c: Candidate = cand.get(it.itemId) ?? { itemId: it.itemId, key: data.meta.get(it.itemId)?.key ?? '', title: data.meta.get(it.itemId)?.label ?? '', discipline: data.meta.get(it.itemId)?.discipline ?? null, rank: it.rank, score: it.score, status: 'unranked', toDiscuss: false };
    const recorded = r.result?.tallies.find((t) => t.itemId === it.itemId);
    return { ...c, rank: it.rank, score: it.score, conflicted: it.conflicted.map((e) => code(data, e)), counts: r.counts[it.itemId] ?? null, tally: recorded ?? tally(votes[k]!, rules) };
  });
  const voted = meetingOf(doc).rounds.filter((x) => x.groupId === r.groupId && x.closedAt !== undefined && x.id !== r.id).flatMap((x) => x.items.map((i) => i.itemId));
  const result = r.result ?? decideRound({ items: votes, seats: r.seats, ranked: (info?.ranked ?? []).map((c) => c.itemId), votedBefore: voted }, rules);
  return { id: r.id, groupId: r.groupId, number: r.number, open: r.closedAt === undefined, seats: r.seats, members: r.members.map((e) => code(data, e)), items, result };
}

function groupView(doc: CampaignDoc, data: MeetingData, g: GroupInfo): GroupView {
  const st = groupStanding(doc, g.id);
  const shortlist = g.ranked.filter((c) => c.status === 'selected' || c.status === 'tie').map((c) => c.itemId);
  return {
    id: g.id,
    name: g.name,
    nameEn: g.nameEn,
    members: g.members.map((e) => code(data, e)),
    seats: g.seats,
    selected: st.selected,
    seatsLeft: st.seatsLeft,
    proposed: st.closed.length === 0 ? shortlist : st.proposed,
    candidates: g.ranked,
    rounds: [...st.closed, ...(st.open ? [st.open] : [])].map((r) => roundView(doc, data, r)),
  };
}

export interface MeetingServiceOptions extends SealOptions {
  /** Campaigns with at least this many scores have the meeting's results computed in a worker (default 5,000). */
  readonly workerFrom?: number;
}

export function meetingHandlers(deps: StepDeps, opts: MeetingServiceOptions = {}): MeetingHandlers {
  const { store, now, newId } = deps;
  const dataOf = meetingDataCache(deps.pool, opts.workerFrom ?? 5000);

  function mustOpenRound(doc: CampaignDoc, roundId: string): Round {
    const r = findRound(doc, roundId);
    if (!r) throw new AppError('NOT_FOUND', `no ballot round "${roundId}"`, { values: { id: roundId } });
    if (r.closedAt !== undefined) throw new AppError('MEETING_ROUND_CLOSED', `ballot round ${r.number} is closed`, { values: { round: r.number } });
    return r;
  }

  async function view(campaignId: string, roundId: string): Promise<RoundView> {
    const doc = load(store, campaignId);
    return roundView(doc, await dataOf(doc), findRound(doc, roundId)!);
  }

  return {
    'meeting.overview': async ({ campaignId }) => {
      const doc = load(store, campaignId);
      const data = await dataOf(doc);
      return { groups: data.groups.map((g) => groupView(doc, data, g)), rules: rulesOf(doc), seals: meetingOf(doc).seals, scored: data.totals.length > 0 } satisfies MeetingOverview;
    },

    'meeting.openRound': async ({ campaignId, groupId, itemIds }, ctx) => {
      const doc = load(store, campaignId);
      const data = await dataOf(doc);
      const g = data.groups.find((x) => x.id === groupId);
      if (!g) throw new AppError('NOT_FOUND', `no discipline group "${groupId}"`, { values: { id: groupId } });
      const st = groupStanding(doc, groupId);
      if (st.open) throw new AppError('MEETING_ROUND_OPEN', `${g.name} already has ballot round ${st.open.number} open`, { values: { group: g.name } });
      const gv = groupView(doc, data, g);
      const names = itemIds ?? gv.proposed;
      if (names.length === 0) throw new AppError('MEETING_NO_NAMES', `nothing to vote on in ${g.name}`, { values: { item: '' } });
      const cand = new Map(g.ranked.map((c) => [c.itemId, c]));
      for (const id of names) if (!cand.has(id)) throw new AppError('MEETING_NO_NAMES', `${id} is not on ${g.name}'s list`, { values: { item: id } });
      const members = new Set(g.members);
      const seats = st.seatsLeft ?? g.seats;
      const round: Round = {
        id: newId('r'),
        groupId,
        number: st.closed.length + 1,
        openedAt: now().toISOString(),
        members: g.members,
        seats,
        items: [...new Set(names)].map((id) => ({ itemId: id, score: cand.get(id)!.score, rank: cand.get(id)!.rank, conflicted: data.conflicted(id).filter((e) => members.has(e)) })),
        counts: {},
      };
      await store.commit(campaignId, { type: 'meeting.roundOpened', round }, ctx.actor);
      return view(campaignId, round.id);
    },

    'meeting.enterCounts': async ({ campaignId, roundId, entries }, ctx) => {
      const doc = load(store, campaignId);
      const r = mustOpenRound(doc, roundId);
      const on = new Set(r.items.map((i) => i.itemId));
      for (const e of entries) if (!on.has(e.itemId)) throw new AppError('MEETING_NO_NAMES', `${e.itemId} is not on this ballot`, { values: { item: e.itemId } });
      await store.commit(campaignId, { type: 'meeting.countsEntered', roundId, entries }, ctx.actor);
      return view(campaignId, roundId);
    },

    'meeting.importCounts': async ({ campaignId, roundId, file }, ctx) => {
      const doc = load(store, campaignId);
      const r = mustOpenRound(doc, roundId);
      const data = await dataOf(doc);
      const wb = readWorkbook(file.bytes, file.name);
      const items = r.items.map((i) => ({ itemId: i.itemId, key: data.meta.get(i.itemId)?.key ?? '', title: data.meta.get(i.itemId)?.label ?? '' }));
      const found = wb.sheets.map((s) => countsFromRows(s.rows, items)).find((x) => x.length > 0) ?? [];
      if (found.length === 0) throw new AppError('MEETING_NO_NAMES', `${file.name}: no row names an item of this ballot with its counts`, { values: { item: '' } });
      await store.commit(campaignId, { type: 'meeting.countsEntered', roundId, entries: found }, ctx.actor);
      return view(campaignId, roundId);
    },

    'meeting.closeRound': async ({ campaignId, roundId }, ctx) => {
      const doc = load(store, campaignId);
      const r = mustOpenRound(doc, roundId);
      const data = await dataOf(doc);
      const g = data.groups.find((x) => x.id === r.groupId);
      const voted = new Set([...groupStanding(doc, r.groupId).voted, ...r.items.map((i) => i.itemId)]);
      // The next names a further round would take: the ranked list less those voted on, as many as seats.
      const ranked = (g?.ranked ?? []).map((c) => c.itemId).filter((id) => !voted.has(id)).slice(0, r.seats);
      await store.commit(campaignId, { type: 'meeting.roundClosed', roundId, rules: rulesOf(doc), ranked, at: now().toISOString() }, ctx.actor);
      return view(campaignId, roundId);
    },

    'meeting.discardRound': async ({ campaignId, roundId }, ctx) => {
      const doc = load(store, campaignId);
      mustOpenRound(doc, roundId);
      await store.commit(campaignId, { type: 'meeting.roundDiscarded', roundId }, ctx.actor);
      return { discarded: true as const };
    },

    'meeting.charts': async ({ campaignId }) => {
      const doc = load(store, campaignId);
      const data = await dataOf(doc);
      const byExpert = new Map<string, number[]>();
      for (const s of data.totals) {
        const l = byExpert.get(s.expertId);
        if (l) l.push(s.total);
        else byExpert.set(s.expertId, [s.total]);
      }
      const experts = [...data.codes].filter(([id]) => byExpert.has(id)).map(([id, c]) => ({ code: c, totals: byExpert.get(id)!.sort((a, b) => a - b) }));
      // Each item's outcome: the round that selected it, or selected by rank where its group did not vote, or not.
      const selected = new Set(selectionOf(doc, data).map((s) => s.itemId));
      const roundOf = new Map<string, number>();
      const votedGroups = new Set<string>();
      for (const r of meetingOf(doc).rounds) {
        if (!r.result) continue;
        votedGroups.add(r.groupId);
        for (const id of r.result.selected) roundOf.set(id, r.number);
      }
      const ranked = data.results.ranking.standings.filter((s) => s.rank !== null && s.score !== null).map((s) => ({
        rank: s.rank!, score: s.score!, title: data.meta.get(s.itemId)?.label ?? '', status: s.status,
        selected: selected.has(s.itemId), round: roundOf.get(s.itemId) ?? null, voted: votedGroups.has(data.groupOf(s.itemId)),
      }));
      const sel = ranked.filter((r) => r.status === 'selected');
      const last = sel.reduce<(typeof sel)[number] | null>((a, b) => (a === null || b.rank > a.rank ? b : a), null);
      const score = new Map(data.results.ranking.standings.map((s) => [s.itemId, s.score]));
      const disagreement = data.results.disagreements.filter((d) => d.span !== null && d.sd !== null && score.get(d.itemId) != null).map((d) => ({ title: data.meta.get(d.itemId)?.label ?? '', score: score.get(d.itemId)!, span: d.span!, sd: d.sd!, toDiscuss: d.toDiscuss }));
      const s = doc.campaign.settings.disagreement;
      return { experts, ranked, cutScore: last?.score ?? null, cutRank: last?.rank ?? null, disagreement, thresholds: { span: s.span, sd: s.stdDev } } satisfies ChartData;
    },

    'meeting.verify': ({ file }) => verifyResultSheet(file.bytes, file.name),

    ...sealHandlers(deps, dataOf, opts),
  };
}
