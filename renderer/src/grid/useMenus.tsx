// The grid's menus, wired: which one is open, what its items do (clipboard, clear, sort, filter, hide), and how it
// opens — a header's filter button, a right click on a cell or header, the ContextMenu key or Shift+F10.
import { useCallback, useState } from 'react';
import type { MouseEvent, ReactElement } from 'react';
import type { RowData } from '@tanstack/react-table';
import { displayText } from './columns.ts';
import type { ColumnFilterValue, DistinctValue } from './filters.ts';
import { distinctValues, isFilterActive, passesFilter } from './filters.ts';
import { ContextMenu, FilterPanel } from './GridMenus.tsx';
import type { MenuItem } from './GridMenus.tsx';
import type { GridLabels } from './labels.ts';
import { gridMenuLabelsEn } from './labels.ts';
import { cellSelection, selectedCells, selectionRects } from './selection.ts';
import type { Editing } from './useEditing.ts';
import type { GridModel } from './useGridModel.ts';

/** Worded when shown, like the grid's other status words: a switch of language re-words it. */
const clipboardBlocked = (l: GridLabels) => (l.menu ?? gridMenuLabelsEn).clipboardBlocked;

type Open =
  | { readonly kind: 'cell'; readonly x: number; readonly y: number; readonly row: number; readonly col: number }
  | { readonly kind: 'header'; readonly x: number; readonly y: number; readonly col: number }
  | { readonly kind: 'filter'; readonly x: number; readonly y: number; readonly col: number };

interface Clipboard {
  readonly pasteText: (text: string) => void;
  readonly copyText: () => string;
}

