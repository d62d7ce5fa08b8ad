// The one spreadsheet grid: nominations, the panel matrix and the expert's score sheet all use it, each with its
// own rows and column definitions. The parts beside this file: useGridModel (TanStack Table: rows, columns, sort,
// filter, sizes), useEditing (selection, editor, pending edits, undo), useKeyboard / useClipboard /
// useMouseSelection (input), useScrolling (TanStack Virtual) and useActiveRow, layout.ts (column layout), and the
// rendered parts GridHeader, GridBody, GridRow, CellInput. README.md explains the performance design.
import { useId, useImperativeHandle } from 'react';
import type { ReactElement } from 'react';
import type { RowData } from '@tanstack/react-table';
import { CellInput } from './CellInput.tsx';
import type { GridColumn } from './columns.ts';
import { GridBody } from './GridBody.tsx';
import { GridHeader } from './GridHeader.tsx';
import { defaultKeymap } from './keymap.ts';
import { gridLabelsEn } from './labels.ts';
import { columnFrame, HEADER_HEIGHT, scaled, useColumnLayout } from './layout.ts';
import { useFontScale } from '../lib/prefs.ts';
import type { GridProps } from './props.ts';
import { cellSelection, selectionRects } from './selection.ts';
import { useActiveRow } from './useActiveRow.ts';
import { clipboardHandlers } from './useClipboard.ts';
import { useEditing } from './useEditing.ts';
import { useGridModel } from './useGridModel.ts';
import { defaultPlatform, keyboardHandlers, useGridFocus } from './useKeyboard.ts';
import { useMenus } from './useMenus.tsx';
import { useMouseSelection } from './useMouseSelection.ts';
import { useScrolling } from './useScrolling.ts';
import './grid.css';

export type { GridColumn } from './columns.ts';
export type { CellEdit } from './types.ts';
export type { EditOutcome, GridHandle, GridProps, RefusedCell } from './props.ts';

