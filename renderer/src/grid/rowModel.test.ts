import { describe, expect, it } from 'vitest';
import { constructTable, tableFeatures } from '@tanstack/react-table';
import type { RowModel } from '@tanstack/react-table';
// Table-core's own bindings for a table outside React (a dependency of @tanstack/react-table).
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings';
import { RowModelBuilder } from './rowModel.ts';

interface Item {
  readonly id: string;
  readonly title: string;
}

const items = (n: number, tag = ''): Item[] => Array.from({ length: n }, (_, i) => ({ id: `n${i}`, title: `题目${i}${tag}` }));
const columns = [{ id: 'title', accessorFn: (r: Item) => r.title }];

function tableWith(data: readonly Item[]) {
  const builder = new RowModelBuilder<never, Item>();
  const features = tableFeatures({ coreReactivityFeature: storeReactivityBindings(), coreRowModel: builder.factory as never });
  const table = constructTable({ features, columns: columns as never, data: data as Item[], getRowId: (r: Item) => r.id });
  const setData = (next: readonly Item[]) => table.setOptions((o) => ({ ...o, data: next as Item[] }));
  const model = () => table.getCoreRowModel() as unknown as RowModel<never, Item>;
  return { builder, table, setData, model };
}

describe('RowModelBuilder (the grid’s core row model)', () => {
  it('gives every row its id, index and data, as TanStack’s own model does', () => {
    const data = items(5);
    const { model } = tableWith(data);
    const m = model();
    expect(m.rows.map((r) => [r.id, r.index, r.original])).toEqual(data.map((d, i) => [d.id, i, d]));
    expect(m.flatRows).toHaveLength(5);
    expect(m.rowsById['n3']?.original).toBe(data[3]);
    expect(m.rows[2]?.getValue('title')).toBe('题目2');
  });

  it('keeps the Rows of unchanged data after one row is replaced (a saved edit)', () => {
    const data = items(1000);
    const { setData, model } = tableWith(data);
    const before = model();
    const edited = data.slice();
    edited[10] = { id: 'n10', title: '改过的题目' };
    setData(edited);
    const after = model();
    expect(after).not.toBe(before);
    expect(after.rows[9]).toBe(before.rows[9]);
    expect(after.rows[11]).toBe(before.rows[11]);
    expect(after.rows[10]).not.toBe(before.rows[10]);
    expect(after.rows[10]?.getValue('title')).toBe('改过的题目');
    expect(after.rowsById['n10']).toBe(after.rows[10]);
  });

  it('builds a big list ahead, a slice per pause, and the table then takes it as built', async () => {
    const { builder, setData, model } = tableWith([]);
    model();
    const big = items(4500, '·');
    let pauses = 0;
    const done = await builder.prepare(big, async () => {
      pauses++;
    }, 1000);
    expect(done).toBe(true);
    expect(pauses).toBe(4);
    expect(builder.isReady(big)).toBe(true);
    setData(big);
    const m = model();
    expect(m.rows).toHaveLength(4500);
    expect(m.rows[4499]?.original).toBe(big[4499]);
  });

  it('drops a build ahead that a newer list overtook', async () => {
    const { builder, model } = tableWith([]);
    model();
    const first = items(3000, 'a');
    const second = items(3000, 'b');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const a = builder.prepare(first, () => gate, 1000);
    const b = builder.prepare(second, async () => undefined, 1000);
    release();
    expect(await a).toBe(false);
    expect(await b).toBe(true);
    expect(builder.isReady(second)).toBe(true);
    expect(builder.isReady(first)).toBe(false);
  });

  it('does not keep Rows across new columns (their cached values would be stale)', () => {
    const data = items(3);
    const { table, model } = tableWith(data);
    const before = model();
    table.setOptions((o) => ({ ...o, columns: [{ id: 'title', accessorFn: (r: Item) => r.title.toUpperCase() }] as never, data: data.slice() }));
    const after = model();
    expect(after.rows[0]).not.toBe(before.rows[0]);
  });
});
