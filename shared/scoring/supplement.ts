/**
 * Nominations left short of their K reviewers (assignment.perItem) — an expert recused on their sheet, a conflict
 * came to light after the assignment, or too few experts were assigned — and who may take the missing place: a panel
 * expert not already assigned to the item, with no standing conflict with it, least loaded first. Pure.
 */

export interface Pair {
  readonly itemId: string;
  readonly expertId: string;
}

export interface ShortInput {
  /** Reviewers each nomination needs (assignment.perItem). */
  readonly perItem: number;
  /** The nominations still in the campaign, in their order. */
  readonly itemIds: readonly string[];
  /** The panel, in its order. */
  readonly expertIds: readonly string[];
  readonly assignments: readonly Pair[];
  /** Answers that are recusals (scoring's recusalsOf). */
  readonly recusals: readonly Pair[];
  /** Conflicts that keep an expert off an item (the panel's blockingPairs). */
  readonly blocking: readonly Pair[];
}

export type ShortReason =
  /** The expert declared a conflict on their sheet (回避). */
  | { readonly code: 'RECUSED'; readonly expertId: string }
  /** A conflict between the assigned expert and the item stands (found or declared after the assignment). */
  | { readonly code: 'CONFLICT'; readonly expertId: string }
  /** Fewer experts than K were assigned at all. */
  | { readonly code: 'FEW_ASSIGNED'; readonly assigned: number };

export interface ShortItem {
  readonly itemId: string;
  /** Assigned reviewers who can still score it. */
  readonly have: number;
  readonly need: number;
  readonly reasons: readonly ShortReason[];
  /** Who may be added, least loaded first (then the panel's order). */
  readonly eligible: readonly { readonly expertId: string; readonly load: number }[];
}

const key = (itemId: string, expertId: string): string => `${itemId}\u0000${expertId}`;

interface Index {
  readonly assigned: Map<string, string[]>;
  readonly load: Map<string, number>;
  readonly recused: Set<string>;
  readonly blocked: Set<string>;
}

function index(input: ShortInput): Index {
  const assigned = new Map<string, string[]>();
  const load = new Map<string, number>(input.expertIds.map((id) => [id, 0]));
  for (const a of input.assignments) {
    const list = assigned.get(a.itemId);
    if (list) list.push(a.expertId);
    else assigned.set(a.itemId, [a.expertId]);
    load.set(a.expertId, (load.get(a.expertId) ?? 0) + 1);
  }
  return {
    assigned,
    load,
    recused: new Set(input.recusals.map((p) => key(p.itemId, p.expertId))),
    blocked: new Set(input.blocking.map((p) => key(p.itemId, p.expertId))),
  };
}

function eligibleFor(input: ShortInput, idx: Index, itemId: string): { expertId: string; load: number }[] {
  const taken = new Set(idx.assigned.get(itemId) ?? []);
  const order = new Map(input.expertIds.map((id, i) => [id, i]));
  return input.expertIds
    .filter((e) => !taken.has(e) && !idx.blocked.has(key(itemId, e)) && !idx.recused.has(key(itemId, e)))
    .map((expertId) => ({ expertId, load: idx.load.get(expertId) ?? 0 }))
    .sort((a, b) => a.load - b.load || order.get(a.expertId)! - order.get(b.expertId)!);
}

/** The experts who may review `itemId` in addition to those assigned, least loaded first. */
export function eligibleExperts(input: ShortInput, itemId: string): { expertId: string; load: number }[] {
  return eligibleFor(input, index(input), itemId);
}

/**
 * Nominations with at least one assignment and fewer than K reviewers who can still score them, with why. A
 * nomination nobody was assigned to is the assignment's business (it says why there), not listed here.
 */
export function shortItems(input: ShortInput): ShortItem[] {
  const idx = index(input);
  const live = new Set(input.expertIds);
  const out: ShortItem[] = [];
  for (const itemId of input.itemIds) {
    const experts = (idx.assigned.get(itemId) ?? []).filter((e) => live.has(e));
    if (experts.length === 0) continue;
    const reasons: ShortReason[] = [];
    let have = 0;
    for (const e of experts) {
      if (idx.recused.has(key(itemId, e))) reasons.push({ code: 'RECUSED', expertId: e });
      else if (idx.blocked.has(key(itemId, e))) reasons.push({ code: 'CONFLICT', expertId: e });
      else have++;
    }
    if (have >= input.perItem) continue;
    if (experts.length < input.perItem) reasons.push({ code: 'FEW_ASSIGNED', assigned: experts.length });
    out.push({ itemId, have, need: input.perItem, reasons, eligible: eligibleFor(input, idx, itemId) });
  }
  return out;
}

/** A reason in words; `who` names the expert (the secretary's screens show code and name). */
export function shortReasonText(r: ShortReason, lang: string, who: (expertId: string) => string): string {
  const en = lang.startsWith('en');
  switch (r.code) {
    case 'RECUSED':
      return en ? `${who(r.expertId)} recused on the score sheet (a declared conflict of interest)` : `${who(r.expertId)}在评分表上声明回避（利益冲突）`;
    case 'CONFLICT':
      return en ? `${who(r.expertId)} has a conflict of interest with it, found after the assignment` : `${who(r.expertId)}与该项有利益冲突（分配后发现）`;
    case 'FEW_ASSIGNED':
      return en ? `only ${r.assigned} expert${r.assigned === 1 ? '' : 's'} assigned` : `只分配了 ${r.assigned} 位专家`;
  }
}

/** "缺评" in a sentence: how many reviewers it has of how many. */
export function shortText(s: Pick<ShortItem, 'have' | 'need'>, lang: string): string {
  const missing = s.need - s.have;
  if (lang.startsWith('en')) return `${missing === 1 ? 'one score' : `${missing} scores`} short: ${s.have} of ${s.need} reviewers`;
  return `缺评 ${missing} 份：有效评审 ${s.have} / ${s.need} 位`;
}
