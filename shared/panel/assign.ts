import { normaliseKeyText } from '../nominations/values.ts';
import { FlowGraph } from './flow.ts';
import { BLOCKING_STATES, type Assignment, type Conflict } from './model.ts';

/**
 * Assigning reviewers, per discipline group, as one minimum-cost flow:
 *
 *   source ─(n·d)→ class ─(n, cost)→ expert ─(lower part: min, cost −B)→ sink
 *                                           └(upper part: max − min, 0)─┘
 *
 * Objective, in this order: (1) as many reviews as possible (max flow: every item its K reviewers when it can);
 * (2) every expert's minimum load met as far as possible (the bonus B on the lower part exceeds any total of the
 * costs, so meeting a minimum always wins); (3) the stated cost: Σ over new assignments of 0 when the item's
 * discipline is one of the expert's, else `mismatchCost` (1). Conflicts in a blocking state (detected, confirm,
 * declared) are no arcs; hand-made assignments are fixed: they take their place in the item's K and the expert's load.
 *
 * Exact size reduction: items of the same group with the same discipline, the same number still to assign and the
 * same experts excluded are interchangeable, so they form one class (node); a class's flow to an expert is at most its
 * size, and is split back into items round robin (each expert's units are one run of at most n consecutive slots,
 * slot p going to item p mod n, so no item gets an expert twice and every item gets ⌊U/n⌋ or ⌈U/n⌉).
 *
 * Pruning: each class gets arcs only to its best `candidates` experts by (cost, a hash that spreads ties), plus a
 * share for large classes. That alone could lose optimality (or flow), so the result is then certified against the
 * FULL instance: with the solver's potentials π, every left-out arc (class c, expert e) must have reduced cost
 * cost + π(c) − π(e) ≥ 0 (else a cheaper exchange exists), and none may lead from a node the source still reaches to
 * one it does not (else more flow exists). Violating arcs are added and the flow solved again; after a few rounds,
 * all arcs. So the answer is optimal for the full instance, always; pruning only decides how fast.
 *
 * Deterministic: items and experts are taken in id order, never in input order.
 */

export interface AssignItem {
  readonly id: string;
  readonly discipline: string;
  /** The group the item's discipline belongs to; null: none. */
  readonly groupId: string | null;
}

export interface AssignExpert {
  readonly id: string;
  readonly groupId: string | null;
  readonly disciplines: readonly string[];
  readonly minLoad?: number;
  readonly maxLoad?: number;
}

export interface AssignGroup {
  readonly id: string;
  /** Every member reviews every item of the group (no K, no loads). */
  readonly everyMemberScores: boolean;
}

export interface AssignInput {
  readonly items: readonly AssignItem[];
  readonly experts: readonly AssignExpert[];
  readonly groups: readonly AssignGroup[];
  /** K, reviewers per item. */
  readonly perItem: number;
  /** Loads: min ⌊N·K/E⌋ − slack (not below 0), max ⌈N·K/E⌉ + slack, N and E of the group. */
  readonly loadSlack: number;
  readonly conflicts: readonly Pick<Conflict, 'itemId' | 'expertId' | 'state'>[];
  /** Current assignments; those marked manual are kept, the others are assigned afresh. */
  readonly current?: readonly Assignment[];
  readonly mismatchCost?: number;
  /** Pruning: candidate experts per class before certification (default 3K + 5; Infinity: no pruning). */
  readonly candidates?: number;
}

export type UnassignedCode =
  /** The item's discipline is in no group. values: discipline. */
  | 'NO_GROUP'
  /** The group has fewer members than K. values: members, perItem. */
  | 'GROUP_TOO_SMALL'
  /** Too many of the group's members are conflicted with this item. values: members, conflicted, available, needed. */
  | 'TOO_MANY_CONFLICTS'
  /** The group's maximum loads together are below its demand. values: capacity, demand. */
  | 'LOADS_TOO_LOW'
  /** The experts free of conflict with this item are at their maximum load. values: available, full. */
  | 'EXPERTS_FULL';

