import type { Criterion } from '../campaign/model.ts';
import { isOnStep } from './total.ts';

/** Why a score is refused; the renderer and the import report word them with their values. */
export type ScoreProblem =
  | { readonly code: 'SCORE_NOT_A_NUMBER'; readonly values: { readonly text: string } }
  | { readonly code: 'SCORE_BELOW_MIN'; readonly values: { readonly value: number; readonly min: number; readonly max: number } }
  | { readonly code: 'SCORE_ABOVE_MAX'; readonly values: { readonly value: number; readonly min: number; readonly max: number } }
  | { readonly code: 'SCORE_OFF_STEP'; readonly values: { readonly value: number; readonly step: number; readonly min: number } };

export type ScoreCheck = { readonly ok: true; readonly value: number | null } | { readonly ok: false; readonly problem: ScoreProblem };

/** Full-width digits and signs (８５, ．５) as their ASCII forms; spaces around dropped. */
function asciiNumber(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0E\uFF0D\uFF0B]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ').trim();
}

/**
 * A cell's value as a criterion's score: empty is null (not scored); a number (or text that is one, full-width
 * digits too) must lie in the range and on the step. Pure: the grid, the sheet reader and paper entry all use it.
 */
export function checkScore(c: Pick<Criterion, 'min' | 'max' | 'step'>, raw: unknown): ScoreCheck {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  let value: number;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string') {
    const t = asciiNumber(raw);
    if (t === '') return { ok: true, value: null };
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return { ok: false, problem: { code: 'SCORE_NOT_A_NUMBER', values: { text: raw.slice(0, 40) } } };
    value = Number(t);
  } else return { ok: false, problem: { code: 'SCORE_NOT_A_NUMBER', values: { text: String(raw).slice(0, 40) } } };
  if (!Number.isFinite(value)) return { ok: false, problem: { code: 'SCORE_NOT_A_NUMBER', values: { text: String(raw).slice(0, 40) } } };
  if (value < c.min - 1e-9) return { ok: false, problem: { code: 'SCORE_BELOW_MIN', values: { value, min: c.min, max: c.max } } };
  if (value > c.max + 1e-9) return { ok: false, problem: { code: 'SCORE_ABOVE_MAX', values: { value, min: c.min, max: c.max } } };
  if (!isOnStep(c, value)) return { ok: false, problem: { code: 'SCORE_OFF_STEP', values: { value, step: c.step, min: c.min } } };
  // Quantised to the step, so 0.1 + 0.2 style noise never reaches a signature.
  const k = Math.round((value - c.min) / c.step);
  return { ok: true, value: Math.round((c.min + k * c.step) * 1e9) / 1e9 };
}

/** A problem in words, both languages (the import report and the command line; the grid words it the same way). */
export function scoreProblemText(p: ScoreProblem, lang: 'zh-CN' | 'en'): string {
  const v = p.values as Record<string, number | string>;
  if (lang === 'en') {
    switch (p.code) {
      case 'SCORE_NOT_A_NUMBER': return `“${v.text}” is not a number`;
      case 'SCORE_BELOW_MIN': return `${v.value} is below the lowest score ${v.min} (range ${v.min}–${v.max})`;
      case 'SCORE_ABOVE_MAX': return `${v.value} is above the highest score ${v.max} (range ${v.min}–${v.max})`;
      case 'SCORE_OFF_STEP': return `${v.value} is not a step of ${v.step} from ${v.min}`;
    }
  }
  switch (p.code) {
    case 'SCORE_NOT_A_NUMBER': return `“${v.text}”不是数字`;
    case 'SCORE_BELOW_MIN': return `${v.value} 低于最低分 ${v.min}（范围 ${v.min}–${v.max}）`;
    case 'SCORE_ABOVE_MAX': return `${v.value} 高于最高分 ${v.max}（范围 ${v.min}–${v.max}）`;
    case 'SCORE_OFF_STEP': return `${v.value} 不符合步长 ${v.step}（从 ${v.min} 起）`;
  }
}
