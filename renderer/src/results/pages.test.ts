import { describe, expect, it } from 'vitest';
import { loadRest } from './pages.ts';

const all = Array.from({ length: 12 }, (_, i) => i + 1);
const pageOf = (offset: number, size = 5) => Promise.resolve({ rows: all.slice(offset, offset + size) });

describe('the rest of a ranking, page by page', () => {
  it('asks from where the rows end and hands on each longer list until all are there', async () => {
    const offsets: number[] = [];
    const seen: number[] = [];
    const rows = await loadRest({ rows: all.slice(0, 5), total: 12 }, (o) => { offsets.push(o); return pageOf(o); }, (r) => seen.push(r.length), () => true);
    expect(rows).toEqual(all);
    expect(offsets).toEqual([5, 10]);
    expect(seen).toEqual([10, 12]);
  });

  it('asks nothing when the first page holds every row', async () => {
    let asked = 0;
    await loadRest({ rows: all, total: 12 }, (o) => { asked++; return pageOf(o); }, () => undefined, () => true);
    expect(asked).toBe(0);
  });

  it('stops when another load took over, and when a page comes back empty', async () => {
    let current = true;
    const seen: number[] = [];
    const rows = await loadRest({ rows: all.slice(0, 5), total: 12 }, (o) => { current = false; return pageOf(o); }, (r) => seen.push(r.length), () => current);
    expect(rows).toHaveLength(5);
    expect(seen).toEqual([]);
    const shrunk = await loadRest({ rows: all.slice(0, 5), total: 40 }, (o) => pageOf(o, 100), () => undefined, () => true);
    expect(shrunk).toEqual(all);
  });
});
