import type { Criterion } from '../campaign/model.ts';

/**
 * Paper entry (代录), pure: a secretary types an expert's paper sheet into a draft (nothing is saved while typing);
 * optionally a second person types the same sheet blind, and the two drafts are compared cell by cell before the
 * service saves them (scoring.paperEntry compares them again).
 */

export interface PaperRow {
  readonly scores: Readonly<Record<string, number | null>>;
  readonly comment: string;
  readonly recused: boolean;
}

/** One draft: by nomination id; a nomination not typed in has no row. */
export type PaperDraft = Readonly<Record<string, PaperRow>>;

export const emptyPaperRow: PaperRow = { scores: {}, comment: '', recused: false };

export function isEmptyRow(r: PaperRow | undefined): boolean {
  return !r || (!r.recused && r.comment.trim() === '' && Object.values(r.scores).every((s) => s === null || s === undefined));
}

/** A cell edit of the paper grid: a criterion's id, 'recused' ('yes' or null) or 'comment'. */
export interface PaperEdit {
  readonly rowId: string;
  readonly columnId: string;
  readonly value: unknown;
}

export function applyPaperEdits(draft: PaperDraft, edits: readonly PaperEdit[]): PaperDraft {
  const next: Record<string, PaperRow> = { ...draft };
  for (const e of edits) {
    const r = next[e.rowId] ?? emptyPaperRow;
    if (e.columnId === 'comment') next[e.rowId] = { ...r, comment: typeof e.value === 'string' ? e.value : '' };
    else if (e.columnId === 'recused') next[e.rowId] = { ...r, recused: e.value === 'yes' };
    else next[e.rowId] = { ...r, scores: { ...r.scores, [e.columnId]: typeof e.value === 'number' ? e.value : null } };
  }
  return next;
}

/**
 * The nominations an entry saves, in the packet's order: those typed in (in either draft) and those that already
 * have an answer (so clearing one on paper clears it). Both drafts of a double entry are sent for the same list.
 */
export function enteredItems(itemIds: readonly string[], drafts: readonly PaperDraft[], answered: ReadonlySet<string>): string[] {
  return itemIds.filter((id) => answered.has(id) || drafts.some((d) => !isEmptyRow(d[id])));
}

export interface PaperAnswer {
  readonly itemId: string;
  readonly scores: Record<string, number | null>;
  readonly comment: string;
  readonly recused: boolean;
}

/** What the service is sent: every criterion, a recused row without scores. */
export function paperAnswers(criteria: readonly Pick<Criterion, 'id'>[], items: readonly string[], draft: PaperDraft): PaperAnswer[] {
  return items.map((itemId) => {
    const r = draft[itemId] ?? emptyPaperRow;
    const scores = Object.fromEntries(criteria.map((c) => [c.id, r.recused ? null : r.scores[c.id] ?? null]));
    return { itemId, scores, comment: r.comment.trim(), recused: r.recused };
  });
}

/** Where a double entry's two drafts differ: a criterion's id or 'recused'. Comments are taken from the first entry. */
export interface EntryDifference {
  readonly itemId: string;
  readonly field: string;
  readonly first: number | boolean | null;
  readonly second: number | boolean | null;
}

export function compareEntries(criteria: readonly Pick<Criterion, 'id'>[], items: readonly string[], first: PaperDraft, second: PaperDraft): EntryDifference[] {
  const a = paperAnswers(criteria, items, first);
  const b = paperAnswers(criteria, items, second);
  const out: EntryDifference[] = [];
  a.forEach((x, i) => {
    const y = b[i]!;
    if (x.recused !== y.recused) out.push({ itemId: x.itemId, field: 'recused', first: x.recused, second: y.recused });
    for (const c of criteria) {
      const p = x.scores[c.id] ?? null;
      const q = y.scores[c.id] ?? null;
      if (p !== q) out.push({ itemId: x.itemId, field: c.id, first: p, second: q });
    }
  });
  return out;
}

/** A draft from the answers already saved (the first entry starts from them; a blind second entry starts empty). */
export function draftOf(answers: readonly { readonly itemId: string; readonly scores: Readonly<Record<string, number | null | undefined>>; readonly comment: string; readonly recused: boolean }[]): PaperDraft {
  return Object.fromEntries(answers.map((a) => [a.itemId, {
    scores: Object.fromEntries(Object.entries(a.scores).map(([k, v]) => [k, v ?? null])),
    comment: a.comment,
    recused: a.recused,
  }]));
}
