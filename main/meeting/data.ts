import type { Candidate } from '../../shared/contract/meeting.ts';
import type { ItemStatus, PayloadFile } from '../../shared/meeting/payload.ts';
import { effectiveFields, nominatorsOf } from '../../shared/nominations/merge.ts';
import { blockingPairs, expertsOf } from '../../shared/panel/slice.ts';
import { expertLetters, resultsInputOf, type BuiltInput, type ResultsMeta } from '../../shared/results/from-doc.ts';
import type { PanelScore, SheetScores } from '../../shared/results/panel.ts';
import { computeResults } from '../../shared/results/results.ts';
import type { MeetingResults } from './results-part.ts';
import { scoredRows, sheetsOf } from '../../shared/scoring/slice.ts';
import { canonicalJson } from '../../shared/signing/canonical.ts';
import { findNomination, historyOf, type CampaignDoc } from '../../shared/store/doc.ts';
import { sha256Hex } from '../identity/identity.ts';

/**
 * What the meeting reads from the steps before it, in one place: the results (computeResults over the doc, as the
 * results step makes them), the discipline groups with their members, candidates and seats, the conflicts, the expert
 * codes, the raw scores and the files that contributed.
 */
export interface GroupInfo {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  /** Expert ids, in the panel's order. */
  readonly members: readonly string[];
  /** The group's items, best first (the ranking's order). */
  readonly ranked: readonly Candidate[];
  readonly seats: number;
}

export interface MeetingData {
  readonly results: MeetingResults;
  readonly meta: ReadonlyMap<string, ResultsMeta>;
  readonly rows: readonly SheetScores[];
  readonly totals: readonly PanelScore[];
  /** Expert id → code letter (A, B …). */
  readonly codes: ReadonlyMap<string, string>;
  readonly groups: readonly GroupInfo[];
  /** Item → the experts kept off it by a conflict. */
  readonly conflicted: (itemId: string) => readonly string[];
  readonly groupOf: (itemId: string) => string;
}

/** Items whose discipline no group names go to the group without disciplines, else to the first group. */
function groupFor(doc: CampaignDoc, discipline: string | null): string {
  const gs = doc.campaign.groups;
  if (gs.length === 0) return '';
  const named = gs.find((g) => discipline !== null && g.disciplines.includes(discipline));
  return (named ?? gs.find((g) => g.disciplines.length === 0) ?? gs[0]!).id;
}

/**
 * The campaign's last change before any seal: the results' day and the payload's time. A seal changes nothing the
 * result depends on, so the same state gives the same results and the same digest, whenever they are made.
 */
export function stateTime(doc: CampaignDoc): string {
  const h = historyOf(doc);
  for (let i = h.length - 1; i >= 0; i--) if (h[i]!.type !== 'meeting.sealed') return h[i]!.at;
  return doc.campaign.updatedAt;
}

/** The results' input as the meeting computes it (the day of the campaign's last change). */
export function meetingInput(doc: CampaignDoc): BuiltInput {
  return resultsInputOf(doc, undefined, { today: stateTime(doc).slice(0, 10) });
}

/**
 * The meeting's data. `results` may come computed elsewhere (a worker: handlers.ts), from the same `built`; without
 * it they are computed here.
 */
export function meetingData(doc: CampaignDoc, built: BuiltInput = meetingInput(doc), results: MeetingResults = computeResults(built.input)): MeetingData {
  const experts = expertsOf(doc);
  const codes = expertLetters(doc);
  const blocking = blockingPairs(doc);
  const meta = new Map(built.meta.map((m) => [m.id, m]));
  const disagreement = new Map(results.disagreements.map((d) => [d.itemId, d]));
  const byItem = new Map<string, string[]>();
  for (const p of blocking) {
    const l = byItem.get(p.itemId);
    if (l) l.push(p.expertId);
    else byItem.set(p.itemId, [p.expertId]);
  }
  const groupIds = new Map<string, string>();
  for (const m of built.meta) groupIds.set(m.id, groupFor(doc, m.discipline));
  const groupOf = (itemId: string) => groupIds.get(itemId) ?? '';
  const candidates = new Map<string, Candidate[]>();
  for (const s of results.ranking.standings) {
    const m = meta.get(s.itemId);
    const c: Candidate = { itemId: s.itemId, key: m?.key ?? '', title: m?.label ?? '', discipline: m?.discipline ?? null, rank: s.rank, score: s.score, status: s.status as ItemStatus, toDiscuss: disagreement.get(s.itemId)?.toDiscuss ?? false };
    const g = groupOf(s.itemId);
    const l = candidates.get(g);
    if (l) l.push(c);
    else candidates.set(g, [c]);
  }
  const shortlisted = (list: readonly Candidate[]) => list.filter((c) => c.status === 'selected' || c.status === 'tie').length;
  const groups: GroupInfo[] = doc.campaign.groups.length === 0
    ? [{ id: '', name: doc.campaign.name, nameEn: '', members: experts.map((e) => e.id), ranked: candidates.get('') ?? [], seats: doc.campaign.settings.quota.total ?? shortlisted(candidates.get('') ?? []) }]
    : doc.campaign.groups.map((g) => {
        const ranked = candidates.get(g.id) ?? [];
        return { id: g.id, name: g.name, nameEn: g.nameEn, members: experts.filter((e) => e.groupId === g.id).map((e) => e.id), ranked, seats: g.quotaShare ?? shortlisted(ranked) };
      });
  const totals = built.input.scores.scores;
  return { results, meta, rows: scoredRows(doc), totals, codes, groups, conflicted: (id) => byItem.get(id) ?? [], groupOf };
}

/** Every file behind the result: nomination workbooks imported, score sheets returned; each with its content's digest. */
export function contributingFiles(doc: CampaignDoc): PayloadFile[] {
  const files: PayloadFile[] = doc.imports.map((r) => ({ kind: 'nominations', name: r.file, sha256: r.sha256, payloadSha256: sha256Hex(canonicalJson(r)) }));
  for (const s of sheetsOf(doc)) {
    for (const r of s.returns) if (r.accepted) files.push({ kind: 'score-sheet', name: r.file, sha256: r.digest, payloadSha256: s.packageDigest });
  }
  return files;
}

/** A nomination's public fields and nominators (for the public list). */
export function publicItem(doc: CampaignDoc, itemId: string): { fields: Readonly<Record<string, unknown>>; nominators: readonly string[] } {
  const n = findNomination(doc, itemId);
  if (!n) return { fields: {}, nominators: [] };
  return { fields: effectiveFields(n).fields, nominators: nominatorsOf(n) };
}
