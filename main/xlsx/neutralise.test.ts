import { describe, expect, it } from 'vitest';
import { looksLikeFormula, neutraliseFormula } from './neutralise.ts';

describe('neutraliseFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://x","点我")', '\'=HYPERLINK("http://x","点我")'],
    ['+86 10 1234', "'+86 10 1234"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
  ])('%j → %j', (text, want) => {
    expect(neutraliseFormula(text)).toBe(want);
    expect(looksLikeFormula(text)).toBe(true);
  });
  it.each(['', '论文题目', 'a=b', ' =1', "'=1", '10.1002/adma', '２０２６'])('%j is left alone', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
    expect(looksLikeFormula(text)).toBe(false);
  });
  it('is idempotent', () => {
    expect(neutraliseFormula(neutraliseFormula('=1'))).toBe("'=1");
  });
});
