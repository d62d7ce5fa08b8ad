// Keybindings as data. A command names its keys as chords ('ArrowDown', 'Shift+Tab', 'Mod+Z');
// `Mod` is Ctrl on Windows and Linux, Cmd on macOS. `matchKey` turns a keyboard event into the same chord
// form, so finding a command is a string comparison. No DOM here: events are plain objects.
import type { Bounds, CellAddr, Rect } from './types.ts';
import type { Selection } from './selection.ts';
import {
  cellSelection,
  currentRange,
  currentRect,
  extendBy,
  extendTo,
  isMultiCell,
  jumpTarget,
  moveBy,
  moveTo,
  moveWithin,
  selectAll,
  selectColumns,
  selectRows,
  selectedCells,
} from './selection.ts';

export type Platform = 'mac' | 'other';

export interface KeyEventLike {
  readonly key: string;
  readonly code?: string;
  readonly keyCode?: number;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly isComposing?: boolean;
}

export interface EditorState {
  readonly row: number;
  readonly col: number;
  /** The editor's text. */
  readonly text: string;
  /** 'enter': started by typing (arrows commit and move, Excel's Enter mode); 'edit': F2 (arrows move the caret). */
  readonly mode: 'enter' | 'edit';
  /** True while an IME composition is open in the editor. */
  readonly composing?: boolean;
}

export interface GridState {
  readonly selection: Selection;
  readonly editing: EditorState | null;
  /** Where a run of Tabs began (Excel): Enter then goes to the next row in that cell's column. Any other move drops it. */
  readonly tabOrigin?: CellAddr | null;
}

export interface CommandContext {
  readonly bounds: Bounds;
  /** Rows in one screenful, for PageUp/PageDown. */
  readonly pageRows: number;
  isBlank(row: number, col: number): boolean;
  isEditable(row: number, col: number): boolean;
  /** The text the editor starts with on F2. */
  getText(row: number, col: number): string;
}

export type Effect =
  | { readonly type: 'commit'; readonly row: number; readonly col: number; readonly text: string }
  | { readonly type: 'clear'; readonly cells: readonly CellAddr[] }
  /** Write texts into cells as one undoable step (fill down/right, Ctrl+Enter). */
  | { readonly type: 'write'; readonly cells: readonly { readonly row: number; readonly col: number; readonly text: string }[] }
  | { readonly type: 'copy' }
  | { readonly type: 'cut' }
  | { readonly type: 'paste' }
  | { readonly type: 'undo' }
  /** Sort by the active cell's column; pressing the same direction again removes the sort. */
  | { readonly type: 'sort'; readonly col: number; readonly desc: boolean }
  | { readonly type: 'redo' };

export interface CommandResult {
  readonly state: GridState;
  readonly effects?: readonly Effect[];
}

export type CommandMode = 'navigating' | 'editing';

export interface Command {
  readonly id: string;
  readonly keys: readonly string[];
  /** When the command applies; absent means both. */
  readonly when?: CommandMode;
  /**
   * Clipboard commands: the browser's own copy/cut/paste event must still fire (it carries the clipboard),
   * so the host must not cancel the key.
   */
  readonly nativeClipboard?: boolean;
  /** Returns null to decline (the key then keeps its default behaviour, e.g. the caret moves in the editor). */
  run(state: GridState, ctx: CommandContext): CommandResult | null;
}

// ---------------------------------------------------------------------------------------------
// Chords

const MODIFIER_KEYS = new Set(['Control', 'Meta', 'Shift', 'Alt', 'AltGraph', 'CapsLock', 'Fn', 'OS', 'Hyper', 'Super']);

/** True when the event belongs to an IME composition: no command may act on it. */
export function isImeEvent(e: KeyEventLike): boolean {
  return e.isComposing === true || e.keyCode === 229 || e.key === 'Process';
}

