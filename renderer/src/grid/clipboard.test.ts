import { describe, expect, it } from 'vitest';
import { padRows, parseTsv, planPaste, quoteCell, rectToTsv, toTsv } from './clipboard.ts';

describe('toTsv', () => {
  it('writes Excel clipboard text with CRLF and a trailing line break', () => {
    expect(toTsv([['a', 'b'], ['c', 'd']])).toBe('a\tb\r\nc\td\r\n');
    expect(toTsv([['a', 'b']], { eol: '\n', trailingNewline: false })).toBe('a\tb');
    expect(toTsv([])).toBe('');
  });
  it('quotes cells with tabs, line breaks and quotes, doubling quotes', () => {
    expect(quoteCell('plain')).toBe('plain');
    expect(quoteCell('a\tb')).toBe('"a\tb"');
    expect(quoteCell('line1\nline2')).toBe('"line1\nline2"');
    expect(quoteCell('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCell('清华大学')).toBe('清华大学');
  });
});

describe('parseTsv', () => {
  it('reads CRLF, LF and CR lines and drops one trailing line break', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('a\tb\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('a\rb\r')).toEqual([['a'], ['b']]);
  });
  it('keeps empty cells and empty rows', () => {
    expect(parseTsv('\r\n')).toEqual([['']]);
    expect(parseTsv('a\t\tc\r\n')).toEqual([['a', '', 'c']]);
    expect(parseTsv('a\t\r\n')).toEqual([['a', '']]);
    expect(parseTsv('a\r\n\r\nb\r\n')).toEqual([['a'], [''], ['b']]);
    expect(parseTsv('')).toEqual([]);
  });
  it('reads quoted cells with embedded line breaks, tabs and doubled quotes', () => {
    expect(parseTsv('"line1\r\nline2"\tx\r\n')).toEqual([['line1\r\nline2', 'x']]);
    expect(parseTsv('"a\tb"\t"say ""hi"""\n')).toEqual([['a\tb', 'say "hi"']]);
    expect(parseTsv('""\tx')).toEqual([['', 'x']]);
  });
  it('reads quotes inside unquoted cells literally, and malformed quoting literally', () => {
    expect(parseTsv('5" disk\tb')).toEqual([['5" disk', 'b']]);
    expect(parseTsv('"a" b\tc')).toEqual([['"a" b', 'c']]);
    expect(parseTsv('"unclosed\tc')).toEqual([['"unclosed', 'c']]);
  });
  it('keeps ragged rows, which padRows makes rectangular', () => {
    const rows = parseTsv('a\tb\tc\r\nd\r\ne\tf\r\n');
    expect(rows).toEqual([['a', 'b', 'c'], ['d'], ['e', 'f']]);
    expect(padRows(rows)).toEqual([['a', 'b', 'c'], ['d', '', ''], ['e', 'f', '']]);
  });
  it('round-trips Chinese text, quotes, tabs and embedded newlines', () => {
    const m = [
      ['2026年度北京地区广受关注学术论文', '创新性与学术价值', '85'],
      ['“引号”与 "quotes"', '第一行\n第二行', ''],
      ['a\tb', '  前后空格  ', '\r\n'],
      ['=SUM(A1)', '全角８５', '𠀀 surrogate'],
    ];
    for (const eol of ['\r\n', '\n'] as const) {
      expect(parseTsv(toTsv(m, { eol }))).toEqual(m);
      expect(parseTsv(toTsv(m, { eol, trailingNewline: false }))).toEqual(m);
    }
  });
  it('reads the text Excel puts on the clipboard for a cell with a line break', () => {
    // Excel for Windows: A1 = "学术\n价值", B1 = 25, A2 empty, B2 = 30
    expect(parseTsv('"学术\n价值"\t25\r\n\t30\r\n')).toEqual([['学术\n价值', '25'], ['', '30']]);
  });
});

describe('planPaste', () => {
  const bounds = { rows: 10, cols: 4 };
  it('pastes a block at the top-left of the selection at its own size', () => {
    const p = planPaste([['1', '2'], ['3', '4']], { top: 1, left: 1, bottom: 1, right: 1 }, bounds);
    expect(p.cells).toEqual([
      { row: 1, col: 1, text: '1' },
      { row: 1, col: 2, text: '2' },
      { row: 2, col: 1, text: '3' },
      { row: 2, col: 2, text: '4' },
    ]);
    expect(p.rect).toEqual({ top: 1, left: 1, bottom: 2, right: 2 });
    expect(p.clipped).toBe(0);
  });
  it('fills a larger selection with a single value', () => {
    const p = planPaste([['9']], { top: 0, left: 0, bottom: 2, right: 1 }, bounds);
    expect(p.cells).toHaveLength(6);
    expect(p.cells.every((c) => c.text === '9')).toBe(true);
    expect(p.rect).toEqual({ top: 0, left: 0, bottom: 2, right: 1 });
  });
  it('repeats a block over a selection that is a whole multiple of it', () => {
    const p = planPaste([['a', 'b']], { top: 0, left: 0, bottom: 1, right: 3 }, bounds);
    expect(p.cells.map((c) => c.text)).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
  });
  it('does not repeat when the selection is not a multiple', () => {
    const p = planPaste([['a', 'b']], { top: 0, left: 0, bottom: 0, right: 2 }, bounds);
    expect(p.cells.map((c) => c.text)).toEqual(['a', 'b']);
  });
  it('pads ragged rows with empty cells and drops cells beyond the grid', () => {
    const p = planPaste([['a', 'b', 'c'], ['d']], { top: 9, left: 2, bottom: 9, right: 2 }, bounds);
    expect(p.cells).toEqual([
      { row: 9, col: 2, text: 'a' },
      { row: 9, col: 3, text: 'b' },
    ]);
    expect(p.clipped).toBe(4);
    expect(p.rect).toEqual({ top: 9, left: 2, bottom: 9, right: 3 });
  });
  it('plans nothing for empty text', () => {
    expect(planPaste([], { top: 0, left: 0, bottom: 0, right: 0 }, bounds).cells).toEqual([]);
  });
});

describe('rectToTsv', () => {
  it('serialises a rectangle through a text getter', () => {
    const text = rectToTsv({ top: 0, left: 0, bottom: 1, right: 1 }, (r, c) => (r === 1 && c === 1 ? '多行\n文本' : `${r}${c}`));
    expect(text).toBe('00\t01\r\n10\t"多行\n文本"\r\n');
    expect(parseTsv(text)).toEqual([['00', '01'], ['10', '多行\n文本']]);
  });
});
