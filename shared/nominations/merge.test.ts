import { describe, expect, it } from 'vitest';
import { findHeader, mappingOf } from './header.ts';
import { mapRows } from './map-rows.ts';
import { effectiveFields, joinNominations, labelOf, mergeImport, nominatorsOf, type ImportMeta } from './merge.ts';
import type { Nomination } from './record.ts';

const header = ['题目', '作者', '单位', '刊名', '年份', 'DOI', '学科', '推荐单位', '引用次数'];
const rowA = ['可穿戴传感器的柔性电子研究', '陈一, 刘二', '北京航空航天大学', 'Advanced Materials', 2024, '10.1002/adma.2024.00001', '材料科学', '', 123];
const rowB = ['医学影像中的深度学习方法', 'Zhou San; Wu Si', '北京大学', 'Radiology', 2025, '', '生物学', '', 88];

function drafts(rows: unknown[][], sheet = 'S') {
  const all = [header, ...rows];
  const g = findHeader('papers', all)!;
  return mapRows({ kind: 'papers', rows: all, headerRow: g.headerRow, mapping: mappingOf(g.columns), sheet }).items;
}

function meta(nominator: string, file = 'a.xlsx', importId = 'i1'): ImportMeta {
  return { importId, file, sha256: `sha-${file}`, sheet: 'S', nominator };
}

function ids() {
  let n = 0;
  return () => `n${++n}`;
}

function run(existing: readonly Nomination[], rows: unknown[][], nominator: string, newId = ids(), now = '2026-03-01T00:00:00.000Z', file = 'a.xlsx') {
  return mergeImport({ kind: 'papers', existing, drafts: drafts(rows), importMeta: meta(nominator, file), now, newId });
}

/** Existing nominations after applying upserts, as the store would. */
function apply(existing: readonly Nomination[], upserts: readonly Nomination[]): Nomination[] {
  const out = [...existing];
  for (const u of upserts) {
    const i = out.findIndex((n) => n.id === u.id);
    if (i < 0) out.push(u);
    else out[i] = u;
  }
  return out;
}

