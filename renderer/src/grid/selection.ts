// Selection model: an active cell and one or more rectangular ranges, Excel style.
// The last range is the current one; Shift-extension moves its focus corner while the active cell stays.
import type { Bounds, CellAddr, CellRange, Rect } from './types.ts';

export interface Selection {
  readonly active: CellAddr;
  /** Never empty. The last range is the one Shift-extension changes; the active cell lies in it. */
  readonly ranges: readonly CellRange[];
}

export function clampAddr(addr: CellAddr, bounds: Bounds): CellAddr {
  const row = Math.max(0, Math.min(addr.row, bounds.rows - 1));
  const col = Math.max(0, Math.min(addr.col, bounds.cols - 1));
  return row === addr.row && col === addr.col ? addr : { row, col };
}

export function cellSelection(addr: CellAddr, bounds: Bounds): Selection {
  const a = clampAddr(addr, bounds);
  return { active: a, ranges: [{ anchor: a, focus: a }] };
}

export const initialSelection: Selection = cellSelection({ row: 0, col: 0 }, { rows: 1, cols: 1 });

export function currentRange(sel: Selection): CellRange {
  const last = sel.ranges[sel.ranges.length - 1];
  return last ?? { anchor: sel.active, focus: sel.active };
}

export function rangeRect(range: CellRange): Rect {
  return {
    top: Math.min(range.anchor.row, range.focus.row),
    bottom: Math.max(range.anchor.row, range.focus.row),
    left: Math.min(range.anchor.col, range.focus.col),
    right: Math.max(range.anchor.col, range.focus.col),
  };
}

export function selectionRects(sel: Selection): Rect[] {
  return sel.ranges.map(rangeRect);
}

/** The bounding rectangle of the current range (what copy and paste act on). */
export function currentRect(sel: Selection): Rect {
  return rangeRect(currentRange(sel));
}

export function rectContains(rect: Rect, row: number, col: number): boolean {
  return row >= rect.top && row <= rect.bottom && col >= rect.left && col <= rect.right;
}

export function isSelected(sel: Selection, row: number, col: number): boolean {
  return sel.ranges.some((r) => rectContains(rangeRect(r), row, col));
}

export function rectSize(rect: Rect): { rows: number; cols: number } {
  return { rows: rect.bottom - rect.top + 1, cols: rect.right - rect.left + 1 };
}

export function isMultiCell(sel: Selection): boolean {
  if (sel.ranges.length > 1) return true;
  const s = rectSize(currentRect(sel));
  return s.rows > 1 || s.cols > 1;
}

