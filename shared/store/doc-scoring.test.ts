import { describe, expect, it } from 'vitest';
import { newCampaign } from '../campaign/campaign.ts';
import { applyEntry, historyOf, historyTypeWord, ReplayError, type CampaignDoc, type Change } from './doc.ts';
import { answersOf, findAnswer, recusalsOf, scoredRows, type Answer, type ExpertPacket, type SheetRecord, type SheetReturn } from '../scoring/slice.ts';

const campaign = newCampaign({ template: 'topics', name: 'x', year: 2026 }, 'c-1', '2026-01-01T00:00:00.000Z');

let seq = 0;
function apply(doc: CampaignDoc | null, change: Change, actor = 'sec'): CampaignDoc {
  seq += 1;
  return applyEntry(doc, { seq, at: `2026-03-0${Math.min(seq, 9)}T00:00:00.000Z`, actor, change });
}
function start(): CampaignDoc {
  seq = 0;
  return apply(null, { type: 'campaign.created', campaign });
}
const sheet = (id: string, expertId: string, itemIds: string[]): SheetRecord => ({ id, expertId, itemIds, issuedAt: 't', supplementary: false, packageDigest: 'd', status: 'issued', seq: -1, returns: [] });
const answer = (expertId: string, itemId: string, scores: Record<string, number | null>, extra: Partial<Answer> = {}): Answer => ({ expertId, itemId, scores, comment: '', recused: false, source: { kind: 'sheet', sheetId: 's1', seq: 1, signature: 'valid' }, at: 't', ...extra });
const ret = (seqNo: number, accepted = true): SheetReturn => ({ at: 't', file: '专家A.xlsx', digest: 'abc', seq: seqNo, signature: 'valid', key: 'enrolled', accepted, outcome: accepted ? 'accepted' : 'refused-tampered' });

