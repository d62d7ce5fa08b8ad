import { describe, expect, it } from 'vitest';
import {
  addRange,
  cellSelection,
  clampSelection,
  currentRect,
  extendBy,
  extendTo,
  isMultiCell,
  isSelected,
  jumpTarget,
  moveBy,
  moveWithin,
  selectAll,
  selectColumns,
  selectRows,
  selectedCells,
} from './selection.ts';
import type { Bounds } from './types.ts';

const B: Bounds = { rows: 10, cols: 5 };

describe('selection', () => {
  it('moves and clamps at the edges', () => {
    let s = cellSelection({ row: 0, col: 0 }, B);
    s = moveBy(s, -1, -1, B);
    expect(s.active).toEqual({ row: 0, col: 0 });
    s = moveBy(s, 3, 2, B);
    expect(s.active).toEqual({ row: 3, col: 2 });
    s = moveBy(s, 100, 100, B);
    expect(s.active).toEqual({ row: 9, col: 4 });
    expect(isMultiCell(s)).toBe(false);
  });

  it('extends with the active cell fixed and shrinks back', () => {
    let s = cellSelection({ row: 2, col: 2 }, B);
    s = extendBy(s, 1, 0, B);
    s = extendBy(s, 1, 1, B);
    expect(s.active).toEqual({ row: 2, col: 2 });
    expect(currentRect(s)).toEqual({ top: 2, left: 2, bottom: 4, right: 3 });
    s = extendBy(s, -3, -2, B);
    expect(currentRect(s)).toEqual({ top: 1, left: 1, bottom: 2, right: 2 });
    expect(isSelected(s, 1, 1)).toBe(true);
    expect(isSelected(s, 3, 3)).toBe(false);
  });

  it('extension is clamped to bounds', () => {
    const s = extendTo(cellSelection({ row: 8, col: 3 }, B), { row: 50, col: -4 }, B);
    expect(currentRect(s)).toEqual({ top: 8, left: 0, bottom: 9, right: 3 });
  });

  it('a plain move collapses a range', () => {
    const s = moveBy(extendBy(cellSelection({ row: 1, col: 1 }, B), 2, 2, B), 1, 0, B);
    expect(isMultiCell(s)).toBe(false);
    expect(s.active).toEqual({ row: 2, col: 1 });
  });

  it('adds ranges (Ctrl+click) and lists every selected cell once', () => {
    let s = extendTo(cellSelection({ row: 0, col: 0 }, B), { row: 1, col: 1 }, B);
    s = addRange(s, { row: 1, col: 1 }, B);
    s = extendTo(s, { row: 2, col: 1 }, B);
    expect(s.ranges).toHaveLength(2);
    expect(s.active).toEqual({ row: 1, col: 1 });
    expect(selectedCells(s)).toHaveLength(5);
    expect(isMultiCell(s)).toBe(true);
  });

  it('selects rows, columns and all', () => {
    const s = extendTo(cellSelection({ row: 3, col: 2 }, B), { row: 4, col: 2 }, B);
    expect(currentRect(selectRows(s, B))).toEqual({ top: 3, left: 0, bottom: 4, right: 4 });
    expect(currentRect(selectColumns(s, B))).toEqual({ top: 0, left: 2, bottom: 9, right: 2 });
    expect(currentRect(selectRows(s, B, 7))).toEqual({ top: 7, left: 0, bottom: 7, right: 4 });
    expect(selectRows(s, B, 7).active).toEqual({ row: 7, col: 2 });
    expect(selectColumns(s, B, 4).active).toEqual({ row: 3, col: 4 });
    const all = selectAll(s, B);
    expect(currentRect(all)).toEqual({ top: 0, left: 0, bottom: 9, right: 4 });
    expect(all.active).toEqual({ row: 3, col: 2 });
  });

  it('clamps when the grid shrinks and keeps identity when nothing changes', () => {
    const s = extendTo(cellSelection({ row: 9, col: 4 }, B), { row: 5, col: 1 }, B);
    expect(clampSelection(s, B)).toBe(s);
    const c = clampSelection(s, { rows: 3, cols: 2 });
    expect(c.active).toEqual({ row: 2, col: 1 });
    expect(currentRect(c)).toEqual({ top: 2, left: 1, bottom: 2, right: 1 });
  });

  it('walks inside a multi-cell range with Tab and Enter, wrapping', () => {
    let s = extendTo(cellSelection({ row: 1, col: 1 }, B), { row: 2, col: 2 }, B);
    s = moveWithin(s, 'next', B);
    expect(s.active).toEqual({ row: 1, col: 2 });
    s = moveWithin(s, 'next', B);
    expect(s.active).toEqual({ row: 2, col: 1 });
    s = moveWithin(s, 'next', B);
    s = moveWithin(s, 'next', B);
    expect(s.active).toEqual({ row: 1, col: 1 });
    s = moveWithin(s, 'prev', B);
    expect(s.active).toEqual({ row: 2, col: 2 });
    s = moveWithin(s, 'down', B);
    expect(s.active).toEqual({ row: 1, col: 1 });
    s = moveWithin(s, 'down', B);
    expect(s.active).toEqual({ row: 2, col: 1 });
    s = moveWithin(s, 'up', B);
    expect(s.active).toEqual({ row: 1, col: 1 });
    expect(currentRect(s)).toEqual({ top: 1, left: 1, bottom: 2, right: 2 });
  });

  it('Tab on a single cell moves right and stops at the edge', () => {
    expect(moveWithin(cellSelection({ row: 0, col: 3 }, B), 'next', B).active).toEqual({ row: 0, col: 4 });
    expect(moveWithin(cellSelection({ row: 0, col: 4 }, B), 'next', B).active).toEqual({ row: 0, col: 4 });
  });
});

describe('jumpTarget (Ctrl+arrow)', () => {
  // Column 0: filled at rows 0-3, blank 4-6, filled 7-8, blank 9.
  const filled = new Set([0, 1, 2, 3, 7, 8]);
  const blank = (r: number, c: number) => c !== 0 || !filled.has(r);
  const b: Bounds = { rows: 10, cols: 3 };
  it('goes to the end of a filled run', () => {
    expect(jumpTarget({ row: 0, col: 0 }, 1, 0, b, blank)).toEqual({ row: 3, col: 0 });
  });
  it('from the end of a run goes to the next filled cell', () => {
    expect(jumpTarget({ row: 3, col: 0 }, 1, 0, b, blank)).toEqual({ row: 7, col: 0 });
  });
  it('from a blank cell goes to the next filled cell', () => {
    expect(jumpTarget({ row: 5, col: 0 }, -1, 0, b, blank)).toEqual({ row: 3, col: 0 });
  });
  it('runs to the edge when nothing is filled beyond', () => {
    expect(jumpTarget({ row: 8, col: 0 }, 1, 0, b, blank)).toEqual({ row: 9, col: 0 });
    expect(jumpTarget({ row: 0, col: 1 }, 0, 1, b, blank)).toEqual({ row: 0, col: 2 });
  });
  it('stays at the edge', () => {
    expect(jumpTarget({ row: 0, col: 0 }, -1, 0, b, blank)).toEqual({ row: 0, col: 0 });
  });
});
