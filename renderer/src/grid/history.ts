// Undo/redo of edit batches. One user action (a typed value, a clear, a paste) is one batch.
import type { CellEdit } from './types.ts';

export interface Batch<TMeta = unknown> {
  readonly edits: readonly CellEdit[];
  /** What to restore with the batch, e.g. the selection it covered. */
  readonly meta?: TMeta;
}

export interface History<TMeta = unknown> {
  readonly undo: readonly Batch<TMeta>[];
  readonly redo: readonly Batch<TMeta>[];
  readonly limit: number;
}

export function emptyHistory<TMeta = unknown>(limit = 200): History<TMeta> {
  return { undo: [], redo: [], limit };
}

/** Record a batch the user just made; it clears what could be redone. Empty batches are ignored. */
export function record<TMeta>(h: History<TMeta>, batch: Batch<TMeta>): History<TMeta> {
  if (batch.edits.length === 0) return h;
  const undo = [...h.undo, batch];
  return { ...h, undo: undo.length > h.limit ? undo.slice(undo.length - h.limit) : undo, redo: [] };
}

/** The edits that reverse a batch: each cell back to its previous value, in reverse order. */
export function invert(edits: readonly CellEdit[]): CellEdit[] {
  return [...edits].reverse().map((e) => ({ rowId: e.rowId, columnId: e.columnId, value: e.previous, previous: e.value }));
}

export interface Step<TMeta> {
  readonly history: History<TMeta>;
  /** The edits to send to the caller now, or null when there is nothing to undo or redo. */
  readonly edits: CellEdit[] | null;
  readonly meta?: TMeta;
}

export function undo<TMeta>(h: History<TMeta>): Step<TMeta> {
  const batch = h.undo[h.undo.length - 1];
  if (!batch) return { history: h, edits: null };
  return { history: { ...h, undo: h.undo.slice(0, -1), redo: [...h.redo, batch] }, edits: invert(batch.edits), meta: batch.meta };
}

export function redo<TMeta>(h: History<TMeta>): Step<TMeta> {
  const batch = h.redo[h.redo.length - 1];
  if (!batch) return { history: h, edits: null };
  return { history: { ...h, redo: h.redo.slice(0, -1), undo: [...h.undo, batch] }, edits: [...batch.edits], meta: batch.meta };
}

export function canUndo(h: History<unknown>): boolean {
  return h.undo.length > 0;
}

export function canRedo(h: History<unknown>): boolean {
  return h.redo.length > 0;
}

const cellKey = (rowId: string, columnId: string) => `${rowId}\u0000${columnId}`;

/**
 * The caller refused some edits of the newest batch: take them out of it (and drop it when nothing is left),
 * so undo never "restores" a value that was never saved.
 */
export function dropRefused<TMeta>(h: History<TMeta>, refused: readonly { rowId: string; columnId: string }[]): History<TMeta> {
  if (refused.length === 0) return h;
  const gone = new Set(refused.map((r) => cellKey(r.rowId, r.columnId)));
  const prune = (stack: readonly Batch<TMeta>[]) => {
    const last = stack[stack.length - 1];
    if (!last) return stack;
    const edits = last.edits.filter((e) => !gone.has(cellKey(e.rowId, e.columnId)));
    if (edits.length === last.edits.length) return stack;
    return edits.length ? [...stack.slice(0, -1), { ...last, edits }] : stack.slice(0, -1);
  };
  return { ...h, undo: prune(h.undo) };
}
