// Focus, keys and IME. Focus lives in one <input> inside the active cell (roving focus): it receives every key, so
// an IME composes straight into it, and it becomes the cell editor when editing starts.
import { useRef } from 'react';
import type { CompositionEvent, FocusEvent, KeyboardEvent } from 'react';
import type { RowData } from '@tanstack/react-table';
import type { Command, Platform } from './keymap.ts';
import { compositionEnd, compositionStart, editText, handleKey, platformOf } from './keymap.ts';
import type { Editing } from './useEditing.ts';

export function defaultPlatform(): Platform {
  return typeof navigator === 'undefined' ? 'other' : platformOf(navigator.platform || navigator.userAgent);
}

/** The grid's boxes and the focused input, and whether the grid holds the focus. */
export function useGridFocus() {
  const scrollRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const hasFocusRef = useRef(false);
  const focusInput = () => {
    hasFocusRef.current = true;
    inputRef.current?.focus({ preventScroll: true });
  };
  return { scrollRef, inputRef, rootRef, hasFocusRef, focusInput };
}

export type GridFocus = ReturnType<typeof useGridFocus>;

/** Handlers for the focused input: keys through the keymap, IME composition, typed text, and leaving the grid. */
export function keyboardHandlers<TRow extends RowData>(editing: Editing<TRow>, focus: GridFocus, platform: Platform, keymap: readonly Command[], openMenu?: (anchor: HTMLElement | null) => void) {
  const { state, selection, ctx, setGridState, editorError, setEditorError, runEffects, commit } = editing;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // The context menu from the keyboard: the ContextMenu key or Shift+F10.
    if (openMenu && !state.editing && (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey))) {
      e.preventDefault();
      openMenu(e.currentTarget.parentElement);
      return;
    }
    // Escape on a cell holding a refused value drops it: the saved value shows again.
    if (e.key === 'Escape' && !state.editing && !e.nativeEvent.isComposing && editing.dropRefusal(selection.active.row, selection.active.col)) {
      e.preventDefault();
      return;
    }
    const out = handleKey(state, e.nativeEvent, ctx, platform, keymap);
    if (out.preventDefault) e.preventDefault();
    if (out.commandId === null && out.state === state) return;
    const next = runEffects(out.effects, state, out.state);
    if (next !== state) {
      if (!next.editing) setEditorError(null);
      setGridState(next);
    }
  };

  const onCompositionStart = () => setGridState(compositionStart(state, ctx));
  const onCompositionEnd = (e: CompositionEvent<HTMLInputElement>) => setGridState(compositionEnd(state, e.currentTarget.value));

  const onInputChange = (text: string) => {
    if (state.editing) {
      setGridState(editText(state, text));
      if (editorError) setEditorError(null);
    } else if (text && ctx.isEditable(selection.active.row, selection.active.col)) {
      // Text arrived without a key we saw (voice input, an on-screen keyboard): it starts an edit.
      setGridState({ ...state, editing: { row: selection.active.row, col: selection.active.col, text, mode: 'enter' } });
    }
  };

  const onInputFocus = () => {
    focus.hasFocusRef.current = true;
  };

  const onInputBlur = (e: FocusEvent<HTMLInputElement>) => {
    // A composition cannot outlive focus; should its end event never come, keys must not stay blocked.
    if (state.editing?.composing) setGridState(compositionEnd(state, e.currentTarget.value));
    const to = e.relatedTarget as Node | null;
    if (to && focus.rootRef.current?.contains(to)) return;
    focus.hasFocusRef.current = false;
    // Leaving the grid commits the edit (Excel); an invalid value keeps the editor open.
    const ed = state.editing;
    if (ed && !ed.composing && commit(ed.row, ed.col, ed.text)) setGridState({ ...state, editing: null });
  };

  return { onKeyDown, onCompositionStart, onCompositionEnd, onInputChange, onInputFocus, onInputBlur };
}
