import { describe, expect, it } from 'vitest';
import type { Criterion } from '../campaign/model.ts';
import { decideSheet, type IncomingSheet, type SheetContext, type VisibleRow } from './decide.ts';
import type { AnswerPayload, SheetPackage } from './payload.ts';
import type { Answer, KeyRecord, SheetRecord } from './slice.ts';

const crit = (id: string, weight: number): Criterion => ({ id, name: id, nameEn: id, description: '', weight, min: 0, max: weight, step: 1, bands: [], toConfirm: false });
const criteria = [crit('a', 60), crit('b', 40)];
const columns = { no: 'A', criteria: { a: 'D', b: 'E' }, comment: 'H', recused: 'G' };

const pkg = (over: Partial<SheetPackage> = {}): SheetPackage => ({
  kind: 'score-sheet', format: 1, campaignId: 'c1', campaignName: 'C', expertId: 'e1', expertName: '张三', expertCode: '专家A', sheetId: 's1',
  supplementary: false, itemIds: ['n1', 'n2'], criteria: criteria.map(({ id, weight, min, max, step }) => ({ id, weight, min, max, step })), issuedAt: 't', ...over,
});
const sheetRec = (over: Partial<SheetRecord> = {}): SheetRecord => ({ id: 's1', expertId: 'e1', itemIds: ['n1', 'n2'], issuedAt: 't', supplementary: false, packageDigest: 'PD', status: 'issued', seq: -1, returns: [], ...over });
const row = (n: number, a: unknown, b: unknown, extra: Partial<VisibleRow> = {}): VisibleRow => ({ row: n + 1, no: n, cells: { a, b }, comment: '', recused: '', ...extra });
const answerPayload = (seq: number, items = [{ id: 'n1', scores: { a: 50, b: 30 }, comment: '', recused: false }, { id: 'n2', scores: { a: 10, b: 20 }, comment: 'ok', recused: false }], over: Partial<AnswerPayload> = {}): AnswerPayload =>
  ({ kind: 'score-answer', format: 1, campaignId: 'c1', expertId: 'e1', sheetId: 's1', seq, packageDigest: 'PD', items, ...over });
const signedRows = [row(1, 50, 30), row(2, 10, 20, { comment: 'ok' })];
const signer = { publicKey: 'PK1', fingerprint: 'F1' };
const key1: KeyRecord = { expertId: 'e1', publicKey: 'PK1', fingerprint: 'F1', at: 't' };

function incoming(over: Partial<IncomingSheet> = {}): IncomingSheet {
  return { file: '专家A.xlsx', digest: 'D', pkg: pkg(), packageSignature: 'valid', answer: null, answerSignature: 'missing', signer: null, metaSeq: 0, rows: [row(1, 50, 30), row(2, 10, 20)], columns, ...over };
}
const signed = (seq: number, over: Partial<IncomingSheet> = {}): IncomingSheet => incoming({ answer: answerPayload(seq), answerSignature: 'valid', signer, metaSeq: seq, rows: signedRows, ...over });

function ctx(over: Partial<SheetContext> & { answers?: Answer[] } = {}): SheetContext {
  const answers = over.answers ?? [];
  return {
    campaignId: 'c1', criteria, closed: false, sheets: [sheetRec()], expertOnPanel: (id) => id === 'e1' || id === 'e2',
    assigned: (id) => new Set(id === 'e1' ? ['n1', 'n2'] : ['n1']), live: () => true, keys: [], current: (id) => answers.filter((a) => a.expertId === id),
    trust: null, acceptUnsigned: false, at: 'now', ...over,
  };
}

