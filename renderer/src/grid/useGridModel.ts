// The grid's data side: TanStack Table v9 with the grid's own core and sorted row models (rowModel.ts,
// sortModel.ts), the column definitions, and the state a caller may own (sorting, filters, visibility, sizing).
// A big new list has its rows built ahead and a big list's new order is worked out in steps, while the old rows
// and order stay on screen (README: performance).
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  columnFilteringFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createFilteredRowModel,
  filterFn_equalsString,
  filterFn_inNumberRange,
  filterFn_includesString,
  functionalUpdate,
  rowSortingFeature,
  sortFn_basic,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import type { ColumnDef, Row, RowData, ColumnFiltersState, ColumnSizingState, ColumnVisibilityState, SortingState, Updater } from '@tanstack/react-table';
import type { GridColumn } from './columns.ts';
import { displayText } from './columns.ts';
import { passesFilter } from './filters.ts';
import type { GridProps } from './props.ts';
import { RowModelBuilder } from './rowModel.ts';
import { SortedModelBuilder } from './sortModel.ts';

/**
 * Text sorts as people read it: Chinese by pinyin, numbers inside text by value (第2项 before 第10项), case and
 * width aside. One collator for every grid: ICU's compare is about twice as fast as TanStack's alphanumeric split.
 */
const textCollator = new Intl.Collator(['zh-CN', 'en'], { numeric: true, sensitivity: 'base' });
const sortText = <TRow extends RowData>(a: Row<Features, TRow>, b: Row<Features, TRow>, columnId: string): number =>
  textCollator.compare(String(a.getValue(columnId) ?? ''), String(b.getValue(columnId) ?? ''));

const featureSet = {
  rowSortingFeature,
  columnFilteringFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnResizingFeature,
  filteredRowModel: createFilteredRowModel(),
  sortFns: { basic: sortFn_basic },
  filterFns: { includesString: filterFn_includesString, inNumberRange: filterFn_inNumberRange, equalsString: filterFn_equalsString },
};

/** The grid's table features, with core and sorted row models of its own per grid (rowModel.ts, sortModel.ts). */
type CoreRowModelSlot = NonNullable<Parameters<typeof tableFeatures>[0]['coreRowModel']>;
type SortedRowModelSlot = NonNullable<Parameters<typeof tableFeatures>[0]['sortedRowModel']>;
function gridFeatures(coreRowModel: CoreRowModelSlot, sortedRowModel: SortedRowModelSlot) {
  return tableFeatures({ ...featureSet, coreRowModel, sortedRowModel });
}

export type Features = ReturnType<typeof gridFeatures>;

const EMPTY_SORTING: SortingState = [];
const EMPTY_FILTERS: ColumnFiltersState = [];
const EMPTY_VISIBILITY: ColumnVisibilityState = {};
const EMPTY_SIZING: ColumnSizingState = {};

/**
 * A list that grows or shrinks by at least this many rows at once (the first load of a big campaign, a filter
 * cleared) has its rows built ahead, a slice per task: the old rows stay on screen and keys keep working until the
 * new ones are ready, and no single task holds the page for the whole 20,000-row build.
 */
const BUILD_AHEAD_FROM = 2_000;
const NO_ROWS: readonly never[] = [];
const inBrowser = typeof window !== 'undefined';
const nextTask = () => new Promise<void>((resolve) => { setTimeout(resolve, 0); });
const isBigChange = (from: readonly unknown[], to: readonly unknown[]) => from !== to && Math.abs(from.length - to.length) >= BUILD_AHEAD_FROM;

/** Owned-or-controlled state: the prop wins when given. */
function useMaybeControlled<T>(value: T | undefined, onChange: ((v: T) => void) | undefined, fallback: T) {
  const [inner, setInner] = useState<T>(fallback);
  const current = value ?? inner;
  const set = useCallback(
    (updater: Updater<T>) => {
      const next = functionalUpdate(updater, current);
      if (value === undefined) setInner(next);
      onChange?.(next);
    },
    [current, value, onChange],
  );
  return [current, set] as const;
}

/** The table's column definitions: its values serve sorting and filtering only (cells show the grid's own). */
function toColumnDefs<TRow extends RowData>(columns: readonly GridColumn<TRow>[], scale: number): ColumnDef<Features, TRow>[] {
  return columns.map((c) => ({
    id: c.id,
    header: c.header,
    // Empty cells become undefined to sort last.
    accessorFn: (row: TRow) => {
      const v = c.accessor(row);
      return (v === null || v === '' ? undefined : v) as never;
    },
    // Widths grow with the text size (A+), so a column shows as much of its text at every size.
    size: Math.round((c.width ?? 140) * scale),
    minSize: Math.round((c.minWidth ?? 48) * scale),
    maxSize: Math.round((c.maxWidth ?? 800) * scale),
    enableSorting: c.sortable ?? true,
    enableResizing: c.resizable ?? true,
    enableHiding: c.hideable ?? true,
    sortFn: c.type === 'number' ? 'basic' : sortText,
    sortUndefined: 'last',
    sortDescFirst: false,
    // AutoFilter: on the text the cell shows (filters.ts); older string and [min, max] filters still work.
    filterFn: (row: Row<Features, TRow>, _id: string, filter: unknown) => {
      const v = c.accessor(row.original);
      return passesFilter(displayText(c, v, row.original), v, filter);
    },
  }));
}

type ModelProps<TRow> = Pick<
  GridProps<TRow>,
  | 'rows' | 'columns' | 'getRowId' | 'onEdit'
  | 'sorting' | 'onSortingChange' | 'columnFilters' | 'onColumnFiltersChange'
  | 'columnVisibility' | 'onColumnVisibilityChange' | 'columnSizing' | 'onColumnSizingChange' | 'textScale'
