// The pure modules together, as the component uses them: keys → effects → planned writes → edits → history.
import { describe, expect, it } from 'vitest';
import { handleKey } from './keymap.ts';
import type { CommandContext, GridState, KeyEventLike } from './keymap.ts';
import { cellSelection, currentRect, extendTo } from './selection.ts';
import { parseTsv, planPaste, rectToTsv } from './clipboard.ts';
import { resolveEdits, valueToText } from './columns.ts';
import type { GridColumn } from './columns.ts';
import { emptyHistory, record, redo, undo } from './history.ts';
import type { CellEdit } from './types.ts';

interface Row {
  id: string;
  title: string;
  v: Record<string, number | string | null>;
}

const rows: Row[] = Array.from({ length: 6 }, (_, i) => ({ id: `n${i}`, title: `论文${i}`, v: { a: null, b: null, note: '' } }));
const columns: GridColumn<Row>[] = [
  { id: 'title', header: '题目', accessor: (r) => r.title },
  { id: 'a', header: '学术价值', type: 'number', min: 0, max: 25, editable: true, accessor: (r) => r.v.a },
  { id: 'b', header: '社会影响力', type: 'number', min: 0, max: 25, editable: true, accessor: (r) => r.v.b },
  { id: 'note', header: '备注', editable: true, accessor: (r) => r.v.note },
];
const bounds = { rows: rows.length, cols: columns.length };
const resolveCtx = { rowAt: (i: number) => rows[i], rowId: (r: Row) => r.id, columnAt: (i: number) => columns[i] };
const text = (r: number, c: number) => {
  const row = rows[r];
  const col = columns[c];
  return row && col ? valueToText(col, col.accessor(row)) : '';
};
const ctx: CommandContext = {
  bounds,
  pageRows: 3,
  isBlank: (r, c) => text(r, c) === '',
  isEditable: (_r, c) => c > 0,
  getText: text,
};
const apply = (edits: readonly CellEdit[]) => {
  for (const e of edits) {
    const row = rows.find((r) => r.id === e.rowId);
    if (row) row.v[e.columnId] = e.value as number | string | null;
  }
};
const key = (k: string, m: Partial<KeyEventLike> = {}): KeyEventLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...m });

describe('paste, validate, undo as one step', () => {
  it('an Excel block with Chinese text, a bad number and a line break', () => {
    let history = emptyHistory();
    // Select B1 (row 0, col 1) and paste a 3×3 block copied from Excel.
    const state: GridState = { selection: cellSelection({ row: 0, col: 1 }, bounds), editing: null };
    const clip = '20\t15\t"需复核\n作者回避"\r\n２２\t三十\t无\r\n26\t10\t"引用""原文"""\r\n';
    const plan = planPaste(parseTsv(clip), currentRect(state.selection), bounds);
    expect(plan.rect).toEqual({ top: 0, left: 1, bottom: 2, right: 3 });
    const { accepted, refused } = resolveEdits(plan.cells, resolveCtx);
    expect(refused.map((r) => [r.row, r.col, r.reason.code])).toEqual([
      [1, 2, 'not-a-number'],
      [2, 1, 'out-of-range'],
    ]);
    expect(accepted.map((e) => e.value)).toEqual([20, 15, '需复核\n作者回避', 22, '无', 10, '引用"原文"']);
    apply(accepted);
    history = record(history, { edits: accepted });

    // Copy it back out: Excel's text, the line break and quotes quoted.
    const copied = rectToTsv(plan.rect, text);
    expect(copied).toBe('20\t15\t"需复核\n作者回避"\r\n22\t\t无\r\n\t10\t"引用""原文"""\r\n');

    // Undo is one step and restores every cell; redo brings them back.
    const u = undo(history);
    apply(u.edits ?? []);
    expect(rows.slice(0, 3).map((r) => [r.v.a, r.v.b, r.v.note])).toEqual([
      [null, null, ''],
      [null, null, ''],
      [null, null, ''],
    ]);
    const r = redo(u.history);
    apply(r.edits ?? []);
    expect(rows[0]?.v).toEqual({ a: 20, b: 15, note: '需复核\n作者回避' });
  });

  it('Delete over a range clears only editable cells, in one batch', () => {
    const state: GridState = { selection: extendTo(cellSelection({ row: 0, col: 0 }, bounds), { row: 1, col: 2 }, bounds), editing: null };
    const out = handleKey(state, key('Delete'), ctx, 'other');
    const fx = out.effects[0];
    expect(fx?.type).toBe('clear');
    const cells = fx?.type === 'clear' ? fx.cells : [];
    const { accepted } = resolveEdits(
      cells.map((c) => ({ ...c, text: '' })),
      resolveCtx,
    );
    expect(accepted.map((e) => `${e.rowId}.${e.columnId}`)).toEqual(['n0.a', 'n0.b', 'n1.a']);
  });

  it('Ctrl+Down then Ctrl+Shift+Down walk the data like Excel', () => {
    const state: GridState = { selection: cellSelection({ row: 0, col: 1 }, bounds), editing: null };
    const down = handleKey(state, key('ArrowDown', { ctrlKey: true }), ctx, 'other');
    expect(down.state.selection.active).toEqual({ row: 1, col: 1 }); // rows 0-1 filled, row 2 empty
    const ext = handleKey(state, key('ArrowDown', { ctrlKey: true, shiftKey: true }), ctx, 'other');
    expect(currentRect(ext.state.selection)).toEqual({ top: 0, left: 1, bottom: 1, right: 1 });
  });
});
