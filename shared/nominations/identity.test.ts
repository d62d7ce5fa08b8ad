import { describe, expect, it } from 'vitest';
import type { CampaignKind } from '../campaign/model.ts';
import { keyHolder, keysOf, rekey } from './identity.ts';
import { nominationKey, type FieldValue } from './map-rows.ts';
import type { Nomination, NominationSource } from './record.ts';

function source(fields: Record<string, FieldValue>, nominator = '学会甲'): NominationSource {
  return { importId: 'i1', file: 'a.xlsx', sha256: 's', sheet: 'S', row: 2, nominator, fields, extra: [], at: 't' };
}

function nom(kind: CampaignKind, id: string, fields: Record<string, FieldValue>, more: Partial<Nomination> = {}): Nomination {
  return { id, key: nominationKey(kind, fields)!, sources: [source(fields)], edits: {}, override: null, distinctFrom: [], createdAt: 't', updatedAt: 't', ...more };
}

/** `n` with one hand edit (null value: cleared). */
function edited(n: Nomination, field: string, value: FieldValue | null): Nomination {
  return { ...n, edits: { ...n.edits, [field]: { value, at: 't2', actor: 'me' } } };
}

const paper = nom('papers', 'n1', { title: '可穿戴传感器的柔性电子研究', year: 2024, doi: '10.1002/adma.2024.00001' });
const noDoi = nom('papers', 'n2', { title: '医学影像中的深度学习方法', year: 2025 });

describe('rekey', () => {
  it('a corrected DOI gives the paper its new key; the key its source came under stays as an alias', () => {
    const after = edited(paper, 'doi', '10.1002/adma.2024.00002');
    expect(rekey('papers', paper, after)).toEqual({ key: 'doi:10.1002/adma.2024.00002', aliases: ['doi:10.1002/adma.2024.00001'] });
  });

  it('without a DOI the title and year make the key: either corrected re-keys it', () => {
    expect(rekey('papers', noDoi, edited(noDoi, 'title', '医学影像中的深度学习新方法'))).toEqual({ key: 'title:医学影像中的深度学习新方法|2025', aliases: ['title:医学影像中的深度学习方法|2025'] });
    expect(rekey('papers', noDoi, edited(noDoi, 'year', 2024))!.key).toBe('title:医学影像中的深度学习方法|2024');
    // A DOI added by hand becomes the key.
    expect(rekey('papers', noDoi, edited(noDoi, 'doi', '10.1/x'))!.key).toBe('doi:10.1/x');
  });

  it('conferences: the name and the year of their dates', () => {
    const c = nom('conferences', 'c1', { name: '中国化学会年会', dates: { start: '2026-05-20', end: '2026-05-22', precision: 'day' } });
    expect(c.key).toBe('name:中国化学会年会|2026');
    expect(rekey('conferences', c, edited(c, 'dates', { start: '2025-05-20', precision: 'day' }))).toEqual({ key: 'name:中国化学会年会|2025', aliases: ['name:中国化学会年会|2026'] });
    expect(rekey('conferences', c, edited(c, 'name', '中国化学会第35届学术年会'))!.key).toBe('name:中国化学会第35届学术年会|2026');
  });

  it('an edit that leaves the key as it was changes nothing: another field, or the same text written otherwise', () => {
    expect(rekey('papers', paper, edited(paper, 'citations', 5))).toBeNull();
    expect(rekey('papers', paper, edited(paper, 'title', '另一个题目'))).toBeNull(); // the DOI is the key
    expect(rekey('papers', noDoi, edited(noDoi, 'title', '医学影像中的 深度学习方法 '))).toBeNull();
  });

  it('typing back what the source says returns to the source\'s key, with no aliases', () => {
    const once = edited(paper, 'doi', '10.1002/adma.2024.00002');
    const rekeyed = { ...once, ...rekey('papers', paper, once)! };
    const back = { ...rekeyed, edits: {} };
    expect(rekey('papers', rekeyed, back)).toEqual({ key: paper.key, aliases: [] });
    // A second correction keeps the source's key, not the first correction's.
    const twice = edited(rekeyed, 'doi', '10.1002/adma.2024.00003');
    expect(rekey('papers', rekeyed, twice)).toEqual({ key: 'doi:10.1002/adma.2024.00003', aliases: [paper.key] });
  });

  it('every source\'s key is kept, and aliases it had (a merge) stay', () => {
    const two: Nomination = { ...noDoi, sources: [...noDoi.sources, source({ title: '医学影像中的深度学习方法研究', year: 2025 }, '学会乙')], aliases: ['title:旧题目|2025'] };
    const r = rekey('papers', two, edited(two, 'doi', '10.1/y'))!;
    expect(r.key).toBe('doi:10.1/y');
    expect(r.aliases.sort()).toEqual(['title:医学影像中的深度学习方法|2025', 'title:医学影像中的深度学习方法研究|2025', 'title:旧题目|2025'].sort());
  });

  it('with nothing left to identify it (title cleared, no DOI) the key stays', () => {
    expect(rekey('papers', noDoi, edited(noDoi, 'title', null))).toBeNull();
  });
});

describe('keyHolder and keysOf', () => {
  it('finds another nomination by its key or an alias, never the one edited', () => {
    const other = { ...nom('papers', 'n3', { title: 'X', year: 2025, doi: '10.1/z' }), aliases: ['title:x|2025'] };
    const list = [paper, noDoi, other];
    expect(keyHolder(list, 'doi:10.1/z', 'n1')).toBe(other);
    expect(keyHolder(list, 'title:x|2025', 'n1')).toBe(other);
    expect(keyHolder(list, 'doi:10.1/z', 'n3')).toBeUndefined();
    expect(keyHolder(list, 'doi:10.1/none', 'n1')).toBeUndefined();
    expect(keysOf(other)).toEqual(['doi:10.1/z', 'title:x|2025']);
    expect(keysOf(paper)).toEqual([paper.key]);
  });
});