export function useMenus<TRow extends RowData>(model: GridModel<TRow>, editing: Editing<TRow>, clipboard: Clipboard, labels: GridLabels, focusInput: () => void) {
  const L = labels.menu ?? gridMenuLabelsEn;
  const [open, setOpen] = useState<Open | null>(null);
  const { viewColumns, viewRows, columnFilters, setColumnFilters, setSorting, columnVisibility, setColumnVisibility, columnById, table } = model;
  const { selection, setGridState, say } = editing;

  const close = useCallback(() => {
    setOpen(null);
    focusInput();
  }, [focusInput]);

  const filterOf = (id: string): ColumnFilterValue | null => {
    const f = columnFilters.find((x) => x.id === id)?.value;
    return isFilterActive(f) && f && typeof f === 'object' && !Array.isArray(f) ? (f as ColumnFilterValue) : null;
  };
  const setFilter = (id: string, f: ColumnFilterValue | null) => {
    setColumnFilters([...columnFilters.filter((x) => x.id !== id), ...(f ? [{ id, value: f }] : [])]);
  };
  const sortBy = (id: string, desc: boolean | null) => setSorting(desc === null ? [] : [{ id, desc }]);
  const hide = (id: string) => setColumnVisibility({ ...columnVisibility, [id]: false });

  /** The header's filter button. */
  const openFilter = (col: number, e: MouseEvent<HTMLElement>) => {
    e.stopPropagation();
    const r = e.currentTarget.getBoundingClientRect();
    setOpen({ kind: 'filter', col, x: r.left, y: r.bottom + 2 });
  };

  const onHeaderContextMenu = (e: MouseEvent<HTMLElement>, col: number) => {
    e.preventDefault();
    setOpen({ kind: 'header', col, x: e.clientX, y: e.clientY });
  };

  const onBodyContextMenu = (e: MouseEvent<HTMLElement>) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-col]');
    if (!el) return;
    const row = Number(el.dataset.row);
    const col = Number(el.dataset.col);
    if (!Number.isInteger(row) || !Number.isInteger(col) || col < 0) return;
    e.preventDefault();
    // A right click outside the selection selects that cell first (Excel).
    const inside = selectionRects(selection).some((r) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right);
    if (!inside) setGridState({ selection: cellSelection({ row, col }, model.bounds), editing: null });
    setOpen({ kind: 'cell', row, col, x: e.clientX, y: e.clientY });
  };

  /** The ContextMenu key or Shift+F10 on the active cell: the menu opens under it. */
  const openFromKeyboard = (anchor: HTMLElement | null) => {
    const r = anchor?.getBoundingClientRect();
    setOpen({ kind: 'cell', row: selection.active.row, col: selection.active.col, x: r ? r.left + 8 : 80, y: r ? r.bottom : 80 });
  };

  const headerItems = (col: number): MenuItem[] => {
    const c = viewColumns[col];
    if (!c) return [];
    const tc = table.getColumn(c.id);
    const canSort = tc?.getCanSort() ?? false;
    return [
      { id: 'sort-asc', label: L.sortAscending, disabled: !canSort, run: () => sortBy(c.id, false) },
      { id: 'sort-desc', label: L.sortDescending, disabled: !canSort, run: () => sortBy(c.id, true) },
      { id: 'sort-none', label: L.sortNone, disabled: !tc?.getIsSorted(), run: () => sortBy(c.id, null) },
      { id: 'filter', label: L.filterColumn, run: () => setOpen({ kind: 'filter', col, x: open?.x ?? 80, y: open?.y ?? 80 }) },
      { id: 'filter-clear', label: L.clearFilter, disabled: filterOf(c.id) === null, run: () => setFilter(c.id, null) },
      { id: 'hide', label: L.hideColumn, disabled: !(tc?.getCanHide() ?? false), run: () => hide(c.id) },
    ];
  };

  const cellItems = (row: number, col: number): MenuItem[] => {
    const c = viewColumns[col];
    const r = viewRows[row]?.original;
    if (!c || r === undefined) return [];
    const text = editing.displayTextAt(row, col);
    const editable = selectedCells(selection).some((a) => editing.ctx.isEditable(a.row, a.col));
    const shortText = text.length > 24 ? `${text.slice(0, 24)}…` : text;
    return [
      {
        id: 'copy',
        label: L.copy,
        run: () => {
          void navigator.clipboard?.writeText(clipboard.copyText()).catch(() => say(clipboardBlocked));
        },
      },
      {
        id: 'paste',
        label: L.paste,
        disabled: !editable,
        run: () => {
          const read = navigator.clipboard?.readText?.();
          if (!read) return say(clipboardBlocked);
          void read.then((t) => clipboard.pasteText(t), () => say(clipboardBlocked));
        },
      },
      {
        id: 'clear',
        label: L.clear,
        disabled: !editable,
        run: () => editing.clearCells(selectedCells(selection).filter((a) => editing.ctx.isEditable(a.row, a.col)), selection),
      },
      ...headerItems(col).filter((it) => it.id === 'sort-asc' || it.id === 'sort-desc'),
      { id: 'filter-value', label: L.filterByValue.replace('{value}', shortText === '' ? L.blank : shortText), run: () => setFilter(c.id, { values: [text] }) },
      ...headerItems(col).filter((it) => it.id === 'filter' || it.id === 'filter-clear'),
    ];
  };

  /** The values a column's list offers: those of the rows the other columns' filters keep (Excel). */
  const valuesFor = (id: string): { values: DistinctValue[]; numeric: boolean } => {
    const c = columnById.get(id);
    if (!c) return { values: [], numeric: false };
    // A number range is offered for number columns, and for any column whose values are all numbers.
    let numeric = true;
    let anyValue = false;
    const others = columnFilters.filter((f) => f.id !== id && isFilterActive(f.value));
    const texts: string[] = [];
    for (const row of table.getCoreRowModel().rows) {
      const r = row.original;
      const kept = others.every((f) => {
        const oc = columnById.get(f.id);
        if (!oc) return true;
        const v = oc.accessor(r);
        return passesFilter(displayText(oc, v, r), v, f.value);
      });
      if (!kept) continue;
      const v = c.accessor(r);
      if (v !== null && v !== undefined && v !== '') {
        anyValue = true;
        if (typeof v !== 'number') numeric = false;
      }
      texts.push(displayText(c, v, r));
    }
    return { values: distinctValues(texts), numeric: c.type === 'number' || (c.type === undefined && numeric && anyValue) };
  };

  let element: ReactElement | null = null;
  if (open?.kind === 'cell') element = <ContextMenu items={cellItems(open.row, open.col)} x={open.x} y={open.y} label={L.cellMenu} onClose={close} />;
  else if (open?.kind === 'header') element = <ContextMenu items={headerItems(open.col)} x={open.x} y={open.y} label={L.headerMenu} onClose={close} />;
  else if (open?.kind === 'filter') {
    const c = viewColumns[open.col];
    const tc = c ? table.getColumn(c.id) : undefined;
    if (c) {
      const { values, numeric } = valuesFor(c.id);
      element = (
        <FilterPanel
          key={c.id}
          header={c.header}
          numeric={numeric}
          values={values}
          current={filterOf(c.id)}
          labels={L}
          x={open.x}
          y={open.y}
          canSort={tc?.getCanSort() ?? false}
          canHide={tc?.getCanHide() ?? false}
          onSort={(desc) => sortBy(c.id, desc)}
          onHide={() => hide(c.id)}
          onApply={(f) => setFilter(c.id, f)}
          onClose={close}
        />
      );
    }
  }

  return { element, openFilter, onHeaderContextMenu, onBodyContextMenu, openFromKeyboard, filterOf, labels: L };
}
