import { describe, expect, it } from 'vitest';
import { answerPayload, packagePayload, parseAnswer, parsePackage, type AnswerPayload, type SheetPackage } from './payload.ts';

const pkg: SheetPackage = { kind: 'score-sheet', format: 1, campaignId: 'c1', campaignName: '十佳', expertId: 'e1', expertName: '张三', expertCode: '专家A', sheetId: 's1', supplementary: false, itemIds: ['n2', 'n1'], criteria: [{ id: 'a', weight: 60, min: 0, max: 60, step: 1 }], issuedAt: '2026-03-01T00:00:00.000Z' };
const ans: AnswerPayload = { kind: 'score-answer', format: 1, campaignId: 'c1', expertId: 'e1', sheetId: 's1', seq: 1, packageDigest: 'x', items: [{ id: 'n2', scores: {}, comment: '好', recused: false }] };

describe('the signed payloads', () => {
  it('are canonical: keys sorted, no spaces, whatever the order they were built in', () => {
    const shuffled = Object.fromEntries(Object.entries(pkg).reverse()) as unknown as SheetPackage;
    expect(packagePayload(shuffled)).toBe(packagePayload(pkg));
    expect(packagePayload(pkg).startsWith('{"campaignId":"c1","campaignName":"十佳","criteria":[{"id":"a","max":60')).toBe(true);
  });

  it('an empty score and a missing one sign alike; every criterion is named', () => {
    const a = answerPayload(ans, [{ id: 'a' }]);
    expect(a).toContain('"scores":{"a":null}');
    expect(answerPayload({ ...ans, items: [{ ...ans.items[0]!, scores: { a: null } }] }, [{ id: 'a' }])).toBe(a);
  });

  it('read back what they wrote, and nothing else', () => {
    expect(parsePackage(packagePayload(pkg))).toEqual(pkg);
    expect(parseAnswer(answerPayload(ans, [{ id: 'a' }]))).toEqual({ ...ans, items: [{ ...ans.items[0], scores: { a: null } }] });
    for (const bad of ['', '{', '[]', JSON.stringify({ ...pkg, kind: 'other' }), JSON.stringify({ ...pkg, itemIds: [1] })]) expect(parsePackage(bad)).toBeNull();
    expect(parseAnswer(JSON.stringify({ ...ans, items: [{ id: 'n', scores: { a: 'x' }, comment: '', recused: false }] }))).toBeNull();
  });
});