/** Every cell of the selection, each once, in row-major order within each range. */
export function selectedCells(sel: Selection): CellAddr[] {
  const seen = new Set<string>();
  const out: CellAddr[] = [];
  for (const range of sel.ranges) {
    const r = rangeRect(range);
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        const key = `${row}:${col}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ row, col });
      }
    }
  }
  return out;
}

function clampRange(range: CellRange, bounds: Bounds): CellRange {
  const anchor = clampAddr(range.anchor, bounds);
  const focus = clampAddr(range.focus, bounds);
  return anchor === range.anchor && focus === range.focus ? range : { anchor, focus };
}

/** Keep the selection inside the grid after rows or columns went away. */
export function clampSelection(sel: Selection, bounds: Bounds): Selection {
  const active = clampAddr(sel.active, bounds);
  const ranges = sel.ranges.map((r) => clampRange(r, bounds));
  const same = active === sel.active && ranges.every((r, i) => r === sel.ranges[i]);
  return same ? sel : { active, ranges: ranges.length ? ranges : [{ anchor: active, focus: active }] };
}

export function moveTo(_sel: Selection, addr: CellAddr, bounds: Bounds): Selection {
  return cellSelection(addr, bounds);
}

export function moveBy(sel: Selection, dRow: number, dCol: number, bounds: Bounds): Selection {
  return cellSelection({ row: sel.active.row + dRow, col: sel.active.col + dCol }, bounds);
}

/** Shift+click / Shift+arrow target: the current range becomes active→addr. */
export function extendTo(sel: Selection, addr: CellAddr, bounds: Bounds): Selection {
  const range = currentRange(sel);
  const focus = clampAddr(addr, bounds);
  const next: CellRange = { anchor: range.anchor, focus };
  return { active: sel.active, ranges: [...sel.ranges.slice(0, -1), next] };
}

export function extendBy(sel: Selection, dRow: number, dCol: number, bounds: Bounds): Selection {
  const { focus } = currentRange(sel);
  return extendTo(sel, { row: focus.row + dRow, col: focus.col + dCol }, bounds);
}

/** Ctrl/Cmd+click: a further range starting at addr, which becomes the active cell. */
export function addRange(sel: Selection, addr: CellAddr, bounds: Bounds): Selection {
  const a = clampAddr(addr, bounds);
  return { active: a, ranges: [...sel.ranges, { anchor: a, focus: a }] };
}

/** Whole rows of the current range (Shift+Space); `row` selects that row alone (row header click). */
export function selectRows(sel: Selection, bounds: Bounds, row?: number): Selection {
  const r = currentRect(sel);
  const top = row ?? r.top;
  const bottom = row ?? r.bottom;
  const active = row === undefined ? sel.active : clampAddr({ row, col: sel.active.col }, bounds);
  const range = clampRange({ anchor: { row: top, col: 0 }, focus: { row: bottom, col: bounds.cols - 1 } }, bounds);
  return { active: clampAddr(active, bounds), ranges: [range] };
}

/** Whole columns of the current range (Ctrl+Space); `col` selects that column alone. */
export function selectColumns(sel: Selection, bounds: Bounds, col?: number): Selection {
  const r = currentRect(sel);
  const left = col ?? r.left;
  const right = col ?? r.right;
  const active = col === undefined ? sel.active : clampAddr({ row: sel.active.row, col }, bounds);
  const range = clampRange({ anchor: { row: 0, col: left }, focus: { row: bounds.rows - 1, col: right } }, bounds);
  return { active: clampAddr(active, bounds), ranges: [range] };
}

export function selectAll(sel: Selection, bounds: Bounds): Selection {
  const range = clampRange({ anchor: { row: 0, col: 0 }, focus: { row: bounds.rows - 1, col: bounds.cols - 1 } }, bounds);
  return { active: clampAddr(sel.active, bounds), ranges: [range] };
}

export type WithinDirection = 'next' | 'prev' | 'down' | 'up';

/**
 * Tab / Enter with a multi-cell range selected: the active cell walks through the range and wraps,
 * the range stays (Excel). With a single cell this is a plain move, clamped at the edges.
 */
export function moveWithin(sel: Selection, dir: WithinDirection, bounds: Bounds): Selection {
  if (!isMultiCell(sel) || sel.ranges.length > 1) {
    const d = { next: [0, 1], prev: [0, -1], down: [1, 0], up: [-1, 0] }[dir];
    return moveBy(sel, d[0] ?? 0, d[1] ?? 0, bounds);
  }
  const r = currentRect(sel);
  const { rows, cols } = rectSize(r);
  // Position as a linear index, row-major for Tab, column-major for Enter.
  const rowMajor = dir === 'next' || dir === 'prev';
  const step = dir === 'next' || dir === 'down' ? 1 : -1;
  const i = sel.active.row - r.top;
  const j = sel.active.col - r.left;
  const total = rows * cols;
  let idx = rowMajor ? i * cols + j : j * rows + i;
  idx = (((idx + step) % total) + total) % total;
  const active = rowMajor
    ? { row: r.top + Math.floor(idx / cols), col: r.left + (idx % cols) }
    : { row: r.top + (idx % rows), col: r.left + Math.floor(idx / rows) };
  return { active, ranges: sel.ranges };
}

/**
 * Ctrl/Cmd+arrow: Excel's jump to the edge of data. From a filled cell followed by a filled cell, go to
 * the last filled cell of that run; otherwise go to the next filled cell, or to the grid's edge.
 */
export function jumpTarget(
  from: CellAddr,
  dRow: number,
  dCol: number,
  bounds: Bounds,
  isBlank: (row: number, col: number) => boolean,
): CellAddr {
  const inside = (r: number, c: number) => r >= 0 && c >= 0 && r < bounds.rows && c < bounds.cols;
  let r = from.row + dRow;
  let c = from.col + dCol;
  if (!inside(r, c)) return clampAddr(from, bounds);
  if (!isBlank(from.row, from.col) && !isBlank(r, c)) {
    while (inside(r + dRow, c + dCol) && !isBlank(r + dRow, c + dCol)) {
      r += dRow;
      c += dCol;
    }
    return { row: r, col: c };
  }
  while (inside(r, c) && isBlank(r, c)) {
    if (!inside(r + dRow, c + dCol)) return { row: r, col: c };
    r += dRow;
    c += dCol;
  }
  return { row: r, col: c };
}