describe('decideSheet: what comes back', () => {
  it('accepts a sheet filled in Excel as unsigned, the scores quantised, the source marked', () => {
    const d = decideSheet(incoming({ rows: [row(1, '５０', 30), row(2, 10, 20, { recused: '否' })] }), ctx());
    expect(d).toMatchObject({ verdict: 'accepted', outcome: 'ACCEPTED_UNSIGNED', signature: 'missing', key: 'none', seq: 0, issues: [] });
    expect(d.answers.map((a) => [a.itemId, a.scores, a.source])).toEqual([
      ['n1', { a: 50, b: 30 }, { kind: 'sheet', sheetId: 's1', seq: 0, signature: 'missing' }],
      ['n2', { a: 10, b: 20 }, { kind: 'sheet', sheetId: 's1', seq: 0, signature: 'missing' }],
    ]);
  });

  it('reports out-of-range, off-step, not-a-number and missing per cell, and keeps the good cells', () => {
    const d = decideSheet(incoming({ rows: [row(1, 61, 'abc'), row(2, 10.5, null)] }), ctx());
    expect(d.verdict).toBe('accepted');
    expect(d.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, 'D', 'SCORE_ABOVE_MAX'], [2, 'E', 'SCORE_NOT_A_NUMBER'], [3, 'D', 'SCORE_OFF_STEP'], [3, 'E', 'SCORE_MISSING'],
    ]);
    expect(d.answers.map((a) => [a.itemId, a.scores])).toEqual([]);
    // A row with one good score is an answer, the bad cell left empty.
    const e = decideSheet(incoming({ rows: [row(1, 61, 30), row(2, 10, 20)] }), ctx());
    expect(e.answers.map((a) => a.scores)).toEqual([{ a: null, b: 30 }, { a: 10, b: 20 }]);
  });

  it('a recused row needs no scores; an unclear recusal is reported', () => {
    const d = decideSheet(incoming({ rows: [row(1, null, null, { recused: '是' }), row(2, 1, 1, { recused: 'maybe' })] }), ctx());
    expect(d.answers[0]).toMatchObject({ itemId: 'n1', recused: true });
    expect(d.issues.map((i) => i.code)).toEqual(['RECUSE_UNCLEAR']);
  });

  it('leaves out and reports nominations no longer assigned or withdrawn, and rows not on the sheet', () => {
    const d = decideSheet(incoming({ rows: [row(1, 50, 30), row(2, 10, 20), row(7, 1, 1)] }), ctx({ assigned: () => new Set(['n1']), live: (id) => id !== 'n1' }));
    expect(d.answers).toEqual([]);
    expect(d.issues.map((i) => [i.code, i.itemId])).toEqual([['NOT_ON_SHEET', null], ['ITEM_WITHDRAWN', 'n1'], ['NOT_ASSIGNED', 'n2']]);
  });

  it('the same sheet twice changes nothing', () => {
    const first = decideSheet(incoming(), ctx());
    const again = decideSheet(incoming(), ctx({ answers: [...first.answers], sheets: [sheetRec({ seq: 0 })] }));
    expect(again).toMatchObject({ verdict: 'unchanged', outcome: 'UNCHANGED', answers: [] });
  });

  it('accepts a signed sheet from the enrolled key, taking the signed answer', () => {
    const d = decideSheet(signed(2), ctx({ keys: [key1] }));
    expect(d).toMatchObject({ verdict: 'accepted', outcome: 'ACCEPTED_SIGNED', signature: 'valid', key: 'enrolled', seq: 2, enrol: null });
    expect(d.answers[1]).toMatchObject({ itemId: 'n2', comment: 'ok', source: { kind: 'sheet', seq: 2, signature: 'valid' } });
  });

  it('holds a first-seen key until the secretary trusts its fingerprint, then enrols it', () => {
    expect(decideSheet(signed(1), ctx())).toMatchObject({ verdict: 'held', outcome: 'HELD_NEW_KEY', key: 'new', fingerprint: 'F1', answers: [] });
    expect(decideSheet(signed(1), ctx({ trust: 'F1' }))).toMatchObject({ verdict: 'accepted', key: 'new', enrol: { expertId: 'e1', fingerprint: 'F1', publicKey: 'PK1', at: 'now' } });
    expect(decideSheet(signed(1), ctx({ trust: 'OTHER' })).verdict).toBe('held');
  });

  it('holds a changed key loudly', () => {
    const d = decideSheet(signed(1), ctx({ keys: [{ ...key1, fingerprint: 'F0', publicKey: 'PK0' }] }));
    expect(d).toMatchObject({ verdict: 'held', outcome: 'HELD_KEY_CHANGED', key: 'changed' });
  });
});

