import { describe, expect, it } from 'vitest';
import { newCampaign } from '../campaign/campaign.ts';
import type { Nomination } from '../nominations/record.ts';
import type { Expert } from '../panel/model.ts';
import type { Answer } from '../scoring/slice.ts';
import { checkCampaignDoc } from './doc-schema.ts';
import { applyEntry, historyOf, historyTypeWord, ReplayError, type CampaignDoc, type Change } from './doc.ts';
import { migrate } from './migrations.ts';
import { resultsInputOf, resultsOf } from '../results/from-doc.ts';
import { adjustmentsOf } from '../results/slice.ts';

const base = newCampaign({ template: 'topics', name: '议题', year: 2026 }, 'c-1', '2026-01-01T00:00:00.000Z');
const campaign = { ...base, settings: { ...base.settings, quota: { ...base.settings.quota, total: 2 } } };

function nomination(id: string, title: string): Nomination {
  return {
    id, key: id, edits: {}, override: null, distinctFrom: [], createdAt: '2026-01-02T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z',
    sources: [{ importId: 'i1', file: 'f.xlsx', sha256: '', sheet: 'S', row: 2, nominator: '中国化学会', fields: { title, proposer: '李四', nominator: '中国化学会' }, extra: [], at: '2026-01-02T00:00:00Z' }],
  };
}
const expert = (id: string, name: string): Expert => ({ id, name, institution: '', department: '', title: '', disciplines: [], offices: [], phone: '', email: '', groupId: null });
/** Topics' criteria run 0–weight (40, 30, 30): the total is their sum. */
const answer = (expertId: string, itemId: string, total: number, extra: Partial<Answer> = {}): Answer => ({
  expertId, itemId, comment: '', recused: false, source: { kind: 'paper', by: 'me', doubleEntry: false }, at: 't',
  scores: { 'cross-disciplinarity': Math.min(40, total), frontier: Math.min(30, Math.max(0, total - 40)), feasibility: Math.max(0, total - 70) },
  ...extra,
});

let seq = 0;
const step = (doc: CampaignDoc | null, change: Change, actor = 'me'): CampaignDoc => applyEntry(doc, { seq: ++seq, at: `2026-03-0${Math.min(9, seq)}T00:00:00Z`, actor, change });

function scoredDoc(): CampaignDoc {
  let d = step(null, { type: 'campaign.created', campaign });
  const noms = [nomination('n1', '议题一'), nomination('n2', '议题二'), nomination('n3', '议题三'), nomination('n4', '议题四'), nomination('n5', '议题五')];
  d = step(d, { type: 'nominations.imported', import: { id: 'i1', file: 'f.xlsx', sha256: '', size: 1, sheet: 'S', nominator: '中国化学会', mapping: {}, at: 't', actor: 'me', imported: 5, updated: 0, unchanged: 0, rejected: 0 }, upserts: noms, memory: null });
  d = step(d, { type: 'nomination.overridden', id: 'n5', override: { status: 'ineligible', note: '超出范围', at: 't', actor: 'me' }, at: 't' });
  for (const [id, name] of [['e1', '张一'], ['e2', '王二'], ['e3', '刘三'], ['e4', '陈四']] as const) d = step(d, { type: 'expert.added', expert: expert(id, name) });
  d = step(d, { type: 'conflict.declared', conflict: { itemId: 'n2', expertId: 'e4', kind: 'declared', reason: { code: 'DECLARED', values: { by: 'e4', text: '合作者' } }, state: 'declared', note: '' } });
  const sheet: Record<string, [string, number, Partial<Answer>?][]> = {
    e1: [['n1', 90], ['n2', 80], ['n3', 70], ['n4', 75], ['n5', 100]],
    e2: [['n1', 80], ['n2', 80], ['n3', 70], ['n4', 75]],
    e3: [['n1', 70], ['n2', 80], ['n3', 10, { recused: true }], ['n4', 75]],
    e4: [['n1', 60, { comment: '创新不足' }], ['n2', 20], ['n3', 70], ['n4', 75]],
  };
  for (const [e, rows] of Object.entries(sheet)) d = step(d, { type: 'score.entered', expertId: e, answers: rows.map(([i, t, x]) => answer(e, i, t, x)) });
  return d;
}