describe('mergeImport', () => {
  it('new keys become new nominations, each with one source that keeps file, row and nominator', () => {
    const r = run([], [rowA, rowB], '中国材料研究学会');
    expect(r).toMatchObject({ imported: 2, updated: 0, unchanged: 0, duplicates: 0 });
    expect(r.fates).toEqual([{ row: 2, fate: 'new', id: 'n1' }, { row: 3, fate: 'new', id: 'n2' }]);
    const [a] = r.upserts;
    expect(a).toMatchObject({ id: 'n1', key: 'doi:10.1002/adma.2024.00001', edits: {}, override: null, distinctFrom: [] });
    expect(a!.sources[0]).toMatchObject({ importId: 'i1', file: 'a.xlsx', row: 2, sheet: 'S', nominator: '中国材料研究学会' });
    expect(Object.getPrototypeOf(a!.sources[0]!.fields)).toBe(Object.prototype);
  });

  it('re-importing the same rows changes nothing and says so', () => {
    const first = run([], [rowA, rowB], '学会甲');
    const existing = apply([], first.upserts);
    const again = run(existing, [rowA, rowB], '学会甲', ids(), '2026-03-02T00:00:00.000Z', 'a-copy.xlsx');
    expect(again).toMatchObject({ upserts: [], imported: 0, updated: 0, unchanged: 2 });
    expect(again.fates.map((f) => f.fate)).toEqual(['unchanged', 'unchanged']);
  });

  it('the same paper from a second society is one nomination with two nominators', () => {
    const existing = apply([], run([], [rowA], '学会甲').upserts);
    const r = run(existing, [rowA], '学会乙');
    expect(r).toMatchObject({ imported: 0, updated: 1, unchanged: 0 });
    expect(r.fates[0]!.fate).toBe('adds-nominator');
    expect(nominatorsOf(r.upserts[0]!)).toEqual(['学会甲', '学会乙']);
  });

  it('a row naming its own nominator wins over the import\'s', () => {
    const row = [...rowA];
    row[7] = '中国化学会';
    const r = run([], [row], '学会甲');
    expect(nominatorsOf(r.upserts[0]!)).toEqual(['中国化学会']);
  });

  it('a changed row from the same nominator replaces that nominator\'s source', () => {
    const existing = apply([], run([], [rowA], '学会甲').upserts);
    const changed = [...rowA];
    changed[8] = 150;
    const r = run(existing, [changed], ' 学会甲 ');
    expect(r).toMatchObject({ imported: 0, updated: 1 });
    expect(r.fates[0]!.fate).toBe('updates');
    expect(r.upserts[0]!.sources).toHaveLength(1);
    expect(effectiveFields(r.upserts[0]!).fields.citations).toBe(150);
  });

  it('hand edits are never overwritten by an import', () => {
    const [n] = run([], [rowA], '学会甲').upserts;
    const edited: Nomination = { ...n!, edits: { journal: { value: 'Adv. Mater.', at: 't', actor: 'me' } } };
    const changed = [...rowA];
    changed[3] = 'Advanced Materials (Weinheim)';
    const r = run([edited], [changed], '学会甲');
    const after = r.upserts[0]!;
    expect(after.edits).toEqual(edited.edits);
    expect(effectiveFields(after).fields.journal).toBe('Adv. Mater.');
    expect(effectiveFields(after).edited).toEqual(['journal']);
  });

  it('a nomination re-keyed by a hand edit is found by its sources\' old key: the same file again changes nothing', () => {
    const [n] = run([], [rowA], '学会甲').upserts;
    // What the service saves after the DOI was corrected by hand (identity.ts: rekey).
    const fixed: Nomination = { ...n!, key: 'doi:10.1002/adma.2024.99999', aliases: [n!.key], edits: { doi: { value: '10.1002/adma.2024.99999', at: 't', actor: 'me' } } };
    const again = run([fixed], [rowA], '学会甲');
    expect(again).toMatchObject({ upserts: [], imported: 0, unchanged: 1 });
    expect(again.fates).toEqual([{ row: 2, fate: 'unchanged', id: n!.id }]);
    // Another society's row, under the old key or the corrected one, joins the same nomination; both seen in one
    // file, each change builds on the one before.
    const corrected = [...rowA];
    corrected[5] = '10.1002/adma.2024.99999';
    corrected[7] = '学会丙';
    const r = run([fixed], [rowA, corrected], '学会乙');
    expect(r).toMatchObject({ imported: 0, updated: 1 });
    expect(r.fates.map((f) => [f.fate, f.id])).toEqual([['adds-nominator', n!.id], ['adds-nominator', n!.id]]);
    expect(nominatorsOf(r.upserts[0]!)).toEqual(['学会甲', '学会乙', '学会丙']);
    expect(r.upserts[0]!.edits).toEqual(fixed.edits);
    // A key wins over another nomination's alias.
    const other = run([], [rowB], '学会甲', () => 'n9').upserts[0]!;
    const claims: Nomination = { ...fixed, aliases: [n!.key, other.key] };
    expect(run([claims, other], [rowB], '学会甲').fates).toEqual([{ row: 2, fate: 'unchanged', id: 'n9' }]);
  });

  it('a repeated row of the same nominator in one file is passed over', () => {
    const r = run([], [rowA, rowB, rowA], '学会甲');
    expect(r).toMatchObject({ imported: 2, duplicates: 1 });
    expect(r.fates[2]).toEqual({ row: 4, fate: 'duplicate', id: 'n1' });
  });
});

describe('effectiveFields', () => {
  it('first source first, missing fields from later sources, differing values reported', () => {
    const existing = apply([], run([], [rowB], '学会甲').upserts);
    const other = [...rowB];
    other[5] = '10.1148/radiol.2025.00002'; // a DOI the first source lacked: its key differs, so join by hand
    other[8] = 90;
    const second = run([], [other], '学会乙', () => 'm1').upserts[0]!;
    const joined = joinNominations(existing[0]!, second, 't2');
    const eff = effectiveFields(joined);
    expect(eff.fields.citations).toBe(88);
    expect(eff.fields.doi).toBe('10.1148/radiol.2025.00002');
    expect(eff.disagreements).toEqual([{ field: 'citations', values: [{ nominator: '学会甲', value: 88 }, { nominator: '学会乙', value: 90 }] }]);
    expect(nominatorsOf(joined)).toEqual(['学会甲', '学会乙']);
    expect(labelOf('papers', joined)).toBe('医学影像中的深度学习方法');
    // The other's key comes along with its source: re-importing its file finds the joined nomination.
    expect(joined.aliases).toEqual([second.key]);
    expect(run([joined], [other], '学会乙').fates.map((f) => [f.fate, f.id])).toEqual([['unchanged', joined.id]]);
    // Nothing of the other's joined (the same nominator): its key is not taken.
    expect(joinNominations(existing[0]!, { ...second, sources: [{ ...second.sources[0]!, nominator: '学会甲' }] }, 't3').aliases).toBeUndefined();
  });

  it('a hand edit settles a disagreement, and an edit to null clears the value', () => {
    const n = run([], [rowA], '学会甲').upserts[0]!;
    const m = { ...n, edits: { citations: { value: null, at: 't', actor: 'me' } } };
    expect('citations' in effectiveFields(m).fields).toBe(false);
  });
});
