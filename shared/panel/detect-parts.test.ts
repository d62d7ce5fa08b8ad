import { describe, expect, it } from 'vitest';
import { newCampaign } from '../campaign/campaign.ts';
import { ReplayError, type EntryMeta } from '../campaign/slice.ts';
import { detectParts, settleDetected } from './detect-parts.ts';
import type { Conflict, Expert } from './model.ts';
import { emptyPanel, panelSlice, type PanelChange } from './slice.ts';

const campaign = newCampaign({ template: 'papers', name: 'x', year: 2026 }, 'c-1', '2026-01-01T00:00:00.000Z');
const expert = (id: string): Expert => ({ id, name: id, institution: '清华大学', department: '', title: '', disciplines: [], offices: [], phone: '', email: '', groupId: null });
const conflict = (itemId: string, expertId: string, state: Conflict['state'] = 'detected', over: Partial<Conflict> = {}): Conflict => ({
  itemId, expertId, kind: 'institution', reason: { code: 'SAME_INSTITUTION', values: {} }, state, note: '', ...over,
});
const declared = (itemId: string, expertId: string, note = ''): Conflict => ({
  itemId, expertId, kind: 'declared', reason: { code: 'DECLARED', values: { by: 'sec', text: note } }, state: 'declared', note, decided: { actor: 'sec', at: 'T' },
});

type Doc = Parameters<typeof panelSlice.reduce>[0] & object;
const base: Doc = { schemaVersion: 7, seq: 0, history: { chunks: [] }, campaign, nominations: [], imports: [], mappings: {}, panel: { ...emptyPanel, experts: ['e1', 'e2', 'e3'].map(expert) } };

let seq = 0;
function apply(doc: Doc, change: PanelChange) {
  const meta: EntryMeta = { seq: ++seq, at: `t${seq}`, actor: 'sec' };
  const out = panelSlice.reduce(doc, change, meta);
  return { doc: { ...doc, ...out.state, seq: meta.seq } as Doc, line: out.line };
}
const run = (doc: Doc, changes: readonly PanelChange[]): Doc => changes.reduce((d, c) => apply(d, c).doc, doc);

/** 7 conflicts over 3 experts, the last a declared one (as detection lists them: declared last). */
const detected = [
  conflict('n1', 'e1'), conflict('n2', 'e1', 'confirm'), conflict('n3', 'e1'), conflict('n1', 'e2'), conflict('n2', 'e2'), conflict('n4', 'e3', 'confirm'), declared('n5', 'e3', '顾问'),
];
/** The set in force before the run: the declared conflict is the doc's, which detection takes over. */
const previous = [conflict('n9', 'e1'), declared('n5', 'e3', '顾问')];
const before = run(base, [{ type: 'panel.conflictsDetected', conflicts: previous }]);

describe('detectParts', () => {
  it('a small set is one whole change; a big one parts of at most `size`, all of one run, that together are the set', () => {
    expect(detectParts(detected, 'r1', 7)).toEqual([{ type: 'panel.conflictsDetected', conflicts: detected }]);
    const parts = detectParts(detected, 'r1', 3);
    expect(parts.map((p) => (p.type === 'panel.conflictsDetectedInParts' ? [p.part, p.conflicts.length] : null))).toEqual([
      [{ run: 'r1', index: 0, of: 3 }, 3], [{ run: 'r1', index: 1, of: 3 }, 3], [{ run: 'r1', index: 2, of: 3 }, 1],
    ]);
    expect(parts.flatMap((p) => p.conflicts)).toEqual(detected);
    expect(() => detectParts(detected, 'r1', 0)).toThrow();
  });
});

