import { describe, expect, it } from 'vitest';
import { newCampaign } from '../campaign/campaign.ts';
import { ReplayError, type EntryMeta } from '../campaign/slice.ts';
import type { Nomination } from '../nominations/record.ts';
import type { Conflict, Expert } from './model.ts';
import {
  assignedTo, assignmentsOf, blockingPairs, emptyPanel, expertCodes, expertsOf, findExpert, letterCode, panelSlice,
  type PanelChange, type PanelPart,
} from './slice.ts';

const campaign = newCampaign({ template: 'papers', name: 'x', year: 2026 }, 'c-1', '2026-01-01T00:00:00.000Z');

function nom(id: string, title: string): Nomination {
  return {
    id, key: `title:${title}`, edits: {}, override: null, distinctFrom: [], createdAt: 't', updatedAt: 't',
    sources: [{ importId: 'i1', file: 'a.xlsx', sha256: 's', sheet: 'S', row: 2, nominator: '学会甲', fields: { title }, extra: [], at: 't' }],
  };
}

function expert(id: string, name: string, over: Partial<Expert> = {}): Expert {
  return { id, name, institution: '清华大学', department: '', title: '教授', disciplines: ['化学'], offices: [], phone: '', email: '', groupId: null, ...over };
}

const conflict = (itemId: string, expertId: string, state: Conflict['state'], over: Partial<Conflict> = {}): Conflict => ({
  itemId, expertId, kind: 'institution', reason: { code: 'SAME_INSTITUTION', values: { institution: '清华大学', expertInstitution: '清华大学', role: 'author' } }, state, note: '', ...over,
});

type Doc = Parameters<typeof panelSlice.reduce>[0] & object;
const base: Doc = { schemaVersion: 5, seq: 0, history: { chunks: [] }, campaign, nominations: [nom('n1', '论文一'), nom('n2', '论文二')], imports: [], mappings: {}, panel: emptyPanel };

let seq = 0;
function apply(doc: Doc, change: PanelChange, actor = 'me'): { doc: Doc; line: ReturnType<typeof panelSlice.reduce>['line'] } {
  const meta: EntryMeta = { seq: ++seq, at: `t${seq}`, actor };
  const out = panelSlice.reduce(doc, change, meta);
  return { doc: { ...doc, ...out.state, seq: meta.seq }, line: out.line };
}
const run = (doc: Doc, ...changes: PanelChange[]): Doc => changes.reduce((d, c) => apply(d, c).doc, doc);

describe('panel slice: experts', () => {
  it('a roster import adds experts in order and updates known ones; its history line is the import in short', () => {
    const summary = { id: 'r1', file: 'roster.xlsx', sheet: 'S', nominator: '', imported: 2, updated: 0, unchanged: 0, rejected: 0 };
    const { doc: d1, line } = apply(base, { type: 'panel.rosterImported', import: summary, upserts: [expert('e1', '张三'), expert('e2', '李四')] });
    expect(expertsOf(d1).map((e) => e.name)).toEqual(['张三', '李四']);
    expect(line).toEqual({ changes: [], import: summary });
    const d2 = run(d1, { type: 'panel.rosterImported', import: { ...summary, id: 'r2', imported: 1, updated: 1 }, upserts: [expert('e3', '王五'), expert('e1', '张三', { title: '院士' })] });
    expect(expertsOf(d2).map((e) => [e.id, e.title])).toEqual([['e1', '院士'], ['e2', '教授'], ['e3', '教授']]);
    expect(expertsOf(d1)[0]!.title).toBe('教授');
    expect(base.panel.experts).toEqual([]);
  });

  it('add, edit (the lines say which fields), place in groups, remove (with their conflicts and assignments)', () => {
    const d1 = run(base, { type: 'expert.added', expert: expert('e1', '张三') }, { type: 'expert.added', expert: expert('e2', '李四') });
    expect(() => apply(d1, { type: 'expert.added', expert: expert('e1', 'X') })).toThrow(ReplayError);
    const { doc: d2, line } = apply(d1, { type: 'expert.edited', expert: expert('e1', '张三', { institution: '北京大学', maxLoad: 9 }) });
    expect(line).toEqual({
      subject: { id: 'e1', label: '张三' },
      changes: [{ key: 'panel.experts.e1.institution', before: '清华大学', after: '北京大学' }, { key: 'panel.experts.e1.maxLoad', before: null, after: 9 }],
    });
    expect(findExpert(d2, 'e1')!.institution).toBe('北京大学');
    const { doc: d3, line: placed } = apply(d2, { type: 'panel.placed', ids: ['e1', 'e2'], groupId: 'g1' });
    expect(expertsOf(d3).map((e) => e.groupId)).toEqual(['g1', 'g1']);
    expect(placed!.changes).toHaveLength(2);
    expect(() => apply(d3, { type: 'panel.placed', ids: ['nobody'], groupId: 'g1' })).toThrow(ReplayError);
    const d4 = run(d3,
      { type: 'panel.conflictsDetected', conflicts: [conflict('n1', 'e1', 'detected'), conflict('n2', 'e2', 'detected')] },
      { type: 'panel.assigned', assignments: [{ itemId: 'n2', expertId: 'e1' }, { itemId: 'n1', expertId: 'e2' }], summary: { perItem: 1, assigned: 2, unassigned: 0, cost: 0, droppedManual: 0 } },
      { type: 'assignment.removed', itemId: 'n1', expertId: 'e1' },
    );
    const { doc: d5, line: removed } = apply(d4, { type: 'expert.removed', id: 'e1' });
    expect(expertsOf(d5).map((e) => e.id)).toEqual(['e2']);
    expect(d5.panel.conflicts.map((c) => c.expertId)).toEqual(['e2']);
    expect(assignmentsOf(d5)).toEqual([{ itemId: 'n1', expertId: 'e2' }]);
    expect(d5.panel.excluded).toEqual([]);
    expect(removed).toMatchObject({ subject: { id: 'e1', label: '张三' }, changes: [{ key: 'panel.experts.e1', after: null }] });
    expect(() => apply(d5, { type: 'expert.removed', id: 'e1' })).toThrow(ReplayError);
  });
});

