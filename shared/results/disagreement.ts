import type { Settings } from '../campaign/settings.ts';
import { note, type Note } from './notes.ts';
import { indexPanel, type CountableScores } from './panel.ts';

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
  const p = indexPanel(input, itemIds);
  const order = new Map([...codes.keys()].map((id, k) => [id, k]));
  const code = p.expertIds.map((id) => codes.get(id) ?? '?');
  const codeOrder = p.expertIds.map((id) => order.get(id) ?? Number.MAX_SAFE_INTEGER);
  return p.itemIds.map((itemId, i) => {
    const a = p.itemStart[i] as number;
    const z = p.itemStart[i + 1] as number;
    const n = z - a;
    const scores: { expertId: string; code: string; total: number; order: number }[] = [];
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let k = a; k < z; k++) {
      const e = p.expertOf[k] as number;
      const total = p.value[k] as number;
      scores.push({ expertId: p.expertIds[e] as string, code: code[e] as string, total, order: codeOrder[e] as number });
      if (total < min) min = total;
      if (total > max) max = total;
      sum += total;
    }
    scores.sort((x, y) => y.total - x.total || x.order - y.order);
    const shown = scores.map((x) => ({ expertId: x.expertId, code: x.code, total: x.total }));
    if (n < 2) return { itemId, n, span: null, sd: null, toDiscuss: false, reasons: [note('TOO_FEW_TO_COMPARE', { n })], scores: shown };
    const mean = sum / n;
    let sq = 0;
    for (let k = a; k < z; k++) sq += ((p.value[k] as number) - mean) ** 2;
    const span = max - min;
    const sd = Math.sqrt(sq / (n - 1));
    const reasons: Note[] = [];
    if (span >= rules.span - EPS) reasons.push(note('SPAN_AT_LEAST', { span, threshold: rules.span }));
    if (sd >= rules.stdDev - EPS) reasons.push(note('SD_AT_LEAST', { sd, threshold: rules.stdDev }));
    return { itemId, n, span, sd, toDiscuss: reasons.length > 0, reasons, scores: shown };
  });
}

/** The "to discuss" list: most disagreed first (standard deviation, then span). */
export function discussionList(all: readonly Disagreement[]): Disagreement[] {
  return all.filter((d) => d.toDiscuss).sort((a, b) => (b.sd ?? 0) - (a.sd ?? 0) || (b.span ?? 0) - (a.span ?? 0) || (a.itemId < b.itemId ? -1 : 1));
}
