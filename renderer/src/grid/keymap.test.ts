import { describe, expect, it } from 'vitest';
import {
  compositionEnd,
  compositionStart,
  defaultKeymap,
  describeChord,
  editText,
  findCommand,
  handleKey,
  isPrintable,
  matchKey,
  normaliseChord,
  platformOf,
} from './keymap.ts';
import type { CommandContext, GridState, KeyEventLike, Platform } from './keymap.ts';
import { cellSelection, currentRect, extendTo } from './selection.ts';

const B = { rows: 100, cols: 6 };

function key(k: string, mods: Partial<KeyEventLike> = {}): KeyEventLike {
  return { key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

// Column 5 is read-only; cells are blank below row 49.
const ctx: CommandContext = {
  bounds: B,
  pageRows: 20,
  isBlank: (r) => r >= 50,
  isEditable: (_r, c) => c !== 5,
  getText: (r, c) => `r${r}c${c}`,
};

function at(row: number, col: number): GridState {
  return { selection: cellSelection({ row, col }, B), editing: null };
}

function press(state: GridState, e: KeyEventLike, platform: Platform = 'other') {
  return handleKey(state, e, ctx, platform);
}

describe('matchKey', () => {
  it('names chords with Mod for Ctrl off macOS and Cmd on macOS', () => {
    expect(matchKey(key('ArrowDown'), 'other')).toBe('ArrowDown');
    expect(matchKey(key('ArrowDown', { shiftKey: true }), 'other')).toBe('Shift+ArrowDown');
    expect(matchKey(key('ArrowDown', { ctrlKey: true }), 'other')).toBe('Mod+ArrowDown');
    expect(matchKey(key('ArrowDown', { metaKey: true }), 'mac')).toBe('Mod+ArrowDown');
    expect(matchKey(key('ArrowDown', { ctrlKey: true }), 'mac')).toBe('Ctrl+ArrowDown');
    expect(matchKey(key('Z', { metaKey: true, shiftKey: true }), 'mac')).toBe('Mod+Shift+Z');
    expect(matchKey(key('z', { ctrlKey: true }), 'other')).toBe('Mod+Z');
    expect(matchKey(key(' ', { shiftKey: true }), 'other')).toBe('Shift+Space');
    expect(matchKey(key('Tab', { altKey: true }), 'other')).toBe('Alt+Tab');
  });
  it('uses the physical key for Ctrl+letter on a non-Latin layout', () => {
    expect(matchKey(key('с', { ctrlKey: true, code: 'KeyC' }), 'other')).toBe('Mod+C');
  });
  it('returns null during an IME composition and for lone modifiers', () => {
    expect(matchKey(key('ArrowDown', { isComposing: true }), 'other')).toBeNull();
    expect(matchKey(key('Enter', { keyCode: 229 }), 'other')).toBeNull();
    expect(matchKey(key('Process'), 'other')).toBeNull();
    expect(matchKey(key('Shift', { shiftKey: true }), 'other')).toBeNull();
    expect(matchKey(key('Control', { ctrlKey: true }), 'other')).toBeNull();
    expect(matchKey(key('Dead'), 'other')).toBeNull();
  });
  it('normalises bindings per platform', () => {
    expect(normaliseChord('Ctrl+Y', 'other')).toBe('Mod+Y');
    expect(normaliseChord('Ctrl+Y', 'mac')).toBe('Ctrl+Y');
    expect(normaliseChord('Shift+Mod+z', 'mac')).toBe('Mod+Shift+Z');
    expect(normaliseChord('Cmd+A', 'mac')).toBe('Mod+A');
    expect(describeChord('Mod+Shift+Z', 'mac')).toBe('⌘⇧Z');
    expect(describeChord('Mod+Shift+Z', 'other')).toBe('Ctrl+Shift+Z');
    expect(platformOf('MacIntel')).toBe('mac');
    expect(platformOf('Win32')).toBe('other');
  });
  it('tells printable characters from shortcuts', () => {
    expect(isPrintable(key('a'))).toBe(true);
    expect(isPrintable(key('中'))).toBe(true);
    expect(isPrintable(key('A', { shiftKey: true }))).toBe(true);
    expect(isPrintable(key('𠀀'))).toBe(true);
    expect(isPrintable(key('a', { ctrlKey: true }))).toBe(false);
    expect(isPrintable(key('a', { metaKey: true }))).toBe(false);
    expect(isPrintable(key('@', { ctrlKey: true, altKey: true }))).toBe(true); // AltGr
    expect(isPrintable(key('F2'))).toBe(false);
    expect(isPrintable(key('a', { isComposing: true }))).toBe(false);
  });
});

describe('keymap data', () => {
  it('has unique ids and no two commands share a chord in the same mode', () => {
    const ids = defaultKeymap.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const platform of ['mac', 'other'] as const) {
      for (const mode of ['navigating', 'editing'] as const) {
        const seen = new Map<string, string>();
        for (const c of defaultKeymap) {
          if (c.when && c.when !== mode) continue;
          for (const k of c.keys) {
            const n = normaliseChord(k, platform);
            expect(seen.get(n), `${n} in ${mode} on ${platform}`).toBeUndefined();
            seen.set(n, c.id);
          }
        }
      }
    }
  });
  it('finds commands by event and mode', () => {
    expect(findCommand(defaultKeymap, key('Enter'), 'navigating', 'other')?.id).toBe('move.enter');
    expect(findCommand(defaultKeymap, key('Enter'), 'editing', 'other')?.id).toBe('edit.commitDown');
    expect(findCommand(defaultKeymap, key('y', { ctrlKey: true }), 'navigating', 'other')?.id).toBe('history.redo');
    expect(findCommand(defaultKeymap, key('z', { metaKey: true, shiftKey: true }), 'navigating', 'mac')?.id).toBe('history.redo');
    expect(findCommand(defaultKeymap, key('z', { ctrlKey: true, shiftKey: true }), 'navigating', 'other')?.id).toBe('history.redo');
    expect(findCommand(defaultKeymap, key('z', { metaKey: true }), 'navigating', 'mac')?.id).toBe('history.undo');
    // Ctrl+Z on a Mac is not Cmd+Z.
    expect(findCommand(defaultKeymap, key('z', { ctrlKey: true }), 'navigating', 'mac')).toBeNull();
  });
});

describe('navigation keys (Excel conventions)', () => {
  it('arrows move, Shift+arrows extend', () => {
    expect(press(at(5, 2), key('ArrowDown')).state.selection.active).toEqual({ row: 6, col: 2 });
    expect(press(at(5, 2), key('ArrowUp')).state.selection.active).toEqual({ row: 4, col: 2 });
    expect(press(at(5, 2), key('ArrowLeft')).state.selection.active).toEqual({ row: 5, col: 1 });
    expect(press(at(5, 2), key('ArrowRight')).state.selection.active).toEqual({ row: 5, col: 3 });
    const r = press(at(5, 2), key('ArrowDown', { shiftKey: true }));
    expect(r.state.selection.active).toEqual({ row: 5, col: 2 });
    expect(currentRect(r.state.selection)).toEqual({ top: 5, left: 2, bottom: 6, right: 2 });
    expect(r.preventDefault).toBe(true);
  });
  it('Tab / Shift+Tab move right / left; Enter / Shift+Enter move down / up', () => {
    expect(press(at(5, 2), key('Tab')).state.selection.active).toEqual({ row: 5, col: 3 });
    expect(press(at(5, 2), key('Tab', { shiftKey: true })).state.selection.active).toEqual({ row: 5, col: 1 });
    expect(press(at(5, 2), key('Enter')).state.selection.active).toEqual({ row: 6, col: 2 });
    // At the last (first) column Tab (Shift+Tab) is left to the browser, so focus can leave the grid.
    expect(press(at(5, 5), key('Tab')).preventDefault).toBe(false);
    expect(press(at(5, 0), key('Tab', { shiftKey: true })).preventDefault).toBe(false);
    expect(press(at(5, 2), key('Enter', { shiftKey: true })).state.selection.active).toEqual({ row: 4, col: 2 });
  });
  it('Ctrl/Cmd+arrows jump to the edge of data', () => {
    expect(press(at(0, 0), key('ArrowDown', { ctrlKey: true })).state.selection.active).toEqual({ row: 49, col: 0 });
    expect(press(at(49, 0), key('ArrowDown', { ctrlKey: true })).state.selection.active).toEqual({ row: 99, col: 0 });
    expect(press(at(0, 0), key('ArrowDown', { metaKey: true }), 'mac').state.selection.active).toEqual({ row: 49, col: 0 });
    expect(press(at(3, 1), key('ArrowRight', { ctrlKey: true })).state.selection.active).toEqual({ row: 3, col: 5 });
    const ext = press(at(10, 1), key('ArrowDown', { ctrlKey: true, shiftKey: true }));
    expect(currentRect(ext.state.selection)).toEqual({ top: 10, left: 1, bottom: 49, right: 1 });
  });
  it('Home/End and Ctrl+Home/End', () => {
    expect(press(at(5, 3), key('Home')).state.selection.active).toEqual({ row: 5, col: 0 });
    expect(press(at(5, 3), key('End')).state.selection.active).toEqual({ row: 5, col: 5 });
    expect(press(at(5, 3), key('Home', { ctrlKey: true })).state.selection.active).toEqual({ row: 0, col: 0 });
    expect(press(at(5, 3), key('End', { ctrlKey: true })).state.selection.active).toEqual({ row: 99, col: 5 });
    expect(currentRect(press(at(5, 3), key('Home', { shiftKey: true })).state.selection)).toEqual({ top: 5, left: 0, bottom: 5, right: 3 });
    expect(currentRect(press(at(5, 3), key('End', { ctrlKey: true, shiftKey: true })).state.selection)).toEqual({ top: 5, left: 3, bottom: 99, right: 5 });
  });
  it('PageUp/PageDown move by a screenful, clamped', () => {
    expect(press(at(5, 1), key('PageDown')).state.selection.active).toEqual({ row: 25, col: 1 });
    expect(press(at(5, 1), key('PageUp')).state.selection.active).toEqual({ row: 0, col: 1 });
    expect(press(at(95, 1), key('PageDown')).state.selection.active).toEqual({ row: 99, col: 1 });
    expect(currentRect(press(at(5, 1), key('PageDown', { shiftKey: true })).state.selection).bottom).toBe(25);
  });
  it('Ctrl/Cmd+A selects all, Shift+Space the row, Ctrl+Space the column', () => {
    expect(currentRect(press(at(5, 1), key('a', { ctrlKey: true })).state.selection)).toEqual({ top: 0, left: 0, bottom: 99, right: 5 });
    expect(currentRect(press(at(5, 1), key('a', { metaKey: true }), 'mac').state.selection)).toEqual({ top: 0, left: 0, bottom: 99, right: 5 });
    expect(currentRect(press(at(5, 1), key(' ', { shiftKey: true })).state.selection)).toEqual({ top: 5, left: 0, bottom: 5, right: 5 });
    expect(currentRect(press(at(5, 1), key(' ', { ctrlKey: true })).state.selection)).toEqual({ top: 0, left: 1, bottom: 99, right: 1 });
  });
  it('Escape collapses a range; on a single cell it is left to the page', () => {
    const s: GridState = { selection: extendTo(cellSelection({ row: 1, col: 1 }, B), { row: 3, col: 3 }, B), editing: null };
    const r = press(s, key('Escape'));
    expect(currentRect(r.state.selection)).toEqual({ top: 1, left: 1, bottom: 1, right: 1 });
    expect(press(at(1, 1), key('Escape')).preventDefault).toBe(false);
  });
  it('unbound keys are not handled', () => {
    const r = press(at(1, 1), key('F5'));
    expect(r.preventDefault).toBe(false);
    expect(r.commandId).toBeNull();
  });
  it('does nothing on an empty grid', () => {
    const empty = { ...ctx, bounds: { rows: 0, cols: 6 } };
    expect(handleKey(at(0, 0), key('ArrowDown'), empty, 'other').commandId).toBeNull();
  });
});

describe('editing keys', () => {
  it('F2 edits keeping the value', () => {
    const r = press(at(2, 1), key('F2'));
    expect(r.state.editing).toEqual({ row: 2, col: 1, text: 'r2c1', mode: 'edit' });
  });
  it('F2 on a read-only cell does not open the editor', () => {
    expect(press(at(2, 5), key('F2')).state.editing).toBeNull();
  });
  it('typing a printable character starts editing, replacing the value', () => {
    const r = press(at(2, 1), key('8'));
    expect(r.state.editing).toEqual({ row: 2, col: 1, text: '8', mode: 'enter' });
    expect(r.preventDefault).toBe(true);
    expect(press(at(2, 1), key('中')).state.editing?.text).toBe('中');
    expect(press(at(2, 5), key('8')).state.editing).toBeNull();
  });
  it('Enter commits and moves down; Shift+Enter up; Tab right; Shift+Tab left', () => {
    const editing: GridState = { ...at(2, 1), editing: { row: 2, col: 1, text: '42', mode: 'edit' } };
    const r = press(editing, key('Enter'));
    expect(r.effects).toEqual([{ type: 'commit', row: 2, col: 1, text: '42' }]);
    expect(r.state.editing).toBeNull();
    expect(r.state.selection.active).toEqual({ row: 3, col: 1 });
    expect(press(editing, key('Enter', { shiftKey: true })).state.selection.active).toEqual({ row: 1, col: 1 });
    expect(press(editing, key('Tab')).state.selection.active).toEqual({ row: 2, col: 2 });
    expect(press(editing, key('Tab', { shiftKey: true })).state.selection.active).toEqual({ row: 2, col: 0 });
  });
  it('Escape cancels an edit without effects', () => {
    const editing: GridState = { ...at(2, 1), editing: { row: 2, col: 1, text: 'x', mode: 'enter' } };
    const r = press(editing, key('Escape'));
    expect(r.state.editing).toBeNull();
    expect(r.effects).toEqual([]);
    expect(r.state.selection.active).toEqual({ row: 2, col: 1 });
  });
  it('arrows commit and move in Enter mode, move the caret in Edit mode', () => {
    const enter: GridState = { ...at(2, 1), editing: { row: 2, col: 1, text: '7', mode: 'enter' } };
    const r = press(enter, key('ArrowRight'));
    expect(r.effects).toEqual([{ type: 'commit', row: 2, col: 1, text: '7' }]);
    expect(r.state.selection.active).toEqual({ row: 2, col: 2 });
    const edit: GridState = { ...at(2, 1), editing: { row: 2, col: 1, text: '7', mode: 'edit' } };
    const e = press(edit, key('ArrowRight'));
    expect(e.preventDefault).toBe(false);
    expect(e.state).toBe(edit);
    // F2 toggles the mode.
    expect(press(enter, key('F2')).state.editing?.mode).toBe('edit');
  });
  it('navigation-only shortcuts are left to the input while editing', () => {
    const edit: GridState = { ...at(2, 1), editing: { row: 2, col: 1, text: 'abc', mode: 'edit' } };
    for (const e of [key('a', { ctrlKey: true }), key('c', { ctrlKey: true }), key('z', { ctrlKey: true }), key('Delete'), key('Home'), key('x')]) {
      const r = press(edit, e);
      expect(r.preventDefault, e.key).toBe(false);
      expect(r.effects).toEqual([]);
    }
  });
  it('editText updates the editor only while editing', () => {
    expect(editText(at(0, 0), 'x')).toEqual(at(0, 0));
    const s = editText({ ...at(0, 0), editing: { row: 0, col: 0, text: '', mode: 'enter' } }, '评审');
    expect(s.editing?.text).toBe('评审');
  });
});

describe('clear, clipboard and history keys', () => {
  it('Delete and Backspace clear the editable selected cells', () => {
    const s: GridState = { selection: extendTo(cellSelection({ row: 0, col: 4 }, B), { row: 1, col: 5 }, B), editing: null };
    for (const k of ['Delete', 'Backspace']) {
      const r = press(s, key(k));
      expect(r.effects).toEqual([{ type: 'clear', cells: [{ row: 0, col: 4 }, { row: 1, col: 4 }] }]);
      expect(r.state.editing).toBeNull();
    }
    expect(press(at(0, 5), key('Delete')).effects).toEqual([]);
  });
  it('copy, cut and paste leave the browser event alone', () => {
    for (const [k, type] of [['c', 'copy'], ['x', 'cut'], ['v', 'paste']] as const) {
      const r = press(at(0, 0), key(k, { ctrlKey: true }));
      expect(r.effects).toEqual([{ type }]);
      expect(r.preventDefault).toBe(false);
      const m = press(at(0, 0), key(k, { metaKey: true }), 'mac');
      expect(m.effects).toEqual([{ type }]);
    }
  });
  it('undo and redo', () => {
    expect(press(at(0, 0), key('z', { ctrlKey: true })).effects).toEqual([{ type: 'undo' }]);
    expect(press(at(0, 0), key('y', { ctrlKey: true })).effects).toEqual([{ type: 'redo' }]);
    expect(press(at(0, 0), key('Z', { metaKey: true, shiftKey: true }), 'mac').effects).toEqual([{ type: 'redo' }]);
  });
});

describe('IME safety', () => {
  it('no command fires while composing or on keyCode 229', () => {
    const nav = at(2, 1);
    for (const e of [
      key('Enter', { isComposing: true }),
      key('ArrowDown', { isComposing: true }),
      key('Escape', { isComposing: true }),
      key('Enter', { keyCode: 229 }),
      key('Process', { keyCode: 229 }),
      key('a', { keyCode: 229 }),
      key('Backspace', { isComposing: true }),
    ]) {
      const r = press(nav, e);
      expect(r.state).toBe(nav);
      expect(r.effects).toEqual([]);
      expect(r.preventDefault).toBe(false);
    }
  });
  it('the confirming Enter of a composition does not commit the edit', () => {
    const editing: GridState = { ...at(2, 1), editing: { row: 2, col: 1, text: '评审', mode: 'enter', composing: true } };
    expect(press(editing, key('Enter', { isComposing: true })).state).toBe(editing);
    // Even if a browser reports the key without the flag, an open composition blocks commands.
    expect(press(editing, key('Enter')).state).toBe(editing);
    expect(press(editing, key('Escape')).state).toBe(editing);
  });
  it('a composition started while navigating opens an empty editor on the active cell', () => {
    const s = compositionStart(at(4, 2), ctx);
    expect(s.editing).toEqual({ row: 4, col: 2, text: '', mode: 'enter', composing: true });
    const done = compositionEnd(editText(s, '创新'), '创新');
    expect(done.editing).toEqual({ row: 4, col: 2, text: '创新', mode: 'enter', composing: false });
    // After the composition, Enter commits.
    const r = press(done, key('Enter'));
    expect(r.effects).toEqual([{ type: 'commit', row: 4, col: 2, text: '创新' }]);
  });
  it('a composition on a read-only cell does not open the editor', () => {
    const s = at(4, 5);
    expect(compositionStart(s, ctx)).toBe(s);
    expect(compositionEnd(s, 'x')).toBe(s);
  });
  it('composition start and end while editing keep the edit and its text', () => {
    const editing: GridState = { ...at(1, 1), editing: { row: 1, col: 1, text: 'ab', mode: 'edit' } };
    const s = compositionStart(editing, ctx);
    expect(s.editing).toEqual({ row: 1, col: 1, text: 'ab', mode: 'edit', composing: true });
    const e = compositionEnd(s);
    expect(e.editing).toEqual({ row: 1, col: 1, text: 'ab', mode: 'edit', composing: false });
  });
});

describe('sort keys', () => {
  it('Alt+Up / Alt+Down sort by the active column', () => {
    expect(press(at(3, 2), key('ArrowUp', { altKey: true })).effects).toEqual([{ type: 'sort', col: 2, desc: false }]);
    expect(press(at(3, 2), key('ArrowDown', { altKey: true })).effects).toEqual([{ type: 'sort', col: 2, desc: true }]);
    expect(press(at(3, 2), key('ArrowDown', { altKey: true })).state.selection.active).toEqual({ row: 3, col: 2 });
  });
});

describe('fill', () => {
  const range = (r0: number, c0: number, r1: number, c1: number): GridState => ({
    selection: extendTo(cellSelection({ row: r0, col: c0 }, B), { row: r1, col: c1 }, B),
    editing: null,
  });
  it('Ctrl+D fills the first row of the selection down, skipping read-only cells', () => {
    const r = press(range(2, 4, 4, 5), key('d', { ctrlKey: true }));
    expect(r.effects).toEqual([
      {
        type: 'write',
        cells: [
          { row: 3, col: 4, text: 'r2c4' },
          { row: 4, col: 4, text: 'r2c4' },
        ],
      },
    ]);
    expect(r.preventDefault).toBe(true);
  });
  it('Ctrl+D on one row copies the row above; on the first row it does nothing', () => {
    expect(press(at(3, 1), key('d', { ctrlKey: true })).effects).toEqual([{ type: 'write', cells: [{ row: 3, col: 1, text: 'r2c1' }] }]);
    expect(press(at(0, 1), key('d', { ctrlKey: true })).effects).toEqual([]);
  });
  it('Cmd+R fills right on macOS', () => {
    const r = press(range(1, 1, 1, 3), key('r', { metaKey: true }), 'mac');
    expect(r.effects).toEqual([
      {
        type: 'write',
        cells: [
          { row: 1, col: 2, text: 'r1c1' },
          { row: 1, col: 3, text: 'r1c1' },
        ],
      },
    ]);
  });
  it('Ctrl+Enter writes the editor text into every editable selected cell', () => {
    const s: GridState = { ...range(0, 4, 1, 5), editing: { row: 0, col: 4, text: '18', mode: 'enter' } };
    const r = press(s, key('Enter', { ctrlKey: true }));
    expect(r.state.editing).toBeNull();
    expect(r.effects).toEqual([
      {
        type: 'write',
        cells: [
          { row: 0, col: 4, text: '18' },
          { row: 1, col: 4, text: '18' },
        ],
      },
    ]);
  });
});

describe('Enter after a run of Tabs (Excel)', () => {
  const active = (s: GridState) => s.selection.active;

  it('goes to the next row in the column where the Tabs began, typing or not', () => {
    let s = at(3, 1);
    s = press(s, key('Tab')).state;
    s = press(s, key('2')).state; // typing opens the editor; the run goes on
    s = press(s, key('Tab')).state; // commits, moves right
    s = press(s, key('Tab')).state;
    expect(active(s)).toEqual({ row: 3, col: 4 });
    const out = press(s, key('Enter'));
    expect(active(out.state)).toEqual({ row: 4, col: 1 });
    // The run is over: the next Enter goes straight down.
    expect(active(press(out.state, key('Enter')).state)).toEqual({ row: 5, col: 1 });
  });

  it('commits the editor and goes back to the run\'s column on Enter', () => {
    let s = press(at(7, 0), key('Tab')).state;
    s = press(s, key('5')).state;
    const out = press(s, key('Enter'));
    expect(out.effects).toEqual([{ type: 'commit', row: 7, col: 1, text: '5' }]);
    expect(active(out.state)).toEqual({ row: 8, col: 0 });
  });

  it('keeps the run through Shift+Tab, and any other move ends it', () => {
    let s = press(press(at(2, 1), key('Tab')).state, key('Tab')).state;
    s = press(s, key('Tab', { shiftKey: true })).state;
    expect(active(press(s, key('Enter')).state)).toEqual({ row: 3, col: 1 });
    const moved = press(press(at(2, 1), key('Tab')).state, key('ArrowRight')).state;
    expect(active(press(moved, key('Enter')).state)).toEqual({ row: 3, col: 3 });
  });

  it('stays on the last row at the bottom, and a range\'s Tab cycles inside it without a run', () => {
    const s = press(at(B.rows - 1, 0), key('Tab')).state;
    expect(active(press(s, key('Enter')).state)).toEqual({ row: B.rows - 1, col: 0 });
    const range: GridState = { selection: extendTo(cellSelection({ row: 0, col: 0 }, B), { row: 1, col: 1 }, B), editing: null };
    const r = press(range, key('Tab')).state;
    expect(r.tabOrigin ?? null).toBeNull();
  });
});