describe('resultsOf: the results of a campaign\'s doc', () => {
  it('counts neither conflicts nor recusals, leaves the ineligible out, and ranks with ties shown', () => {
    const d = scoredDoc();
    const built = resultsInputOf(d, 'mean');
    expect(built.meta.map((m) => m.label)).toEqual(['议题一', '议题二', '议题三', '议题四']);
    expect(built.input.scores.excluded.map((x) => [x.score.itemId, x.score.expertId, x.reason.code])).toEqual([['n2', 'e4', 'SCORE_CONFLICT']]);
    const r = resultsOf(d, 'mean');
    // n2: 80 (e4's 20 out); n1 and n4: 75; n3: 70 (e3 recused). Two seats: n2, then n1 and n4 tie on the line.
    expect(r.ranking.standings.map((s) => `${s.itemId}:${s.rank}:${s.status}`)).toEqual(['n2:1:selected', 'n1:2:tie', 'n4:2:tie', 'n3:4:out']);
    expect(r.aggregation.items.find((i) => i.itemId === 'n3')?.n).toBe(3);
    expect(r.ranking.lines[0]?.reasons.map((x) => x.code)).toEqual(['TIE_AT_LINE']);
    // n1 spans 30 points: on the list to discuss, experts under their letters in the panel's order.
    const n1 = r.disagreements.find((x) => x.itemId === 'n1');
    expect(n1?.toDiscuss).toBe(true);
    expect(n1?.scores.map((s) => `${s.code}${s.total}`)).toEqual(['A90', 'B80', 'C70', 'D60']);
  });

  it('the campaign\'s method and tie-breaks rank unless a method is asked for', () => {
    const d = scoredDoc();
    expect(resultsOf(d).method).toBe('trimmed');
    // Four scores leave two after trimming, fewer than the three needed: nothing ranks by the trimmed mean.
    expect(resultsOf(d).ranking.standings.every((s) => s.status === 'unranked')).toBe(true);
    const byCount = step(d, { type: 'campaign.replaced', campaign: { ...d.campaign, settings: { ...d.campaign.settings, aggregation: { ...d.campaign.settings.aggregation, method: 'median', tieBreaks: ['count'] } } }, changes: [] });
    // Medians: n2 80, n1 75, n4 75, n3 70; n4 has four scores, n1 four too: still tied, so the line is shared.
    const r = resultsOf(byCount);
    expect(r.method).toBe('median');
    expect(r.ranking.standings.map((s) => `${s.itemId}:${s.rank}`)).toEqual(['n2:1', 'n1:2', 'n4:2', 'n3:4']);
  });

  it('an adjustment with its reason settles the tie; withdrawn, the tie is back; both are in the history', () => {
    let d = scoredDoc();
    d = step(d, { type: 'results.adjusted', adjustment: { id: 'a1', itemId: 'n4', kind: 'select', reason: '会议一致同意' } }, '秘书');
    expect(adjustmentsOf(d)).toEqual([{ id: 'a1', itemId: 'n4', kind: 'select', reason: '会议一致同意', by: '秘书', at: d.history.chunks.at(-1)?.at(-1)?.at }]);
    const r = resultsOf(d, 'mean');
    expect(r.ranking.standings.map((s) => `${s.itemId}:${s.status}`)).toEqual(['n2:selected', 'n1:out', 'n4:selected', 'n3:out']);
    expect(r.ranking.standings.find((s) => s.itemId === 'n4')?.notes).toContainEqual({ code: 'ADJUSTED_SELECT', values: { reason: '会议一致同意' } });
    expect(historyOf(d).at(-1)).toMatchObject({ type: 'results.adjusted', actor: '秘书', subject: { id: 'n4', label: '议题四' } });
    expect(historyTypeWord('results.adjusted', 'en')).toBe('Ranking adjusted by hand');
    expect(checkCampaignDoc(JSON.parse(JSON.stringify(d))).ok).toBe(true);

    d = step(d, { type: 'results.unadjusted', id: 'a1', reason: '重新讨论' });
    expect(adjustmentsOf(d)).toEqual([]);
    expect(resultsOf(d, 'mean').ranking.standings.map((s) => s.status)).toEqual(['selected', 'tie', 'tie', 'out']);
    expect(historyOf(d).at(-1)).toMatchObject({ type: 'results.unadjusted', changes: [{ key: 'results.adjustments.a1', before: { kind: 'select', reason: '会议一致同意' }, after: { withdrawn: '重新讨论' } }] });
  });

  it('refuses an adjustment without a reason, twice the same id, or withdrawing one that is not there', () => {
    const d = scoredDoc();
    expect(() => step(d, { type: 'results.adjusted', adjustment: { id: 'a1', itemId: 'n4', kind: 'select', reason: '  ' } })).toThrow(ReplayError);
    const d1 = step(d, { type: 'results.adjusted', adjustment: { id: 'a1', itemId: 'n4', kind: 'move', toRank: 1, reason: '理由' } });
    expect(() => step(d1, { type: 'results.adjusted', adjustment: { id: 'a1', itemId: 'n3', kind: 'select', reason: '理由' } })).toThrow(ReplayError);
    expect(() => step(d1, { type: 'results.unadjusted', id: 'nope', reason: '' })).toThrow(ReplayError);
    expect(() => step(d1, { type: 'results.adjusted', adjustment: { id: 'a2', itemId: 'zz', kind: 'select', reason: '理由' } })).toThrow(ReplayError);
    expect(resultsOf(d1, 'mean').ranking.standings.map((s) => `${s.itemId}:${s.rank}`)).toEqual(['n4:1', 'n2:2', 'n1:3', 'n3:4']);
  });

  it('a doc of schema 6 migrates to one with no adjustments, and a malformed part is refused by the snapshot check', () => {
    const d = scoredDoc();
    const { results: _r, ...older } = JSON.parse(JSON.stringify(d)) as CampaignDoc;
    const out = migrate({ ...older, schemaVersion: 6 });
    expect(out.ok && out.doc.results).toEqual({ adjustments: [] });
    expect(checkCampaignDoc({ ...d, results: { adjustments: [{ id: 'a' }] } }).ok).toBe(false);
  });
});
