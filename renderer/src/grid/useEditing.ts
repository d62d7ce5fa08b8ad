// The grid's state and its edits: selection and editor (pure, keymap.ts), values pending until the caller's
// onEdit settles, refusals shown on the cells, undo history, and the status line. Commands' effects end here.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { Row, RowData } from '@tanstack/react-table';
import type { CellEdit } from './types.ts';
import type { GridColumn } from './columns.ts';
import { displayText, isEditable, resolveEdits, valueToText } from './columns.ts';
import { cellKey } from './GridRow.tsx';
import type { PendingValue, Refusal } from './GridRow.tsx';
import type { CommandContext, Effect, GridState } from './keymap.ts';
import type { Selection } from './selection.ts';
import { cellSelection, clampSelection, initialSelection } from './selection.ts';
import type { PlannedCell } from './clipboard.ts';
import type { History } from './history.ts';
import { dropRefused, emptyHistory, record, redo, undo } from './history.ts';
import type { GridLabels } from './labels.ts';
import type { GridWords } from './labels.ts';
import { describeRefusal, withCount, wordOf, wordRefusals } from './labels.ts';
import type { Features } from './useGridModel.ts';
import type { EditOutcome, OnEdit } from './props.ts';

interface EditingInput<TRow extends RowData> {
  readonly viewRows: readonly Row<Features, TRow>[];
  readonly viewColumns: readonly GridColumn<TRow>[];
  readonly columnById: ReadonlyMap<string, GridColumn<TRow>>;
  readonly bounds: { readonly rows: number; readonly cols: number };
  readonly getRowId: (row: TRow) => string;
  readonly onEdit: OnEdit | undefined;
  readonly onStatus: ((message: string) => void) | undefined;
  readonly labels: GridLabels;
  readonly rowHeight: number;
  readonly headerHeight: number;
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  readonly sortByKey: (col: number, desc: boolean) => void;
}

/** A refusal as kept: its words are worded at render (`wordOf`), so a switch of language re-words them. */
interface KeptRefusal {
  readonly message: GridWords;
  readonly text?: string | undefined;
}

