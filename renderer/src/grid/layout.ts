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
/** Columns are never narrowed below this share of their width to fit `minVisibleColumns`. */
export const MIN_FIT = 0.45;

/**
 * The factor the columns' widths are multiplied by so that the first `minVisible` visible columns fit the box
 * (1 when they already fit, or when no minimum is asked for). Pure: from the known sizes and the observed box width.
 */
export function fitFactor(sizes: readonly number[], minVisible: number, viewportWidth: number, gutter: number): number {
  if (minVisible <= 0 || viewportWidth <= 0) return 1;
  const need = sizes.slice(0, minVisible).reduce((a, b) => a + b, 0);
  const room = viewportWidth - gutter - 2;
  return need <= room || need === 0 ? 1 : Math.max(MIN_FIT, room / need);
}

export function useColumnLayout<TRow extends RowData>(
  leafColumns: readonly Column<Features, TRow>[],
  columnSizing: ColumnSizingState,
  frame: ColumnFrame,
  activeCol: number,
  scrollLeft: number,
  viewportWidth: number,
  minVisible = 0,
): ColumnLayout {
  const { virtualCols, frozenCount: frozen, gutter } = frame;
  return useMemo((): ColumnLayout => {
    const sizes = leafColumns.map((col) => col.getSize());
    const fit = fitFactor(sizes, minVisible, viewportWidth, gutter);
    const widths = fit === 1 ? sizes : sizes.map((s) => Math.floor(s * fit));
    const starts: number[] = [];
    let total = 0;
    for (const w of widths) {
      starts.push(total);
      total += w;
    }
    const frozenLeft = starts.slice(0, frozen).map((s) => gutter + s);
    if (!virtualCols) return { widths, frozen, frozenLeft, margins: null, fit, total };
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
    return { widths, frozen, frozenLeft, margins, fit, total };
    // Sizes live in the table; columnSizing is what changes them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [leafColumns, columnSizing, virtualCols, activeCol, scrollLeft, viewportWidth, frozen, gutter, minVisible]);
}

/** A rendered column's left margin (wide grids), or none. */
export function marginOf(layout: ColumnLayout, c: number): number | undefined {
  const m = layout.margins?.get(c) ?? 0;
  return m > 0 ? m : undefined;
}
