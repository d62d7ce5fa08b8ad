import { describe, expect, it } from 'vitest';
import { newCampaign } from '../campaign/campaign.ts';
import type { ImportRecord, Nomination } from '../nominations/record.ts';
import { applyEntry, findNomination, historyOf, SCHEMA_VERSION, type CampaignDoc, type Change } from './doc.ts';

const campaign = newCampaign({ template: 'papers', name: 'x', year: 2026 }, 'c-1', '2026-01-01T00:00:00.000Z');

function nom(id: string, title: string, nominator = '学会甲'): Nomination {
  return {
    id,
    key: `title:${title}|2025`,
    sources: [{ importId: 'i1', file: 'a.xlsx', sha256: 's', sheet: 'S', row: 2, nominator, fields: { title, year: 2025, nominator }, extra: [], at: 't' }],
    edits: {},
    override: null,
    distinctFrom: [],
    createdAt: 't',
    updatedAt: 't',
  };
}
const record: ImportRecord = { id: 'i1', file: 'a.xlsx', sha256: 's', size: 1, sheet: 'S', nominator: '学会甲', mapping: { A: 'title' }, at: 't', actor: 'me', imported: 2, updated: 0, unchanged: 0, rejected: 0 };

let seq = 0;
function step(doc: CampaignDoc | null, change: Change): CampaignDoc {
  return applyEntry(doc, { seq: ++seq, at: `t${seq}`, actor: 'me', change });
}

