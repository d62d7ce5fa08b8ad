// The body: the virtual rows in view (the active one always), each a memoised GridRow placed by the virtualizer.
import type { MouseEvent, ReactElement, ReactNode } from 'react';
import type { Row, RowData } from '@tanstack/react-table';
import type { VirtualItem } from '@tanstack/react-virtual';
import type { GridColumn } from './columns.ts';
import { GridRow } from './GridRow.tsx';
import type { ColumnLayout, PendingValue, Refusal } from './GridRow.tsx';
import type { Rect } from './types.ts';
import type { Features } from './useGridModel.ts';

export interface GridBodyProps<TRow extends RowData> {
  readonly items: readonly VirtualItem[];
  readonly viewRows: readonly Row<Features, TRow>[];
  readonly columns: readonly GridColumn<TRow>[];
  readonly layout: ColumnLayout;
  readonly height: number;
  readonly width: number;
  readonly rowHeight: number;
  readonly headerHeight: number;
  readonly rowNumbers: boolean;
  readonly rects: readonly Rect[];
  readonly multi: boolean;
  readonly activeRow: number;
  readonly activeCol: number;
  readonly editing: boolean;
  readonly pending: ReadonlyMap<string, PendingValue>;
  readonly refusals: ReadonlyMap<string, Refusal>;
  readonly cellError: ((row: TRow, columnId: string) => string | null) | undefined;
  readonly pendingLabel: string;
  readonly baseId: string;
  readonly renderInput: (col: GridColumn<TRow>, text: string, editable: boolean, error: string | null) => ReactNode;
  readonly onMouseDown: (e: MouseEvent<HTMLDivElement>) => void;
  readonly onMouseOver: (e: MouseEvent<HTMLDivElement>) => void;
  readonly onDoubleClick: (e: MouseEvent<HTMLDivElement>) => void;
  readonly onContextMenu?: ((e: MouseEvent<HTMLDivElement>) => void) | undefined;
}

export function GridBody<TRow extends RowData>(props: GridBodyProps<TRow>): ReactElement {
  const { items, viewRows, rects, activeRow, activeCol, editing } = props;
  return (
    <div
      role="rowgroup"
      className="pd-grid__body"
      style={{ height: props.height, width: props.width }}
      onMouseDown={props.onMouseDown}
      onMouseOver={props.onMouseOver}
      onDoubleClick={props.onDoubleClick}
      onContextMenu={props.onContextMenu}
    >
      {items.map((item) => {
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
            top={item.start - props.headerHeight}
            height={props.rowHeight}
            width={props.width}
            columns={props.columns}
            layout={props.layout}
            rowNumbers={props.rowNumbers}
            spans={spans}
            multi={props.multi}
            activeCol={isActiveRow ? activeCol : -1}
            editing={isActiveRow && editing}
            pending={props.pending}
            refusals={props.refusals}
            cellError={props.cellError}
            pendingLabel={props.pendingLabel}
            baseId={props.baseId}
            renderInput={isActiveRow ? props.renderInput : undefined}
          />
        );
      })}
    </div>
  );
}