describe('panel slice: conflicts', () => {
  const d1 = run(base,
    { type: 'expert.added', expert: expert('e1', '张三') },
    { type: 'expert.added', expert: expert('e2', '李四') },
    { type: 'panel.conflictsDetected', conflicts: [conflict('n1', 'e1', 'detected'), conflict('n2', 'e1', 'confirm', { reason: { code: 'SIMILAR_INSTITUTION', values: {} } })] },
  );

  it('a dismissal keeps the note and who decided, and unblocks the pair; the line names expert and nomination', () => {
    expect(blockingPairs(d1)).toEqual([{ itemId: 'n1', expertId: 'e1' }, { itemId: 'n2', expertId: 'e1' }]);
    const { doc: d2, line } = apply(d1, { type: 'conflict.dismissed', ref: { itemId: 'n2', expertId: 'e1', kind: 'institution', code: 'SIMILAR_INSTITUTION' }, note: '不同校区', at: 'T' }, 'sec');
    expect(d2.panel.conflicts[1]).toMatchObject({ state: 'dismissed', note: '不同校区', decided: { actor: 'sec', at: 'T' } });
    expect(blockingPairs(d2)).toEqual([{ itemId: 'n1', expertId: 'e1' }]);
    expect(line).toEqual({
      subject: { id: 'n2', label: '张三 · 论文二' },
      changes: [{ key: 'panel.conflicts.n2.e1.institution', before: { state: 'confirm', note: '' }, after: { state: 'dismissed', note: '不同校区' } }],
    });
    expect(d1.panel.conflicts[1]!.state).toBe('confirm');
  });

  it('confirming a doubt makes it detected and takes the pair off any assignment', () => {
    const d2 = run(d1, { type: 'assignment.added', itemId: 'n2', expertId: 'e1' });
    expect(assignedTo(d2, 'e1')).toEqual(['n2']);
    const d3 = run(d2, { type: 'conflict.confirmed', ref: { itemId: 'n2', expertId: 'e1', kind: 'institution', code: 'SIMILAR_INSTITUTION' }, note: '', at: 'T' });
    expect(d3.panel.conflicts[1]).toMatchObject({ state: 'detected', decided: { actor: 'me', at: 'T' } });
    expect(assignedTo(d3, 'e1')).toEqual([]);
  });

  it('a decision about a conflict that is not there is refused', () => {
    expect(() => apply(d1, { type: 'conflict.dismissed', ref: { itemId: 'n1', expertId: 'e2', kind: 'institution', code: 'SAME_INSTITUTION' }, note: 'x', at: 'T' })).toThrow(ReplayError);
    expect(() => apply(d1, { type: 'conflict.confirmed', ref: { itemId: 'n1', expertId: 'e1', kind: 'author', code: 'SAME_INSTITUTION' }, note: 'x', at: 'T' })).toThrow(ReplayError);
  });

  it('declared conflicts block, replace an earlier declaration of the pair, and can be withdrawn', () => {
    const declared = conflict('n1', 'e2', 'declared', { kind: 'declared', reason: { code: 'DECLARED', values: { by: 'sec', text: '合作者' } }, note: '合作者', decided: { actor: 'sec', at: 'T' } });
    const d2 = run(d1, { type: 'conflict.declared', conflict: declared }, { type: 'conflict.declared', conflict: { ...declared, note: '师生' } });
    expect(d2.panel.conflicts.filter((c) => c.state === 'declared').map((c) => c.note)).toEqual(['师生']);
    expect(blockingPairs(d2)).toContainEqual({ itemId: 'n1', expertId: 'e2' });
    expect(() => apply(d1, { type: 'conflict.declared', conflict: { ...declared, state: 'detected' } })).toThrow(ReplayError);
    expect(() => apply(d1, { type: 'conflict.declared', conflict: { ...declared, expertId: 'nobody' } })).toThrow(ReplayError);
    const d3 = run(d2, { type: 'conflict.withdrawn', itemId: 'n1', expertId: 'e2' });
    expect(blockingPairs(d3)).not.toContainEqual({ itemId: 'n1', expertId: 'e2' });
    expect(() => apply(d3, { type: 'conflict.withdrawn', itemId: 'n1', expertId: 'e2' })).toThrow(ReplayError);
  });
});

