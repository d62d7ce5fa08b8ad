// The active cell follows its row (by id) when sorting, filtering or new data move it, so that the detail panel
// and the editor stay on the same item; and the caller hears which row, and which cell, is active.
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Dispatch, RefObject, SetStateAction } from 'react';
import type { Row, RowData } from '@tanstack/react-table';
import type { GridState } from './keymap.ts';
import { cellSelection } from './selection.ts';
import type { Features } from './useGridModel.ts';

interface ActiveRowInput<TRow extends RowData> {
  readonly viewRows: readonly Row<Features, TRow>[];
  readonly columnCount: number;
  readonly activeRow: number;
  readonly setGridState: Dispatch<SetStateAction<GridState>>;
  readonly scrolledForRef: RefObject<{ row: number; col: number }>;
  readonly onActiveRowChange: ((rowId: string | null, row: TRow | null) => void) | undefined;
  /** The id of the active cell's column (null: no columns). */
  readonly activeColumnId: string | null;
  readonly onActiveCellChange: ((rowId: string | null, columnId: string | null) => void) | undefined;
}

/**
 * Tells the caller of the active cell only when it is another cell than the one last told (React may run an effect
 * twice for one move, e.g. in StrictMode).
 */
export class ActiveCellReporter {
  private last: { rowId: string | null; columnId: string | null } | undefined;

  report(rowId: string | null, columnId: string | null, listener: ((rowId: string | null, columnId: string | null) => void) | undefined): void {
    if (this.last && this.last.rowId === rowId && this.last.columnId === columnId) return;
    this.last = { rowId, columnId };
    listener?.(rowId, columnId);
  }
}

export function useActiveRow<TRow extends RowData>(input: ActiveRowInput<TRow>): void {
  const { viewRows, columnCount, activeRow, setGridState, scrolledForRef, onActiveRowChange, activeColumnId, onActiveCellChange } = input;
  const lastActiveIdRef = useRef<string | null>(null);
  useLayoutEffect(() => {
    const id = lastActiveIdRef.current;
    if (id === null || viewRows[activeRow]?.id === id) return;
    const idx = viewRows.findIndex((r) => r.id === id);
    if (idx < 0) return;
    // The view stays where it is (as Excel's does after a sort): following the row is not a move of the user's, and
    // scrolling to it would jump the view and measure the whole grid. The next key brings it into view.
    scrolledForRef.current = { row: idx, col: scrolledForRef.current.col };
    setGridState((s) => ({
      selection: cellSelection({ row: idx, col: s.selection.active.col }, { rows: viewRows.length, cols: Math.max(1, columnCount) }),
      editing: s.editing ? { ...s.editing, row: idx } : null,
    }));
    // Only a new row model can move the row; moves of the active cell are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [viewRows]);
  useLayoutEffect(() => {
    lastActiveIdRef.current = viewRows[activeRow]?.id ?? null;
  });

  const activeRowId = viewRows[activeRow]?.id ?? null;
  const activeOriginal = viewRows[activeRow]?.original ?? null;
  useEffect(() => {
    onActiveRowChange?.(activeRowId, activeOriginal);
    // Only a change of row matters, not a new callback identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeRowId]);

  const reporter = useRef<ActiveCellReporter>(null);
  useEffect(() => {
    reporter.current ??= new ActiveCellReporter();
    reporter.current.report(activeRowId, activeColumnId, onActiveCellChange);
    // Only a move of the active cell matters (keys, mouse, a row followed after a sort), not a new callback identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeRowId, activeColumnId]);
}