function baseKey(e: KeyEventLike): string {
  let key = e.key;
  if (key === ' ' || key === 'Spacebar') return 'Space';
  if (key === 'Esc') return 'Escape';
  if (key === 'Up' || key === 'Down' || key === 'Left' || key === 'Right') return `Arrow${key}`;
  // With Ctrl/Cmd on a non-Latin layout the key is that layout's letter; the physical key decides.
  if ((e.ctrlKey || e.metaKey) && e.code && /^Key[A-Z]$/.test(e.code) && !/^[a-z]$/i.test(key)) {
    key = e.code.slice(3);
  }
  if (/^[a-z]$/i.test(key)) return key.toUpperCase();
  return key;
}

/**
 * The chord an event stands for, in the keymap's notation ('Mod+Shift+Z', 'ArrowDown'), or null during an
 * IME composition or for a lone modifier. Modifier order: Mod, Ctrl (the literal Control key on macOS),
 * Meta (Windows key on others), Alt, Shift.
 */
export function matchKey(e: KeyEventLike, platform: Platform): string | null {
  if (isImeEvent(e)) return null;
  if (MODIFIER_KEYS.has(e.key) || e.key === 'Dead' || e.key === 'Unidentified' || e.key === '') return null;
  const parts: string[] = [];
  if (platform === 'mac') {
    if (e.metaKey) parts.push('Mod');
    if (e.ctrlKey) parts.push('Ctrl');
  } else {
    if (e.ctrlKey) parts.push('Mod');
    if (e.metaKey) parts.push('Meta');
  }
  if (e.altKey) parts.push('Alt');
  if (e.shiftKey) parts.push('Shift');
  parts.push(baseKey(e));
  return parts.join('+');
}

const ORDER = ['Mod', 'Ctrl', 'Meta', 'Alt', 'Shift'];

/** A binding written in the keymap, in canonical order for `platform` ('Ctrl' means Mod off macOS). */
export function normaliseChord(chord: string, platform: Platform): string {
  const parts = chord.split('+');
  const key = parts.pop() ?? '';
  const mods = new Set(
    parts.map((p) => {
      const m = p === 'Cmd' || p === 'Command' ? 'Mod' : p === 'Control' ? 'Ctrl' : p === 'Option' ? 'Alt' : p;
      return platform !== 'mac' && m === 'Ctrl' ? 'Mod' : m;
    }),
  );
  const k = /^[a-z]$/i.test(key) ? key.toUpperCase() : key === ' ' ? 'Space' : key;
  return [...ORDER.filter((m) => mods.has(m)), k].join('+');
}

export function platformOf(userAgentOrPlatform: string): Platform {
  return /Mac|iPhone|iPad|iPod/i.test(userAgentOrPlatform) ? 'mac' : 'other';
}

/** A printable character that should start an edit (no Ctrl/Cmd, except AltGr which reports Ctrl+Alt). */
export function isPrintable(e: KeyEventLike): boolean {
  if (isImeEvent(e)) return false;
  if ([...e.key].length !== 1) return false;
  if (e.metaKey) return false;
  if (e.ctrlKey && !e.altKey) return false;
  return true;
}

