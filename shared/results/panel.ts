import type { Criterion } from '../campaign/model.ts';
import { weightedTotal, type CriterionScores } from '../scoring/total.ts';
import { note, type Note } from './notes.ts';

/** One expert's weighted total (shared/scoring/total.ts) for one nomination, on 0–100. */
export interface PanelScore {
  readonly itemId: string;
  readonly expertId: string;
  readonly total: number;
}

/** One expert's criterion scores for one nomination, as the score sheet holds them. */
export interface SheetScores {
  readonly itemId: string;
  readonly expertId: string;
  readonly scores: CriterionScores;
}

/**
 * Weighted totals through the one function (shared/scoring/total.ts); a sheet row with a missing or invalid
 * criterion has no total and is set aside with its reason, never counted as 0.
 */
export function panelTotals(criteria: readonly Criterion[], rows: readonly SheetScores[]): { totals: PanelScore[]; incomplete: { itemId: string; expertId: string; reason: Note }[] } {
  const totals: PanelScore[] = [];
  const incomplete: { itemId: string; expertId: string; reason: Note }[] = [];
  for (const r of rows) {
    const t = weightedTotal(criteria, r.scores);
    if (t.total !== null) totals.push({ itemId: r.itemId, expertId: r.expertId, total: t.total });
    else incomplete.push({ itemId: r.itemId, expertId: r.expertId, reason: note('SCORE_INCOMPLETE', { itemId: r.itemId, expertId: r.expertId, missing: t.missing.join(','), invalid: t.invalid.join(',') }) });
  }
  return { totals, incomplete };
}

export interface Pair {
  readonly itemId: string;
  readonly expertId: string;
}

export interface ExcludedScore {
  readonly score: PanelScore;
  readonly reason: Note;
}

/**
 * Scores that may count: conflicts and recusals taken out, invalid and duplicate totals refused. Aggregation takes
 * only this type, so no score reaches it without having passed through countableScores.
 */
export interface CountableScores {
  readonly kind: 'countable-scores';
  readonly scores: readonly PanelScore[];
  readonly excluded: readonly ExcludedScore[];
}

/** Item → its experts: pairs found without building a string key per score. */
class PairSet {
  private readonly byItem = new Map<string, string[]>();
  add(itemId: string, expertId: string): void {
    const list = this.byItem.get(itemId);
    if (list) list.push(expertId);
    else this.byItem.set(itemId, [expertId]);
  }
  has(itemId: string, expertId: string): boolean {
    return this.byItem.get(itemId)?.includes(expertId) ?? false;
  }
}

export function countableScores(
  scores: readonly PanelScore[],
  exclusions: { readonly conflicts: Iterable<Pair>; readonly recusals: Iterable<Pair> },
): CountableScores {
  const conflicts = new PairSet();
  for (const p of exclusions.conflicts) conflicts.add(p.itemId, p.expertId);
  const recusals = new PairSet();
  for (const p of exclusions.recusals) recusals.add(p.itemId, p.expertId);
  const seen = new PairSet();
  const kept: PanelScore[] = [];
  const excluded: ExcludedScore[] = [];
  for (const s of scores) {
    const { itemId, expertId } = s;
    if (conflicts.has(itemId, expertId)) excluded.push({ score: s, reason: note('SCORE_CONFLICT', { itemId, expertId }) });
    else if (recusals.has(itemId, expertId)) excluded.push({ score: s, reason: note('SCORE_RECUSAL', { itemId, expertId }) });
    else if (!Number.isFinite(s.total) || s.total < 0 || s.total > 100) {
      excluded.push({ score: s, reason: note('SCORE_INVALID', { itemId, expertId, total: String(s.total) }) });
    } else if (seen.has(itemId, expertId)) excluded.push({ score: s, reason: note('SCORE_DUPLICATE', { itemId, expertId }) });
    else {
      seen.add(itemId, expertId);
      kept.push(s);
    }
  }
  return { kind: 'countable-scores', scores: kept, excluded };
}

/**
 * The scores indexed once for every method: items and experts numbered in order of first appearance (items named
 * in `itemIds` first), scores grouped by item (CSR: item i owns positions itemStart[i] … itemStart[i+1] − 1).
 */
export interface Panel {
  readonly itemIds: readonly string[];
  readonly expertIds: readonly string[];
  readonly itemStart: Int32Array;
  readonly expertOf: Int32Array;
  readonly value: Float64Array;
  readonly expertCount: Int32Array;
}

export function indexPanel(input: CountableScores, itemIds: readonly string[] = []): Panel {
  const items = new Map<string, number>();
  const experts = new Map<string, number>();
  const itemList: string[] = [];
  const expertList: string[] = [];
  for (const id of itemIds) {
    if (!items.has(id)) {
      items.set(id, itemList.length);
      itemList.push(id);
    }
  }
  const scores = input.scores;
  const m = scores.length;
  const itemOfScore = new Int32Array(m);
  const expertOfScore = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const s = scores[k] as PanelScore;
    let i = items.get(s.itemId);
    if (i === undefined) {
      i = itemList.length;
      items.set(s.itemId, i);
      itemList.push(s.itemId);
    }
    let e = experts.get(s.expertId);
    if (e === undefined) {
      e = expertList.length;
      experts.set(s.expertId, e);
      expertList.push(s.expertId);
    }
    itemOfScore[k] = i;
    expertOfScore[k] = e;
  }
  const I = itemList.length;
  const itemStart = new Int32Array(I + 1);
  const expertCount = new Int32Array(expertList.length);
  for (let k = 0; k < m; k++) {
    const i = (itemOfScore[k] as number) + 1;
    const e = expertOfScore[k] as number;
    itemStart[i] = (itemStart[i] as number) + 1;
    expertCount[e] = (expertCount[e] as number) + 1;
  }
  for (let i = 0; i < I; i++) itemStart[i + 1] = (itemStart[i + 1] as number) + (itemStart[i] as number);
  const fill = itemStart.slice(0, I);
  const expertOf = new Int32Array(m);
  const value = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const pos = (fill[itemOfScore[k] as number] as number);
    fill[itemOfScore[k] as number] = pos + 1;
    expertOf[pos] = expertOfScore[k] as number;
    value[pos] = (scores[k] as PanelScore).total;
  }
  return { itemIds: itemList, expertIds: expertList, itemStart, expertOf, value, expertCount };
}
