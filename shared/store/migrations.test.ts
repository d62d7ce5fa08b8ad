import { describe, expect, it } from 'vitest';
import { historyOf, SCHEMA_VERSION } from './doc.ts';
import { migrate, migrations } from './migrations.ts';
import { emptyPanel } from '../panel/slice.ts';

const campaign = { id: 'c1', name: 'A' };
/** What the later steps' migrations add to a doc that had none of it. */
const scoring = { sheets: [], answers: [], closed: false, keys: [], mine: null };

describe('migrate', () => {
  it('passes a current doc through unchanged', () => {
    const doc = { schemaVersion: SCHEMA_VERSION, seq: 3, campaign, history: { chunks: [[{ seq: 1 }]] }, nominations: [], imports: [], mappings: {}, scoring };
    const out = migrate(doc);
    expect(out).toEqual({ ok: true, doc, from: SCHEMA_VERSION });
  });

  it('0 → 1: an unversioned doc gains a history and a version, without touching its input', () => {
    const raw = { seq: 2, campaign };
    const out = migrate(raw);
    expect(out).toEqual({ ok: true, doc: { seq: 2, campaign, history: { chunks: [] }, nominations: [], imports: [], mappings: {}, panel: emptyPanel, scoring, results: { adjustments: [] }, schemaVersion: SCHEMA_VERSION }, from: 0 });
    expect(raw).toEqual({ seq: 2, campaign });
    expect(migrations[0]?.({ history: [{ seq: 1 }] })).toEqual({ history: [{ seq: 1 }], schemaVersion: 1 });
  });

  it('1 → 2: a doc gains empty nominations, imports and remembered mappings, without touching its input', () => {
    const raw = { schemaVersion: 1, seq: 4, campaign, history: [{ seq: 1 }] };
    const out = migrate(raw);
    expect(out).toEqual({ ok: true, doc: { schemaVersion: SCHEMA_VERSION, seq: 4, campaign, history: { chunks: [[{ seq: 1 }]] }, nominations: [], imports: [], mappings: {}, panel: emptyPanel, scoring, results: { adjustments: [] } }, from: 1 });
    expect(raw).toEqual({ schemaVersion: 1, seq: 4, campaign, history: [{ seq: 1 }] });
    // What is already there (a partly written doc) is kept; what is malformed is replaced.
    expect(migrations[1]?.({ nominations: [{ id: 'n1' }], imports: 'x', mappings: [] })).toEqual({ nominations: [{ id: 'n1' }], imports: [], mappings: {}, schemaVersion: 2 });
  });

  it('2 → 3: nominations may carry aliases; those saved before have none and are kept as they are', () => {
    const nominations = [{ id: 'n1', key: 'doi:10.1/x', sources: [], edits: { doi: { value: '10.1/x', at: 't', actor: 'me' } } }];
    const raw = { schemaVersion: 2, seq: 5, campaign, history: [], nominations, imports: [], mappings: {} };
    const out = migrate(raw);
    expect(out).toEqual({ ok: true, doc: { ...raw, history: { chunks: [] }, panel: emptyPanel, scoring, results: { adjustments: [] }, schemaVersion: SCHEMA_VERSION }, from: 2 });
    expect(out.ok && out.doc.nominations[0]).toBe(nominations[0]);
    expect(raw.schemaVersion).toBe(2);
    expect(migrations[2]?.(raw)).toEqual({ ...raw, schemaVersion: 3 });
  });

  it('3 → 4: the flat history is cut into chunks of 512, the same entries in the same order, its input untouched', () => {
    const history = Array.from({ length: 1100 }, (_, i) => ({ seq: i + 1, at: 't', actor: 'me', type: 'campaign.replaced', changes: [] }));
    const raw = { schemaVersion: 3, seq: 1100, campaign, history, nominations: [], imports: [], mappings: {} };
    const out = migrate(raw);
    expect(out.ok).toBe(true);
    const doc = out.ok ? out.doc : null;
    expect(doc!.schemaVersion).toBe(SCHEMA_VERSION);
    expect(doc!.history.chunks.map((c) => c.length)).toEqual([512, 512, 76]);
    expect(historyOf(doc!)).toEqual(history);
    expect(historyOf(doc!)[700]).toBe(history[700]);
    expect(raw.history).toBe(history);
    expect(history).toHaveLength(1100);
    // What a doc of schema 3 had in place of a history (nothing, or something else) becomes an empty one.
    expect(migrations[3]?.({ history: 'x' })).toEqual({ history: { chunks: [] }, schemaVersion: 4 });
    // Saved and read back, the chunked history is plain JSON.
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('5 → 6: a doc gains an empty scoring part; what a partly written one has is kept if it has the shape', () => {
    const raw = { schemaVersion: 5, seq: 7, campaign, history: { chunks: [] }, nominations: [], imports: [], mappings: {}, panel: emptyPanel };
    expect(migrate(raw)).toEqual({ ok: true, doc: { ...raw, scoring, results: { adjustments: [] }, schemaVersion: SCHEMA_VERSION }, from: 5 });
    expect(raw).not.toHaveProperty('scoring');
    const answers = [{ expertId: 'e1', itemId: 'n1', scores: { a: 1 }, comment: '', recused: false, source: { kind: 'workstation' }, at: 't' }];
    expect(migrations[5]?.({ scoring: { answers, sheets: 'x', closed: true } })).toEqual({ scoring: { ...scoring, answers, closed: true }, schemaVersion: 6 });
    expect(migrations[5]?.({ scoring: [] })).toEqual({ scoring, schemaVersion: 6 });
  });

  it('4 → 5: rows of a big import whose later part failed (no recorded import) leave; everything else stays as it was', () => {
    const src = (importId: string) => ({ importId, file: 'a.xlsx', sha256: 's', sheet: 'S', row: 2, nominator: 'x', fields: {}, extra: [], at: 't' });
    const kept = { id: 'n1', sources: [src('i1')] };
    const mixed = { id: 'n2', sources: [src('i1'), src('i-lost')] };
    const orphan = { id: 'n3', sources: [src('i-lost')] };
    const byHand = { id: 'n4', sources: [{ ...src(''), byHand: { actor: 'me' } }] };
    const raw = { schemaVersion: 4, seq: 9, campaign, history: { chunks: [] }, nominations: [kept, mixed, orphan, byHand], imports: [{ id: 'i1' }], mappings: {} };
    const out = migrate(raw);
    expect(out.ok && out.doc.nominations.map((n) => n.id)).toEqual(['n1', 'n2', 'n4']);
    expect(out.ok && out.doc.nominations[0]).toBe(kept);
    expect(raw.nominations).toHaveLength(4);
    const clean = { ...raw, nominations: [kept] };
    expect(migrations[4]?.(clean)).toEqual({ ...clean, panel: emptyPanel, schemaVersion: 5 });
  });

  it('keeps unknown fields (later collections) as they are', () => {
    const out = migrate({ schemaVersion: 1, seq: 1, campaign, history: [], scores: [{ value: 1 }] });
    expect(out.ok && (out.doc as unknown as { scores: unknown }).scores).toEqual([{ value: 1 }]);
  });

  it('a newer version is too new, with the version', () => {
    expect(migrate({ schemaVersion: SCHEMA_VERSION + 1, seq: 1, campaign })).toEqual({ ok: false, reason: 'too-new', version: SCHEMA_VERSION + 1 });
  });

  it('anything else is not a doc', () => {
    for (const raw of [null, 1, 'x', [], {}, { schemaVersion: -1, seq: 1, campaign }, { schemaVersion: 1.5, seq: 1, campaign }, { schemaVersion: 1, campaign }, { schemaVersion: 1, seq: 1, campaign: null }]) {
      expect(migrate(raw)).toMatchObject({ ok: false, reason: 'not-a-doc' });
    }
  });

  it('has a step for every version below the current one', () => {
    for (let v = 0; v < SCHEMA_VERSION; v++) expect(typeof migrations[v]).toBe('function');
  });
});
