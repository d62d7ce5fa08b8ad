// The grid component's props and handle: what a screen gives the grid and what it gets back.
import type { Ref } from 'react';
import type { ColumnFiltersState, ColumnSizingState, ColumnVisibilityState, SortingState } from '@tanstack/react-table';
import type { GridColumn } from './columns.ts';
import type { Command, Platform } from './keymap.ts';
import type { GridLabels } from './labels.ts';
import type { CellEdit, GridMessage } from './types.ts';

/**
 * What the caller answers to `onEdit`: the edits it refused (the others are taken as saved). A `message` given as a
 * function is worded when shown, so it follows a switch of language (see `GridMessage`).
 */
export interface EditOutcome {
  readonly refused?: readonly RefusedCell[];
}

export interface RefusedCell {
  readonly rowId: string;
  readonly columnId: string;
  readonly message: GridMessage;
}

export interface GridHandle {
  focus(): void;
  /** Make a cell active (and visible); `columnId` defaults to the current column. */
  setActiveCell(rowId: string, columnId?: string): void;
  /** The grid's own undo and redo, for an application menu (Electron's Edit-menu roles do not reach it). */
  undo(): void;
  redo(): void;
}

export type OnEdit = (edits: CellEdit[]) => void | EditOutcome | Promise<void | EditOutcome>;

export interface GridProps<TRow> {
  readonly rows: readonly TRow[];
  readonly columns: readonly GridColumn<TRow>[];
  readonly getRowId: (row: TRow) => string;
  /**
   * The user changed cells (one call per action: a typed value, a clear, a paste, an undo). The grid shows
   * the new values as pending until the returned promise settles; refused edits go back and show why.
   * Update `rows` before resolving. A synchronous return counts as saved at once.
   */
  readonly onEdit?: OnEdit;
  /** The active cell moved to another row (for a detail panel). */
  readonly onActiveRowChange?: (rowId: string | null, row: TRow | null) => void;
  /**
   * The active cell moved (keys, mouse, `setActiveCell`, its row followed after a sort or filter): its row id and
   * column id (null when there is none). Called once per move, not on every render; also once with the first cell.
   */
  readonly onActiveCellChange?: (rowId: string | null, columnId: string | null) => void;
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
  /** Row height in pixels at 100 % text size (default 32); scaled with the text size. */
  readonly rowHeight?: number;
  /**
   * Text size the grid's known sizes (row and header heights, column widths, row numbers) are scaled by. Default:
   * the app's text size (A+/A−, `lib/prefs.ts`), whose root font size the grid's rem fonts follow.
   */
  readonly textScale?: number;
  /** Show the row-number column (click to select a row). Default true. */
  readonly rowNumbers?: boolean;
  /** The first this many visible columns stay in view when the grid scrolls sideways (Excel's Freeze Panes). */
  readonly frozenColumns?: number;
  /**
   * Narrow every column (down to 45 % of its width) so that at least this many visible columns fit the grid's box,
   * e.g. a narrow window with a details panel open. Default 0: columns keep their widths.
   */
  readonly minVisibleColumns?: number;
  /**
   * Excel's AutoFilter and context menus: a filter button on each header (values list with search, number range),
   * right-click menus on cells and headers, the ContextMenu key or Shift+F10. Default true.
   */
  readonly columnMenus?: boolean;
  readonly keymap?: readonly Command[];
  readonly platform?: Platform;
  readonly className?: string;
  readonly ref?: Ref<GridHandle>;
}
