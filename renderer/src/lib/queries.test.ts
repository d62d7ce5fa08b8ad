import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: { offset: number; limit: number }[] = [];
let rows = Array.from({ length: 2_500 }, (_, i) => ({ id: `n${i}` }));
vi.mock('../api.ts', () => ({
  call: vi.fn(async (_name: string, args: { offset: number; limit: number }) => {
    calls.push({ offset: args.offset, limit: args.limit });
    return { total: rows.length, items: rows.slice(args.offset, args.offset + args.limit), facets: { page: args.offset } };
  }),
}));

const { loadPaged } = await import('./queries.ts');

describe('a list read in pages', () => {
  beforeEach(() => {
    calls.length = 0;
    rows = Array.from({ length: 2_500 }, (_, i) => ({ id: `n${i}` }));
  });

  it('joins the pages in order, with the first page’s facets', async () => {
    const out = await loadPaged('nominations.list', { campaignId: 'c' } as never, 1_000, () => false) as { total: number; items: { id: string }[]; facets: unknown };
    expect(calls).toEqual([{ offset: 0, limit: 1_000 }, { offset: 1_000, limit: 1_000 }, { offset: 2_000, limit: 1_000 }]);
    expect(out.total).toBe(2_500);
    expect(out.items.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(out.facets).toEqual({ page: 0 });
  });

  it('stops asking once a newer load took over', async () => {
    let stale = false;
    const p = loadPaged('nominations.list', { campaignId: 'c' } as never, 1_000, () => stale);
    stale = true;
    await p;
    expect(calls.length).toBe(1);
  });

  it('reads again when the list changed between pages', async () => {
    const { call } = await import('../api.ts');
    let n = 0;
    vi.mocked(call).mockImplementation((async (_name: string, args: { offset: number; limit: number }) => {
      if (n++ === 1) rows = [...rows, { id: 'new' }];
      calls.push({ offset: args.offset, limit: args.limit });
      return { total: rows.length, items: rows.slice(args.offset, args.offset + args.limit), facets: {} };
    }) as never);
    const out = await loadPaged('nominations.list', { campaignId: 'c' } as never, 1_000, () => false) as { total: number; items: { id: string }[] };
    expect(out.total).toBe(2_501);
    expect(out.items.map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });
});