describe('the scoring slice', () => {
  it('a new doc has an empty, open scoring part', () => {
    const d = start();
    expect(d.scoring).toEqual({ sheets: [], answers: [], closed: false, keys: [], mine: null });
    expect(answersOf(d)).toEqual([]);
  });

  it('issues sheets, withdraws a replaced one, refuses an id twice', () => {
    let d = start();
    d = apply(d, { type: 'sheets.issued', sheets: [sheet('s1', 'e1', ['n1', 'n2']), sheet('s2', 'e2', ['n1'])], withdraw: [] });
    d = apply(d, { type: 'sheets.issued', sheets: [sheet('s3', 'e3', ['n1'])], withdraw: ['s2'] });
    expect(d.scoring.sheets.map((s) => [s.id, s.status])).toEqual([['s1', 'issued'], ['s2', 'withdrawn'], ['s3', 'issued']]);
    expect(() => apply(d, { type: 'sheets.issued', sheets: [sheet('s1', 'e1', [])], withdraw: [] })).toThrow(ReplayError);
    expect(historyOf(d).at(-1)!.changes).toEqual([
      { key: 'sheets.s3', before: null, after: { expertId: 'e3', items: 1, supplementary: false } },
      { key: 'sheets.s2.status', before: 'issued', after: 'withdrawn' },
    ]);
  });

  it('an accepted return replaces that expert\'s answers, records the return and its seq, and enrols a key; the history says before and after', () => {
    let d = start();
    d = apply(d, { type: 'sheets.issued', sheets: [sheet('s1', 'e1', ['n1', 'n2'])], withdraw: [] });
    d = apply(d, { type: 'score.entered', expertId: 'e2', answers: [answer('e2', 'n1', { a: 3 }, { source: { kind: 'paper', by: '王秘书', doubleEntry: true } })] });
    const key = { expertId: 'e1', publicKey: 'PK', fingerprint: 'AAAA BBBB', at: 't' };
    d = apply(d, { type: 'sheet.returned', sheetId: 's1', return: ret(1), answers: [answer('e1', 'n1', { a: 5, b: 2 }), answer('e1', 'n2', { a: null, b: null }, { recused: true })], enrol: key });
    expect(d.scoring.sheets[0]!.seq).toBe(1);
    expect(d.scoring.keys).toEqual([key]);
    expect(findAnswer(d, 'e1', 'n1')!.scores).toEqual({ a: 5, b: 2 });
    expect(findAnswer(d, 'e2', 'n1')!.source).toEqual({ kind: 'paper', by: '王秘书', doubleEntry: true });
    expect(scoredRows(d)).toEqual([{ itemId: 'n1', expertId: 'e2', scores: { a: 3 } }, { itemId: 'n1', expertId: 'e1', scores: { a: 5, b: 2 } }]);
    expect(recusalsOf(d)).toEqual([{ itemId: 'n2', expertId: 'e1' }]);
    const h = historyOf(d).at(-1)!;
    expect(h.type).toBe('sheet.returned');
    expect(h.changes).toContainEqual({ key: 'scores.n1.e1.a', before: null, after: 5 });
    expect(h.changes).toContainEqual({ key: 'scores.n2.e1.recused', before: false, after: true });
    expect(h.changes).toContainEqual({ key: 'keys.e1', before: null, after: 'AAAA BBBB' });
    expect(h.changes[0]).toEqual({ key: 'sheets.s1.return', before: null, after: { file: '专家A.xlsx', seq: 1, signature: 'valid', key: 'enrolled', outcome: 'accepted' } });

    // A revision: only what changed is in the history, the answers stay one per expert and item.
    d = apply(d, { type: 'sheet.returned', sheetId: 's1', return: ret(2), answers: [answer('e1', 'n1', { a: 4, b: 2 }), answer('e1', 'n2', { a: null, b: null }, { recused: true })], enrol: null });
    expect(historyOf(d).at(-1)!.changes.slice(1)).toEqual([{ key: 'scores.n1.e1.a', before: 5, after: 4 }]);
    expect(answersOf(d)).toHaveLength(3);
    expect(d.scoring.sheets[0]!.seq).toBe(2);
  });

  it('a refused return is recorded and changes no answer nor the seq', () => {
    let d = start();
    d = apply(d, { type: 'sheets.issued', sheets: [sheet('s1', 'e1', ['n1'])], withdraw: [] });
    d = apply(d, { type: 'sheet.returned', sheetId: 's1', return: ret(3, false), answers: [answer('e1', 'n1', { a: 1 })], enrol: null });
    expect(d.scoring.answers).toEqual([]);
    expect(d.scoring.sheets[0]!.seq).toBe(-1);
    expect(d.scoring.sheets[0]!.returns).toHaveLength(1);
  });

  it('refuses a return of an unknown sheet or with another expert\'s answers', () => {
    let d = start();
    expect(() => apply(d, { type: 'sheet.returned', sheetId: 'nope', return: ret(1), answers: [], enrol: null })).toThrow(/no score sheet nope/);
    d = apply(d, { type: 'sheets.issued', sheets: [sheet('s1', 'e1', ['n1'])], withdraw: [] });
    expect(() => apply(d, { type: 'sheet.returned', sheetId: 's1', return: ret(1), answers: [answer('e2', 'n1', {})], enrol: null })).toThrow(ReplayError);
    expect(() => apply(d, { type: 'score.entered', expertId: 'e1', answers: [answer('e2', 'n1', {})] })).toThrow(ReplayError);
  });

  it('on the expert\'s laptop: opened, edited one answer at a time, submitted with a growing seq', () => {
    const packet: ExpertPacket = { expertId: 'e1', expertName: '张三', code: '专家A', sheetId: 's1', items: [{ id: 'n1', label: 'T', fields: [] }], seq: 0, secretary: { name: '秘书', fingerprint: 'F', publicKey: 'P' }, packageText: '{}', packageSignature: 'sig', packageDigest: 'd', submittedAt: null };
    let d = start();
    d = apply(d, { type: 'scoring.opened', packet, answers: [] }, 'e1');
    d = apply(d, { type: 'score.edited', answer: answer('e1', 'n1', { a: 2 }, { source: { kind: 'workstation' } }), label: 'T' }, 'e1');
    d = apply(d, { type: 'score.edited', answer: answer('e1', 'n1', { a: 3 }, { source: { kind: 'workstation' } }), label: 'T' }, 'e1');
    expect(historyOf(d).at(-1)).toMatchObject({ changes: [{ key: 'scores.n1.e1.a', before: 2, after: 3 }], subject: { id: 'n1', label: 'T' } });
    d = apply(d, { type: 'sheet.submitted', sheetId: 's1', seq: 1, at: 'T1' }, 'e1');
    expect(d.scoring.mine).toMatchObject({ seq: 1, submittedAt: 'T1' });
    expect(() => apply(d, { type: 'sheet.submitted', sheetId: 's1', seq: 1, at: 'T2' })).toThrow(/does not follow/);
    expect(() => apply(d, { type: 'sheet.submitted', sheetId: 's9', seq: 2, at: 'T2' })).toThrow(/not this workstation/);
  });

  it('closes and reopens, trusts a key by hand, and words every change in both languages', () => {
    let d = start();
    d = apply(d, { type: 'scoring.closed', closed: true });
    expect(d.scoring.closed).toBe(true);
    d = apply(d, { type: 'scoring.key-trusted', key: { expertId: 'e1', publicKey: 'P2', fingerprint: 'F2', at: 't' } });
    expect(d.scoring.keys.map((k) => k.fingerprint)).toEqual(['F2']);
    expect(historyTypeWord('sheet.returned', 'zh-CN')).toBe('收回评分表');
    expect(historyTypeWord('score.entered', 'en')).toBe('Paper scores typed in');
  });

  it('leaves the doc it was given as it was', () => {
    let d = start();
    d = apply(d, { type: 'sheets.issued', sheets: [sheet('s1', 'e1', ['n1'])], withdraw: [] });
    const frozen = JSON.stringify(d);
    apply(d, { type: 'sheet.returned', sheetId: 's1', return: ret(1), answers: [answer('e1', 'n1', { a: 1 })], enrol: null });
    expect(JSON.stringify(d)).toBe(frozen);
  });
});
