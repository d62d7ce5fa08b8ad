import { describe, expect, it } from 'vitest';
import { constructTable, createSortedRowModel, rowSortingFeature, sortFn_basic, tableFeatures } from '@tanstack/react-table';
import type { SortingState } from '@tanstack/react-table';
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings';
import { RowModelBuilder } from './rowModel.ts';
import { placeNew, sortInSteps, SortedModelBuilder } from './sortModel.ts';

interface Item {
  readonly id: string;
  readonly title: string;
  readonly score: number | undefined;
}

const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true });
const columns = [
  { id: 'title', accessorFn: (r: Item) => r.title, sortFn: (a: { getValue(id: string): unknown }, b: { getValue(id: string): unknown }, id: string) => collator.compare(String(a.getValue(id)), String(b.getValue(id))), sortUndefined: 'last' },
  { id: 'score', accessorFn: (r: Item) => r.score, sortFn: 'basic', sortUndefined: 'last' },
];
const items = (n: number): Item[] => Array.from({ length: n }, (_, i) => ({ id: `n${i}`, title: `第${(i * 7919) % n}项研究`, score: i % 13 === 0 ? undefined : (i * 31) % 17 }));

const coreBuilders = new WeakMap<object, RowModelBuilder<never, Item>>();

function tables(data: readonly Item[], sorting: SortingState) {
  const core = new RowModelBuilder<never, Item>();
  const sorter = new SortedModelBuilder<never, Item>();
  const ours = constructTable({
    features: tableFeatures({ coreReactivityFeature: storeReactivityBindings(), rowSortingFeature, sortFns: { basic: sortFn_basic }, coreRowModel: core.factory as never, sortedRowModel: sorter.factory as never }),
    columns: columns as never,
    data: data as Item[],
    getRowId: (r: Item) => r.id,
    state: { sorting },
  });
  const theirs = constructTable({
    features: tableFeatures({ coreReactivityFeature: storeReactivityBindings(), rowSortingFeature, sortFns: { basic: sortFn_basic }, sortedRowModel: createSortedRowModel() }),
    columns: columns as never,
    data: data as Item[],
    getRowId: (r: Item) => r.id,
    state: { sorting },
  });
  coreBuilders.set(ours, core);
  const ids = (t: typeof ours | typeof theirs) => (t.getRowModel().rows as { id: string }[]).map((r) => r.id);
  return { ours, theirs, sorter, ids };
}

describe('sorting in steps', () => {
  it('gives Array.prototype.sort’s order (stable), pausing between steps', async () => {
    const xs = Array.from({ length: 9_999 }, (_, i) => ({ k: (i * 7919) % 97, i }));
    let pauses = 0;
    const out = await sortInSteps(xs, (a, b) => a.k - b.k, async () => {
      pauses++;
    }, () => false, 1_000, 3_000);
    expect(out).toEqual(xs.slice().sort((a, b) => a.k - b.k));
    expect(pauses).toBeGreaterThan(9);
  });

  it('stops when no longer wanted', async () => {
    let n = 0;
    const out = await sortInSteps(Array.from({ length: 5_000 }, (_, i) => 5_000 - i), (a, b) => a - b, async () => undefined, () => ++n > 2, 1_000);
    expect(out).toBeNull();
  });

  it('places a few new items among kept ones, and gives up when many are new', () => {
    const cmp = (a: { v: number }, b: { v: number }) => a.v - b.v;
    const kept = [1, 3, 5, 7].map((v) => ({ v }));
    const fresh = { v: 4 };
    const next = [kept[0]!, fresh, kept[2]!, kept[3]!]; // kept[1] (3) was replaced by 4
    expect(placeNew(kept, next, cmp)?.map((x) => x.v)).toEqual([1, 4, 5, 7]);
    expect(placeNew(kept, [...kept, ...Array.from({ length: 5 }, (_, i) => ({ v: i }))], cmp, 3)).toBeNull();
  });
});

describe('SortedModelBuilder (the grid’s sorted row model)', () => {
  it('sorts ahead a big list built ahead, so that the table sorts nothing when it takes it', async () => {
    const sorting = [{ id: 'title', desc: true }];
    const { ours, theirs, sorter, ids } = tables(items(10), sorting);
    ours.getRowModel();
    const big = items(5_000);
    // The grid's way: the core builder prepares the rows, the sorter their order; then the data is set.
    const b = coreBuilders.get(ours)!;
    expect(await b.prepare(big, async () => undefined)).toBe(true);
    const pre = b.rowsFor(big)!;
    expect(await sorter.prepareRows(pre, sorting, async () => undefined)).toBe(true);
    ours.setOptions((o) => ({ ...o, data: big }));
    theirs.setOptions((o) => ({ ...o, data: big }));
    expect(ours.getRowModel().rows[0]).toBe(pre.find((r) => r.id === ids(theirs)[0]));
    expect(ids(ours)).toEqual(ids(theirs));
  });

  it('sorts as TanStack does: text by collation, numbers, undefined last both ways, ties by index', () => {
    const data = items(500);
    for (const sorting of [[{ id: 'title', desc: false }], [{ id: 'score', desc: true }], [{ id: 'score', desc: false }, { id: 'title', desc: true }]]) {
      const { ours, theirs, ids } = tables(data, sorting);
      expect(ids(ours)).toEqual(ids(theirs));
    }
  });

  it('works a big sort out ahead, then the table takes it; an edit places only the changed row', async () => {
    const data = items(6_000);
    const sorting = [{ id: 'title', desc: false }];
    const { ours, theirs, sorter, ids } = tables(data, []);
    ours.getRowModel();
    expect(sorter.isReady(sorting)).toBe(false);
    expect(await sorter.prepare(sorting, async () => undefined)).toBe(true);
    expect(sorter.isReady(sorting)).toBe(true);
    ours.setOptions((o) => ({ ...o, state: { sorting } }));
    theirs.setOptions((o) => ({ ...o, state: { sorting } }));
    expect(ids(ours)).toEqual(ids(theirs));
    const before = ours.getRowModel().rows;
    const edited = data.slice();
    edited[42] = { ...data[42]!, title: '第0项研究（改）' };
    ours.setOptions((o) => ({ ...o, data: edited }));
    theirs.setOptions((o) => ({ ...o, data: edited }));
    expect(ids(ours)).toEqual(ids(theirs));
    // The unchanged Rows are the very same objects, in the same relative order.
    const after = ours.getRowModel().rows;
    expect(after.filter((r) => r.id !== 'n42')).toEqual(before.filter((r) => r.id !== 'n42'));
  });
});
