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
}

export function columnFrame(visibleColumns: number, frozenColumns: number, rowNumbers: boolean): ColumnFrame {
  return {
    virtualCols: visibleColumns > VIRTUAL_COLUMNS_FROM,
    frozenCount: Math.max(0, Math.min(frozenColumns, visibleColumns - 1)),
    gutter: rowNumbers ? GUTTER_WIDTH : 0,
  };
}

/**
 * Widths and frozen offsets of the visible columns; wide grids also get the columns in view (plus the frozen ones and
 * the active one), each with a left margin for the columns skipped before it.
 */
export function useColumnLayout<TRow extends RowData>(
  leafColumns: readonly Column<Features, TRow>[],
  columnSizing: ColumnSizingState,
  frame: ColumnFrame,
  activeCol: number,
  scrollLeft: number,
  viewportWidth: number,
): ColumnLayout {
  const { virtualCols, frozenCount: frozen, gutter } = frame;
  return useMemo((): ColumnLayout => {
    const widths = leafColumns.map((col) => col.getSize());
    const frozenLeft = leafColumns.slice(0, frozen).map((col) => gutter + col.getStart());
    if (!virtualCols) return { widths, frozen, frozenLeft, margins: null };
    const margins = new Map<number, number>();
    let prevEnd = 0;
    for (let c = 0; c < leafColumns.length; c++) {
      const col = leafColumns[c];
      if (!col) continue;
      const start = col.getStart();
      const end = start + col.getSize();
      if (c < frozen || c === activeCol || (end >= scrollLeft - COLUMN_OVERSCAN_PX && start <= scrollLeft + viewportWidth + COLUMN_OVERSCAN_PX)) {
        margins.set(c, start - prevEnd);
        prevEnd = end;
      }
    }
    return { widths, frozen, frozenLeft, margins };
    // Sizes live in the table; columnSizing is what changes them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [leafColumns, columnSizing, virtualCols, activeCol, scrollLeft, viewportWidth, frozen, gutter]);
}

/** A rendered column's left margin (wide grids), or none. */
export function marginOf(layout: ColumnLayout, c: number): number | undefined {
  const m = layout.margins?.get(c) ?? 0;
  return m > 0 ? m : undefined;
}
