// The one spreadsheet grid: nominations, the panel matrix and the expert's score sheet all use it.
// TanStack Table v9 holds columns, sorting, filtering, visibility and sizing; TanStack Virtual renders only
// the rows in view; the keyboard, selection, clipboard and undo are the pure modules beside this file.
//
// Focus lives in one <input> inside the active cell (roving focus): it receives every key, so an IME
// composes straight into it, and it becomes the cell editor when editing starts.
import { useCallback, useEffect, useId, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ClipboardEvent, CompositionEvent, FocusEvent, KeyboardEvent, MouseEvent, ReactElement, ReactNode, Ref } from 'react';
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
import { defaultRangeExtractor, elementScroll, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { Range as VirtualRange, Virtualizer } from '@tanstack/react-virtual';
import type { CellEdit } from './types.ts';
import type { GridColumn } from './columns.ts';
import { isEditable, resolveEdits, valueToText } from './columns.ts';
import { cellKey, GridRow } from './GridRow.tsx';
import { RowModelBuilder } from './rowModel.ts';
import { SortedModelBuilder } from './sortModel.ts';
import type { ColumnLayout, PendingValue } from './GridRow.tsx';
import type { Command, CommandContext, Effect, GridState, Platform } from './keymap.ts';
import { compositionEnd, compositionStart, defaultKeymap, editText, handleKey, platformOf } from './keymap.ts';
import type { Selection } from './selection.ts';
import {
  addRange,
  cellSelection,
  clampSelection,
  currentRect,
  extendTo,
  initialSelection,
  selectAll,
  selectColumns,
  selectRows,
  selectedCells,
  selectionRects,
} from './selection.ts';
import { parseTsv, planPaste, rectToTsv } from './clipboard.ts';
import type { PlannedCell } from './clipboard.ts';
import type { History } from './history.ts';
import { dropRefused, emptyHistory, record, redo, undo } from './history.ts';
import type { GridLabels } from './labels.ts';
import { describeRefusal, gridLabelsEn, withCount } from './labels.ts';
import './grid.css';

export type { GridColumn } from './columns.ts';
export type { CellEdit } from './types.ts';

/** What the caller answers to `onEdit`: the edits it refused (the others are taken as saved). */
export interface EditOutcome {
  readonly refused?: readonly { readonly rowId: string; readonly columnId: string; readonly message: string }[];
}

export interface GridHandle {
  focus(): void;
  /** Make a cell active (and visible); `columnId` defaults to the current column. */
  setActiveCell(rowId: string, columnId?: string): void;
  /** The grid's own undo and redo, for an application menu (Electron's Edit-menu roles do not reach it). */
  undo(): void;
  redo(): void;
}

export interface GridProps<TRow> {
  readonly rows: readonly TRow[];
  readonly columns: readonly GridColumn<TRow>[];
  readonly getRowId: (row: TRow) => string;
  /**
   * The user changed cells (one call per action: a typed value, a clear, a paste, an undo). The grid shows
   * the new values as pending until the returned promise settles; refused edits go back and show why.
   * Update `rows` before resolving. A synchronous return counts as saved at once.
   */
  readonly onEdit?: (edits: CellEdit[]) => void | EditOutcome | Promise<void | EditOutcome>;
  /** The active cell moved to another row (for a detail panel). */
  readonly onActiveRowChange?: (rowId: string | null, row: TRow | null) => void;
  /** Messages the grid shows in its status line (refusals, clipped paste), also given to the caller. */
  readonly onStatus?: (message: string) => void;
  /** Problems the caller knows of (e.g. from the store), shown on the cell like a refusal. */
  readonly cellError?: (row: TRow, columnId: string) => string | null;
  // State the caller may own; each is kept inside the grid when its prop is absent.
  readonly sorting?: SortingState;
  readonly onSortingChange?: (sorting: SortingState) => void;
  readonly columnFilters?: ColumnFiltersState;
  readonly onColumnFiltersChange?: (filters: ColumnFiltersState) => void;
  readonly columnVisibility?: ColumnVisibilityState;
  readonly onColumnVisibilityChange?: (visibility: ColumnVisibilityState) => void;
  readonly columnSizing?: ColumnSizingState;
  readonly onColumnSizingChange?: (sizing: ColumnSizingState) => void;
  readonly labels?: GridLabels;
  /** Accessible name of the grid. */
  readonly ariaLabel?: string;
  /** Height of the grid box (CSS); the rows scroll inside it. Default 100% of its parent. */
  readonly height?: number | string;
  readonly rowHeight?: number;
  /** Show the row-number column (click to select a row). Default true. */
  readonly rowNumbers?: boolean;
  /** The first this many visible columns stay in view when the grid scrolls sideways (Excel's Freeze Panes). */
  readonly frozenColumns?: number;
  readonly keymap?: readonly Command[];
  readonly platform?: Platform;
  readonly className?: string;
  readonly ref?: Ref<GridHandle>;
}

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

type Features = ReturnType<typeof gridFeatures>;

const HEADER_HEIGHT = 36;
/** Above this many visible columns, only the columns in view are rendered. */
const VIRTUAL_COLUMNS_FROM = 30;
const COLUMN_OVERSCAN_PX = 400;
const COLUMN_SCROLL_STEP_PX = 64;
const GUTTER_WIDTH = 56;
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

/**
 * The scroll box's size from a ResizeObserver only. TanStack Virtual's own observer also reads the size at once
 * when the grid mounts, which forces a layout of the whole page inside React's commit (60 ms under the import
 * wizard); the observer reports it after the browser's own layout instead, and `initialRect` covers the first render.
 */
function observeBoxSize(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  const element = instance.scrollElement;
  const win = instance.targetWindow;
  if (!element || !win?.ResizeObserver) return observeElementRect(instance, cb);
  const observer = new win.ResizeObserver((entries) => {
    const box = entries[entries.length - 1]?.contentRect;
    if (box) cb({ width: Math.round(box.width), height: Math.round(box.height) });
  });
  observer.observe(element);
  return () => observer.disconnect();
}

/** Scroll boxes the virtualizer has scrolled (or been told are where they should be). */
const scrolledBoxes = new WeakSet<Element>();

/**
 * TanStack Virtual's scrolling, but for its first call on a new box to where the box already is (the top): that
 * scrollTo would also force a layout of the whole page inside React's commit.
 */
const scrollBox: typeof elementScroll = (offset, options, instance) => {
  const element = instance.scrollElement;
  if (element && !scrolledBoxes.has(element)) {
    scrolledBoxes.add(element);
    if (offset + (options.adjustments ?? 0) === 0) return;
  }
  elementScroll(offset, options, instance);
};

function defaultPlatform(): Platform {
  return typeof navigator === 'undefined' ? 'other' : platformOf(navigator.platform || navigator.userAgent);
}

export function Grid<TRow extends RowData>(props: GridProps<TRow>): ReactElement {
  const {
    rows: givenRows,
    columns: givenColumns,
    getRowId,
    onEdit,
    onActiveRowChange,
    onStatus,
    cellError,
    labels = gridLabelsEn,
    ariaLabel,
    height = '100%',
    rowHeight = 32,
    rowNumbers = true,
    frozenColumns = 0,
    keymap = defaultKeymap,
    className,
    ref,
  } = props;
  const platform = props.platform ?? defaultPlatform();
  // The rows the table holds. A small change (a saved edit) is taken at once; a big one once its rows are built
  // ahead (below). A big list given at mount starts from no rows, in the browser (a server render has no later).
  const [builder] = useState(() => new RowModelBuilder<Features, TRow>());
  const [sorter] = useState(() => new SortedModelBuilder<Features, TRow>());
  const [features] = useState(() => gridFeatures(builder.factory as unknown as CoreRowModelSlot, sorter.factory as unknown as SortedRowModelSlot));
  const [heldRows, setHeldRows] = useState<readonly TRow[]>(() => (inBrowser && givenRows.length >= BUILD_AHEAD_FROM ? NO_ROWS : givenRows));
  if (heldRows !== givenRows && !isBigChange(heldRows, givenRows)) setHeldRows(givenRows);
  const rows = isBigChange(heldRows, givenRows) ? heldRows : givenRows;
  const catchingUp = rows !== givenRows;
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
  const baseId = useId();

  const [sorting, setSorting] = useMaybeControlled(props.sorting, props.onSortingChange, EMPTY_SORTING);
  const [shownSorting, setShownSorting] = useState(sorting);
  const [columnFilters, setColumnFilters] = useMaybeControlled(props.columnFilters, props.onColumnFiltersChange, EMPTY_FILTERS);
  const [columnVisibility, setColumnVisibility] = useMaybeControlled(props.columnVisibility, props.onColumnVisibilityChange, EMPTY_VISIBILITY);
  const [columnSizing, setColumnSizing] = useMaybeControlled(props.columnSizing, props.onColumnSizingChange, EMPTY_SIZING);

  // Without onEdit nothing could be saved: the grid is read-only.
  const columns = useMemo(() => (onEdit ? givenColumns : givenColumns.map((c) => ({ ...c, editable: false }))), [givenColumns, onEdit]);
  const columnById = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);

  const columnDefs = useMemo<ColumnDef<Features, TRow>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: c.header,
        // The table's values serve sorting and filtering only; empty cells become undefined to sort last.
        accessorFn: (row: TRow) => {
          const v = c.accessor(row);
          return (v === null || v === '' ? undefined : v) as never;
        },
        size: c.width ?? 140,
        minSize: c.minWidth ?? 48,
        maxSize: c.maxWidth ?? 800,
        enableSorting: c.sortable ?? true,
        enableResizing: c.resizable ?? true,
        enableHiding: c.hideable ?? true,
        sortFn: c.type === 'number' ? 'basic' : sortText,
        sortUndefined: 'last',
        sortDescFirst: false,
        filterFn: c.type === 'number' ? 'inNumberRange' : c.type === 'select' ? 'equalsString' : 'includesString',
      })),
    [columns],
  );

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

  const viewRows = table.getRowModel().rows;
  const leafColumns = table.getVisibleLeafColumns();
  const viewColumns = useMemo(
    () => leafColumns.map((c) => columnById.get(c.id)).filter((c): c is GridColumn<TRow> => c !== undefined),
    [leafColumns, columnById],
  );
  const bounds = useMemo(() => ({ rows: viewRows.length, cols: viewColumns.length }), [viewRows.length, viewColumns.length]);

  // ------------------------------------------------------------------------------------------
  // Grid state: selection and editor (pure), pending edits, refusals, history, status line.

  const [rawState, setGridState] = useState<GridState>({ selection: initialSelection, editing: null });
  const selection: Selection = useMemo(
    () => (bounds.rows > 0 && bounds.cols > 0 ? clampSelection(rawState.selection, bounds) : rawState.selection),
    [rawState.selection, bounds],
  );
  const state: GridState = useMemo(() => ({ selection, editing: rawState.editing }), [selection, rawState.editing]);
  const [pending, setPending] = useState<ReadonlyMap<string, PendingValue>>(new Map());
  const [refusals, setRefusals] = useState<ReadonlyMap<string, string>>(new Map());
  const [editorError, setEditorError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [scrollLeft, setScrollLeft] = useState(0);
  const historyRef = useRef<History<Selection>>(emptyHistory<Selection>());
  const seqRef = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const hasFocusRef = useRef(false);
  const dragRef = useRef(false);

  const say = useCallback(
    (message: string) => {
      setStatus(message);
      if (message) onStatus?.(message);
    },
    [onStatus],
  );

  const rowAt = useCallback((i: number): TRow | undefined => viewRows[i]?.original, [viewRows]);
  const columnAt = useCallback((i: number): GridColumn<TRow> | undefined => viewColumns[i], [viewColumns]);

  /** The value a cell shows: a pending edit first, else the row's. */
  const valueAt = useCallback(
    (r: number, c: number): unknown => {
      const row = rowAt(r);
      const col = columnAt(c);
      if (row === undefined || !col) return undefined;
      const p = pending.get(cellKey(getRowId(row), col.id));
      return p ? p.value : col.accessor(row);
    },
    [rowAt, columnAt, pending, getRowId],
  );

  const ctx: CommandContext = useMemo(
    () => ({
      bounds,
      pageRows: Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 600) - HEADER_HEIGHT) / rowHeight) - 1),
      isBlank: (r, c) => {
        const v = valueAt(r, c);
        return v === null || v === undefined || v === '';
      },
      isEditable: (r, c) => {
        const row = rowAt(r);
        const col = columnAt(c);
        return row !== undefined && col !== undefined && isEditable(col, row);
      },
      getText: (r, c) => {
        const col = columnAt(c);
        return col ? valueToText(col, valueAt(r, c)) : '';
      },
    }),
    // pageRows reads the box's height when the context is rebuilt; the box rarely changes size.
    [bounds, rowHeight, valueAt, rowAt, columnAt],
  );

  const resolveContext = useMemo(
    () => ({ rowAt, columnAt, rowId: getRowId, messages: { outOfRange: labels.outOfRange, offStep: labels.offStep } }),
    [rowAt, columnAt, getRowId, labels],
  );

  /** Send edits to the caller, show them pending, and record them for undo. */
  const applyEdits = useCallback(
    (edits: CellEdit[], kind: 'user' | 'history', sel: Selection) => {
      if (edits.length === 0) return;
      const seq = ++seqRef.current;
      const keys = edits.map((e) => cellKey(e.rowId, e.columnId));
      setPending((prev) => {
        const next = new Map(prev);
        edits.forEach((e, i) => next.set(keys[i] as string, { value: e.value, seq }));
        return next;
      });
      setRefusals((prev) => {
        if (!keys.some((k) => prev.has(k))) return prev;
        const next = new Map(prev);
        keys.forEach((k) => next.delete(k));
        return next;
      });
      if (kind === 'user') historyRef.current = record(historyRef.current, { edits, meta: sel });
      const settle = (outcome: EditOutcome | void, failure?: string) => {
        const refused = failure !== undefined ? edits.map((e) => ({ rowId: e.rowId, columnId: e.columnId, message: failure })) : (outcome?.refused ?? []);
        setPending((prev) => {
          const next = new Map(prev);
          for (const k of keys) if (next.get(k)?.seq === seq) next.delete(k);
          return next;
        });
        if (refused.length) {
          setRefusals((prev) => {
            const next = new Map(prev);
            for (const r of refused) next.set(cellKey(r.rowId, r.columnId), r.message);
            return next;
          });
          if (kind === 'user') historyRef.current = dropRefused(historyRef.current, refused);
          say(`${withCount(labels.refusedCells, refused.length)}: ${refused[0]?.message ?? ''}`);
        }
      };
      let result: ReturnType<NonNullable<typeof onEdit>>;
      try {
        result = onEdit?.(edits);
      } catch (err) {
        settle(undefined, err instanceof Error ? err.message : String(err));
        return;
      }
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        (result as Promise<void | EditOutcome>).then(
          (o) => settle(o),
          (err: unknown) => settle(undefined, err instanceof Error ? err.message : String(err)),
        );
      } else {
        settle(result as EditOutcome | void);
      }
    },
    [onEdit, say, labels],
  );

  /** Turn planned writes into edits; refused cells are marked with their reason. Returns the refusals. */
  const writeCells = useCallback(
    (planned: readonly PlannedCell[], sel: Selection, extra?: string) => {
      const { accepted, refused } = resolveEdits(planned, resolveContext);
      const marks = new Map<string, string>();
      for (const r of refused) {
        const row = rowAt(r.row);
        const col = columnAt(r.col);
        if (row === undefined || !col || r.reason.code === 'readonly') continue;
        marks.set(cellKey(getRowId(row), col.id), labels.refusedValue.replace('{text}', r.text).replace('{reason}', describeRefusal(r.reason, labels)));
      }
      setRefusals(marks);
      applyEdits(accepted, 'user', sel);
      const parts: string[] = [];
      if (refused.length) parts.push(`${withCount(labels.refusedCells, refused.length)}: ${describeRefusal(refused[0]!.reason, labels)}`);
      if (extra) parts.push(extra);
      say(parts.join(' · '));
      return refused;
    },
    [resolveContext, applyEdits, say, labels, rowAt, columnAt, getRowId],
  );

  // ------------------------------------------------------------------------------------------
  // Effects of commands

  const commit = useCallback(
    (row: number, col: number, text: string): boolean => {
      const { accepted, refused } = resolveEdits([{ row, col, text }], resolveContext);
      const first = refused[0];
      if (first) {
        setEditorError(describeRefusal(first.reason, labels));
        return false;
      }
      setEditorError(null);
      applyEdits(accepted, 'user', cellSelection({ row, col }, bounds));
      return true;
    },
    [resolveContext, labels, applyEdits, bounds],
  );

  const runHistory = useCallback(
    (which: 'undo' | 'redo') => {
      const step = which === 'undo' ? undo(historyRef.current) : redo(historyRef.current);
      if (!step.edits) {
        say(which === 'undo' ? labels.nothingToUndo : labels.nothingToRedo);
        return;
      }
      historyRef.current = step.history;
      applyEdits(step.edits, 'history', selection);
      if (step.meta) setGridState((s) => ({ ...s, selection: clampSelection(step.meta as Selection, bounds) }));
      say('');
    },
    [applyEdits, say, labels, selection, bounds],
  );

  const clearCells = useCallback(
    (cells: readonly { row: number; col: number }[], sel: Selection) => {
      writeCells(
        cells.map((c) => ({ ...c, text: '' })),
        sel,
      );
    },
    [writeCells],
  );

  const runEffects = useCallback(
    (effects: readonly Effect[], before: GridState, after: GridState): GridState => {
      let next = after;
      for (const fx of effects) {
        if (fx.type === 'commit') {
          if (!commit(fx.row, fx.col, fx.text)) next = before; // stay in the editor, showing why
        } else if (fx.type === 'clear') clearCells(fx.cells, before.selection);
        else if (fx.type === 'write') writeCells(fx.cells, before.selection);
        else if (fx.type === 'sort') {
          const column = table.getVisibleLeafColumns()[fx.col];
          if (column?.getCanSort()) {
            const same = sorting.length === 1 && sorting[0]?.id === column.id && sorting[0].desc === fx.desc;
            setSorting(same ? [] : [{ id: column.id, desc: fx.desc }]);
          }
        }
        else if (fx.type === 'undo' || fx.type === 'redo') runHistory(fx.type);
        // copy / cut / paste are served by the browser's clipboard events on the input.
      }
      return next;
    },
    [commit, clearCells, writeCells, runHistory, table, sorting, setSorting],
  );

  // ------------------------------------------------------------------------------------------
  // Keyboard, IME and clipboard on the focused input

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const out = handleKey(state, e.nativeEvent, ctx, platform, keymap);
    if (out.preventDefault) e.preventDefault();
    if (out.commandId === null && out.state === state) return;
    const next = runEffects(out.effects, state, out.state);
    if (next !== state) {
      if (!next.editing) setEditorError(null);
      setGridState(next);
    }
  };

  const onCompositionStart = () => setGridState(compositionStart(state, ctx));
  const onCompositionEnd = (e: CompositionEvent<HTMLInputElement>) => setGridState(compositionEnd(state, e.currentTarget.value));

  const onInputChange = (text: string) => {
    if (state.editing) {
      setGridState(editText(state, text));
      if (editorError) setEditorError(null);
    } else if (text && ctx.isEditable(selection.active.row, selection.active.col)) {
      // Text arrived without a key we saw (voice input, an on-screen keyboard): it starts an edit.
      setGridState({ ...state, editing: { row: selection.active.row, col: selection.active.col, text, mode: 'enter' } });
    }
  };

  const onCopy = (e: ClipboardEvent<HTMLInputElement>) => {
    if (state.editing || bounds.rows === 0) return;
    e.preventDefault();
    e.clipboardData.setData('text/plain', rectToTsv(currentRect(selection), ctx.getText));
  };

  const onCut = (e: ClipboardEvent<HTMLInputElement>) => {
    if (state.editing || bounds.rows === 0) return;
    onCopy(e);
    const r = currentRect(selection);
    const cells = selectedCells({ active: selection.active, ranges: [{ anchor: { row: r.top, col: r.left }, focus: { row: r.bottom, col: r.right } }] });
    clearCells(
      cells.filter((c) => ctx.isEditable(c.row, c.col)),
      selection,
    );
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    if (state.editing || bounds.rows === 0) return;
    e.preventDefault();
    const block = parseTsv(e.clipboardData.getData('text/plain'));
    const plan = planPaste(block, currentRect(selection), bounds);
    if (plan.cells.length === 0) return;
    const pasted: Selection = {
      active: selection.active,
      ranges: [{ anchor: { row: plan.rect.top, col: plan.rect.left }, focus: { row: plan.rect.bottom, col: plan.rect.right } }],
    };
    writeCells(plan.cells, pasted, plan.clipped ? withCount(labels.clippedCells, plan.clipped) : undefined);
    setGridState({ ...state, selection: pasted });
  };

  const onInputBlur = (e: FocusEvent<HTMLInputElement>) => {
    // A composition cannot outlive focus; should its end event never come, keys must not stay blocked.
    if (state.editing?.composing) setGridState(compositionEnd(state, e.currentTarget.value));
    const to = e.relatedTarget as Node | null;
    if (to && rootRef.current?.contains(to)) return;
    hasFocusRef.current = false;
    // Leaving the grid commits the edit (Excel); an invalid value keeps the editor open.
    const ed = state.editing;
    if (ed && !ed.composing && commit(ed.row, ed.col, ed.text)) setGridState({ ...state, editing: null });
  };

  // ------------------------------------------------------------------------------------------
  // Mouse

  const cellFromEvent = (e: MouseEvent): { row: number; col: number } | null => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-col]');
    if (!el) return null;
    const row = Number(el.dataset.row);
    const col = Number(el.dataset.col);
    return Number.isInteger(row) && Number.isInteger(col) ? { row, col } : null;
  };

  const focusInput = () => {
    hasFocusRef.current = true;
    inputRef.current?.focus({ preventScroll: true });
  };

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

  useEffect(() => {
    const up = () => {
      dragRef.current = false;
    };
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);

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

  // ------------------------------------------------------------------------------------------
  // Virtual rows; the active row is always rendered so the focused input never unmounts.

  const activeRow = selection.active.row;
  const rangeExtractor = useCallback(
    (range: VirtualRange) => {
      const indexes = defaultRangeExtractor(range);
      if (activeRow < range.count && !indexes.includes(activeRow)) {
        indexes.push(activeRow);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [activeRow],
  );

  // A new key function would make the virtualizer re-measure every row: keep it stable per row model.
  const getItemKey = useCallback((i: number) => viewRows[i]?.id ?? i, [viewRows]);
  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  const getScrollElement = useCallback(() => scrollRef.current, []);

  // The virtualizer's functions are not memoisable; React Compiler skips this component, which is intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: viewRows.length,
    getScrollElement,
    estimateSize,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    rangeExtractor,
    getItemKey,
    // Until the box is measured: its given height, so a short grid does not first render a tall one's rows.
    initialRect: { width: 1280, height: typeof height === 'number' ? height : 800 },
    observeElementRect: observeBoxSize,
    scrollToFn: scrollBox,
  });

  // Keep the active cell in view and focused. Only a move of the active cell scrolls: new rows under an unmoved
  // cell must not, as scrolling measures the page (a forced layout of the whole grid).
  const activeCol = selection.active.col;
  // Frozen columns: never all of them, so something can still scroll.
  const frozenCount = Math.max(0, Math.min(frozenColumns, leafColumns.length - 1));
  const gutter = rowNumbers ? GUTTER_WIDTH : 0;
  const scrolledForRef = useRef({ row: 0, col: 0 });
  const scrollLeftRef = useRef(0);
  useLayoutEffect(() => {
    if (bounds.rows === 0) return;
    // The active cell's input is new when its row moved (a sort, a filter): give it the focus the grid had.
    if (hasFocusRef.current && document.activeElement !== inputRef.current) inputRef.current?.focus({ preventScroll: true });
    const last = scrolledForRef.current;
    if (last.row === activeRow && last.col === activeCol) return;
    scrolledForRef.current = { row: activeRow, col: activeCol };
    // From what is known without measuring (rows have one height; the box's size and offsets come from the
    // observers and scroll events): reading the page's layout here would force it for the whole grid.
    const box = scrollRef.current;
    const viewHeight = virtualizer.scrollRect?.height ?? (typeof height === 'number' ? height : 600);
    const viewWidth = (virtualizer.scrollRect?.width ?? 1280) - gutter;
    const top = activeRow * rowHeight;
    const offset = virtualizer.scrollOffset ?? 0;
    let toTop: number | null = null;
    if (top < offset) toTop = top;
    else if (top + rowHeight + HEADER_HEIGHT > offset + viewHeight) toTop = top + rowHeight + HEADER_HEIGHT - viewHeight;
    const col = leafColumns[activeCol];
    const frozen = frozenCount;
    let toLeft: number | null = null;
    if (col && activeCol >= frozen) {
      // Frozen columns cover the left of the view: a column scrolls out from under them.
      const frozenWidth = leafColumns.slice(0, frozen).reduce((w, c) => w + c.getSize(), 0);
      const left = col.getStart();
      const right = left + col.getSize();
      const viewLeft = scrollLeftRef.current + frozenWidth;
      if (left < viewLeft) toLeft = left - frozenWidth;
      else if (right > scrollLeftRef.current + viewWidth) toLeft = right - viewWidth;
    }
    if (box && (toTop !== null || toLeft !== null)) box.scrollTo({ ...(toTop !== null ? { top: toTop } : {}), ...(toLeft !== null ? { left: Math.max(0, toLeft) } : {}) });
    // Only a move of the active cell scrolls; column changes must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeRow, activeCol, bounds.rows]);

  // When sorting, filtering or new data move the active row, the active cell follows that row (by id), so
  // the detail panel and the editor stay on the same item.
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
      selection: cellSelection({ row: idx, col: s.selection.active.col }, { rows: viewRows.length, cols: Math.max(1, viewColumns.length) }),
      editing: s.editing ? { ...s.editing, row: idx } : null,
    }));
    // Only a new row model can move the row; moves of the active cell are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [viewRows]);
  useLayoutEffect(() => {
    lastActiveIdRef.current = viewRows[activeRow]?.id ?? null;
  });

  // Tell the caller which row is active.
  const activeRowId = viewRows[activeRow]?.id ?? null;
  const activeOriginal = viewRows[activeRow]?.original ?? null;
  useEffect(() => {
    onActiveRowChange?.(activeRowId, activeOriginal);
    // Only a change of row matters, not a new callback identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeRowId]);

  useImperativeHandle(
    ref,
    () => ({
      focus: () => focusInput(),
      setActiveCell: (rowId: string, columnId?: string) => {
        const r = viewRows.findIndex((row) => row.id === rowId);
        if (r < 0) return;
        const c = columnId === undefined ? selection.active.col : viewColumns.findIndex((col) => col.id === columnId);
        setGridState({ selection: cellSelection({ row: r, col: Math.max(0, c) }, bounds), editing: null });
      },
      undo: () => runHistory('undo'),
      redo: () => runHistory('redo'),
    }),
  );

  // ------------------------------------------------------------------------------------------
  // Render

  const rects = selectionRects(selection);
  const multi = rects.length > 1 || (rects[0] !== undefined && (rects[0].top !== rects[0].bottom || rects[0].left !== rects[0].right));
  const totalWidth = gutter + table.getTotalSize();
  const editing = state.editing;
  const headerGroup = table.getHeaderGroups()[0];
  const rootClass = ['pd-grid', className].filter(Boolean).join(' ');
  const virtualItems = virtualizer.getVirtualItems();

  // Wide grids (the panel matrix: one column per expert) render only the columns in view, plus the active one.
  // Each rendered cell carries a left margin for the columns skipped before it.
  const virtualCols = leafColumns.length > VIRTUAL_COLUMNS_FROM;
  const viewportWidth = virtualizer.scrollRect?.width ?? 1280;
  const layout = useMemo((): ColumnLayout => {
    const widths = leafColumns.map((col) => col.getSize());
    const frozen = frozenCount;
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
  }, [leafColumns, columnSizing, virtualCols, activeCol, scrollLeft, viewportWidth, frozenCount, gutter]);
  const marginOf = (c: number) => {
    const m = layout.margins?.get(c) ?? 0;
    return m > 0 ? m : undefined;
  };

  const renderInput = (col: GridColumn<TRow>, text: string, editable: boolean, error: string | null): ReactNode => {
    const r = activeRow;
    const c = activeCol;
    const isEditingHere = editing !== null && editing.row === r && editing.col === c;
    const listId = col.type === 'select' && col.options?.length ? `${baseId}-opts-${c}` : undefined;
    return (
      <>
        <input
          ref={inputRef}
          className={isEditingHere ? 'pd-grid__editor' : 'pd-grid__sink'}
          value={isEditingHere ? editing.text : ''}
          readOnly={!isEditingHere && !editable}
          aria-label={isEditingHere ? col.header : `${col.header}: ${text}`}
          aria-invalid={isEditingHere && editorError ? true : undefined}
          aria-describedby={isEditingHere && editorError ? `${baseId}-editor-error` : undefined}
          title={isEditingHere && editorError ? editorError : (error ?? undefined)}
          inputMode={col.type === 'number' ? 'decimal' : undefined}
          list={isEditingHere ? listId : undefined}
          autoComplete="off"
          spellCheck={false}
          onKeyDown={onKeyDown}
          onChange={(e) => onInputChange(e.currentTarget.value)}
          onCompositionStart={onCompositionStart}
          onCompositionEnd={onCompositionEnd}
          onCopy={onCopy}
          onCut={onCut}
          onPaste={onPaste}
          onFocus={() => {
            hasFocusRef.current = true;
          }}
          onBlur={onInputBlur}
        />
        {isEditingHere && listId ? (
          <datalist id={listId}>
            {col.options?.map((o) => (
              <option key={o.value} value={o.label} />
            ))}
          </datalist>
        ) : null}
        {isEditingHere && editorError ? (
          <div id={`${baseId}-editor-error`} className="pd-grid__editor-error" role="alert">
            {editorError}
          </div>
        ) : null}
      </>
    );
  };

  return (
    <div ref={rootRef} className={rootClass} style={{ height }}>
      <div
        ref={scrollRef}
        className="pd-grid__scroll"
        onScroll={(e) => {
          const x = e.currentTarget.scrollLeft;
          scrollLeftRef.current = x;
          if (virtualCols && (Math.abs(x - scrollLeft) >= COLUMN_SCROLL_STEP_PX || x === 0)) setScrollLeft(x);
        }}
      >
        <div
          role="grid"
          aria-label={ariaLabel ?? labels.grid}
          aria-rowcount={viewRows.length + 1}
          aria-colcount={viewColumns.length + (rowNumbers ? 1 : 0)}
          aria-multiselectable="true"
          className="pd-grid__canvas"
          style={{ width: totalWidth, height: HEADER_HEIGHT + virtualizer.getTotalSize() }}
        >
          <div role="rowgroup" className="pd-grid__head" style={{ height: HEADER_HEIGHT, width: totalWidth }}>
            <div role="row" aria-rowindex={1} className="pd-grid__row pd-grid__row--head">
              {rowNumbers ? (
                <div role="columnheader" aria-colindex={1} className="pd-grid__corner" title={labels.selectAll} onMouseDown={onCornerMouseDown}>
                  <span className="pd-grid__sr">{labels.rowNumber}</span>
                </div>
              ) : null}
              {headerGroup?.headers.map((header, c) => {
                if (layout.margins && !layout.margins.has(c)) return null;
                const col = columnById.get(header.column.id);
                const sorted = header.column.getIsSorted();
                // While a big list's new order is worked out, the arrow shows the order asked for, dimmed.
                const asked = sorting.find((x) => x.id === header.column.id);
                const sortPending = shownSorting !== sorting && (asked !== undefined || sorted !== false);
                const arrow = sortPending ? (asked ? (asked.desc ? 'desc' : 'asc') : false) : sorted;
                const inRange = rects.some((r) => c >= r.left && c <= r.right);
                return (
                  <div
                    key={header.id}
                    role="columnheader"
                    aria-colindex={c + 1 + (rowNumbers ? 1 : 0)}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    className={['pd-grid__th', col?.type === 'number' ? 'pd-grid__th--num' : '', inRange ? 'pd-grid__th--in-selection' : '', c < layout.frozen ? 'pd-grid__th--frozen' : '', c === layout.frozen - 1 ? 'pd-grid__th--frozen-edge' : ''].join(' ')}
                    style={{ width: header.getSize(), marginLeft: marginOf(c), left: c < layout.frozen ? layout.frozenLeft[c] : undefined }}
                    title={col?.description ?? col?.header}
                    onMouseDown={(e) => onHeaderMouseDown(e, c)}
                  >
                    <span className="pd-grid__th-label">{col?.header}</span>
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        tabIndex={-1}
                        data-no-select
                        className={`pd-grid__sort${arrow ? ' pd-grid__sort--on' : ''}${sortPending ? ' pd-grid__sort--pending' : ''}`}
                        aria-label={sorted === 'desc' ? labels.sortDescending : labels.sortAscending}
                        title={sorted === 'desc' ? labels.sortDescending : sorted === 'asc' ? labels.sortAscending : undefined}
                        onClick={header.column.getToggleSortingHandler()}
                      >
                        {arrow === 'asc' ? '▲' : arrow === 'desc' ? '▼' : '↕'}
                      </button>
                    ) : null}
                    {header.column.getCanResize() ? (
                      <div
                        data-no-select
                        role="separator"
                        aria-orientation="vertical"
                        aria-label={labels.resizeColumn}
                        className={`pd-grid__resizer${header.column.getIsResizing() ? ' pd-grid__resizer--active' : ''}`}
                        onMouseDown={(e) => {
                          e.stopPropagation();
                          header.getResizeHandler()(e.nativeEvent);
                        }}
                        onTouchStart={(e) => header.getResizeHandler()(e.nativeEvent)}
                        onDoubleClick={() => header.column.resetSize()}
                      />
                    ) : null}
                  </div>
                );
              })}
            </div>
          </div>
          <div
            role="rowgroup"
            className="pd-grid__body"
            style={{ height: virtualizer.getTotalSize(), width: totalWidth }}
            onMouseDown={onBodyMouseDown}
            onMouseOver={onBodyMouseOver}
            onDoubleClick={onBodyDoubleClick}
          >
            {virtualItems.map((item) => {
              const r = item.index;
              const vrow = viewRows[r];
              if (!vrow) return null;
              const spans = rects
                .filter((rc) => r >= rc.top && r <= rc.bottom)
                .map((rc) => `${rc.left}-${rc.right}`)
                .join(',');
              const isActiveRow = r === activeRow;
              return (
                <GridRow<TRow>
                  key={vrow.id}
                  index={r}
                  rowId={vrow.id}
                  row={vrow.original}
                  top={item.start - HEADER_HEIGHT}
                  height={rowHeight}
                  width={totalWidth}
                  columns={viewColumns}
                  layout={layout}
                  rowNumbers={rowNumbers}
                  spans={spans}
                  multi={multi}
                  activeCol={isActiveRow ? activeCol : -1}
                  editing={isActiveRow && editing !== null}
                  pending={pending}
                  refusals={refusals}
                  cellError={cellError}
                  pendingLabel={labels.pending}
                  baseId={baseId}
                  renderInput={isActiveRow ? renderInput : undefined}
                />
              );
            })}
          </div>
          {viewRows.length === 0 && !catchingUp ? <div className="pd-grid__empty">{labels.empty}</div> : null}
        </div>
      </div>
      <div className="pd-grid__status" role="status" aria-live="polite">
        {status}
      </div>
    </div>
  );
}
