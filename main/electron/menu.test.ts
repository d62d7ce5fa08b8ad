import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from './menu.ts';

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('menuTemplate', () => {
  it('zooms with Ctrl/Cmd +, −, 0 through the zoom roles', () => {
    const items = flatten(menuTemplate({ platform: 'linux', devTools: false }));
    const byAccel = new Map(items.filter((i) => i.accelerator).map((i) => [i.accelerator, i.role]));
    expect(byAccel.get('CmdOrCtrl+Plus')).toBe('zoomIn');
    expect(byAccel.get('CmdOrCtrl+=')).toBe('zoomIn');
    expect(byAccel.get('CmdOrCtrl+-')).toBe('zoomOut');
    expect(byAccel.get('CmdOrCtrl+0')).toBe('resetZoom');
  });

  it('has bilingual labels and edit roles for the grid', () => {
    const items = flatten(menuTemplate({ platform: 'win32', devTools: false }));
    expect(items.map((i) => i.role)).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'undo', 'selectAll', 'quit']));
    for (const i of items.filter((x) => x.label && x.role !== 'appMenu')) expect(i.label).toMatch(/[\u4e00-\u9fff].* [A-Z]/);
  });

  it('offers DevTools and reload only while developing', () => {
    const roles = (devTools: boolean) => flatten(menuTemplate({ platform: 'linux', devTools })).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('uses the app menu on macOS', () => {
    expect(menuTemplate({ platform: 'darwin', devTools: false })[0]?.role).toBe('appMenu');
  });
});