export interface Unassigned {
  readonly itemId: string;
  readonly groupId: string | null;
  readonly missing: number;
  readonly reason: { readonly code: UnassignedCode; readonly values: Readonly<Record<string, string | number>> };
}

export interface ExpertLoad {
  readonly expertId: string;
  readonly load: number;
  readonly min: number;
  readonly max: number;
  /** Below its minimum: FEW_ELIGIBLE_ITEMS (conflicts leave fewer items than the minimum) or DEMAND_TOO_LOW. */
  readonly below?: { readonly code: 'FEW_ELIGIBLE_ITEMS' | 'DEMAND_TOO_LOW'; readonly values: Readonly<Record<string, number>> };
}

export interface AssignWarning {
  /** Fewer experts of a discipline in its group than K: its items are reviewed partly outside their discipline. */
  readonly code: 'FEW_DISCIPLINE_EXPERTS';
  readonly values: { readonly groupId: string; readonly discipline: string; readonly experts: number; readonly perItem: number; readonly items: number };
}

export interface AssignResult {
  /** Manual ones included (manual: true), ordered by item id then expert id. */
  readonly assignments: Assignment[];
  readonly unassigned: Unassigned[];
  readonly loads: ExpertLoad[];
  readonly warnings: AssignWarning[];
  /** Hand-made assignments dropped because a blocking conflict now stands between item and expert. */
  readonly droppedManual: Assignment[];
  /** The stated cost of all assignments (manual ones included) and how many are outside the item's discipline. */
  readonly cost: number;
  readonly mismatched: number;
  readonly stats: { readonly classes: number; readonly arcs: number; readonly fullArcs: number; readonly solves: number; readonly rounds: number };
}