export function Grid<TRow extends RowData>(props: GridProps<TRow>): ReactElement {
  const { getRowId, onEdit, onStatus, onActiveRowChange, onActiveCellChange, cellError, labels = gridLabelsEn, ariaLabel, className, ref } = props;
  const { height = '100%', rowNumbers = true, frozenColumns = 0, keymap = defaultKeymap, platform = defaultPlatform() } = props;
  // A+ (the app's text size) enlarges the grid too: its fonts are in rem, its known sizes scale here.
  const appScale = useFontScale().scale;
  const scale = props.textScale ?? appScale;
  const rowHeight = scaled(props.rowHeight ?? 32, scale);
  const baseId = useId();
  const model = useGridModel({ ...props, textScale: scale });
  const { viewRows, viewColumns, leafColumns, bounds } = model;
  const focus = useGridFocus();
  const { scrollRef, inputRef, rootRef, hasFocusRef } = focus;
  const editing = useEditing({ ...model, getRowId, onEdit, onStatus, labels, rowHeight, headerHeight: scaled(HEADER_HEIGHT, scale), scrollRef });
  const { selection, state, setGridState } = editing;
  const activeRow = selection.active.row;
  const activeCol = selection.active.col;
  const mouse = useMouseSelection(editing, bounds, focus.focusInput);
  const minVisible = props.minVisibleColumns ?? 0;
  const frame = columnFrame(leafColumns.length, frozenColumns, rowNumbers, scale);
  const scrolling = useScrolling({ viewRows, leafColumns, rowCount: bounds.rows, activeRow, activeCol, height, rowHeight, frame, minVisible, scale, scrollRef, inputRef, hasFocusRef });
  useActiveRow({
    viewRows, columnCount: viewColumns.length, activeRow, setGridState, scrolledForRef: scrolling.scrolledForRef, onActiveRowChange,
    activeColumnId: viewColumns[activeCol]?.id ?? null, onActiveCellChange,
  });

  useImperativeHandle(ref, () => ({
    focus: () => focus.focusInput(),
    setActiveCell: (rowId: string, columnId?: string) => {
      const r = viewRows.findIndex((row) => row.id === rowId);
      if (r < 0) return;
      const c = columnId === undefined ? selection.active.col : viewColumns.findIndex((col) => col.id === columnId);
      setGridState({ selection: cellSelection({ row: r, col: Math.max(0, c) }, bounds), editing: null });
    },
    undo: () => editing.runHistory('undo'),
    redo: () => editing.runHistory('redo'),
  }));

  const layout = useColumnLayout(leafColumns, model.columnSizing, frame, activeCol, scrolling.scrollLeft, scrolling.viewportWidth, minVisible, scale);
  const rects = selectionRects(selection);
  const multi = rects.length > 1 || (rects[0] !== undefined && (rects[0].top !== rects[0].bottom || rects[0].left !== rects[0].right));
  const totalWidth = frame.gutter + layout.total;
  const bodyHeight = scrolling.virtualizer.getTotalSize();
  const clipboard = clipboardHandlers(editing, bounds);
  const columnMenus = props.columnMenus ?? true;
  const menus = useMenus(model, editing, clipboard, labels, focus.focusInput);
  const keys = keyboardHandlers(editing, focus, platform, keymap, columnMenus ? menus.openFromKeyboard : undefined);
  const handlers = { ...keys, onCopy: clipboard.onCopy, onCut: clipboard.onCut, onPaste: clipboard.onPaste };
  const renderInput = (col: GridColumn<TRow>, text: string, editable: boolean, error: string | null) => (
    <CellInput
      col={col}
      text={text}
      editable={editable}
      error={error}
      editorText={state.editing?.row === activeRow && state.editing.col === activeCol ? state.editing.text : null}
      editorError={editing.editorError}
      colIndex={activeCol}
      baseId={baseId}
      inputRef={inputRef}
      handlers={handlers}
    />
  );

  return (
    <div ref={rootRef} className={['pd-grid', className].filter(Boolean).join(' ')} style={{ height, ['--pd-grid-gutter' as string]: `${frame.gutter}px` }}>
      <div ref={scrollRef} className="pd-grid__scroll" onScroll={scrolling.onScroll}>
        <div
          role="grid"
          aria-label={ariaLabel ?? labels.grid}
          aria-rowcount={viewRows.length + 1}
          aria-colcount={viewColumns.length + (rowNumbers ? 1 : 0)}
          aria-multiselectable="true"
          className="pd-grid__canvas"
          style={{ width: totalWidth, height: frame.headerHeight + bodyHeight }}
        >
          <GridHeader
            headers={model.table.getHeaderGroups()[0]?.headers ?? []}
            columnById={model.columnById}
            layout={layout}
            rects={rects}
            sorting={model.sorting}
            shownSorting={model.shownSorting}
            rowNumbers={rowNumbers}
            width={totalWidth}
            height={frame.headerHeight}
            labels={labels}
            onHeaderMouseDown={mouse.onHeaderMouseDown}
            onCornerMouseDown={mouse.onCornerMouseDown}
            filterOf={columnMenus ? menus.filterOf : undefined}
            onFilterClick={menus.openFilter}
            onHeaderContextMenu={columnMenus ? menus.onHeaderContextMenu : undefined}
            menuLabels={menus.labels}
          />
          <GridBody
            items={scrolling.virtualizer.getVirtualItems()}
            viewRows={viewRows}
            columns={viewColumns}
            layout={layout}
            height={bodyHeight}
            width={totalWidth}
            rowHeight={rowHeight}
            headerHeight={frame.headerHeight}
            rowNumbers={rowNumbers}
            rects={rects}
            multi={multi}
            activeRow={activeRow}
            activeCol={activeCol}
            editing={state.editing !== null}
            pending={editing.pending}
            refusals={editing.refusals}
            cellError={cellError}
            pendingLabel={labels.pending}
            baseId={baseId}
            renderInput={renderInput}
            onMouseDown={mouse.onBodyMouseDown}
            onMouseOver={mouse.onBodyMouseOver}
            onDoubleClick={mouse.onBodyDoubleClick}
            onContextMenu={columnMenus ? menus.onBodyContextMenu : undefined}
          />
          {viewRows.length === 0 && !model.catchingUp ? <div className="pd-grid__empty">{labels.empty}</div> : null}
        </div>
      </div>
      <div className="pd-grid__status" role="status" aria-live="polite">
        {editing.status}
      </div>
      {menus.element}
    </div>
  );
}