export function useEditing<TRow extends RowData>(input: EditingInput<TRow>) {
  const { viewRows, viewColumns, columnById, bounds, getRowId, onEdit, onStatus, labels, rowHeight, headerHeight, scrollRef, sortByKey } = input;
  const [rawState, setGridState] = useState<GridState>({ selection: initialSelection, editing: null });
  const selection: Selection = useMemo(
    () => (bounds.rows > 0 && bounds.cols > 0 ? clampSelection(rawState.selection, bounds) : rawState.selection),
    [rawState.selection, bounds],
  );
  const state: GridState = useMemo(() => ({ selection, editing: rawState.editing, tabOrigin: rawState.tabOrigin ?? null }), [selection, rawState.editing, rawState.tabOrigin]);
  const [pending, setPending] = useState<ReadonlyMap<string, PendingValue>>(new Map());
  const [refusals, setRefusals] = useState<ReadonlyMap<string, KeptRefusal>>(new Map());
  const [editorWords, setEditorError] = useState<GridWords | null>(null);
  const [statusWords, setStatus] = useState<GridWords>('');
  // Worded with the labels of the moment: a new `labels` (the language switched) gives a new map, so every row
  // showing a refusal renders again (GridRow is memoised on its props).
  const shownRefusals: ReadonlyMap<string, Refusal> = useMemo(() => wordRefusals(refusals, labels), [refusals, labels]);
  const editorError = editorWords === null ? null : wordOf(editorWords, labels);
  const status = wordOf(statusWords, labels);
  const historyRef = useRef<History<Selection>>(emptyHistory<Selection>());
  const seqRef = useRef(0);

  const say = useCallback(
    (message: GridWords) => {
      setStatus(() => message);
      const text = wordOf(message, labels);
      if (text) onStatus?.(text);
    },
    [onStatus, labels],
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

  /** A refused value's text stays in its cell until fixed or dropped (Escape): F2 and copy give that text. */
  const refusedTextAt = useCallback(
    (r: number, c: number): string | undefined => {
      const row = rowAt(r);
      const col = columnAt(c);
      if (row === undefined || !col) return undefined;
      return refusals.get(cellKey(getRowId(row), col.id))?.text;
    },
    [rowAt, columnAt, refusals, getRowId],
  );

  /** What the cell shows (the column's format: 符合, not its code), as copy gives it. */
  const displayTextAt = useCallback(
    (r: number, c: number): string => {
      const refused = refusedTextAt(r, c);
      if (refused !== undefined) return refused;
      const row = rowAt(r);
      const col = columnAt(c);
      return row === undefined || !col ? '' : displayText(col, valueAt(r, c), row);
    },
    [refusedTextAt, rowAt, columnAt, valueAt],
  );

  /** Drop the refusal on one cell (Escape): the cell shows its saved value again. True when there was one. */
  const dropRefusal = useCallback(
    (r: number, c: number): boolean => {
      const row = rowAt(r);
      const col = columnAt(c);
      if (row === undefined || !col) return false;
      const key = cellKey(getRowId(row), col.id);
      if (!refusals.has(key)) return false;
      setRefusals((prev) => {
        const next = new Map(prev);
        next.delete(key);
        return next;
      });
      say('');
      return true;
    },
    [rowAt, columnAt, getRowId, refusals, say],
  );

  const ctx: CommandContext = useMemo(
    () => ({
      bounds,
      // Read when a page key is handled (an event), from the box's height then.
      get pageRows() {
        return Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 600) - headerHeight) / rowHeight) - 1);
      },
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
        const refused = refusedTextAt(r, c);
        if (refused !== undefined) return refused;
        const col = columnAt(c);
        return col ? valueToText(col, valueAt(r, c)) : '';
      },
    }),
    [bounds, rowHeight, headerHeight, valueAt, rowAt, columnAt, scrollRef, refusedTextAt],
  );

  const resolveContext = useMemo(
    () => ({ rowAt, columnAt, rowId: getRowId }),
    [rowAt, columnAt, getRowId],
  );

  /** Send edits to the caller, show them pending, and record them for undo. */
  const applyEdits = useCallback(
    (edits: CellEdit[], kind: 'user' | 'history', sel: Selection) => {
      if (edits.length === 0) return;
      const seq = ++seqRef.current;
      const keys = edits.map((e) => cellKey(e.rowId, e.columnId));
      // The text each value was given as: a refused one stays in its cell, marked, until fixed or Escape.
      const texts = new Map(edits.map((e, i) => {
        const col = columnById.get(e.columnId);
        return [keys[i] as string, col ? valueToText(col, e.value) : String(e.value ?? '')];
      }));
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
            for (const r of refused) {
              const key = cellKey(r.rowId, r.columnId);
              next.set(key, { message: r.message, text: texts.get(key) });
            }
            return next;
          });
          if (kind === 'user') historyRef.current = dropRefused(historyRef.current, refused);
          const first = refused[0]?.message ?? '';
          say((l) => `${withCount(l.refusedCells, refused.length)}: ${wordOf(first, l)}`);
        }
      };
      let result: ReturnType<OnEdit> | undefined;
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
    [onEdit, say, columnById],
  );

  /** Turn planned writes into edits; refused cells are marked with their reason. Returns the refusals. */
  const writeCells = useCallback(
    (planned: readonly PlannedCell[], sel: Selection, extra?: GridWords) => {
      const { accepted, refused } = resolveEdits(planned, resolveContext);
      const marks = new Map<string, KeptRefusal>();
      for (const r of refused) {
        const row = rowAt(r.row);
        const col = columnAt(r.col);
        if (row === undefined || !col || r.reason.code === 'readonly') continue;
        const message = (l: GridLabels) => l.refusedValue.replace('{text}', () => r.text).replace('{reason}', () => describeRefusal(r.reason, l));
        marks.set(cellKey(getRowId(row), col.id), { message, text: r.text });
      }
      // Cells written again lose their old refusal; the others keep theirs.
      const written = planned.map((p) => {
        const row = rowAt(p.row);
        const col = columnAt(p.col);
        return row === undefined || !col ? '' : cellKey(getRowId(row), col.id);
      });
      setRefusals((prev) => {
        if (marks.size === 0 && !written.some((k) => prev.has(k))) return prev;
        const next = new Map(prev);
        for (const k of written) next.delete(k);
        for (const [k, v] of marks) next.set(k, v);
        return next;
      });
      applyEdits(accepted, 'user', sel);
      const first = refused[0];
      say((l) => {
        const parts: string[] = [];
        if (first) parts.push(`${withCount(l.refusedCells, refused.length)}: ${describeRefusal(first.reason, l)}`);
        if (extra) parts.push(wordOf(extra, l));
        return parts.join(' · ');
      });
      return refused;
    },
    [resolveContext, applyEdits, say, rowAt, columnAt, getRowId],
  );

  /** Write the editor's text to its cell; false (and the reason shown in the editor) when it is refused. */
  const commit = useCallback(
    (row: number, col: number, text: string): boolean => {
      const { accepted, refused } = resolveEdits([{ row, col, text }], resolveContext);
      const first = refused[0];
      if (first) {
        setEditorError(() => (l: GridLabels) => describeRefusal(first.reason, l));
        return false;
      }
      setEditorError(null);
      // A value typed back to what is saved changes nothing, yet fixes the cell: its refusal goes.
      if (accepted.length === 0) dropRefusal(row, col);
      applyEdits(accepted, 'user', cellSelection({ row, col }, bounds));
      return true;
    },
    [resolveContext, applyEdits, bounds, dropRefusal],
  );

  const runHistory = useCallback(
    (which: 'undo' | 'redo') => {
      const step = which === 'undo' ? undo(historyRef.current) : redo(historyRef.current);
      if (!step.edits) {
        say((l) => (which === 'undo' ? l.nothingToUndo : l.nothingToRedo));
        return;
      }
      historyRef.current = step.history;
      applyEdits(step.edits, 'history', selection);
      if (step.meta) setGridState((s) => ({ ...s, selection: clampSelection(step.meta as Selection, bounds) }));
      say('');
    },
    [applyEdits, say, selection, bounds],
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

  /** Carry out a command's effects; returns the state to take (the one before, when a commit was refused). */
  const runEffects = useCallback(
    (effects: readonly Effect[], before: GridState, after: GridState): GridState => {
      let next = after;
      for (const fx of effects) {
        if (fx.type === 'commit') {
          if (!commit(fx.row, fx.col, fx.text)) next = before; // stay in the editor, showing why
        } else if (fx.type === 'clear') clearCells(fx.cells, before.selection);
        else if (fx.type === 'write') writeCells(fx.cells, before.selection);
        else if (fx.type === 'sort') sortByKey(fx.col, fx.desc);
        else if (fx.type === 'undo' || fx.type === 'redo') runHistory(fx.type);
        // copy / cut / paste are served by the browser's clipboard events on the input.
      }
      return next;
    },
    [commit, clearCells, writeCells, runHistory, sortByKey],
  );

  return { state, selection, setGridState, pending, refusals: shownRefusals, dropRefusal, displayTextAt, editorError, setEditorError, status, say, ctx, commit, runHistory, clearCells, writeCells, runEffects };
}

export type Editing<TRow extends RowData> = ReturnType<typeof useEditing<TRow>>;