const key = (a: string, b: string): string => `${a}\u0000${b}`;
/** Item id → the experts a blocking conflict keeps off it. */
type Blocked = ReadonlyMap<string, ReadonlySet<string>>;
const byId = <T extends { readonly id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** FNV-1a, to spread ties between equally good experts over the experts (deterministically). */
function hash(s: string, salt: number): number {
  let h = (2166136261 ^ salt) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

export function defaultLoads(items: number, experts: number, perItem: number, slack: number): { min: number; max: number } {
  if (experts === 0) return { min: 0, max: 0 };
  const mean = (items * perItem) / experts;
  return { min: Math.max(0, Math.floor(mean) - slack), max: Math.ceil(mean) + slack };
}

export function assign(input: AssignInput): AssignResult {
  const K = input.perItem;
  // Costs must be whole numbers: the solver tests reduced costs for exactly 0.
  const mismatchCost = Math.max(0, Math.round(input.mismatchCost ?? 1));
  const candidates = input.candidates ?? 3 * K + 5;
  const blocked = new Map<string, Set<string>>();
  for (const c of input.conflicts) {
    if (!BLOCKING_STATES.has(c.state)) continue;
    const set = blocked.get(c.itemId);
    if (set) set.add(c.expertId);
    else blocked.set(c.itemId, new Set([c.expertId]));
  }
  const experts = [...input.experts].sort(byId);
  const expertById = new Map(experts.map((e) => [e.id, e]));
  const items = [...input.items].sort(byId);
  const itemById = new Map(items.map((i) => [i.id, i]));

  const manual: Assignment[] = [];
  const droppedManual: Assignment[] = [];
  const manualOf = new Map<string, string[]>();
  const manualLoad = new Map<string, number>();
  const seenManual = new Set<string>();
  for (const a of input.current ?? []) {
    if (!a.manual || !itemById.has(a.itemId) || !expertById.has(a.expertId)) continue;
    const k = key(a.itemId, a.expertId);
    if (seenManual.has(k)) continue;
    seenManual.add(k);
    if (blocked.get(a.itemId)?.has(a.expertId)) {
      droppedManual.push({ itemId: a.itemId, expertId: a.expertId, manual: true });
      continue;
    }
    manual.push({ itemId: a.itemId, expertId: a.expertId, manual: true });
    const list = manualOf.get(a.itemId);
    if (list) list.push(a.expertId);
    else manualOf.set(a.itemId, [a.expertId]);
    manualLoad.set(a.expertId, (manualLoad.get(a.expertId) ?? 0) + 1);
  }

  const out: Assignment[] = [...manual];
  const unassigned: Unassigned[] = [];
  const loads: ExpertLoad[] = [];
  const warnings: AssignWarning[] = [];
  const stats = { classes: 0, arcs: 0, fullArcs: 0, solves: 0, rounds: 0 };
  const groupIds = new Set(input.groups.map((g) => g.id));
  const itemsOf = new Map<string, AssignItem[]>();
  for (const it of items) {
    if (it.groupId === null || !groupIds.has(it.groupId)) {
      const got = manualOf.get(it.id)?.length ?? 0;
      if (got < K) unassigned.push({ itemId: it.id, groupId: it.groupId, missing: K - got, reason: { code: 'NO_GROUP', values: { discipline: it.discipline } } });
      continue;
    }
    const list = itemsOf.get(it.groupId);
    if (list) list.push(it);
    else itemsOf.set(it.groupId, [it]);
  }
  const membersOf = new Map<string, AssignExpert[]>();
  for (const e of experts) {
    if (e.groupId === null || !groupIds.has(e.groupId)) continue;
    const list = membersOf.get(e.groupId);
    if (list) list.push(e);
    else membersOf.set(e.groupId, [e]);
  }

  for (const g of [...input.groups].sort(byId)) {
    const gItems = itemsOf.get(g.id) ?? [];
    const members = membersOf.get(g.id) ?? [];
    const r = g.everyMemberScores
      ? everyMember(g.id, gItems, members, blocked, manualOf)
      : solveGroup({ groupId: g.id, items: gItems, members, K, slack: input.loadSlack, blocked, manualOf, manualLoad, mismatchCost, candidates, stats });
    out.push(...r.assignments);
    unassigned.push(...r.unassigned);
    loads.push(...r.loads);
    warnings.push(...r.warnings);
  }
  // Experts in no group carry only their hand-made assignments.
  for (const e of experts) {
    if (e.groupId !== null && groupIds.has(e.groupId)) continue;
    loads.push({ expertId: e.id, load: manualLoad.get(e.id) ?? 0, min: 0, max: manualLoad.get(e.id) ?? 0 });
  }

  out.sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : 0));
  let cost = 0;
  let mismatched = 0;
  const discSets = new Map<string, Set<string>>();
  const itemDisc = new Map<string, string>();
  for (const a of out) {
    const e = expertById.get(a.expertId)!;
    let set = discSets.get(e.id);
    if (!set) discSets.set(e.id, (set = new Set(e.disciplines.map(normaliseKeyText))));
    let d = itemDisc.get(a.itemId);
    if (d === undefined) itemDisc.set(a.itemId, (d = normaliseKeyText(itemById.get(a.itemId)!.discipline)));
    if (!set.has(d)) {
      mismatched++;
      cost += mismatchCost;
    }
  }
  unassigned.sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  return { assignments: out, unassigned, loads, warnings, droppedManual, cost, mismatched, stats };
}

interface GroupResult {
  assignments: Assignment[];
  unassigned: Unassigned[];
  loads: ExpertLoad[];
  warnings: AssignWarning[];
}