describe('applyEntry: nominations', () => {
  const d0 = step(null, { type: 'campaign.created', campaign });
  const d1 = step(d0, { type: 'nominations.imported', import: record, upserts: [nom('n1', 'A'), nom('n2', 'B')], memory: { nominator: '__proto__', mapping: { 题目: 'title', 备注: null } } });

  it('a new campaign starts with no nominations', () => {
    expect(d0).toMatchObject({ schemaVersion: SCHEMA_VERSION, nominations: [], imports: [], mappings: {} });
  });

  it('an import adds nominations, its record and the remembered mapping; the history gets one short entry', () => {
    expect(d1.nominations.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(d1.imports).toEqual([record]);
    expect(Object.getPrototypeOf(d1.mappings)).toBe(Object.prototype);
    expect(Object.keys(d1.mappings)).toEqual(['__proto__']);
    expect(historyOf(d1).at(-1)).toEqual({ seq: d1.seq, at: `t${d1.seq}`, actor: 'me', type: 'nominations.imported', changes: [], import: { id: 'i1', file: 'a.xlsx', sheet: 'S', nominator: '学会甲', imported: 2, updated: 0, unchanged: 0, rejected: 0 } });
    expect(d0.nominations).toEqual([]);
  });

  it('a second import replaces by id; its history entry is its counts, not its rows', () => {
    const changed = nom('n1', 'A2');
    const d2 = step(d1, { type: 'nominations.imported', import: { ...record, id: 'i2', imported: 0, updated: 1 }, upserts: [changed], memory: null });
    expect(findNomination(d2, 'n1')).toBe(changed);
    expect(d2.nominations).toHaveLength(2);
    expect(historyOf(d2).at(-1)).toMatchObject({ changes: [], import: { id: 'i2', imported: 0, updated: 1 } });
    expect(findNomination(d1, 'n1')!.sources[0]!.fields.title).toBe('A');
  });

  it('edits, overrides, merges and distinct marks', () => {
    const d2 = step(d1, { type: 'nomination.edited', id: 'n1', field: 'title', edit: { value: 'A!', at: 'te', actor: 'me' } });
    expect(historyOf(d2).at(-1)!.changes).toEqual([{ key: 'nominations.n1.title', before: 'A', after: 'A!' }]);
    // Named by its label after the edit, so the campaign's history can say which nomination without looking it up.
    expect(historyOf(d2).at(-1)!.subject).toEqual({ id: 'n1', label: 'A!' });
    const d3 = step(d2, { type: 'nomination.edited', id: 'n1', field: 'title', edit: null });
    expect(findNomination(d3, 'n1')!.edits).toEqual({});
    const override = { status: 'eligible' as const, note: 'ok', at: 'to', actor: 'me' };
    const d4 = step(d3, { type: 'nomination.overridden', id: 'n2', override, at: 'to' });
    expect(findNomination(d4, 'n2')!.override).toEqual(override);
    const d5 = step(d4, { type: 'nomination.distinct', id: 'n1', otherId: 'n2', at: 'td' });
    expect(findNomination(d5, 'n1')!.distinctFrom).toEqual(['n2']);
    expect(findNomination(d5, 'n2')!.distinctFrom).toEqual(['n1']);
    const kept = { ...findNomination(d5, 'n1')!, sources: [...findNomination(d5, 'n1')!.sources, nom('x', 'B', '学会乙').sources[0]!] };
    const d6 = step(d5, { type: 'nominations.merged', kept, mergedId: 'n2' });
    expect(d6.nominations.map((n) => n.id)).toEqual(['n1']);
    expect(findNomination(d6, 'n2')).toBeUndefined();
    expect(historyOf(d6).at(-1)!.changes.map((c) => c.key)).toContain('nominations.n2');
  });

  it('an edit that re-keys the nomination: its key and aliases, and the key\'s change in the history', () => {
    const edit = { value: 'A2', at: 'te', actor: 'me' };
    const d2 = step(d1, { type: 'nomination.edited', id: 'n1', field: 'title', edit, rekey: { key: 'title:A2|2025', aliases: ['title:A|2025'] } });
    expect(findNomination(d2, 'n1')).toMatchObject({ key: 'title:A2|2025', aliases: ['title:A|2025'], edits: { title: edit } });
    expect(historyOf(d2).at(-1)!.changes).toEqual([
      { key: 'nominations.n1.title', before: 'A', after: 'A2' },
      { key: 'nominations.n1.key', before: 'title:A|2025', after: 'title:A2|2025' },
    ]);
    // Back to the source's value: the key it came under, no aliases left (the property goes, as before schema 3).
    const d3 = step(d2, { type: 'nomination.edited', id: 'n1', field: 'title', edit: null, rekey: { key: 'title:A|2025', aliases: [] } });
    expect(findNomination(d3, 'n1')!.key).toBe('title:A|2025');
    expect('aliases' in findNomination(d3, 'n1')!).toBe(false);
    // An entry written before schema 3 (no rekey) leaves the key alone.
    const d4 = step(d1, { type: 'nomination.edited', id: 'n1', field: 'title', edit });
    expect(findNomination(d4, 'n1')!.key).toBe('title:A|2025');
    expect(historyOf(d4).at(-1)!.changes).toHaveLength(1);
  });

  it('refuses changes to nominations that are not there', () => {
    expect(() => step(d1, { type: 'nomination.edited', id: 'zz', field: 'title', edit: null })).toThrow(/no nomination/);
  });

  it('stays cheap for 20,000 nominations: an import and 200 edits in well under a second, the import one short entry', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => nom(`m${i}`, `T${i}`));
    const t = performance.now();
    let d = step(d0, { type: 'nominations.imported', import: record, upserts: many, memory: null });
    expect(JSON.stringify(historyOf(d).at(-1)).length).toBeLessThan(300);
    for (let i = 0; i < 200; i++) d = step(d, { type: 'nomination.edited', id: `m${i * 97}`, field: 'title', edit: { value: `E${i}`, at: 't', actor: 'me' } });
    expect(performance.now() - t).toBeLessThan(2000);
    expect(findNomination(d, 'm97')!.edits.title!.value).toBe('E1');
  });
});

/** Frozen all the way down: a reducer that wrote into its input would throw (modules are strict). */
function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