describe('panel slice: assignments and institutions', () => {
  const d1 = run(base, { type: 'expert.added', expert: expert('e1', '张三') }, { type: 'expert.added', expert: expert('e2', '李四') });

  it('a run replaces the assignments; by hand: added as manual, removed as excluded (and the reverse)', () => {
    const d2 = run(d1, { type: 'panel.assigned', assignments: [{ itemId: 'n1', expertId: 'e1' }], summary: { perItem: 1, assigned: 1, unassigned: 1, cost: 0, droppedManual: 0 } });
    expect(assignmentsOf(d2)).toEqual([{ itemId: 'n1', expertId: 'e1' }]);
    const { doc: d3, line } = apply(d2, { type: 'assignment.removed', itemId: 'n1', expertId: 'e1' });
    expect(assignmentsOf(d3)).toEqual([]);
    expect(d3.panel.excluded).toEqual([{ itemId: 'n1', expertId: 'e1' }]);
    expect(line).toEqual({ subject: { id: 'n1', label: '张三 · 论文一' }, changes: [{ key: 'panel.assignments.n1.e1', before: 'assigned', after: 'excluded' }] });
    const d4 = run(d3, { type: 'assignment.added', itemId: 'n1', expertId: 'e1' }, { type: 'assignment.added', itemId: 'n2', expertId: 'e2' }, { type: 'assignment.added', itemId: 'n2', expertId: 'e2' });
    expect(assignmentsOf(d4)).toEqual([{ itemId: 'n1', expertId: 'e1', manual: true }, { itemId: 'n2', expertId: 'e2', manual: true }]);
    expect(d4.panel.excluded).toEqual([]);
    expect(assignedTo(d4, 'e2')).toEqual(['n2']);
    expect(() => apply(d4, { type: 'assignment.added', itemId: 'n1', expertId: 'nobody' })).toThrow(ReplayError);
  });

  it('an institution addition replaces an earlier one with the same id', () => {
    const entry = { id: 'x-inst', zh: '某某研究院', en: 'Some Institute', aliases: ['某院'] };
    const d2 = run(d1, { type: 'panel.institutionAdded', entry }, { type: 'panel.institutionAdded', entry: { ...entry, aliases: ['某院', 'SI'] } });
    expect(d2.panel.institutions.additions).toEqual([{ ...entry, aliases: ['某院', 'SI'] }]);
  });
});

describe('panel slice: read helpers, migration, words', () => {
  it('expert codes follow the panel order, in both languages, past Z', () => {
    const panel: PanelPart = { panel: { ...emptyPanel, experts: Array.from({ length: 28 }, (_, i) => expert(`e${i}`, `N${i}`)) } };
    const zh = expertCodes(panel);
    expect([zh.get('e0'), zh.get('e1'), zh.get('e25'), zh.get('e26'), zh.get('e27')]).toEqual(['专家A', '专家B', '专家Z', '专家AA', '专家AB']);
    expect(expertCodes(panel, 'en').get('e2')).toBe('Expert C');
    expect([0, 25, 26, 51, 52, 701, 702].map(letterCode)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('blocking pairs: detected, confirm and declared, once per pair; dismissed ones do not block', () => {
    const panel: PanelPart = { panel: { ...emptyPanel, conflicts: [conflict('a', 'x', 'detected'), conflict('a', 'x', 'confirm', { kind: 'author' }), conflict('b', 'x', 'dismissed'), conflict('c', 'y', 'declared')] } };
    expect(blockingPairs(panel)).toEqual([{ itemId: 'a', expertId: 'x' }, { itemId: 'c', expertId: 'y' }]);
  });

  it('4 → 5 adds an empty panel, keeps what a partly written doc has, replaces what is malformed; input untouched', () => {
    const m = panelSlice.migrations![4]!;
    const raw = { seq: 1 };
    expect(m(raw)).toEqual({ seq: 1, panel: emptyPanel });
    expect(raw).toEqual({ seq: 1 });
    expect(m({ panel: { experts: [{ id: 'e1' }], conflicts: 'x', institutions: { additions: [{ id: 'i' }] } } })).toEqual({
      panel: { experts: [{ id: 'e1' }], conflicts: [], assignments: [], institutions: { additions: [{ id: 'i' }] }, excluded: [] },
    });
    expect(m({ panel: [] })).toEqual({ panel: emptyPanel });
  });

  it('every change type has words in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      expect(Object.keys(panelSlice.words[lang]).sort()).toEqual([...panelSlice.changeTypes].sort());
      for (const w of Object.values(panelSlice.words[lang])) expect(w.length).toBeGreaterThan(1);
    }
  });
});