function everyMember(groupId: string, items: readonly AssignItem[], members: readonly AssignExpert[], blocked: Blocked, manualOf: ReadonlyMap<string, string[]>): GroupResult {
  const assignments: Assignment[] = [];
  const unassigned: Unassigned[] = [];
  const load = new Map<string, number>();
  for (const it of items) {
    const already = new Set(manualOf.get(it.id) ?? []);
    let conflicted = 0;
    const off = blocked.get(it.id);
    for (const e of members) {
      if (off?.has(e.id)) conflicted++;
      else if (!already.has(e.id)) assignments.push({ itemId: it.id, expertId: e.id });
    }
    if (conflicted > 0 || members.length === 0) {
      const code: UnassignedCode = members.length === 0 ? 'GROUP_TOO_SMALL' : 'TOO_MANY_CONFLICTS';
      unassigned.push({ itemId: it.id, groupId, missing: conflicted || 1, reason: { code, values: { members: members.length, conflicted, available: members.length - conflicted, needed: members.length } } });
    }
  }
  for (const a of assignments) load.set(a.expertId, (load.get(a.expertId) ?? 0) + 1);
  const loads = members.map((e) => ({ expertId: e.id, load: load.get(e.id) ?? 0, min: 0, max: items.length }));
  return { assignments, unassigned, loads, warnings: [] };
}

interface GroupInput {
  groupId: string;
  items: readonly AssignItem[];
  members: readonly AssignExpert[];
  K: number;
  slack: number;
  blocked: Blocked;
  manualOf: ReadonlyMap<string, string[]>;
  manualLoad: ReadonlyMap<string, number>;
  mismatchCost: number;
  candidates: number;
  stats: { classes: number; arcs: number; fullArcs: number; solves: number; rounds: number };
}

interface ItemClass {
  readonly items: AssignItem[];
  readonly demand: number;
  /** Local indices of the members this class may not get (conflicts, hand-made assignments). */
  readonly excluded: Uint8Array;
  readonly discipline: string;
  readonly conflicted: number;
}

