import type { HistoryEntry, HistoryLine, ImportSummary } from '../campaign/history.ts';
import { ReplayError, type Outcome, type Slice } from '../campaign/slice.ts';
import { labelOf } from '../nominations/merge.ts';
import { findNomination, type NominationsPart } from '../nominations/slice.ts';
import type { SetupPart } from '../setup/slice.ts';
import type { InstitutionEntry } from '../campaign/institutions-data.ts';
import { settleDetected, type DetectInProgress, type DetectPart } from './detect-parts.ts';
import { BLOCKING_STATES, type Assignment, type Conflict, type ConflictKind, type ConflictReasonCode, type Expert } from './model.ts';

/** An item and an expert. */
export interface Pair {
  readonly itemId: string;
  readonly expertId: string;
}

/** The panel step's part of the doc (since schema 5). */
export interface PanelPart {
  readonly panel: {
    /** The panel, in its order (the order expert codes 专家A, 专家B… follow). */
    readonly experts: readonly Expert[];
    /** Detected (with people's decisions applied) and declared conflicts. */
    readonly conflicts: readonly Conflict[];
    readonly assignments: readonly Assignment[];
    /** The campaign's own additions to the shipped institution alias table. */
    readonly institutions: { readonly additions: readonly InstitutionEntry[] };
    /** Pairs the secretary took off by hand: a re-run of the assignment leaves them off. */
    readonly excluded: readonly Pair[];
    /** A detection run committed in parts whose last part has not come (see detect-parts.ts); absent or null: none. */
    readonly detectInProgress?: DetectInProgress | null;
  };
}

/** Which conflict a decision is about: the same item, expert, kind and reason code as the rules found. */
export interface ConflictRef {
  readonly itemId: string;
  readonly expertId: string;
  readonly kind: ConflictKind;
  readonly code: ConflictReasonCode;
}

/** The assignment's result in short, for the history. */
export interface AssignSummary {
  readonly perItem: number;
  readonly assigned: number;
  readonly unassigned: number;
  readonly cost: number;
  readonly droppedManual: number;
}

export type PanelChange =
  /** A roster import: new and changed experts whole (an expert of the same name and institution is updated). */
  | { readonly type: 'panel.rosterImported'; readonly import: ImportSummary; readonly upserts: readonly Expert[] }
  | { readonly type: 'expert.added'; readonly expert: Expert }
  /** The whole expert after an edit. */
  | { readonly type: 'expert.edited'; readonly expert: Expert }
  /** The expert leaves the panel, with their conflicts, assignments and exclusions. */
  | { readonly type: 'expert.removed'; readonly id: string }
  /** Experts placed in a discipline group (null: taken out of any). */
  | { readonly type: 'panel.placed'; readonly ids: readonly string[]; readonly groupId: string | null }
  /** A detection run: the whole list, people's decisions applied (see detectConflicts). */
  | { readonly type: 'panel.conflictsDetected'; readonly conflicts: readonly Conflict[] }
  /** A big detection run, one part of it (see detect-parts.ts): the last part makes the run's whole list current. */
  | { readonly type: 'panel.conflictsDetectedInParts'; readonly part: DetectPart; readonly conflicts: readonly Conflict[] }
  /** Declared by an expert or the secretary (kind 'declared', state 'declared', with `decided`). */
  | { readonly type: 'conflict.declared'; readonly conflict: Conflict }
  /** A detected or doubtful conflict set aside, with a note. */
  | { readonly type: 'conflict.dismissed'; readonly ref: ConflictRef; readonly note: string; readonly at: string }
  /** A doubtful (or dismissed) conflict confirmed: it stands, detected. */
  | { readonly type: 'conflict.confirmed'; readonly ref: ConflictRef; readonly note: string; readonly at: string }
  /** A declared conflict withdrawn. */
  | { readonly type: 'conflict.withdrawn'; readonly itemId: string; readonly expertId: string }
  /** An alias table addition: a known id gains names, a new id is a new institution. */
  | { readonly type: 'panel.institutionAdded'; readonly entry: InstitutionEntry }
  /** An assignment run: every assignment after it (hand-made ones kept are marked manual). */
  | { readonly type: 'panel.assigned'; readonly assignments: readonly Assignment[]; readonly summary: AssignSummary }
  /** By hand: an expert put on an item (manual, kept by later runs). */
  | { readonly type: 'assignment.added'; readonly itemId: string; readonly expertId: string }
  /** By hand: an expert taken off an item (later runs leave the pair off). */
  | { readonly type: 'assignment.removed'; readonly itemId: string; readonly expertId: string };

