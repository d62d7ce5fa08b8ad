import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, dropRefused, emptyHistory, invert, record, redo, undo } from './history.ts';
import type { CellEdit } from './types.ts';

const e = (rowId: string, columnId: string, previous: unknown, value: unknown): CellEdit => ({ rowId, columnId, previous, value });

describe('history', () => {
  it('undoes a paste as one step and redoes it', () => {
    let h = emptyHistory<string>();
    expect(canUndo(h)).toBe(false);
    h = record(h, { edits: [e('a', 's', 1, 2)], meta: 'typed' });
    h = record(h, { edits: [e('a', 's', 2, 9), e('b', 's', null, 9), e('c', 's', 3, 9)], meta: 'paste' });
    const u = undo(h);
    expect(u.edits).toEqual([e('c', 's', 9, 3), e('b', 's', 9, null), e('a', 's', 9, 2)]);
    expect(u.meta).toBe('paste');
    expect(canRedo(u.history)).toBe(true);
    const u2 = undo(u.history);
    expect(u2.edits).toEqual([e('a', 's', 2, 1)]);
    expect(undo(u2.history).edits).toBeNull();
    const r = redo(u2.history);
    expect(r.edits).toEqual([e('a', 's', 1, 2)]);
    const r2 = redo(r.history);
    expect(r2.edits).toEqual([e('a', 's', 2, 9), e('b', 's', null, 9), e('c', 's', 3, 9)]);
    expect(redo(r2.history).edits).toBeNull();
  });
  it('a new edit clears the redo stack; empty batches are ignored', () => {
    let h = record(emptyHistory(), { edits: [e('a', 's', 1, 2)] });
    h = undo(h).history;
    expect(canRedo(h)).toBe(true);
    expect(record(h, { edits: [] })).toBe(h);
    h = record(h, { edits: [e('b', 's', 1, 3)] });
    expect(canRedo(h)).toBe(false);
  });
  it('keeps at most `limit` steps', () => {
    let h = emptyHistory(3);
    for (let i = 0; i < 5; i++) h = record(h, { edits: [e('a', 's', i, i + 1)] });
    expect(h.undo).toHaveLength(3);
    expect(h.undo[0]?.edits[0]?.previous).toBe(2);
  });
  it('drops refused edits from the newest batch, and the batch when nothing is left', () => {
    let h = record(emptyHistory(), { edits: [e('a', 's', 1, 2)] });
    h = record(h, { edits: [e('a', 's', 2, 3), e('b', 's', 0, 3)] });
    const h2 = dropRefused(h, [{ rowId: 'b', columnId: 's' }]);
    expect(h2.undo[1]?.edits).toEqual([e('a', 's', 2, 3)]);
    const h3 = dropRefused(h2, [{ rowId: 'a', columnId: 's' }]);
    expect(h3.undo).toHaveLength(1);
    expect(dropRefused(h3, [])).toBe(h3);
  });
  it('invert reverses order and swaps values', () => {
    expect(invert([e('a', 'x', 1, 2), e('b', 'x', 3, 4)])).toEqual([e('b', 'x', 4, 3), e('a', 'x', 2, 1)]);
  });
});
