import { describe, expect, it } from 'vitest';
import { applyPaperEdits, compareEntries, draftOf, enteredItems, isEmptyRow, paperAnswers, type PaperDraft } from './paper.ts';

const criteria = [{ id: 'a' }, { id: 'b' }];
const items = ['n1', 'n2', 'n3'];

describe('paper entry drafts', () => {
  it('edits land in the draft by row and column: scores, recusal, comment', () => {
    let d: PaperDraft = {};
    d = applyPaperEdits(d, [{ rowId: 'n1', columnId: 'a', value: 30 }, { rowId: 'n1', columnId: 'b', value: 20 }]);
    d = applyPaperEdits(d, [{ rowId: 'n2', columnId: 'recused', value: 'yes' }, { rowId: 'n1', columnId: 'comment', value: '好' }]);
    expect(d).toEqual({ n1: { scores: { a: 30, b: 20 }, comment: '好', recused: false }, n2: { scores: {}, comment: '', recused: true } });
    d = applyPaperEdits(d, [{ rowId: 'n1', columnId: 'a', value: null }, { rowId: 'n2', columnId: 'recused', value: null }]);
    expect(d.n1!.scores.a).toBeNull();
    expect(isEmptyRow(d.n2)).toBe(true);
    expect(isEmptyRow(d.n1)).toBe(false);
  });

  it('sends the rows typed in either entry and those already answered, every criterion, a recusal without scores', () => {
    const first = applyPaperEdits({}, [{ rowId: 'n1', columnId: 'a', value: 30 }, { rowId: 'n3', columnId: 'recused', value: 'yes' }, { rowId: 'n3', columnId: 'a', value: 5 }]);
    expect(enteredItems(items, [first], new Set())).toEqual(['n1', 'n3']);
    expect(enteredItems(items, [first, {}], new Set(['n2']))).toEqual(['n1', 'n2', 'n3']);
    expect(paperAnswers(criteria, ['n1', 'n2', 'n3'], first)).toEqual([
      { itemId: 'n1', scores: { a: 30, b: null }, comment: '', recused: false },
      { itemId: 'n2', scores: { a: null, b: null }, comment: '', recused: false },
      { itemId: 'n3', scores: { a: null, b: null }, comment: '', recused: true },
    ]);
  });

  it('compares two entries cell by cell (scores and recusal, not comments)', () => {
    const first = applyPaperEdits({}, [{ rowId: 'n1', columnId: 'a', value: 30 }, { rowId: 'n1', columnId: 'b', value: 20 }, { rowId: 'n1', columnId: 'comment', value: '甲' }]);
    const same = applyPaperEdits({}, [{ rowId: 'n1', columnId: 'a', value: 30 }, { rowId: 'n1', columnId: 'b', value: 20 }]);
    expect(compareEntries(criteria, ['n1'], first, same)).toEqual([]);
    const other = applyPaperEdits(same, [{ rowId: 'n1', columnId: 'b', value: 21 }, { rowId: 'n2', columnId: 'recused', value: 'yes' }]);
    const list = enteredItems(items, [first, other], new Set());
    expect(compareEntries(criteria, list, first, other)).toEqual([
      { itemId: 'n1', field: 'b', first: 20, second: 21 },
      { itemId: 'n2', field: 'recused', first: false, second: true },
    ]);
  });

  it('starts the first entry from the answers already saved', () => {
    const d = draftOf([{ itemId: 'n1', scores: { a: 3, b: undefined }, comment: 'x', recused: false }]);
    expect(d).toEqual({ n1: { scores: { a: 3, b: null }, comment: 'x', recused: false } });
  });
});
