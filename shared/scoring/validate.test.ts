import { describe, expect, it } from 'vitest';
import { checkScore, scoreProblemText } from './validate.ts';

const c = { min: 0, max: 25, step: 0.5 };

describe('checkScore', () => {
  it('empty is not scored; numbers and numeric text (full-width too) on the step are scores, quantised', () => {
    for (const raw of [null, undefined, '', '  ', '\u3000']) expect(checkScore(c, raw)).toEqual({ ok: true, value: null });
    expect(checkScore(c, 12.5)).toEqual({ ok: true, value: 12.5 });
    expect(checkScore(c, '２０')).toEqual({ ok: true, value: 20 });
    expect(checkScore(c, ' 7.5 ')).toEqual({ ok: true, value: 7.5 });
    expect(checkScore({ min: 0, max: 1, step: 0.1 }, 0.1 + 0.2)).toEqual({ ok: true, value: 0.3 });
  });

  it('refuses with the reason: not a number, below, above, off the step', () => {
    expect(checkScore(c, 'abc')).toEqual({ ok: false, problem: { code: 'SCORE_NOT_A_NUMBER', values: { text: 'abc' } } });
    expect(checkScore(c, '1e3')).toMatchObject({ ok: false, problem: { code: 'SCORE_NOT_A_NUMBER' } });
    expect(checkScore(c, true)).toMatchObject({ ok: false, problem: { code: 'SCORE_NOT_A_NUMBER' } });
    expect(checkScore(c, -1)).toEqual({ ok: false, problem: { code: 'SCORE_BELOW_MIN', values: { value: -1, min: 0, max: 25 } } });
    expect(checkScore(c, 26)).toEqual({ ok: false, problem: { code: 'SCORE_ABOVE_MAX', values: { value: 26, min: 0, max: 25 } } });
    expect(checkScore(c, 3.3)).toEqual({ ok: false, problem: { code: 'SCORE_OFF_STEP', values: { value: 3.3, step: 0.5, min: 0 } } });
    expect(checkScore(c, Number.NaN)).toMatchObject({ ok: false });
  });

  it('words each reason in both languages', () => {
    const p = checkScore(c, 26);
    if (p.ok) throw new Error('expected a problem');
    expect(scoreProblemText(p.problem, 'zh-CN')).toBe('26 高于最高分 25（范围 0–25）');
    expect(scoreProblemText(p.problem, 'en')).toBe('26 is above the highest score 25 (range 0–25)');
  });
});
