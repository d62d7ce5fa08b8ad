import { describe, expect, it } from 'vitest';
import { handNomination, planUndo } from './actions.ts';
import type { Nomination, NominationSource } from './record.ts';

const src = (importId: string, nominator: string, citations: number, replaced?: NominationSource): NominationSource =>
  ({ importId, file: `${importId}.xlsx`, sha256: 's', sheet: 'S', row: 2, nominator, fields: { title: 'T', citations }, extra: [], at: 't', ...(replaced ? { replaced } : {}) });
const nom = (id: string, sources: NominationSource[], over: Partial<Nomination> = {}): Nomination =>
  ({ id, key: `k-${id}`, sources, edits: {}, override: null, distinctFrom: [], createdAt: 't', updatedAt: 't', ...over });

describe('handNomination', () => {
  const meta = { id: 'n9', at: '2026-03-01T00:00:00.000Z', actor: 'me' };
  it('reads the form as an imported row: full-width digits, a nominator; its one source is by hand', () => {
    const r = handNomination('papers', { title: ' 手工论文 ', year: '２０２５', nominator: '学会', citations: '' }, meta);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.nomination).toMatchObject({ id: 'n9', key: 'title:手工论文|2025', createdAt: meta.at });
    expect(r.nomination.sources).toEqual([{ importId: '', file: '', sha256: '', sheet: '', row: 0, nominator: '学会', fields: { title: '手工论文', year: 2025, nominator: '学会' }, extra: [], at: meta.at, byHand: { actor: 'me' } }]);
  });
  it('refuses values an import would not take, and a form without its title', () => {
    expect(handNomination('papers', { title: 'x', year: '去年', citations: '很多' }, meta)).toEqual({ ok: false, problems: [{ field: 'year', code: 'BAD_YEAR' }, { field: 'citations', code: 'NOT_A_NUMBER' }] });
    expect(handNomination('conferences', { nominator: '学会' }, meta)).toEqual({ ok: false, problems: [{ field: 'name', code: 'REQUIRED_MISSING' }] });
  });
});

describe('planUndo', () => {
  const list = [
    nom('a', [src('i1', '甲', 1)]),
    nom('b', [src('i2', '甲', 2, src('i1', '甲', 1))]),
    nom('c', [src('i2', '甲', 3)]),
    nom('d', [src('i2', '甲', 4)], { edits: { title: { value: 'D', at: 't', actor: 'me' } } }),
    nom('e', [src('i1', '乙', 5), src('i2', '甲', 5)]),
    nom('f', [src('i3', '甲', 6, src('i2', '甲', 7, src('i1', '甲', 8)))]),
  ];
  it('removes what came from it alone, gives back the rows it replaced, and takes it out of later replacements', () => {
    const p = planUndo('papers', list, 'i2', true, 'now');
    expect(p.removed).toEqual(['c']);
    expect(p.kept).toEqual(['d']);
    expect(p.edited).toEqual([{ id: 'd', label: 'D' }]);
    const up = new Map(p.upserts.map((n) => [n.id, n]));
    expect([...up.keys()]).toEqual(['b', 'e', 'f']);
    expect(up.get('b')!.sources).toEqual([src('i1', '甲', 1)]);
    expect(up.get('e')!.sources).toEqual([src('i1', '乙', 5)]);
    expect(up.get('f')!.sources).toEqual([src('i3', '甲', 6, src('i1', '甲', 8))]);
    expect(up.get('b')!.updatedAt).toBe('now');
  });
  it('removes those edited by hand too when told not to keep them; an import with no rows left changes nothing', () => {
    expect(planUndo('papers', list, 'i2', false, 'now').removed).toEqual(['c', 'd']);
    expect(planUndo('papers', list, 'i9', false, 'now')).toEqual({ removed: [], upserts: [], kept: [], edited: [] });
  });
});
