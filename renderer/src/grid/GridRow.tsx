// One rendered row of the grid. A component of its own (memoised) so that a key press re-renders only the rows
// whose look changed, and so that React can pause between rows while a big list renders in the background.
import { memo } from 'react';
import type { ReactElement, ReactNode } from 'react';
import type { GridColumn } from './columns.ts';
import { displayText, isEditable } from './columns.ts';

export const cellKey = (rowId: string, columnId: string) => `${rowId}\u0000${columnId}`;

/** A value the caller (or the grid) refused: why, and the text given, shown in the cell until fixed or Escape. */
export interface Refusal {
  readonly message: string;
  readonly text?: string | undefined;
}

export interface PendingValue {
  readonly value: unknown;
  readonly seq: number;
}

/** Where each rendered column sits: its width, and (wide grids) the left margin for the columns skipped before it. */
export interface ColumnLayout {
  readonly widths: readonly number[];
  /** How many leading columns are frozen (stay in view when scrolling sideways), and where each one sticks. */
  readonly frozen: number;
  readonly frozenLeft: readonly number[];
  /** Only the columns in this map are rendered (wide grids); null: all of them, with no margins. */
  readonly margins: ReadonlyMap<number, number> | null;
  /** The columns' total width (after narrowing to fit `minVisibleColumns`). */
  readonly total: number;
}

export interface GridRowProps<TRow> {
  readonly index: number;
  readonly rowId: string;
  readonly row: TRow;
  readonly top: number;
  readonly height: number;
  readonly width: number;
  readonly columns: readonly GridColumn<TRow>[];
  readonly layout: ColumnLayout;
  readonly rowNumbers: boolean;
  /** The selected column spans of this row, as "left-right,left-right" ('' when none): a string, so equal selections compare equal. */
  readonly spans: string;
  /** More than one cell is selected somewhere (single-cell selection shows only the active cell). */
  readonly multi: boolean;
  /** The active cell's column when it is in this row, else -1. */
  readonly activeCol: number;
  readonly editing: boolean;
  readonly pending: ReadonlyMap<string, PendingValue>;
  readonly refusals: ReadonlyMap<string, Refusal>;
  readonly cellError?: (row: TRow, columnId: string) => string | null;
  readonly pendingLabel: string;
  readonly baseId: string;
  /** The active cell's input (roving focus); given to the active row only. */
  readonly renderInput?: (col: GridColumn<TRow>, text: string, editable: boolean, error: string | null) => ReactNode;
}

function parseSpans(spans: string): [number, number][] {
  if (!spans) return [];
  return spans.split(',').map((s) => {
    const [l, r] = s.split('-');
    return [Number(l), Number(r)];
  });
}

function GridRowView<TRow>(props: GridRowProps<TRow>): ReactElement {
  const { index: r, rowId, row, top, height, width, columns, layout, rowNumbers, spans, multi, activeCol, editing, pending, refusals, cellError, pendingLabel, baseId, renderInput } = props;
  const ranges = parseSpans(spans);
  const margins = layout.margins;
  return (
    <div
      role="row"
      aria-rowindex={r + 2}
      className={`pd-grid__row${r % 2 ? ' pd-grid__row--odd' : ''}${activeCol >= 0 ? ' pd-grid__row--active' : ''}`}
      style={{ transform: `translateY(${top}px)`, height, width }}
    >
      {rowNumbers ? (
        <div role="rowheader" aria-colindex={1} data-row={r} data-col={-1} className={`pd-grid__rownum${ranges.length ? ' pd-grid__rownum--in-selection' : ''}`}>
          {r + 1}
        </div>
      ) : null}
      {columns.map((col, c) => {
        if (margins && !margins.has(c)) return null;
        const key = cellKey(rowId, col.id);
        const p = pending.get(key);
        const value = p ? p.value : col.accessor(row);
        const refusal = refusals.get(key);
        const text = refusal?.text ?? displayText(col, value, row);
        const error = refusal?.message ?? cellError?.(row, col.id) ?? null;
        const editable = isEditable(col, row);
        const isActive = c === activeCol;
        const selected = ranges.some(([left, right]) => c >= left && c <= right);
        const cls = ['pd-grid__cell'];
        if (col.type === 'number') cls.push('pd-grid__cell--num');
        if (!editable) cls.push('pd-grid__cell--readonly');
        if (selected && multi && !isActive) cls.push('pd-grid__cell--selected');
        if (isActive) cls.push('pd-grid__cell--active');
        if (p) cls.push('pd-grid__cell--pending');
        if (error) cls.push('pd-grid__cell--invalid');
        if (refusal?.text !== undefined) cls.push('pd-grid__cell--refused');
        if (isActive && editing) cls.push('pd-grid__cell--editing');
        const frozen = c < layout.frozen;
        if (frozen) cls.push(c === layout.frozen - 1 ? 'pd-grid__cell--frozen pd-grid__cell--frozen-edge' : 'pd-grid__cell--frozen');
        const extraClass = col.cellClassName?.(value, row);
        if (extraClass) cls.push(extraClass);
        const margin = margins?.get(c) ?? 0;
        return (
          <div
            key={col.id}
            id={`${baseId}-r${r}-c${c}`}
            role="gridcell"
            aria-colindex={c + 1 + (rowNumbers ? 1 : 0)}
            aria-selected={selected}
            aria-readonly={editable ? undefined : true}
            aria-invalid={error ? true : undefined}
            aria-busy={p ? true : undefined}
            data-row={r}
            data-col={c}
            className={cls.join(' ')}
            style={{ width: layout.widths[c] ?? col.width ?? 140, marginLeft: margin > 0 ? margin : undefined, left: frozen ? layout.frozenLeft[c] : undefined }}
            title={error ?? (p ? pendingLabel : (col.cellTitle?.(value, row) ?? (text.length > 12 ? text : undefined)))}
          >
            <span className="pd-grid__text">{text}</span>
            {isActive && renderInput ? renderInput(col, text, editable, error) : null}
          </div>
        );
      })}
    </div>
  );
}

export const GridRow = memo(GridRowView) as typeof GridRowView;
