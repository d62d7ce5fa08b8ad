// The grid's core row model: TanStack's, with two differences that keep a 20,000-row list from holding the page.
//   1. Rows whose data did not change (the same object at the same place) keep their Row: a saved edit rebuilds
//      one Row, not 20,000.
//   2. A new big list can be built ahead, a slice per task (`prepare`), while the old one stays on screen; the
//      table then takes the finished model without building anything.
// TanStack's own model builds every Row (four dictionaries each, with filtering) in one go: ~70 ms and as much
// again in garbage collection for 20,000 rows on a laptop-class machine.
import { constructRow, makeObjectMap, tableMemo } from '@tanstack/react-table';
import type { Row, RowData, RowModel, Table, TableFeatures } from '@tanstack/react-table';

interface Built<TFeatures extends TableFeatures, TRow extends RowData> {
  readonly data: readonly TRow[];
  readonly columns: unknown;
  readonly rows: Row<TFeatures, TRow>[];
  readonly rowsById: Record<string, Row<TFeatures, TRow>>;
}

/** Rows per slice when building ahead: a few milliseconds of work each. */
export const SLICE_ROWS = 1_000;

export class RowModelBuilder<TFeatures extends TableFeatures, TRow extends RowData> {
  private table: Table<TFeatures, TRow> | null = null;
  private current: Built<TFeatures, TRow> | null = null;
  private ahead: Built<TFeatures, TRow> | null = null;
  private generation = 0;

  /** TanStack's slot: `tableFeatures({ coreRowModel: builder.factory, … })` calls it once per table. */
  readonly factory = (table: Table<TFeatures, TRow>) => {
    this.table = table;
    return tableMemo({
      feature: 'coreRowModelsFeature',
      table,
      fnName: 'table.getCoreRowModel',
      memoDeps: () => [table.options.data],
      fn: () => this.model(table.options.data as readonly TRow[]),
    });
  };

  /** Whether `data` is built and waiting (the table will take it without work). */
  isReady(data: readonly TRow[]): boolean {
    return (this.ahead?.data === data && this.ahead.rows.length === data.length) || this.current?.data === data;
  }

  /** The Rows built ahead for `data` (the array the table's model will have), once `prepare` has finished. */
  rowsFor(data: readonly TRow[]): readonly Row<TFeatures, TRow>[] | null {
    if (this.ahead?.data === data && this.ahead.rows.length === data.length) return this.ahead.rows;
    return this.current?.data === data ? this.current.rows : null;
  }

  /**
   * Build the Rows of `data` ahead, `slice` rows a step, calling `pause` between steps (the next task). Resolves
   * true when all are built, false when a newer `prepare` took over or the table is not there yet.
   */
  async prepare(data: readonly TRow[], pause: () => Promise<void>, slice = SLICE_ROWS): Promise<boolean> {
    const gen = ++this.generation;
    const table = this.table;
    if (!table) return false;
    if (this.isReady(data)) return true;
    const built: Built<TFeatures, TRow> = { data, columns: table.options.columns, rows: [], rowsById: makeObjectMap() };
    this.ahead = built;
    while (built.rows.length < data.length) {
      this.extend(table, built, Math.min(data.length, built.rows.length + slice));
      if (built.rows.length < data.length) {
        await pause();
        if (gen !== this.generation || this.ahead !== built) return false;
      }
    }
    return true;
  }

  /** The model of `data`: what was built ahead when it matches, else built now (keeping unchanged Rows). */
  private model(data: readonly TRow[]): RowModel<TFeatures, TRow> {
    const table = this.table;
    if (!table) throw new Error('RowModelBuilder: no table');
    let built = this.ahead;
    if (!built || built.data !== data || built.columns !== table.options.columns) {
      built = { data, columns: table.options.columns, rows: [], rowsById: makeObjectMap() };
    }
    this.extend(table, built, data.length);
    this.ahead = null;
    this.current = built;
    return { rows: built.rows, flatRows: built.rows, rowsById: built.rowsById };
  }

  /** Append Rows to `built` up to index `end`, reusing the current model's Row where the data is the same. */
  private extend(table: Table<TFeatures, TRow>, built: Built<TFeatures, TRow>, end: number): void {
    const prev = this.current && this.current.columns === built.columns ? this.current.rows : null;
    const { data, rows, rowsById } = built;
    for (let i = rows.length; i < end; i++) {
      const original = data[i] as TRow;
      const old = prev?.[i];
      const row = old && old.original === original ? old : constructRow(table, table.getRowId(original, i), original, i, 0);
      rows.push(row);
      rowsById[row.id] = row;
    }
  }
}
