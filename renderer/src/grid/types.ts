// Shared types of the grid's pure logic. Coordinates are view coordinates: `row` is the index in the
// rows as currently shown (after sorting and filtering), `col` the index among the visible columns.

export interface CellAddr {
  readonly row: number;
  readonly col: number;
}

/** A rectangle given by two corners: `anchor` stays put, `focus` moves when the range is extended. */
export interface CellRange {
  readonly anchor: CellAddr;
  readonly focus: CellAddr;
}

/** A normalised rectangle, inclusive on all sides. */
export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface Bounds {
  readonly rows: number;
  readonly cols: number;
}

export type ColumnType = 'text' | 'number' | 'select';

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

/** A cell change, in data terms (row id and column id), with its value before and after. */
export interface CellEdit {
  readonly rowId: string;
  readonly columnId: string;
  readonly value: unknown;
  readonly previous: unknown;
}

/**
 * A caller's message: a string, or a function called when the grid renders it, so that a message on a cell follows
 * the language when the person switches it (e.g. `() => describeError(err, i18n.t)`, with the unfixed `t`).
 * The grid words it again whenever its `labels` change.
 */
export type GridMessage = string | (() => string);

/**
 * Why an edit was refused: a built-in code the grid words through its labels (at render: a switch of language
 * re-words it), or the column's own message.
 */
export type RefusalReason =
  | { readonly code: 'readonly' }
  | { readonly code: 'not-a-number' }
  | { readonly code: 'not-an-option' }
  | { readonly code: 'out-of-range'; readonly min?: number | undefined; readonly max?: number | undefined }
  | { readonly code: 'off-step'; readonly step: number }
  | { readonly code: 'invalid'; readonly message: GridMessage };

export interface RefusedEdit {
  readonly row: number;
  readonly col: number;
  readonly text: string;
  readonly reason: RefusalReason;
}