describe('applyEntry: an import in parts', () => {
  const d0 = step(null, { type: 'campaign.created', campaign });
  const rows = Array.from({ length: 7 }, (_, i) => nom(`p${i}`, `P${i}`));
  const record7: ImportRecord = { ...record, id: 'ip', imported: 7 };
  const memory = { nominator: '学会甲', mapping: { 题目: 'title' } };
  const whole = step(d0, { type: 'nominations.imported', import: record7, upserts: rows, memory });
  const { seq: _s, ...wholeRest } = whole;

  it('parts applied in order give the doc the whole change gives (but for seq): one record, one memory, one history line', () => {
    const pieces = [rows.slice(0, 3), rows.slice(3, 6), rows.slice(6)];
    let d = d0;
    const between: CampaignDoc[] = [];
    pieces.forEach((upserts, index) => {
      d = step(d, { type: 'nominations.imported', import: record7, upserts, memory: index === pieces.length - 1 ? memory : null, part: { index, of: pieces.length } });
      between.push(d);
    });
    const { seq: _t, ...rest } = d;
    expect(rest).toEqual({ ...wholeRest, importInProgress: null, history: { chunks: [[historyOf(d0)[0], { ...historyOf(whole).at(-1)!, seq: d.seq, at: `t${d.seq}` }]] } });
    // Before the last part: its rows are held aside, the import is not recorded, the history says nothing yet.
    expect(between[0]!.nominations).toEqual([]);
    expect(between[1]!.importInProgress!.upserts.map((n) => n.id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
    expect(between[1]!.imports).toEqual([]);
    expect(between[1]!.mappings).toEqual({});
    expect(historyOf(between[1]!)).toHaveLength(1);
    expect(historyOf(d)).toHaveLength(2);
    expect(d.imports).toEqual([record7]);
  });

  it('an import whose last part never came leaves no rows; the next import drops what it held', () => {
    const d1 = step(d0, { type: 'nominations.imported', import: record7, upserts: rows.slice(0, 3), memory: null, part: { index: 0, of: 3 } });
    const d2 = step(d1, { type: 'nominations.imported', import: record7, upserts: rows.slice(3, 6), memory: null, part: { index: 1, of: 3 } });
    expect(d2.nominations).toEqual([]);
    const other = { ...record7, id: 'i-next' };
    const d3 = step(d2, { type: 'nominations.imported', import: other, upserts: rows.slice(0, 1), memory: null, part: { index: 0, of: 2 } });
    const d4 = step(d3, { type: 'nominations.imported', import: other, upserts: rows.slice(1, 2), memory: null, part: { index: 1, of: 2 } });
    expect(d4.nominations.map((n) => n.id)).toEqual(['p0', 'p1']);
    expect(d4.imports.map((r) => r.id)).toEqual(['i-next']);
    expect(d4.importInProgress).toBeNull();
  });

  it('a single part of one is the whole change', () => {
    const one = step(d0, { type: 'nominations.imported', import: record7, upserts: rows, memory, part: { index: 0, of: 1 } });
    const { seq: _t, history: h1, ...rest } = one;
    const { history: h2, ...wrest } = wholeRest;
    expect(rest).toEqual(wrest);
    expect(historyOf({ history: h1 }).at(-1)!.import).toEqual(historyOf({ history: h2 }).at(-1)!.import);
  });

  it('refuses a part that is not one', () => {
    for (const part of [{ index: 3, of: 3 }, { index: -1, of: 2 }, { index: 0, of: 0 }, { index: 0.5, of: 2 }]) {
      expect(() => step(d0, { type: 'nominations.imported', import: record7, upserts: rows, memory: null, part })).toThrow(/not a part/);
    }
  });
});

describe('applyEntry is pure', () => {
  it('never changes the doc it is given, whatever the change', () => {
    let d = deepFreeze(step(null, { type: 'campaign.created', campaign }));
    const changes: Change[] = [
      { type: 'nominations.imported', import: record, upserts: [nom('n1', 'A'), nom('n2', 'B')], memory: { nominator: '学会甲', mapping: { 题目: 'title' } } },
      { type: 'nominations.imported', import: { ...record, id: 'i2' }, upserts: [nom('n3', 'C')], memory: null, part: { index: 0, of: 2 } },
      { type: 'nominations.imported', import: { ...record, id: 'i2' }, upserts: [nom('n4', 'D')], memory: null, part: { index: 1, of: 2 } },
      { type: 'nomination.edited', id: 'n1', field: 'title', edit: { value: 'A!', at: 'te', actor: 'me' }, rekey: { key: 'title:A!|2025', aliases: ['title:A|2025'] } },
      { type: 'nomination.overridden', id: 'n2', override: { status: 'eligible', note: 'ok', at: 'to', actor: 'me' }, at: 'to' },
      { type: 'nomination.distinct', id: 'n1', otherId: 'n2', at: 'td' },
      { type: 'nominations.merged', kept: nom('n1', 'A'), mergedId: 'n3' },
      { type: 'campaign.replaced', campaign: { ...campaign, name: 'y' }, changes: [{ key: 'name', before: 'x', after: 'y' }] },
    ];
    for (const change of changes) {
      const json = JSON.stringify(d);
      const next = step(d, change);
      expect(JSON.stringify(d)).toBe(json);
      d = deepFreeze(next);
    }
    expect(historyOf(d)).toHaveLength(8);
  });
});

describe('applyEntry: the secretary\'s actions (schema 5)', () => {
  const d0 = step(null, { type: 'campaign.created', campaign });
  const d1 = step(d0, { type: 'nominations.imported', import: record, upserts: [nom('n1', 'A'), nom('n2', 'B'), nom('n3', 'C')], memory: null });

  it('adds by hand, withdraws and takes back, accepts a problem, deletes: each one history line naming the nomination', () => {
    const hand = { ...nom('h1', 'H'), sources: [{ ...nom('h1', 'H').sources[0]!, importId: '', byHand: { actor: 'me' } }] };
    const d2 = step(d1, { type: 'nomination.added', nomination: hand });
    expect(findNomination(d2, 'h1')).toBe(hand);
    expect(historyOf(d2).at(-1)).toMatchObject({ type: 'nomination.added', subject: { id: 'h1', label: 'H' }, changes: [{ key: 'nominations.h1', before: null, after: { byHand: true } }] });
    expect(() => step(d2, { type: 'nomination.added', nomination: hand })).toThrow(/already/);

    const w = { note: '撤回', at: 'tw', actor: 'me' };
    const d3 = step(d2, { type: 'nomination.withdrawn', id: 'n1', withdrawn: w, at: 'tw' });
    expect(findNomination(d3, 'n1')!.withdrawn).toEqual(w);
    const d4 = step(d3, { type: 'nomination.withdrawn', id: 'n1', withdrawn: null, at: 'tx' });
    expect(historyOf(d4).at(-1)!.changes).toEqual([{ key: 'nominations.n1.withdrawn', before: w, after: null }]);

    const accepted = { key: 'i1|S|2|F|NOT_A_NUMBER', at: 'ta', actor: 'me' };
    const d5 = step(d4, { type: 'nomination.problemAccepted', id: 'n2', accepted, field: 'citations', cell: 'F2', value: '很多' });
    expect(findNomination(d5, 'n2')!.accepted).toEqual([accepted]);
    expect(historyOf(d5).at(-1)!.changes).toEqual([{ key: 'nominations.n2.accepted', before: null, after: { field: 'citations', cell: 'F2', value: '很多' } }]);

    const d5b = step(d5, { type: 'nomination.problemReopened', id: 'n2', key: accepted.key, at: 'tr', field: 'citations', cell: 'F2', value: '很多' });
    expect(findNomination(d5b, 'n2')!.accepted).toEqual([]);
    expect(historyOf(d5b).at(-1)!.changes).toEqual([{ key: 'nominations.n2.accepted', before: { field: 'citations', cell: 'F2', value: '很多' }, after: null }]);
    expect(step(d5b, { type: 'nomination.problemReopened', id: 'n2', key: accepted.key, at: 'tr', field: 'citations', cell: 'F2', value: '很多' }).nominations).toBe(d5b.nominations);

    const d6 = step(d5, { type: 'nomination.deleted', id: 'n3', at: 'td' });
    expect(d6.nominations.map((n) => n.id)).toEqual(['n1', 'n2', 'h1']);
    expect(historyOf(d6).at(-1)!.changes).toEqual([{ key: 'nominations.n3', before: { label: 'C', nominators: ['学会甲'] }, after: null }]);
    expect(() => step(d6, { type: 'nomination.deleted', id: 'n3', at: 'td' })).toThrow(/no nomination/);
  });

  it('many pairs cleared in one entry, named by their labels', () => {
    const d2 = step(d1, { type: 'nominations.distinctMany', pairs: [{ id: 'n1', otherId: 'n2' }, { id: 'n1', otherId: 'n3' }], at: 'tm' });
    expect(findNomination(d2, 'n1')!.distinctFrom).toEqual(['n2', 'n3']);
    expect(findNomination(d2, 'n3')!.distinctFrom).toEqual(['n1']);
    expect(historyOf(d2).at(-1)!.changes).toEqual([{ key: 'nominations.n1.distinctFrom', before: null, after: { about: 'A', other: 'B' } }, { key: 'nominations.n1.distinctFrom', before: null, after: { about: 'A', other: 'C' } }]);
  });

  it('an import undone: its nominations leave, the others are replaced, the record says it was undone', () => {
    const slim = { ...nom('n2', 'B'), sources: [] };
    const d2 = step(d1, { type: 'nominations.importUndone', importId: 'i1', removed: ['n1', 'n3'], upserts: [slim], kept: [], at: 'tu' });
    expect(d2.nominations).toEqual([slim]);
    expect(d2.imports[0]!.undone).toEqual({ at: 'tu', actor: 'me', removed: 2, kept: 0 });
    expect(historyOf(d2).at(-1)).toMatchObject({ type: 'nominations.importUndone', import: { id: 'i1', undone: { removed: 2, kept: 0 } } });
    expect(() => step(d1, { type: 'nominations.importUndone', importId: 'nope', removed: [], upserts: [], kept: [], at: 'tu' })).toThrow(/no import/);
  });
});
