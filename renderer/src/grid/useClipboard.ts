// Copy, cut and paste on the focused input, as Excel's TSV (clipboard.ts plans the paste: fill, repeat, clip).
import type { ClipboardEvent } from 'react';
import type { RowData } from '@tanstack/react-table';
import { parseTsv, planPaste, rectToTsv } from './clipboard.ts';
import { currentRect, selectedCells } from './selection.ts';
import type { Selection } from './selection.ts';
import type { GridLabels } from './labels.ts';
import { withCount } from './labels.ts';
import type { Editing } from './useEditing.ts';

export function clipboardHandlers<TRow extends RowData>(editing: Editing<TRow>, bounds: { rows: number; cols: number }) {
  const { state, selection, ctx, setGridState, clearCells, writeCells } = editing;

  const onCopy = (e: ClipboardEvent<HTMLInputElement>) => {
    if (state.editing || bounds.rows === 0) return;
    e.preventDefault();
    // What the cells show (符合), not the codes behind them.
    e.clipboardData.setData('text/plain', copyText());
  };

  const onCut = (e: ClipboardEvent<HTMLInputElement>) => {
    if (state.editing || bounds.rows === 0) return;
    onCopy(e);
    const r = currentRect(selection);
    const cells = selectedCells({ active: selection.active, ranges: [{ anchor: { row: r.top, col: r.left }, focus: { row: r.bottom, col: r.right } }] });
    clearCells(
      cells.filter((c) => ctx.isEditable(c.row, c.col)),
      selection,
    );
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    if (state.editing || bounds.rows === 0) return;
    e.preventDefault();
    pasteText(e.clipboardData.getData('text/plain'));
  };

  /** Paste Excel's TSV at the selection (Ctrl+V, or the context menu's Paste). */
  const pasteText = (text: string) => {
    const block = parseTsv(text);
    const plan = planPaste(block, currentRect(selection), bounds);
    if (plan.cells.length === 0) return;
    const pasted: Selection = {
      active: selection.active,
      ranges: [{ anchor: { row: plan.rect.top, col: plan.rect.left }, focus: { row: plan.rect.bottom, col: plan.rect.right } }],
    };
    writeCells(plan.cells, pasted, plan.clipped ? (l: GridLabels) => withCount(l.clippedCells, plan.clipped) : undefined);
    setGridState({ ...state, selection: pasted });
  };

  /** The selection as Excel's TSV of what the cells show (copy). */
  const copyText = () => rectToTsv(currentRect(selection), editing.displayTextAt);

  return { onCopy, onCut, onPaste, pasteText, copyText };
}