type Doc = SetupPart & NominationsPart & PanelPart;
type Panel = PanelPart['panel'];
type Changes = HistoryEntry['changes'][number][];

export const emptyPanel: Panel = { experts: [], conflicts: [], assignments: [], institutions: { additions: [] }, excluded: [] };

const pairKey = (itemId: string, expertId: string): string => `${itemId}\u0000${expertId}`;
const sameRef = (c: Conflict, r: ConflictRef): boolean => c.itemId === r.itemId && c.expertId === r.expertId && c.kind === r.kind && c.reason.code === r.code;

// ---- Read helpers for later steps (pure, over the doc's panel part) ----

export function expertsOf(doc: PanelPart): readonly Expert[] {
  return doc.panel.experts;
}

export function findExpert(doc: PanelPart, id: string): Expert | undefined {
  return doc.panel.experts.find((e) => e.id === id);
}

export function assignmentsOf(doc: PanelPart): readonly Assignment[] {
  return doc.panel.assignments;
}

/** The nomination ids assigned to an expert, in the assignments' order. */
export function assignedTo(doc: PanelPart, expertId: string): string[] {
  return doc.panel.assignments.filter((a) => a.expertId === expertId).map((a) => a.itemId);
}

/** The conflicts that keep an expert off an item (detected, confirm, declared), one per pair. */
export function blockingPairs(doc: PanelPart): Pair[] {
  const seen = new Set<string>();
  const out: Pair[] = [];
  for (const c of doc.panel.conflicts) {
    if (!BLOCKING_STATES.has(c.state)) continue;
    const k = pairKey(c.itemId, c.expertId);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ itemId: c.itemId, expertId: c.expertId });
  }
  return out;
}

