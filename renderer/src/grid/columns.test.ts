import { describe, expect, it } from 'vitest';
import { displayText, isEditable, normaliseNumberText, parseCellText, resolveEdits, valueToText } from './columns.ts';
import type { GridColumn } from './columns.ts';
import { parseTsv, planPaste } from './clipboard.ts';

interface Row {
  id: string;
  title: string;
  score: number | null;
  grade: string | null;
  locked?: boolean;
}

const title: GridColumn<Row> = { id: 'title', header: '题目', accessor: (r) => r.title };
const score: GridColumn<Row> = {
  id: 'score',
  header: '学术价值',
  type: 'number',
  min: 0,
  max: 25,
  step: 0.5,
  accessor: (r) => r.score,
  editable: (r) => !r.locked,
};
const grade: GridColumn<Row> = {
  id: 'grade',
  header: '推荐',
  type: 'select',
  options: [
    { value: 'A', label: '优秀' },
    { value: 'B', label: '良好' },
  ],
  accessor: (r) => r.grade,
  editable: true,
  validate: (v, r) => (v === 'A' && r.score !== null && r.score < 20 ? '优秀需 20 分以上' : null),
};
const row: Row = { id: 'n1', title: '论文一', score: 10, grade: null };

describe('parseCellText', () => {
  it('parses numbers, full-width digits and empties', () => {
    expect(parseCellText(score, '12.5', row)).toEqual({ ok: true, value: 12.5 });
    expect(parseCellText(score, '８', row)).toEqual({ ok: true, value: 8 });
    expect(parseCellText(score, '１２．５', row)).toEqual({ ok: true, value: 12.5 });
    expect(parseCellText(score, ' 20 ', row)).toEqual({ ok: true, value: 20 });
    expect(parseCellText(score, '', row)).toEqual({ ok: true, value: null });
    expect(normaliseNumberText('１，２３４')).toBe('1234');
  });
  it('refuses text, out-of-range and off-step numbers with a reason', () => {
    expect(parseCellText(score, 'abc', row)).toEqual({ ok: false, reason: { code: 'not-a-number' } });
    expect(parseCellText(score, '1e999', row)).toEqual({ ok: false, reason: { code: 'not-a-number' } });
    // Codes with their limits, not words: the grid words them at render, in the language of the moment.
    expect(parseCellText(score, '30', row)).toEqual({ ok: false, reason: { code: 'out-of-range', min: 0, max: 25 } });
    expect(parseCellText(score, '-1', row)).toEqual({ ok: false, reason: { code: 'out-of-range', min: 0, max: 25 } });
    expect(parseCellText(score, '12.3', row)).toEqual({ ok: false, reason: { code: 'off-step', step: 0.5 } });
  });
  it('accepts a select value or its label, and refuses others', () => {
    expect(parseCellText(grade, 'B', row)).toEqual({ ok: true, value: 'B' });
    expect(parseCellText(grade, '良好', row)).toEqual({ ok: true, value: 'B' });
    expect(parseCellText(grade, 'b', row)).toEqual({ ok: true, value: 'B' });
    expect(parseCellText(grade, '一般', row)).toEqual({ ok: false, reason: { code: 'not-an-option' } });
    expect(parseCellText(grade, '', row)).toEqual({ ok: true, value: null });
  });
  it('runs the column validator with the row', () => {
    expect(parseCellText(grade, '优秀', row)).toEqual({ ok: false, reason: { code: 'invalid', message: '优秀需 20 分以上' } });
    expect(parseCellText(grade, '优秀', { ...row, score: 22 })).toEqual({ ok: true, value: 'A' });
  });
  it('keeps text as typed', () => {
    expect(parseCellText(title, '  中文 ', row)).toEqual({ ok: true, value: '  中文 ' });
  });
});

describe('text of values', () => {
  it('shows select labels, numbers and empties', () => {
    expect(valueToText(grade, 'A')).toBe('优秀');
    expect(valueToText(score, 12.5)).toBe('12.5');
    expect(valueToText(score, null)).toBe('');
    expect(displayText({ ...score, format: (v) => `${String(v)} 分` }, 3, row)).toBe('3 分');
  });
  it('editable flags and functions', () => {
    expect(isEditable(title, row)).toBe(false);
    expect(isEditable(score, row)).toBe(true);
    expect(isEditable(score, { ...row, locked: true })).toBe(false);
  });
});

describe('resolveEdits', () => {
  const rows: Row[] = [
    { id: 'a', title: '甲', score: 10, grade: null },
    { id: 'b', title: '乙', score: 8, grade: 'B', locked: true },
    { id: 'c', title: '丙', score: 5, grade: null },
  ];
  const cols = [title, score, grade];
  const ctx = { rowAt: (i: number) => rows[i], rowId: (r: Row) => r.id, columnAt: (i: number) => cols[i] };

  it('accepts valid cells and refuses the rest with reasons', () => {
    const block = parseTsv('新题\t12\t良好\r\n乙\t8\t优秀\r\n丙\tx\t差\r\n');
    const plan = planPaste(block, { top: 0, left: 0, bottom: 0, right: 0 }, { rows: 3, cols: 3 });
    const { accepted, refused } = resolveEdits(plan.cells, ctx);
    expect(accepted).toEqual([
      { rowId: 'a', columnId: 'score', value: 12, previous: 10 },
      { rowId: 'a', columnId: 'grade', value: 'B', previous: null },
    ]);
    expect(refused.map((r) => [r.row, r.col, r.reason.code])).toEqual([
      [0, 0, 'readonly'],
      [1, 0, 'readonly'],
      [1, 1, 'readonly'],
      [1, 2, 'invalid'],
      [2, 0, 'readonly'],
      [2, 1, 'not-a-number'],
      [2, 2, 'not-an-option'],
    ]);
  });
  it('drops writes that change nothing (including clearing an empty cell)', () => {
    const { accepted, refused } = resolveEdits(
      [
        { row: 0, col: 1, text: '10' },
        { row: 2, col: 2, text: '' },
        { row: 2, col: 1, text: '' },
      ],
      ctx,
    );
    expect(refused).toEqual([]);
    expect(accepted).toEqual([{ rowId: 'c', columnId: 'score', value: null, previous: 5 }]);
  });
});
