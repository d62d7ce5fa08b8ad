// The header row: the corner (select all), one header per rendered column with its sort button and resize handle.
import type { ReactElement, MouseEvent } from 'react';
import type { Header, RowData, SortingState } from '@tanstack/react-table';
import type { GridColumn } from './columns.ts';
import type { ColumnLayout } from './GridRow.tsx';
import type { ColumnFilterValue } from './filters.ts';
import type { GridLabels, GridMenuLabels } from './labels.ts';
import { marginOf } from './layout.ts';
import type { Rect } from './types.ts';
import type { Features } from './useGridModel.ts';

export interface GridHeaderProps<TRow extends RowData> {
  readonly headers: readonly Header<Features, TRow, unknown>[];
  readonly columnById: ReadonlyMap<string, GridColumn<TRow>>;
  readonly layout: ColumnLayout;
  readonly rects: readonly Rect[];
  /** The order asked for, and the one shown (they differ while a big list's new order is worked out). */
  readonly sorting: SortingState;
  readonly shownSorting: SortingState;
  readonly rowNumbers: boolean;
  readonly width: number;
  readonly height: number;
  readonly labels: GridLabels;
  readonly onHeaderMouseDown: (e: MouseEvent, col: number) => void;
  readonly onCornerMouseDown: (e: MouseEvent) => void;
  /** With column menus: each header's filter (null: none), its filter button and its context menu. */
  readonly filterOf?: ((columnId: string) => ColumnFilterValue | null) | undefined;
  readonly onFilterClick: (col: number, e: MouseEvent<HTMLElement>) => void;
  readonly onHeaderContextMenu?: ((e: MouseEvent<HTMLElement>, col: number) => void) | undefined;
  readonly menuLabels: GridMenuLabels;
}

export function GridHeader<TRow extends RowData>(props: GridHeaderProps<TRow>): ReactElement {
  const { headers, columnById, layout, rects, sorting, shownSorting, rowNumbers, width, height, labels, onHeaderMouseDown, onCornerMouseDown, filterOf, onFilterClick, onHeaderContextMenu, menuLabels } = props;
  return (
    <div role="rowgroup" className="pd-grid__head" style={{ height, width }}>
      <div role="row" aria-rowindex={1} className="pd-grid__row pd-grid__row--head">
        {rowNumbers ? (
          <div role="columnheader" aria-colindex={1} className="pd-grid__corner" title={labels.selectAll} onMouseDown={onCornerMouseDown}>
            <span className="pd-grid__sr">{labels.rowNumber}</span>
          </div>
        ) : null}
        {headers.map((header, c) => {
          if (layout.margins && !layout.margins.has(c)) return null;
          const col = columnById.get(header.column.id);
          const sorted = header.column.getIsSorted();
          // While a big list's new order is worked out, the arrow shows the order asked for, dimmed.
          const asked = sorting.find((x) => x.id === header.column.id);
          const sortPending = shownSorting !== sorting && (asked !== undefined || sorted !== false);
          const arrow = sortPending ? (asked ? (asked.desc ? 'desc' : 'asc') : false) : sorted;
          const inRange = rects.some((r) => c >= r.left && c <= r.right);
          const filter = filterOf?.(header.column.id) ?? null;
          return (
            <div
              key={header.id}
              role="columnheader"
              aria-colindex={c + 1 + (rowNumbers ? 1 : 0)}
              aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
              className={['pd-grid__th', col?.type === 'number' ? 'pd-grid__th--num' : '', inRange ? 'pd-grid__th--in-selection' : '', c < layout.frozen ? 'pd-grid__th--frozen' : '', c === layout.frozen - 1 ? 'pd-grid__th--frozen-edge' : '', arrow ? 'pd-grid__th--sorted' : ''].join(' ')}
              style={{ width: layout.widths[c] ?? header.getSize(), marginLeft: marginOf(layout, c), left: c < layout.frozen ? layout.frozenLeft[c] : undefined }}
              title={col?.description ?? col?.header}
              onMouseDown={(e) => onHeaderMouseDown(e, c)}
              onContextMenu={onHeaderContextMenu ? (e) => onHeaderContextMenu(e, c) : undefined}
              data-filtered={filter ? true : undefined}
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
              {filterOf ? (
                <button
                  type="button"
                  tabIndex={-1}
                  data-no-select
                  className={`pd-grid__filter${filter ? ' pd-grid__filter--on' : ''}`}
                  aria-label={`${menuLabels.filterOf.replace('{column}', col?.header ?? '')}${filter ? ` (${menuLabels.filtered})` : ''}`}
                  title={filter ? menuLabels.filtered : menuLabels.filterButton}
                  aria-haspopup="dialog"
                  onMouseDown={(e) => e.stopPropagation()}
                  onClick={(e) => onFilterClick(c, e)}
                >
                  ▾
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
  );
}