function solveGroup(p: GroupInput): GroupResult {
  const { groupId, items, members, K, blocked, manualOf, manualLoad, mismatchCost } = p;
  const E = members.length;
  const base = defaultLoads(items.length, E, K, p.slack);
  const mins = members.map((e) => e.minLoad ?? base.min);
  const maxs = members.map((e) => e.maxLoad ?? base.max);
  const memberIndex = new Map(members.map((e, i) => [e.id, i]));
  const discOf = members.map((e) => new Set(e.disciplines.map(normaliseKeyText)));

  // Classes of interchangeable items.
  const classes: ItemClass[] = [];
  const classByKey = new Map<string, ItemClass>();
  const classOfItem = new Map<string, ItemClass>();
  for (const it of items) {
    const excluded = new Uint8Array(E);
    const parts: number[] = [];
    let conflicted = 0;
    for (const eid of blocked.get(it.id) ?? []) {
      const j = memberIndex.get(eid);
      if (j !== undefined && !excluded[j]) {
        excluded[j] = 1;
        conflicted++;
      }
    }
    let got = 0;
    for (const eid of manualOf.get(it.id) ?? []) {
      got++;
      const j = memberIndex.get(eid);
      if (j !== undefined) excluded[j] = 1;
    }
    for (let j = 0; j < E; j++) if (excluded[j]) parts.push(j);
    const demand = Math.max(0, K - got);
    const discipline = normaliseKeyText(it.discipline);
    const ck = `${discipline}\u0001${demand}\u0001${conflicted}\u0001${parts.join(',')}`;
    let c = classByKey.get(ck);
    if (!c) {
      c = { items: [], demand, excluded, discipline, conflicted };
      classByKey.set(ck, c);
      if (demand > 0) classes.push(c);
    }
    c.items.push(it);
    classOfItem.set(it.id, c);
  }

  const warnings: AssignWarning[] = [];
  const perDiscipline = new Map<string, { name: string; items: number }>();
  for (const it of items) {
    const d = normaliseKeyText(it.discipline);
    const w = perDiscipline.get(d);
    if (w) w.items++;
    else perDiscipline.set(d, { name: it.discipline, items: 1 });
  }
  for (const [d, w] of perDiscipline) {
    const experts = discOf.filter((s) => s.has(d)).length;
    if (experts < K) warnings.push({ code: 'FEW_DISCIPLINE_EXPERTS', values: { groupId, discipline: w.name, experts, perItem: K, items: w.items } });
  }

  const C = classes.length;
  const costOf = (c: ItemClass, j: number): number => (discOf[j]!.has(c.discipline) ? 0 : mismatchCost);
  const hi = members.map((e, j) => Math.max(0, maxs[j]! - (manualLoad.get(e.id) ?? 0)));
  const lo = members.map((e, j) => Math.min(hi[j]!, Math.max(0, mins[j]! - (manualLoad.get(e.id) ?? 0))));
  let demandTotal = 0;
  for (const c of classes) demandTotal += c.items.length * c.demand;
  const bonus = mismatchCost * demandTotal + 1;

  // Initial arcs per class: the best candidates by (cost, spread tie-break); large classes get their share more.
  const meanLoad = E > 0 ? Math.max(1, demandTotal / E) : 1;
  const memberHash = members.map((e) => hash(e.id, 0));
  const keys = new Float64Array(E);
  const arcsOf: number[][] = classes.map((c) => {
    const avail: number[] = [];
    for (let j = 0; j < E; j++) if (!c.excluded[j]) avail.push(j);
    const want = Math.min(avail.length, Math.max(p.candidates, p.candidates + Math.ceil((2 * c.items.length * c.demand) / meanLoad)));
    if (want >= avail.length) return avail;
    // Rank by (cost, a per-class pseudo-random order), packed into one number so a typed-array sort does it.
    const salt = hash(c.items[0]!.id, 1);
    for (let k = 0; k < avail.length; k++) {
      const j = avail[k]!;
      const h = Math.imul(memberHash[j]! ^ salt, 0x9e3779b1) >>> 11;
      keys[k] = (costOf(c, j) * 2 ** 21 + h) * 2 ** 24 + j;
    }
    const top = keys.subarray(0, avail.length).sort().subarray(0, want);
    const out = Array.from(top, (x) => x % 2 ** 24);
    return out.sort((a, b) => a - b);
  });
  let fullArcs = 0;
  for (const c of classes) for (let j = 0; j < E; j++) if (!c.excluded[j]) fullArcs++;
  p.stats.classes += C;
  p.stats.fullArcs += fullArcs;

  const S = 0;
  const T = C + E + 1;
  const expertNode = (j: number): number => C + 1 + j;
  let flowOf: { cls: number; j: number; f: number }[] = [];
  for (let round = 0; ; round++) {
    const g = new FlowGraph(C + E + 2);
    for (let ci = 0; ci < C; ci++) g.addArc(S, ci + 1, classes[ci]!.items.length * classes[ci]!.demand, 0);
    const mid: { cls: number; j: number; arc: number }[] = [];
    for (let ci = 0; ci < C; ci++) {
      const c = classes[ci]!;
      for (const j of arcsOf[ci]!) mid.push({ cls: ci, j, arc: g.addArc(ci + 1, expertNode(j), c.items.length, costOf(c, j)) });
    }
    for (let j = 0; j < E; j++) {
      if (lo[j]! > 0) g.addArc(expertNode(j), T, lo[j]!, -bonus);
      if (hi[j]! > lo[j]!) g.addArc(expertNode(j), T, hi[j]! - lo[j]!, 0);
    }
    const sol = g.solve(S, T);
    p.stats.solves++;
    p.stats.rounds += sol.rounds;
    flowOf = mid.filter((m) => sol.flow[m.arc]! > 0).map((m) => ({ cls: m.cls, j: m.j, f: sol.flow[m.arc]! }));
    if (round === 0) p.stats.arcs += mid.length;
    if (mid.length === fullArcs) break;
    // Certify against the full instance; add the arcs that fail.
    let added = 0;
    const inSet = new Uint8Array(E);
    for (let ci = 0; ci < C; ci++) {
      const c = classes[ci]!;
      const list = arcsOf[ci]!;
      for (const j of list) inSet[j] = 1;
      const pc = sol.potential[ci + 1]!;
      const rc = sol.reached[ci + 1]!;
      const extra: number[] = [];
      for (let j = 0; j < E; j++) {
        if (inSet[j] || c.excluded[j]) continue;
        const v = expertNode(j);
        if (costOf(c, j) + pc - sol.potential[v]! < 0 || (rc && !sol.reached[v])) extra.push(j);
      }
      for (const j of list) inSet[j] = 0;
      if (extra.length > 0) {
        added += extra.length;
        arcsOf[ci] = round >= 3 ? allAvailable(c, E) : [...list, ...extra].sort((a, b) => a - b);
      }
    }
    if (added === 0) break;
  }

  // Split class flows back into items, round robin.
  const assignments: Assignment[] = [];
  const load = members.map((e) => manualLoad.get(e.id) ?? 0);
  const runs = new Map<number, number[]>();
  for (const { cls, j, f } of flowOf.sort((a, b) => a.cls - b.cls || a.j - b.j)) {
    let list = runs.get(cls);
    if (!list) runs.set(cls, (list = []));
    for (let k = 0; k < f; k++) list.push(j);
    load[j]! += f;
  }
  const got = new Map<string, number>();
  for (let ci = 0; ci < C; ci++) {
    const c = classes[ci]!;
    const slots = runs.get(ci) ?? [];
    const n = c.items.length;
    for (let q = 0; q < slots.length; q++) {
      const it = c.items[q % n]!;
      assignments.push({ itemId: it.id, expertId: members[slots[q]!]!.id });
      got.set(it.id, (got.get(it.id) ?? 0) + 1);
    }
  }

  // Explanations.
  const unassigned: Unassigned[] = [];
  let capacity = 0;
  for (let j = 0; j < E; j++) capacity += hi[j]!;
  for (const it of items) {
    const c = classOfItem.get(it.id)!;
    const missing = c.demand - (got.get(it.id) ?? 0);
    if (missing <= 0) continue;
    let available = 0;
    let full = 0;
    for (let j = 0; j < E; j++) {
      if (c.excluded[j]) continue;
      available++;
      if (load[j]! >= maxs[j]!) full++;
    }
    const reason: Unassigned['reason'] =
      E < K ? { code: 'GROUP_TOO_SMALL', values: { members: E, perItem: K } }
      : available < c.demand ? { code: 'TOO_MANY_CONFLICTS', values: { members: E, conflicted: c.conflicted, available, needed: c.demand } }
      : capacity < demandTotal ? { code: 'LOADS_TOO_LOW', values: { capacity, demand: demandTotal } }
      : { code: 'EXPERTS_FULL', values: { available, full } };
    unassigned.push({ itemId: it.id, groupId, missing, reason });
  }
  const loads: ExpertLoad[] = members.map((e, j) => {
    const l: ExpertLoad = { expertId: e.id, load: load[j]!, min: mins[j]!, max: maxs[j]! };
    if (load[j]! >= mins[j]!) return l;
    let eligible = manualLoad.get(e.id) ?? 0;
    for (const it of items) if (!classOfItem.get(it.id)!.excluded[j]) eligible++;
    return { ...l, below: eligible < mins[j]! ? { code: 'FEW_ELIGIBLE_ITEMS', values: { eligible, min: mins[j]! } } : { code: 'DEMAND_TOO_LOW', values: { demand: demandTotal, min: mins[j]! } } };
  });
  return { assignments, unassigned, loads, warnings };
}

function allAvailable(c: ItemClass, E: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < E; j++) if (!c.excluded[j]) out.push(j);
  return out;
}
