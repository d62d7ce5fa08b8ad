// Selecting with the mouse: click, Shift-click, Ctrl-click, drag, row numbers, column headers, the corner; a
// double click edits. An open editor is committed first (or stays, when its value is refused).
import { useEffect, useRef } from 'react';
import type { MouseEvent } from 'react';
import type { RowData } from '@tanstack/react-table';
import type { Selection } from './selection.ts';
import { addRange, cellSelection, extendTo, selectAll, selectColumns, selectRows } from './selection.ts';
import type { Editing } from './useEditing.ts';

const cellFromEvent = (e: MouseEvent): { row: number; col: number } | null => {
  const el = (e.target as HTMLElement).closest<HTMLElement>('[data-col]');
  if (!el) return null;
  const row = Number(el.dataset.row);
  const col = Number(el.dataset.col);
  return Number.isInteger(row) && Number.isInteger(col) ? { row, col } : null;
};

export function useMouseSelection<TRow extends RowData>(editing: Editing<TRow>, bounds: { rows: number; cols: number }, focusInput: () => void) {
  const { state, selection, ctx, setGridState, commit } = editing;
  const dragRef = useRef(false);

  useEffect(() => {
    const up = () => {
      dragRef.current = false;
    };
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);

  /** Leave the editor before the selection moves by mouse: commit, or stay when the value is refused. */
  const leaveEditor = (): boolean => {
    const ed = state.editing;
    if (!ed) return true;
    if (!commit(ed.row, ed.col, ed.text)) return false;
    setGridState({ ...state, editing: null });
    return true;
  };

  const onBodyMouseDown = (e: MouseEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const at = cellFromEvent(e);
    if (!at) return;
    if (state.editing && state.editing.row === at.row && state.editing.col === at.col) return; // caret placement
    e.preventDefault();
    if (!leaveEditor()) return;
    let sel: Selection;
    if (at.col < 0) sel = e.shiftKey ? extendTo(selectRows(selection, bounds), { row: at.row, col: bounds.cols - 1 }, bounds) : selectRows(selection, bounds, at.row);
    else if (e.shiftKey) sel = extendTo(selection, at, bounds);
    else if (e.ctrlKey || e.metaKey) sel = addRange(selection, at, bounds);
    else sel = cellSelection(at, bounds);
    setGridState({ selection: sel, editing: null });
    dragRef.current = at.col >= 0;
    focusInput();
  };

  const onBodyMouseOver = (e: MouseEvent<HTMLDivElement>) => {
    if (!dragRef.current || (e.buttons & 1) === 0) {
      dragRef.current = false;
      return;
    }
    const at = cellFromEvent(e);
    if (at && at.col >= 0) setGridState((s) => ({ ...s, selection: extendTo(s.selection, at, bounds) }));
  };

  const onBodyDoubleClick = (e: MouseEvent<HTMLDivElement>) => {
    const at = cellFromEvent(e);
    if (!at || at.col < 0 || state.editing || !ctx.isEditable(at.row, at.col)) return;
    setGridState({ selection: cellSelection(at, bounds), editing: { row: at.row, col: at.col, text: ctx.getText(at.row, at.col), mode: 'edit' } });
  };

  const onHeaderMouseDown = (e: MouseEvent, col: number) => {
    if (e.button !== 0 || (e.target as HTMLElement).closest('[data-no-select]')) return;
    e.preventDefault();
    if (!leaveEditor()) return;
    setGridState({ selection: e.shiftKey ? extendTo(selectColumns(selection, bounds, selection.active.col), { row: bounds.rows - 1, col }, bounds) : selectColumns(selection, bounds, col), editing: null });
    focusInput();
  };

  const onCornerMouseDown = (e: MouseEvent) => {
    e.preventDefault();
    if (!leaveEditor()) return;
    setGridState({ selection: selectAll(selection, bounds), editing: null });
    focusInput();
  };

  return { onBodyMouseDown, onBodyMouseOver, onBodyDoubleClick, onHeaderMouseDown, onCornerMouseDown };
}