describe('panel slice: a detection run in parts', () => {
  it('ends with the same conflicts and the same one history line (counts) as the whole change; the parts before write none', () => {
    const whole = apply(before, { type: 'panel.conflictsDetected', conflicts: detected });
    const parts = detectParts(detected, 'r1', 3);
    let d = before;
    const lines = parts.map((p) => {
      const out = apply(d, p);
      d = out.doc;
      return out.line;
    });
    expect(d.panel.conflicts).toEqual(whole.doc.panel.conflicts);
    expect(d.panel.detectInProgress).toBeNull();
    expect(lines.slice(0, -1)).toEqual([undefined, undefined]);
    expect(lines.at(-1)).toEqual(whole.line);
    expect(whole.line).toEqual({ changes: [{ key: 'panel.conflicts', before: { detected: 1, confirm: 0, declared: 1, dismissed: 0 }, after: { detected: 4, confirm: 2, declared: 1, dismissed: 0 } }] });
  });

  it('until the last part the previous set stays in force; the parts wait in detectInProgress', () => {
    const [p0, p1] = detectParts(detected, 'r1', 3);
    const mid = run(before, [p0!, p1!]);
    expect(mid.panel.conflicts).toBe(previous);
    expect(mid.panel.detectInProgress).toMatchObject({ run: 'r1', next: 2, of: 3 });
    expect(mid.panel.detectInProgress!.conflicts).toEqual(detected.slice(0, 6));
  });

  it('a new run drops an unfinished one; a whole change drops it too', () => {
    const [a0] = detectParts(detected, 'rA', 3);
    const b = detectParts(detected.slice(0, 4), 'rB', 2);
    const d = run(before, [a0!, ...b]);
    expect(d.panel.conflicts).toEqual([...detected.slice(0, 4), declared('n5', 'e3', '顾问')]);
    expect(d.panel.detectInProgress).toBeNull();
    const w = run(before, [a0!, { type: 'panel.conflictsDetected', conflicts: [] }]);
    expect(w.panel).toMatchObject({ conflicts: [], detectInProgress: null });
    expect(before.panel.detectInProgress ?? null).toBeNull();
  });

  it('refuses a part that does not follow its run’s previous part, and one that is not a part', () => {
    const [a0, a1, a2] = detectParts(detected, 'rA', 3);
    const [b0] = detectParts(detected, 'rB', 3);
    expect(() => apply(before, a1!)).toThrow(ReplayError);
    expect(() => run(before, [a0!, a2!])).toThrow(ReplayError);
    expect(() => run(before, [a0!, b0!, a1!])).toThrow(/does not follow/);
    expect(() => run(before, [a0!, { ...a1!, part: { run: 'rA', index: 1, of: 4 } } as PanelChange])).toThrow(ReplayError);
    expect(() => apply(before, { type: 'panel.conflictsDetectedInParts', part: { run: 'x', index: 2, of: 2 }, conflicts: [] })).toThrow(/not a part/);
  });

  it('the last part keeps what people did between the parts: a dismissal, a declaration, a withdrawal, an expert removed', () => {
    const withDeclared = run(before, [{ type: 'panel.conflictsDetected', conflicts: [conflict('n2', 'e1', 'confirm'), declared('n5', 'e3', '顾问')] }]);
    const [p0, p1, p2] = detectParts(detected, 'r1', 3);
    const d = run(withDeclared, [
      p0!,
      { type: 'conflict.dismissed', ref: { itemId: 'n2', expertId: 'e1', kind: 'institution', code: 'SAME_INSTITUTION' }, note: '不同校区', at: 'T2' },
      { type: 'conflict.withdrawn', itemId: 'n5', expertId: 'e3' },
      { type: 'conflict.declared', conflict: declared('n7', 'e1', '合作者') },
      p1!,
      { type: 'expert.removed', id: 'e2' },
      p2!,
    ]);
    expect(d.panel.conflicts.map((c) => [c.itemId, c.expertId, c.state, c.note])).toEqual([
      ['n1', 'e1', 'detected', ''], ['n2', 'e1', 'dismissed', '不同校区'], ['n3', 'e1', 'detected', ''], ['n4', 'e3', 'confirm', ''], ['n7', 'e1', 'declared', '合作者'],
    ]);
  });
});

describe('settleDetected', () => {
  it('over the doc it was detected from, gives back the set as detected', () => {
    const panel = { experts: ['e1', 'e2', 'e3'].map(expert), conflicts: [declared('n5', 'e3', '顾问'), conflict('n0', 'e2', 'dismissed', { decided: { actor: 'a', at: 'T' } })] };
    const asDetected = [...detected.slice(0, 6), declared('n5', 'e3', '顾问')];
    expect(settleDetected(asDetected, panel)).toEqual(asDetected);
  });
});
