import type { Settings } from '../campaign/settings.ts';
import { note, type Note } from './notes.ts';
import type { CountableScores } from './panel.ts';

export type DisagreementRules = Pick<Settings['disagreement'], 'span' | 'stdDev'>;

export interface Disagreement {
  readonly itemId: string;
  readonly n: number;
  /** max − min of the countable totals; null under 2 scores. */
  readonly span: number | null;
  /** Sample standard deviation (n − 1, as Excel's STDEV); null under 2 scores. */
  readonly sd: number | null;
  readonly toDiscuss: boolean;
  /** Why it is on the list (SPAN_AT_LEAST, SD_AT_LEAST), or TOO_FEW_TO_COMPARE. */
  readonly reasons: readonly Note[];
  /** Every countable score, highest first, the expert shown by code. */
  readonly scores: readonly { readonly expertId: string; readonly code: string; readonly total: number }[];
}

/** Bijective base 26: 0 → A, 25 → Z, 26 → AA. */
export function expertCode(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Codes (专家A, 专家B …) in the order of the panel list given, so an expert keeps one code everywhere. */
export function expertCodes(expertIds: readonly string[]): Map<string, string> {
  return new Map(expertIds.map((id, k) => [id, expertCode(k)]));
}

// A threshold is met "at or above"; totals are rounded to 1e-6, so a hair of tolerance keeps 12 from reading 11.999….
const EPS = 1e-9;

export function disagreements(input: CountableScores, rules: DisagreementRules, codes: ReadonlyMap<string, string>, itemIds: readonly string[] = []): Disagreement[] {
  const byItem = new Map<string, { expertId: string; total: number }[]>();
  for (const id of itemIds) byItem.set(id, []);
  for (const s of input.scores) {
    const list = byItem.get(s.itemId);
    if (list) list.push({ expertId: s.expertId, total: s.total });
    else byItem.set(s.itemId, [{ expertId: s.expertId, total: s.total }]);
  }
  const out: Disagreement[] = [];
  for (const [itemId, list] of byItem) {
    const n = list.length;
    const scores = list
      .map((x) => ({ ...x, code: codes.get(x.expertId) ?? '?' }))
      .sort((a, b) => b.total - a.total || (a.code.length - b.code.length) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    if (n < 2) {
      out.push({ itemId, n, span: null, sd: null, toDiscuss: false, reasons: [note('TOO_FEW_TO_COMPARE', { n })], scores });
      continue;
    }
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const x of list) {
      min = Math.min(min, x.total);
      max = Math.max(max, x.total);
      sum += x.total;
    }
    const mean = sum / n;
    let sq = 0;
    for (const x of list) sq += (x.total - mean) ** 2;
    const span = max - min;
    const sd = Math.sqrt(sq / (n - 1));
    const reasons: Note[] = [];
    if (span >= rules.span - EPS) reasons.push(note('SPAN_AT_LEAST', { span, threshold: rules.span }));
    if (sd >= rules.stdDev - EPS) reasons.push(note('SD_AT_LEAST', { sd, threshold: rules.stdDev }));
    out.push({ itemId, n, span, sd, toDiscuss: reasons.length > 0, reasons, scores });
  }
  return out;
}

/** The "to discuss" list: most disagreed first (standard deviation, then span). */
export function discussionList(all: readonly Disagreement[]): Disagreement[] {
  return all.filter((d) => d.toDiscuss).sort((a, b) => (b.sd ?? 0) - (a.sd ?? 0) || (b.span ?? 0) - (a.span ?? 0) || (a.itemId < b.itemId ? -1 : 1));
}