>;

export function useGridModel<TRow extends RowData>(props: ModelProps<TRow>) {
  const { rows: givenRows, columns: givenColumns, getRowId, onEdit } = props;
  // The rows the table holds. A small change (a saved edit) is taken at once; a big one once its rows are built
  // ahead (below). A big list given at mount starts from no rows, in the browser (a server render has no later).
  const [builder] = useState(() => new RowModelBuilder<Features, TRow>());
  const [sorter] = useState(() => new SortedModelBuilder<Features, TRow>());
  const [features] = useState(() => gridFeatures(builder.factory as unknown as CoreRowModelSlot, sorter.factory as unknown as SortedRowModelSlot));
  const [heldRows, setHeldRows] = useState<readonly TRow[]>(() => (inBrowser && givenRows.length >= BUILD_AHEAD_FROM ? NO_ROWS : givenRows));
  if (heldRows !== givenRows && !isBigChange(heldRows, givenRows)) setHeldRows(givenRows);
  const rows = isBigChange(heldRows, givenRows) ? heldRows : givenRows;
  const catchingUp = rows !== givenRows;

  const [sorting, setSorting] = useMaybeControlled(props.sorting, props.onSortingChange, EMPTY_SORTING);
  const [shownSorting, setShownSorting] = useState(sorting);
  const [columnFilters, setColumnFilters] = useMaybeControlled(props.columnFilters, props.onColumnFiltersChange, EMPTY_FILTERS);
  const [columnVisibility, setColumnVisibility] = useMaybeControlled(props.columnVisibility, props.onColumnVisibilityChange, EMPTY_VISIBILITY);
  const [columnSizing, setColumnSizing] = useMaybeControlled(props.columnSizing, props.onColumnSizingChange, EMPTY_SIZING);

  useEffect(() => {
    if (!isBigChange(heldRows, givenRows)) return;
    let live = true;
    void (async () => {
      if (!(await builder.prepare(givenRows, nextTask)) || !live) return;
      // In the order shown, too, so that taking the new rows sorts nothing (filters would change what is sorted).
      const built = builder.rowsFor(givenRows);
      if (built && shownSorting.length > 0 && columnFilters.length === 0 && !(await sorter.prepareRows(built, shownSorting, nextTask))) return;
      if (live) setHeldRows(givenRows);
    })();
    return () => {
      live = false;
    };
    // The sorting and filters read are those of the moment; a change of them is taken up by the sort effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [builder, heldRows, givenRows]);

  // Without onEdit nothing could be saved: the grid is read-only.
  const columns = useMemo(() => (onEdit ? givenColumns : givenColumns.map((c) => ({ ...c, editable: false }))), [givenColumns, onEdit]);
  const columnById = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const scale = props.textScale ?? 1;
  const columnDefs = useMemo(() => toColumnDefs(columns, scale), [columns, scale]);

  // A caller's inline getRowId must not rebuild the 20,000-row model on every render: call the latest one
  // through a stable function.
  const getRowIdRef = useRef(getRowId);
  useLayoutEffect(() => {
    getRowIdRef.current = getRowId;
  }, [getRowId]);
  const stableGetRowId = useCallback((row: TRow) => getRowIdRef.current(row), []);

  const table = useTable({
    features,
    columns: columnDefs,
    data: rows,
    getRowId: stableGetRowId,
    columnResizeMode: 'onChange',
    // Without column filters the filtered row model is skipped: it would give every row two dictionaries.
    manualFiltering: columnFilters.length === 0,
    state: { sorting: shownSorting, columnFilters, columnVisibility, columnSizing },
    onSortingChange: setSorting,
    onColumnFiltersChange: setColumnFilters,
    onColumnVisibilityChange: setColumnVisibility,
    onColumnSizingChange: setColumnSizing,
  });

  // A new sort of a big list is worked out ahead in steps (sortModel.ts) while the old order stays; a small list,
  // or an order already worked out, is taken at once.
  if (shownSorting !== sorting && (rows.length < BUILD_AHEAD_FROM || sorter.isReady(sorting))) setShownSorting(sorting);
  useEffect(() => {
    if (shownSorting === sorting) return;
    let live = true;
    void sorter.prepare(sorting, nextTask).then((done) => {
      if (live && done) setShownSorting(sorting);
    });
    return () => {
      live = false;
    };
  }, [sorter, sorting, shownSorting, rows]);

  /** Alt+↑/↓ on a column: sort by it alone, or drop that very sort. */
  const sortByKey = useCallback(
    (col: number, desc: boolean) => {
      const column = table.getVisibleLeafColumns()[col];
      if (!column?.getCanSort()) return;
      const same = sorting.length === 1 && sorting[0]?.id === column.id && sorting[0].desc === desc;
      setSorting(same ? [] : [{ id: column.id, desc }]);
    },
    [table, sorting, setSorting],
  );

  const viewRows = table.getRowModel().rows;
  const leafColumns = table.getVisibleLeafColumns();
  const viewColumns = useMemo(
    () => leafColumns.map((c) => columnById.get(c.id)).filter((c): c is GridColumn<TRow> => c !== undefined),
    [leafColumns, columnById],
  );
  const bounds = useMemo(() => ({ rows: viewRows.length, cols: viewColumns.length }), [viewRows.length, viewColumns.length]);

  return { table, catchingUp, sorting, shownSorting, setSorting, sortByKey, columnFilters, setColumnFilters, columnVisibility, setColumnVisibility, columnSizing, columnById, viewRows, leafColumns, viewColumns, bounds };
}

export type GridModel<TRow extends RowData> = ReturnType<typeof useGridModel<TRow>>;