describe('decideSheet: tampering, each caught', () => {
  it('a visible value changed after signing', () => {
    const d = decideSheet(signed(1, { rows: [row(1, 55, 30), row(2, 10, 20, { comment: 'ok' })] }), ctx({ keys: [key1] }));
    expect(d).toMatchObject({ verdict: 'refused', outcome: 'REFUSED_VISIBLE_CHANGED', signature: 'valid' });
    expect(d.issues).toEqual([{ row: 2, column: 'D', itemId: 'n1', criterionId: 'a', code: 'VISIBLE_DIFFERS', values: { visible: 55, signed: 50 } }]);
    expect(d.answers).toEqual([]);
  });

  it('a visible comment or recusal changed, or a row deleted', () => {
    expect(decideSheet(signed(1, { rows: [row(1, 50, 30), row(2, 10, 20, { comment: 'changed' })] }), ctx({ keys: [key1] })).outcome).toBe('REFUSED_VISIBLE_CHANGED');
    expect(decideSheet(signed(1, { rows: [row(1, 50, 30)] }), ctx({ keys: [key1] })).issues.map((i) => i.code)).toEqual(['ROW_MISSING']);
  });

  it('the hidden answer changed: its signature no longer holds', () => {
    expect(decideSheet(signed(1, { answerSignature: 'invalid' }), ctx({ keys: [key1] }))).toMatchObject({ verdict: 'refused', outcome: 'REFUSED_ANSWER_TAMPERED', signature: 'invalid' });
  });

  it('the hidden package changed (expert, items): the package signature fails, or the items differ from what was sent', () => {
    expect(decideSheet(incoming({ packageSignature: 'invalid' }), ctx()).outcome).toBe('REFUSED_PACKAGE_TAMPERED');
    expect(decideSheet(incoming({ packageSignature: 'missing' }), ctx()).outcome).toBe('REFUSED_PACKAGE_UNSIGNED');
    expect(decideSheet(incoming({ pkg: pkg({ itemIds: ['n1', 'n3'] }) }), ctx()).outcome).toBe('REFUSED_PACKAGE_TAMPERED');
  });

  it('the signature stripped from an enrolled expert\'s sheet is held, not quietly accepted; accepted only knowingly', () => {
    const d = decideSheet(incoming(), ctx({ keys: [key1] }));
    expect(d).toMatchObject({ verdict: 'held', outcome: 'HELD_SIGNATURE_STRIPPED', signature: 'missing', key: 'none', answers: [] });
    expect(decideSheet(incoming(), ctx({ keys: [key1], acceptUnsigned: true })).outcome).toBe('ACCEPTED_UNSIGNED');
  });

  it('two experts\' sheets swapped: an answer of one in the other\'s package, or signed by the other\'s key', () => {
    const e2 = { expertId: 'e2', publicKey: 'PK2', fingerprint: 'F2', at: 't' };
    const sheets = [sheetRec(), sheetRec({ id: 's2', expertId: 'e2', itemIds: ['n1'], packageDigest: 'PD2' })];
    // e2's signed answer put into e1's sheet.
    const moved = signed(1, { answer: answerPayload(1, [{ id: 'n1', scores: { a: 1, b: 1 }, comment: '', recused: false }], { expertId: 'e2', sheetId: 's2', packageDigest: 'PD2' }), signer: { publicKey: 'PK2', fingerprint: 'F2' } });
    expect(decideSheet(moved, ctx({ sheets, keys: [key1, e2] })).outcome).toBe('REFUSED_SWAPPED');
    // e1's sheet signed with e2's enrolled key.
    expect(decideSheet(signed(1, { signer: { publicKey: 'PK2', fingerprint: 'F2' } }), ctx({ sheets, keys: [key1, e2] })).outcome).toBe('REFUSED_SWAPPED');
    // The package says e2 but the sheet id is e1's.
    expect(decideSheet(incoming({ pkg: pkg({ expertId: 'e2' }) }), ctx({ sheets })).outcome).toBe('REFUSED_SWAPPED');
    // An answer signed on another package (another issue of the sheet).
    expect(decideSheet(signed(1, { answer: answerPayload(1, undefined, { packageDigest: 'OLD' }) }), ctx({ keys: [key1] })).outcome).toBe('REFUSED_SWAPPED');
  });

  it('an older sequence replayed after a newer one is refused; a different answer under an accepted seq too', () => {
    const ctxAt2 = ctx({ keys: [key1], sheets: [sheetRec({ seq: 2 })] });
    expect(decideSheet(signed(1), ctxAt2)).toMatchObject({ verdict: 'refused', outcome: 'REFUSED_OLDER_SEQ', seq: 1 });
    expect(decideSheet(signed(2), ctxAt2).outcome).toBe('REFUSED_SEQ_REUSED');
    expect(decideSheet(signed(3), ctxAt2).outcome).toBe('ACCEPTED_SIGNED');
  });
});

describe('decideSheet: after the sheets went out', () => {
  it('refuses a sheet after scoring closed, a withdrawn sheet, a replaced expert, another campaign, an unknown sheet, a workbook that is none', () => {
    expect(decideSheet(incoming(), ctx({ closed: true })).outcome).toBe('REFUSED_SCORING_CLOSED');
    expect(decideSheet(incoming(), ctx({ sheets: [sheetRec({ status: 'withdrawn' })] })).outcome).toBe('REFUSED_SHEET_WITHDRAWN');
    expect(decideSheet(incoming(), ctx({ expertOnPanel: () => false })).outcome).toBe('REFUSED_EXPERT_REPLACED');
    expect(decideSheet(incoming({ pkg: pkg({ campaignId: 'c2' }) }), ctx()).outcome).toBe('REFUSED_OTHER_CAMPAIGN');
    expect(decideSheet(incoming({ pkg: pkg({ sheetId: 's9' }) }), ctx()).outcome).toBe('REFUSED_UNKNOWN_SHEET');
    expect(decideSheet(incoming({ pkg: null }), ctx()).outcome).toBe('REFUSED_NOT_A_SHEET');
  });
});
