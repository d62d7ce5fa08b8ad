// Where the grid's columns sit: sizes, frozen columns (Excel's Freeze Panes) and, for wide grids such as the panel
// matrix (one column per expert), which columns are rendered at all.
import { useMemo } from 'react';
import type { Column, ColumnSizingState, RowData } from '@tanstack/react-table';
import type { ColumnLayout } from './GridRow.tsx';
import type { Features } from './useGridModel.ts';

export const HEADER_HEIGHT = 36;
/** Above this many visible columns, only the columns in view are rendered. */
export const VIRTUAL_COLUMNS_FROM = 30;
const COLUMN_OVERSCAN_PX = 400;
/** A sideways scroll re-renders the columns once it has moved this far (or reached the left edge). */
export const COLUMN_SCROLL_STEP_PX = 64;
const GUTTER_WIDTH = 56;

/** The frame the column layout is worked out in, from the counts alone. */
export interface ColumnFrame {
  /** Only the columns in view are rendered. */
  readonly virtualCols: boolean;
  /** Leading columns that stay in view: never all of them, so something can still scroll. */
  readonly frozenCount: number;
  /** Width of the row-number column (0 without it). */
  readonly gutter: number;
  /** Height of the header row, from the text size. */
  readonly headerHeight: number;
}

/**
 * The text size (A+/A−: 1 is 100 %) scales the grid's known sizes — row and header heights, the row-number column,
 * column widths — so the layout is worked out from them, never measured.
 */
export function scaled(px: number, scale: number): number {
  return Math.round(px * scale);
}

export function columnFrame(visibleColumns: number, frozenColumns: number, rowNumbers: boolean, scale = 1): ColumnFrame {
  return {
    virtualCols: visibleColumns > VIRTUAL_COLUMNS_FROM,
    frozenCount: Math.max(0, Math.min(frozenColumns, visibleColumns - 1)),
    gutter: rowNumbers ? scaled(GUTTER_WIDTH, scale) : 0,
    headerHeight: scaled(HEADER_HEIGHT, scale),
  };
}

/**
 * Widths and frozen offsets of the visible columns; wide grids also get the columns in view (plus the frozen ones and
 * the active one), each with a left margin for the columns skipped before it.
 */
/** Narrowing to fit `minVisibleColumns` keeps this much of every column (narrow ones, a year, lose little)... */
export const FIT_KEEP_PX = 64;
/** ...and at least this share of the rest of a wide column (a title). */
export const MIN_FIT = 0.1;

/**
 * The columns' widths narrowed so that the first `minVisible` visible columns fit the box: each column keeps its first
 * FIT_KEEP_PX × scale and gives up a share of the rest, the same share for all (wide columns give up most). The same
 * widths when they already fit or no minimum is asked for. Pure: from the known sizes and the observed box width.
 */
export function fitWidths(sizes: readonly number[], minVisible: number, viewportWidth: number, gutter: number, scale = 1): readonly number[] {
  if (minVisible <= 0 || viewportWidth <= 0) return sizes;
  const first = sizes.slice(0, minVisible);
  const need = first.reduce((a, b) => a + b, 0);
  const room = viewportWidth - gutter - 2;
  if (need <= room) return sizes;
  const keep = FIT_KEEP_PX * scale;
  const kept = first.reduce((a, s) => a + Math.min(s, keep), 0);
  const rest = need - kept;
  const share = rest <= 0 ? 1 : Math.min(1, Math.max(MIN_FIT, (room - kept) / rest));
  return sizes.map((s) => (s <= keep ? s : Math.floor(keep + (s - keep) * share)));
}

export function useColumnLayout<TRow extends RowData>(
  leafColumns: readonly Column<Features, TRow>[],
  columnSizing: ColumnSizingState,
  frame: ColumnFrame,
  activeCol: number,
  scrollLeft: number,
  viewportWidth: number,
  minVisible = 0,
  scale = 1,
): ColumnLayout {
  const { virtualCols, frozenCount: frozen, gutter } = frame;
  return useMemo((): ColumnLayout => {
    const sizes = leafColumns.map((col) => col.getSize());
    const widths = fitWidths(sizes, minVisible, viewportWidth, gutter, scale);
    const starts: number[] = [];
    let total = 0;
    for (const w of widths) {
      starts.push(total);
      total += w;
    }
    const frozenLeft = starts.slice(0, frozen).map((s) => gutter + s);
    if (!virtualCols) return { widths, frozen, frozenLeft, margins: null, total };
    const margins = new Map<number, number>();
    let prevEnd = 0;
    for (let c = 0; c < leafColumns.length; c++) {
      const start = starts[c] ?? 0;
      const end = start + (widths[c] ?? 0);
      if (c < frozen || c === activeCol || (end >= scrollLeft - COLUMN_OVERSCAN_PX && start <= scrollLeft + viewportWidth + COLUMN_OVERSCAN_PX)) {
        margins.set(c, start - prevEnd);
        prevEnd = end;
      }
    }
    return { widths, frozen, frozenLeft, margins, total };
    // Sizes live in the table; columnSizing is what changes them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [leafColumns, columnSizing, virtualCols, activeCol, scrollLeft, viewportWidth, frozen, gutter, minVisible, scale]);
}

/** A rendered column's left margin (wide grids), or none. */
export function marginOf(layout: ColumnLayout, c: number): number | undefined {
  const m = layout.margins?.get(c) ?? 0;
  return m > 0 ? m : undefined;
}