/** A, B, … Z, AA, AB… (as spreadsheet columns). */
export function letterCode(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Anonymous codes for the experts in the panel's order: 专家A, 专家B… (English: Expert A, Expert B…). */
export function expertCodes(doc: PanelPart, lang: string = 'zh-CN'): Map<string, string> {
  const en = lang.startsWith('en');
  return new Map(doc.panel.experts.map((e, i) => [e.id, en ? `Expert ${letterCode(i)}` : `专家${letterCode(i)}`]));
}

// ---- The reducer ----

function mustExpert(p: Panel, id: string, seq: number): Expert {
  const e = p.experts.find((x) => x.id === id);
  if (!e) throw new ReplayError(`entry ${seq}: no expert ${id}`);
  return e;
}

function upsertExperts(list: readonly Expert[], upserts: readonly Expert[]): Expert[] {
  const at = new Map(list.map((e, i) => [e.id, i]));
  const out = list.slice();
  for (const e of upserts) {
    const i = at.get(e.id);
    if (i === undefined) {
      at.set(e.id, out.length);
      out.push(e);
    } else out[i] = e;
  }
  return out;
}

const withoutDecided = (c: Conflict): Conflict => {
  const { decided: _d, ...rest } = c;
  return rest;
};

function subjectOf(doc: Doc, itemId: string, expert: Expert | undefined): { id: string; label: string } {
  const n = findNomination(doc, itemId);
  const item = n ? labelOf(doc.campaign.kind, n) : '';
  return { id: itemId, label: [expert?.name ?? '', item].filter(Boolean).join(' · ') };
}

const countStates = (l: readonly Conflict[]) => Object.fromEntries(['detected', 'confirm', 'declared', 'dismissed'].map((s) => [s, l.filter((c) => c.state === s).length]));

/** A detection run's one history line: the counts before and after, however many conflicts. */
function detectedLine(before: readonly Conflict[], after: readonly Conflict[]): HistoryLine {
  return { changes: [{ key: 'panel.conflicts', before: countStates(before), after: countStates(after) }] };
}

function reducePanel(doc: Doc, change: PanelChange, seq: number, at: string, actor: string): Outcome<PanelPart> {
  const p = doc.panel;
  const set = (next: Partial<Panel>, line?: HistoryLine): Outcome<PanelPart> => ({ state: { panel: { ...p, ...next } }, ...(line ? { line } : {}) });
  switch (change.type) {
    case 'panel.rosterImported':
      return set({ experts: upsertExperts(p.experts, change.upserts) }, { changes: [], import: change.import });
    case 'expert.added': {
      if (p.experts.some((e) => e.id === change.expert.id)) throw new ReplayError(`entry ${seq}: expert ${change.expert.id} already exists`);
      const e = change.expert;
      return set({ experts: [...p.experts, e] }, { changes: [{ key: `panel.experts.${e.id}`, before: null, after: { name: e.name, institution: e.institution } }], subject: { id: e.id, label: e.name } });
    }
    case 'expert.edited': {
      const before = mustExpert(p, change.expert.id, seq);
      const after = change.expert;
      const changes: Changes = [];
      for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
        const b = (before as unknown as Record<string, unknown>)[k];
        const a = (after as unknown as Record<string, unknown>)[k];
        if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ key: `panel.experts.${after.id}.${k}`, before: b ?? null, after: a ?? null });
      }
      return set({ experts: upsertExperts(p.experts, [after]) }, { changes, subject: { id: after.id, label: after.name } });
    }
    case 'expert.removed': {
      const e = mustExpert(p, change.id, seq);
      const keep = <T extends { readonly expertId: string }>(l: readonly T[]): T[] => l.filter((x) => x.expertId !== e.id);
      return set(
        { experts: p.experts.filter((x) => x.id !== e.id), conflicts: keep(p.conflicts), assignments: keep(p.assignments), excluded: keep(p.excluded) },
        { changes: [{ key: `panel.experts.${e.id}`, before: { name: e.name, institution: e.institution }, after: null }], subject: { id: e.id, label: e.name } },
      );
    }
    case 'panel.placed': {
      const ids = new Set(change.ids);
      for (const id of ids) mustExpert(p, id, seq);
      const changes: Changes = [];
      const experts = p.experts.map((e) => {
        if (!ids.has(e.id) || e.groupId === change.groupId) return e;
        changes.push({ key: `panel.experts.${e.id}.groupId`, before: e.groupId, after: change.groupId });
        return { ...e, groupId: change.groupId };
      });
      return set({ experts }, { changes });
    }
    case 'panel.conflictsDetected':
      return set({ conflicts: change.conflicts, ...(p.detectInProgress ? { detectInProgress: null } : {}) }, detectedLine(p.conflicts, change.conflicts));
    case 'panel.conflictsDetectedInParts': {
      const { run, index, of } = change.part;
      if (!(Number.isInteger(of) && of >= 1 && Number.isInteger(index) && index >= 0 && index < of)) throw new ReplayError(`entry ${seq}: detection part ${index} of ${of} is not a part`);
      const held = p.detectInProgress;
      // A first part drops a run left unfinished; any other must follow its run's previous part.
      if (index > 0 && !(held && held.run === run && held.next === index && held.of === of)) throw new ReplayError(`entry ${seq}: detection part ${index} of ${of} does not follow the run's previous part`);
      const pending = index > 0 ? [...held!.conflicts, ...change.conflicts] : change.conflicts;
      if (index < of - 1) return set({ detectInProgress: { run, next: index + 1, of, conflicts: pending } });
      const conflicts = settleDetected(pending, p);
      return set({ conflicts, detectInProgress: null }, detectedLine(p.conflicts, conflicts));
    }
    case 'conflict.declared': {
      const c = change.conflict;
      mustExpert(p, c.expertId, seq);
      if (c.state !== 'declared') throw new ReplayError(`entry ${seq}: a declared conflict must be in the state 'declared'`);
      const conflicts = [...p.conflicts.filter((x) => !(x.itemId === c.itemId && x.expertId === c.expertId && x.state === 'declared')), c];
      const expert = findExpert(doc, c.expertId);
      return set({ conflicts }, { changes: [{ key: `panel.conflicts.${c.itemId}.${c.expertId}.declared`, before: null, after: { note: c.note } }], subject: subjectOf(doc, c.itemId, expert) });
    }
    case 'conflict.dismissed':
    case 'conflict.confirmed': {
      const r = change.ref;
      const i = p.conflicts.findIndex((c) => sameRef(c, r) && c.state !== 'declared');
      if (i < 0) throw new ReplayError(`entry ${seq}: no such conflict between ${r.itemId} and ${r.expertId}`);
      const before = p.conflicts[i]!;
      const state = change.type === 'conflict.dismissed' ? 'dismissed' : 'detected';
      const after: Conflict = { ...withoutDecided(before), state, note: change.note, decided: { actor, at: change.at } };
      const conflicts = p.conflicts.slice();
      conflicts[i] = after;
      // Dismissing a conflict does not assign anyone; confirming one takes the pair off any assignment.
      const assignments = state === 'detected' ? p.assignments.filter((a) => !(a.itemId === r.itemId && a.expertId === r.expertId)) : p.assignments;
      return set(
        { conflicts, assignments },
        { changes: [{ key: `panel.conflicts.${r.itemId}.${r.expertId}.${r.kind}`, before: { state: before.state, note: before.note }, after: { state, note: change.note } }], subject: subjectOf(doc, r.itemId, findExpert(doc, r.expertId)) },
      );
    }
    case 'conflict.withdrawn': {
      const had = p.conflicts.find((c) => c.itemId === change.itemId && c.expertId === change.expertId && c.state === 'declared');
      if (!had) throw new ReplayError(`entry ${seq}: no declared conflict between ${change.itemId} and ${change.expertId}`);
      return set(
        { conflicts: p.conflicts.filter((c) => c !== had) },
        { changes: [{ key: `panel.conflicts.${change.itemId}.${change.expertId}.declared`, before: { note: had.note }, after: null }], subject: subjectOf(doc, change.itemId, findExpert(doc, change.expertId)) },
      );
    }
    case 'panel.institutionAdded': {
      const e = change.entry;
      const additions = [...p.institutions.additions.filter((a) => a.id !== e.id), e];
      const before = p.institutions.additions.find((a) => a.id === e.id) ?? null;
      return set({ institutions: { additions } }, { changes: [{ key: `panel.institutions.${e.id}`, before, after: e }], subject: { id: e.id, label: e.zh || e.en } });
    }
    case 'panel.assigned': {
      const s = change.summary;
      return set({ assignments: change.assignments }, { changes: [{ key: 'panel.assignments', before: { assigned: p.assignments.length }, after: { ...s } }] });
    }
    case 'assignment.added': {
      const { itemId, expertId } = change;
      const expert = mustExpert(p, expertId, seq);
      const k = pairKey(itemId, expertId);
      const assignments = [...p.assignments.filter((a) => pairKey(a.itemId, a.expertId) !== k), { itemId, expertId, manual: true }];
      const excluded = p.excluded.filter((x) => pairKey(x.itemId, x.expertId) !== k);
      return set({ assignments, excluded }, { changes: [{ key: `panel.assignments.${itemId}.${expertId}`, before: null, after: 'manual' }], subject: subjectOf(doc, itemId, expert) });
    }
    case 'assignment.removed': {
      const { itemId, expertId } = change;
      const k = pairKey(itemId, expertId);
      const had = p.assignments.find((a) => pairKey(a.itemId, a.expertId) === k);
      const assignments = p.assignments.filter((a) => a !== had);
      const excluded = p.excluded.some((x) => pairKey(x.itemId, x.expertId) === k) ? p.excluded : [...p.excluded, { itemId, expertId }];
      return set({ assignments, excluded }, { changes: [{ key: `panel.assignments.${itemId}.${expertId}`, before: had ? (had.manual ? 'manual' : 'assigned') : null, after: 'excluded' }], subject: subjectOf(doc, itemId, findExpert(doc, expertId)) });
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const panelSlice: Slice<PanelPart, PanelChange, SetupPart & NominationsPart> = {
  step: 'panel',
  changeTypes: [
    'panel.rosterImported', 'expert.added', 'expert.edited', 'expert.removed', 'panel.placed', 'panel.conflictsDetected', 'conflict.declared',
    'conflict.dismissed', 'conflict.confirmed', 'conflict.withdrawn', 'panel.institutionAdded', 'panel.assigned', 'assignment.added', 'assignment.removed',
    'panel.conflictsDetectedInParts',
  ],
  initial: () => ({ panel: emptyPanel }),
  reduce(doc, change, { seq, at, actor }) {
    if (!doc) throw new ReplayError(`entry ${seq}: no campaign to change`);
    return reducePanel(doc, change, seq, at, actor);
  },
  migrations: {
    // 4 → 5: the panel arrives, empty. What is already there (a partly written doc) is kept; what is malformed replaced.
    4: (doc) => {
      const had = isObject(doc.panel) ? doc.panel : {};
      const list = (k: string): unknown[] => (Array.isArray(had[k]) ? (had[k] as unknown[]) : []);
      const inst = isObject(had.institutions) && Array.isArray(had.institutions.additions) ? had.institutions.additions : [];
      return { ...doc, panel: { experts: list('experts'), conflicts: list('conflicts'), assignments: list('assignments'), institutions: { additions: inst }, excluded: list('excluded') } };
    },
  },
  words: {
    'zh-CN': {
      'panel.rosterImported': '导入专家名单',
      'expert.added': '添加专家',
      'expert.edited': '修改专家信息',
      'expert.removed': '移除专家',
      'panel.placed': '调整专家分组',
      'panel.conflictsDetected': '检测回避关系',
      'conflict.declared': '申报回避',
      'conflict.dismissed': '排除回避（附说明）',
      'conflict.confirmed': '确认回避',
      'conflict.withdrawn': '撤回申报的回避',
      'panel.institutionAdded': '补充单位别名',
      'panel.assigned': '分配评审专家',
      'assignment.added': '手工指派专家',
      'assignment.removed': '手工取消指派',
      'panel.conflictsDetectedInParts': '检测回避关系',
    },
    en: {
      'panel.rosterImported': 'Expert roster imported',
      'expert.added': 'Expert added',
      'expert.edited': 'Expert edited',
      'expert.removed': 'Expert removed',
      'panel.placed': 'Experts placed in a group',
      'panel.conflictsDetected': 'Conflicts of interest detected',
      'conflict.declared': 'Conflict declared',
      'conflict.dismissed': 'Conflict dismissed (with a note)',
      'conflict.confirmed': 'Conflict confirmed',
      'conflict.withdrawn': 'Declared conflict withdrawn',
      'panel.institutionAdded': 'Institution alias added',
      'panel.assigned': 'Reviewers assigned',
      'assignment.added': 'Reviewer assigned by hand',
      'assignment.removed': 'Reviewer removed by hand',
      'panel.conflictsDetectedInParts': 'Conflicts of interest detected',
    },
  },
};
