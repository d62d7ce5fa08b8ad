import { describe, expect, it } from 'vitest';
import type { NominationRow } from '../contract/nominations.ts';
import { listPage, nearByNomination } from './list.ts';
import type { Nomination } from './record.ts';

const row = (id: string, label: string, discipline: string, nominators: string[], status: NominationRow['status']): NominationRow =>
  ({ id, key: `k-${id}`, label, fields: { discipline }, nominators, status, reasons: [], edited: [], disagreements: [], updatedAt: '' });
const rows = [
  row('a', '柔性电子研究', '材料科学', ['学会甲'], 'eligible'),
  row('b', '深度学习方法', '生物学', ['学会乙', '学会甲'], 'attention'),
  row('c', 'Deep Learning', '生物学', ['学会丙'], 'ineligible'),
];
const near = { total: 0, truncated: false };

describe('listPage', () => {
  it('filters by status, discipline, nominator and text; counts facets over every row; pages', () => {
    expect(listPage(rows, { offset: 0, limit: 10, status: 'attention' }, near).items.map((r) => r.id)).toEqual(['b']);
    expect(listPage(rows, { offset: 0, limit: 10, discipline: ' 生物学 ' }, near).items.map((r) => r.id)).toEqual(['b', 'c']);
    expect(listPage(rows, { offset: 0, limit: 10, nominator: '学会甲' }, near).items.map((r) => r.id)).toEqual(['a', 'b']);
    expect(listPage(rows, { offset: 0, limit: 10, text: 'deep' }, near).items.map((r) => r.id)).toEqual(['c']);
    const page = listPage(rows, { offset: 1, limit: 1 }, near);
    expect(page).toMatchObject({ total: 3, items: [{ id: 'b' }], nearPairs: near });
    expect(page.facets).toEqual({ disciplines: ['材料科学', '生物学'].sort((x, y) => x.localeCompare(y, 'zh-CN')), nominators: ['学会丙', '学会甲', '学会乙'].sort((x, y) => x.localeCompare(y, 'zh-CN')), statuses: { eligible: 1, attention: 1, ineligible: 1 } });
  });
});

describe('nearByNomination', () => {
  it('each pair on both nominations, except pairs told apart by hand; counted', () => {
    const list = [{ id: 'a', distinctFrom: [] }, { id: 'b', distinctFrom: ['c'] }, { id: 'c', distinctFrom: [] }] as unknown as Nomination[];
    const out = nearByNomination(list, ['A', 'B', 'C'], { pairs: [['a', 'b', 0.9], ['b', 'c', 0.8]], truncated: true });
    expect(out.count).toEqual({ total: 1, truncated: true });
    expect(out.byId.get('a')).toEqual([{ id: 'b', label: 'B', similarity: 0.9 }]);
    expect(out.byId.get('b')).toEqual([{ id: 'a', label: 'A', similarity: 0.9 }]);
    expect(out.byId.has('c')).toBe(false);
  });
});
