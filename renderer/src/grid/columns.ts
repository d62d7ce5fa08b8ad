// Column definitions and the turning of typed or pasted text into a cell value (pure, no React).
import type { CellEdit, ColumnType, GridMessage, RefusalReason, RefusedEdit, SelectOption } from './types.ts';
import type { PlannedCell } from './clipboard.ts';

export interface GridColumn<TRow> {
  readonly id: string;
  /** Header text (already in the user's language). */
  readonly header: string;
  /** Reads the cell's value from a row. */
  readonly accessor: (row: TRow) => unknown;
  /** Width in pixels (default 140); `minWidth`/`maxWidth` bound resizing. */
  readonly width?: number;
  readonly minWidth?: number;
  readonly maxWidth?: number;
  /** Whether the cell can be edited: a flag or a per-row decision (e.g. a conflicted item). */
  readonly editable?: boolean | ((row: TRow) => boolean);
  readonly type?: ColumnType;
  /** For 'select' columns: the allowed values. Typed or pasted text matches a value or a label. */
  readonly options?: readonly SelectOption[];
  /** For 'number' columns: inclusive limits and step, checked before `validate`. */
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  /** Extra check of a parsed value; returns the message to show (a function: worded at render), or null when fine. */
  readonly validate?: (value: unknown, row: TRow) => GridMessage | null;
  /** Display text of a value (default: numbers and text as they are, select values by label). */
  readonly format?: (value: unknown, row: TRow) => string;
  readonly sortable?: boolean;
  readonly resizable?: boolean;
  readonly hideable?: boolean;
  /** Title attribute of the header (e.g. the full criterion name and its range). */
  readonly description?: string;
  /** Extra class of a cell (e.g. a status badge's colour). */
  readonly cellClassName?: (value: unknown, row: TRow) => string | undefined;
  /** Tooltip of a cell when it has no error (e.g. the reasons behind a status). */
  readonly cellTitle?: (value: unknown, row: TRow) => string | undefined;
}

/** Full-width digits, signs and separators (８５, －３, ８５．５) become ASCII; spaces trimmed. */
export function normaliseNumberText(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/\uFF0E|\u3002/g, '.')
    .replace(/\uFF0D|\u2212/g, '-')
    .replace(/\uFF0B/g, '+')
    .replace(/[\uFF0C,]/g, '')
    .replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

export function isEditable<TRow>(column: GridColumn<TRow>, row: TRow): boolean {
  const e = column.editable;
  return typeof e === 'function' ? e(row) : e === true;
}

export type ParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: RefusalReason };

/**
 * Text → the column's value. Empty text is an empty cell (null for numbers and selects, '' for text).
 * Numbers accept full-width digits and thousands separators; select columns accept a value or a label.
 */
export function parseCellText<TRow>(
  column: GridColumn<TRow>,
  text: string,
  row: TRow,
): ParseResult {
  const type = column.type ?? 'text';
  let value: unknown;
  if (type === 'number') {
    const t = normaliseNumberText(text);
    if (t === '') value = null;
    else {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { ok: false, reason: { code: 'not-a-number' } };
      const n = Number(t);
      if (!Number.isFinite(n)) return { ok: false, reason: { code: 'not-a-number' } };
      if ((column.min !== undefined && n < column.min) || (column.max !== undefined && n > column.max)) {
        return { ok: false, reason: { code: 'out-of-range', min: column.min, max: column.max } };
      }
      if (column.step !== undefined && column.step > 0) {
        const base = column.min ?? 0;
        const k = (n - base) / column.step;
        if (Math.abs(k - Math.round(k)) > 1e-9 * Math.max(1, Math.abs(k))) {
          return { ok: false, reason: { code: 'off-step', step: column.step } };
        }
      }
      value = n;
    }
  } else if (type === 'select') {
    const t = text.trim();
    if (t === '') value = null;
    else {
      const options = column.options ?? [];
      const hit =
        options.find((o) => o.value === t) ??
        options.find((o) => o.label === t) ??
        options.find((o) => o.value.toLowerCase() === t.toLowerCase() || o.label.toLowerCase() === t.toLowerCase());
      if (!hit) return { ok: false, reason: { code: 'not-an-option' } };
      value = hit.value;
    }
  } else {
    value = text;
  }
  if (column.validate) {
    const message = column.validate(value, row);
    if (message) return { ok: false, reason: { code: 'invalid', message } };
  }
  return { ok: true, value };
}

/** A value as text: for display (unless the column formats it) and for copy and F2. */
export function valueToText<TRow>(column: GridColumn<TRow>, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (column.type === 'select') {
    const hit = column.options?.find((o) => o.value === value);
    return hit ? hit.label : String(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return String(value);
}

export function displayText<TRow>(column: GridColumn<TRow>, value: unknown, row: TRow): string {
  return column.format ? column.format(value, row) : valueToText(column, value);
}

export interface ResolveContext<TRow> {
  /** The row shown at a view index. */
  readonly rowAt: (row: number) => TRow | undefined;
  readonly rowId: (row: TRow) => string;
  /** The visible column at a view index. */
  readonly columnAt: (col: number) => GridColumn<TRow> | undefined;
}

export interface Resolved {
  readonly accepted: CellEdit[];
  readonly refused: RefusedEdit[];
}

function sameValue(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined || a === '') && (b === null || b === undefined || b === '')) return true;
  return Object.is(a, b);
}

/**
 * Planned cell writes (typed, pasted, cleared) → the edits the caller receives and the refused ones with
 * their reasons. Writes that change nothing are dropped.
 */
export function resolveEdits<TRow>(planned: readonly PlannedCell[], ctx: ResolveContext<TRow>): Resolved {
  const accepted: CellEdit[] = [];
  const refused: RefusedEdit[] = [];
  for (const p of planned) {
    const row = ctx.rowAt(p.row);
    const column = ctx.columnAt(p.col);
    if (row === undefined || !column) continue;
    if (!isEditable(column, row)) {
      refused.push({ row: p.row, col: p.col, text: p.text, reason: { code: 'readonly' } });
      continue;
    }
    const parsed = parseCellText(column, p.text, row);
    if (!parsed.ok) {
      refused.push({ row: p.row, col: p.col, text: p.text, reason: parsed.reason });
      continue;
    }
    const previous = column.accessor(row);
    if (sameValue(previous, parsed.value)) continue;
    accepted.push({ rowId: ctx.rowId(row), columnId: column.id, value: parsed.value, previous });
  }
  return { accepted, refused };
}