export function findCommand(
  keymap: readonly Command[],
  e: KeyEventLike,
  mode: CommandMode,
  platform: Platform,
): Command | null {
  const chord = matchKey(e, platform);
  if (chord === null) return null;
  for (const cmd of keymap) {
    if (cmd.when && cmd.when !== mode) continue;
    if (cmd.keys.some((k) => normaliseChord(k, platform) === chord)) return cmd;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Commands

function fillEffects(r: Rect, dir: 'down' | 'right', ctx: CommandContext): Effect[] {
  const cells: { row: number; col: number; text: string }[] = [];
  if (dir === 'down') {
    // A single row selected: fill from the row above (Excel).
    const src = r.top === r.bottom ? r.top - 1 : r.top;
    if (src < 0) return [];
    for (let col = r.left; col <= r.right; col++) {
      const text = ctx.getText(src, col);
      for (let row = src + 1; row <= r.bottom; row++) if (ctx.isEditable(row, col)) cells.push({ row, col, text });
    }
  } else {
    const src = r.left === r.right ? r.left - 1 : r.left;
    if (src < 0) return [];
    for (let row = r.top; row <= r.bottom; row++) {
      const text = ctx.getText(row, src);
      for (let col = src + 1; col <= r.right; col++) if (ctx.isEditable(row, col)) cells.push({ row, col, text });
    }
  }
  return cells.length ? [{ type: 'write', cells }] : [];
}

type Dir = readonly [number, number];
const DIRS: Record<'Up' | 'Down' | 'Left' | 'Right', Dir> = { Up: [-1, 0], Down: [1, 0], Left: [0, -1], Right: [0, 1] };

function nav(state: GridState, selection: Selection): CommandResult {
  return { state: { selection, editing: state.editing } };
}

function commitAnd(state: GridState, move: (sel: Selection) => Selection): CommandResult | null {
  const ed = state.editing;
  if (!ed) return null;
  const effects: Effect[] = [{ type: 'commit', row: ed.row, col: ed.col, text: ed.text }];
  return { state: { selection: move(state.selection), editing: null }, effects };
}

/** The Tab run's first cell, if the active cell is still on its row (a single cell selected). */
function tabStart(state: GridState): CellAddr | null {
  const o = state.tabOrigin;
  return o && !isMultiCell(state.selection) && o.row === state.selection.active.row ? o : null;
}

/** A Tab move that remembers where the run began (single cells only; a range's Tab cycles inside it). */
function tabbed(before: GridState, result: CommandResult | null): CommandResult | null {
  if (!result || isMultiCell(before.selection)) return result;
  return { ...result, state: { ...result.state, tabOrigin: tabStart(before) ?? before.selection.active } };
}

/** Enter after a run of Tabs: the next row, in the column where the run began (Excel); otherwise down. */
function enterDown(sel: Selection, origin: CellAddr | null, bounds: Bounds): Selection {
  if (!origin) return moveWithin(sel, 'down', bounds);
  return moveTo(sel, { row: Math.min(sel.active.row + 1, bounds.rows - 1), col: origin.col }, bounds);
}

function startEdit(state: GridState, ctx: CommandContext, text: string, mode: EditorState['mode']): GridState | null {
  const { row, col } = state.selection.active;
  if (row >= ctx.bounds.rows || col >= ctx.bounds.cols || !ctx.isEditable(row, col)) return null;
  return { ...state, editing: { row, col, text, mode } };
}

function arrowCommands(): Command[] {
  const out: Command[] = [];
  for (const [name, [dr, dc]] of Object.entries(DIRS)) {
    const key = `Arrow${name}`;
    out.push(
      { id: `move.${name.toLowerCase()}`, keys: [key], when: 'navigating', run: (s, c) => nav(s, moveBy(s.selection, dr, dc, c.bounds)) },
      { id: `extend.${name.toLowerCase()}`, keys: [`Shift+${key}`], when: 'navigating', run: (s, c) => nav(s, extendBy(s.selection, dr, dc, c.bounds)) },
      {
        id: `jump.${name.toLowerCase()}`,
        keys: [`Mod+${key}`],
        when: 'navigating',
        run: (s, c) => nav(s, moveTo(s.selection, jumpTarget(s.selection.active, dr, dc, c.bounds, c.isBlank), c.bounds)),
      },
      {
        id: `jumpExtend.${name.toLowerCase()}`,
        keys: [`Mod+Shift+${key}`],
        when: 'navigating',
        run: (s, c) => nav(s, extendTo(s.selection, jumpTarget(currentRange(s.selection).focus, dr, dc, c.bounds, c.isBlank), c.bounds)),
      },
      {
        // In Enter mode (editing started by typing) an arrow commits and moves, as in Excel.
        id: `commitMove.${name.toLowerCase()}`,
        keys: [key],
        when: 'editing',
        run: (s, c) => (s.editing?.mode === 'enter' ? commitAnd(s, (sel) => moveBy(sel, dr, dc, c.bounds)) : null),
      },
    );
  }
  return out;
}

export const defaultKeymap: readonly Command[] = [
  ...arrowCommands(),
  // Tab at the grid's last column (Shift+Tab at its first) is declined, so keyboard users can leave the grid.
  {
    id: 'move.next',
    keys: ['Tab'],
    when: 'navigating',
    run: (s, c) => (!isMultiCell(s.selection) && s.selection.active.col >= c.bounds.cols - 1 ? null : tabbed(s, nav(s, moveWithin(s.selection, 'next', c.bounds)))),
  },
  {
    id: 'move.prev',
    keys: ['Shift+Tab'],
    when: 'navigating',
    run: (s, c) => (!isMultiCell(s.selection) && s.selection.active.col <= 0 ? null : tabbed(s, nav(s, moveWithin(s.selection, 'prev', c.bounds)))),
  },
  { id: 'move.enter', keys: ['Enter'], when: 'navigating', run: (s, c) => nav(s, enterDown(s.selection, tabStart(s), c.bounds)) },
  { id: 'move.enterUp', keys: ['Shift+Enter'], when: 'navigating', run: (s, c) => nav(s, moveWithin(s.selection, 'up', c.bounds)) },
  { id: 'move.rowStart', keys: ['Home'], when: 'navigating', run: (s, c) => nav(s, moveTo(s.selection, { row: s.selection.active.row, col: 0 }, c.bounds)) },
  { id: 'move.rowEnd', keys: ['End'], when: 'navigating', run: (s, c) => nav(s, moveTo(s.selection, { row: s.selection.active.row, col: c.bounds.cols - 1 }, c.bounds)) },
  { id: 'move.gridStart', keys: ['Mod+Home'], when: 'navigating', run: (s, c) => nav(s, moveTo(s.selection, { row: 0, col: 0 }, c.bounds)) },
  { id: 'move.gridEnd', keys: ['Mod+End'], when: 'navigating', run: (s, c) => nav(s, moveTo(s.selection, { row: c.bounds.rows - 1, col: c.bounds.cols - 1 }, c.bounds)) },
  { id: 'extend.rowStart', keys: ['Shift+Home'], when: 'navigating', run: (s, c) => nav(s, extendTo(s.selection, { row: currentRange(s.selection).focus.row, col: 0 }, c.bounds)) },
  { id: 'extend.rowEnd', keys: ['Shift+End'], when: 'navigating', run: (s, c) => nav(s, extendTo(s.selection, { row: currentRange(s.selection).focus.row, col: c.bounds.cols - 1 }, c.bounds)) },
  { id: 'extend.gridStart', keys: ['Mod+Shift+Home'], when: 'navigating', run: (s, c) => nav(s, extendTo(s.selection, { row: 0, col: 0 }, c.bounds)) },
  { id: 'extend.gridEnd', keys: ['Mod+Shift+End'], when: 'navigating', run: (s, c) => nav(s, extendTo(s.selection, { row: c.bounds.rows - 1, col: c.bounds.cols - 1 }, c.bounds)) },
  { id: 'move.pageDown', keys: ['PageDown'], when: 'navigating', run: (s, c) => nav(s, moveBy(s.selection, Math.max(1, c.pageRows), 0, c.bounds)) },
  { id: 'move.pageUp', keys: ['PageUp'], when: 'navigating', run: (s, c) => nav(s, moveBy(s.selection, -Math.max(1, c.pageRows), 0, c.bounds)) },
  { id: 'extend.pageDown', keys: ['Shift+PageDown'], when: 'navigating', run: (s, c) => nav(s, extendBy(s.selection, Math.max(1, c.pageRows), 0, c.bounds)) },
  { id: 'extend.pageUp', keys: ['Shift+PageUp'], when: 'navigating', run: (s, c) => nav(s, extendBy(s.selection, -Math.max(1, c.pageRows), 0, c.bounds)) },
  { id: 'select.all', keys: ['Mod+A'], when: 'navigating', run: (s, c) => nav(s, selectAll(s.selection, c.bounds)) },
  { id: 'select.row', keys: ['Shift+Space'], when: 'navigating', run: (s, c) => nav(s, selectRows(s.selection, c.bounds)) },
  { id: 'select.column', keys: ['Ctrl+Space'], when: 'navigating', run: (s, c) => nav(s, selectColumns(s.selection, c.bounds)) },
  {
    id: 'select.collapse',
    keys: ['Escape'],
    when: 'navigating',
    run: (s, c) => (isMultiCell(s.selection) ? nav(s, cellSelection(s.selection.active, c.bounds)) : null),
  },
  {
    id: 'edit.start',
    keys: ['F2'],
    when: 'navigating',
    run: (s, c) => {
      const { row, col } = s.selection.active;
      const next = startEdit(s, c, row < c.bounds.rows && col < c.bounds.cols ? c.getText(row, col) : '', 'edit');
      return next ? { state: next } : { state: s };
    },
  },
  {
    id: 'edit.clear',
    keys: ['Delete', 'Backspace'],
    when: 'navigating',
    run: (s, c) => {
      const cells = selectedCells(s.selection).filter((a) => a.row < c.bounds.rows && a.col < c.bounds.cols && c.isEditable(a.row, a.col));
      return { state: s, effects: cells.length ? [{ type: 'clear', cells }] : [] };
    },
  },
  // Excel's fill down / fill right: the first row (column) of the selection is copied over the rest of it.
  { id: 'fill.down', keys: ['Mod+D'], when: 'navigating', run: (s, c) => ({ state: s, effects: fillEffects(currentRect(s.selection), 'down', c) }) },
  { id: 'fill.right', keys: ['Mod+R'], when: 'navigating', run: (s, c) => ({ state: s, effects: fillEffects(currentRect(s.selection), 'right', c) }) },
  // Sorting from the keyboard (the header buttons are out of the Tab order, since Tab moves between cells).
  { id: 'sort.ascending', keys: ['Alt+ArrowUp'], when: 'navigating', run: (s) => ({ state: s, effects: [{ type: 'sort', col: s.selection.active.col, desc: false }] }) },
  { id: 'sort.descending', keys: ['Alt+ArrowDown'], when: 'navigating', run: (s) => ({ state: s, effects: [{ type: 'sort', col: s.selection.active.col, desc: true }] }) },
  { id: 'clipboard.copy', keys: ['Mod+C', 'Ctrl+Insert'], when: 'navigating', nativeClipboard: true, run: (s) => ({ state: s, effects: [{ type: 'copy' }] }) },
  { id: 'clipboard.cut', keys: ['Mod+X', 'Shift+Delete'], when: 'navigating', nativeClipboard: true, run: (s) => ({ state: s, effects: [{ type: 'cut' }] }) },
  { id: 'clipboard.paste', keys: ['Mod+V', 'Shift+Insert'], when: 'navigating', nativeClipboard: true, run: (s) => ({ state: s, effects: [{ type: 'paste' }] }) },
  { id: 'history.undo', keys: ['Mod+Z'], when: 'navigating', run: (s) => ({ state: s, effects: [{ type: 'undo' }] }) },
  { id: 'history.redo', keys: ['Ctrl+Y', 'Mod+Shift+Z'], when: 'navigating', run: (s) => ({ state: s, effects: [{ type: 'redo' }] }) },
  // Editing
  { id: 'edit.commitDown', keys: ['Enter'], when: 'editing', run: (s, c) => commitAnd(s, (sel) => enterDown(sel, tabStart(s), c.bounds)) },
  { id: 'edit.commitUp', keys: ['Shift+Enter'], when: 'editing', run: (s, c) => commitAnd(s, (sel) => moveWithin(sel, 'up', c.bounds)) },
  { id: 'edit.commitRight', keys: ['Tab'], when: 'editing', run: (s, c) => tabbed(s, commitAnd(s, (sel) => moveWithin(sel, 'next', c.bounds))) },
  { id: 'edit.commitLeft', keys: ['Shift+Tab'], when: 'editing', run: (s, c) => tabbed(s, commitAnd(s, (sel) => moveWithin(sel, 'prev', c.bounds))) },
  {
    // Ctrl/Cmd+Enter: the typed value goes into every editable cell of the selection (Excel).
    id: 'edit.commitFill',
    keys: ['Mod+Enter'],
    when: 'editing',
    run: (s, c) => {
      const ed = s.editing;
      if (!ed) return null;
      const cells = selectedCells(s.selection)
        .filter((a) => a.row < c.bounds.rows && a.col < c.bounds.cols && c.isEditable(a.row, a.col))
        .map((a) => ({ ...a, text: ed.text }));
      return { state: { ...s, editing: null }, effects: [{ type: 'write', cells }] };
    },
  },
  { id: 'edit.cancel', keys: ['Escape'], when: 'editing', run: (s) => ({ state: { ...s, editing: null } }) },
  {
    // F2 in the editor toggles Enter mode and Edit mode (Excel).
    id: 'edit.toggleMode',
    keys: ['F2'],
    when: 'editing',
    run: (s) => (s.editing ? { state: { ...s, editing: { ...s.editing, mode: s.editing.mode === 'edit' ? 'enter' : 'edit' } } } : null),
  },
];

// ---------------------------------------------------------------------------------------------
// The key handler: one entry point the component calls with every keydown.

export interface KeyOutcome {
  readonly state: GridState;
  readonly effects: readonly Effect[];
  /** Whether the host should cancel the browser's default action. */
  readonly preventDefault: boolean;
  readonly commandId: string | null;
}

function unhandled(state: GridState): KeyOutcome {
  return { state, effects: [], preventDefault: false, commandId: null };
}

export function handleKey(
  state: GridState,
  e: KeyEventLike,
  ctx: CommandContext,
  platform: Platform,
  keymap: readonly Command[] = defaultKeymap,
): KeyOutcome {
  // IME: nothing fires while a composition is open or the key is the IME's own (keyCode 229 / 'Process').
  if (isImeEvent(e) || state.editing?.composing) return unhandled(state);
  if (ctx.bounds.rows <= 0 || ctx.bounds.cols <= 0) return unhandled(state);
  const mode: CommandMode = state.editing ? 'editing' : 'navigating';
  const cmd = findCommand(keymap, e, mode, platform);
  if (cmd) {
    const res = cmd.run(state, ctx);
    if (res) {
      return { state: res.state, effects: res.effects ?? [], preventDefault: !cmd.nativeClipboard, commandId: cmd.id };
    }
    return unhandled(state);
  }
  if (mode === 'navigating' && isPrintable(e)) {
    // Typing replaces the value: the editor opens holding the typed character.
    const next = startEdit(state, ctx, e.key, 'enter');
    if (next) return { state: next, effects: [], preventDefault: true, commandId: 'edit.type' };
    return { state, effects: [], preventDefault: true, commandId: null };
  }
  return unhandled(state);
}

/**
 * An IME composition began in the grid's input. While navigating on an editable cell the editor opens empty
 * (replacing the value, as typing does) and the composition lands in it; while editing, the editor just
 * records that a composition is open. It never ends an edit.
 */
export function compositionStart(state: GridState, ctx: CommandContext): GridState {
  if (state.editing) return { ...state, editing: { ...state.editing, composing: true } };
  const next = startEdit(state, ctx, '', 'enter');
  return next?.editing ? { ...next, editing: { ...next.editing, composing: true } } : state;
}

/** The composition ended: the committed text stays in the editor, which stays open. */
export function compositionEnd(state: GridState, text?: string): GridState {
  if (!state.editing) return state;
  return { ...state, editing: { ...state.editing, composing: false, text: text ?? state.editing.text } };
}

/** The editor's text changed (typing, IME, native paste into the editor). */
export function editText(state: GridState, text: string): GridState {
  if (!state.editing) return state;
  return { ...state, editing: { ...state.editing, text } };
}

/** A human-readable chord for menus and tooltips: 'Ctrl+Shift+Z' or '⌘⇧Z'. */
export function describeChord(chord: string, platform: Platform): string {
  const norm = normaliseChord(chord, platform).split('+');
  if (platform === 'mac') {
    const sym: Record<string, string> = { Mod: '⌘', Ctrl: '⌃', Alt: '⌥', Shift: '⇧' };
    return norm.map((p) => sym[p] ?? p).join('');
  }
  return norm.map((p) => (p === 'Mod' ? 'Ctrl' : p === 'Meta' ? 'Win' : p)).join('+');
}
