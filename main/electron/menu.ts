import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  /** Reload and DevTools items, while developing only. */
  readonly devTools: boolean;
}

/** A minimal bilingual menu: edit (copy and paste in the grid), zoom, window. Pure data, so it is tested. */
export function menuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ role: 'appMenu', label: 'PanelDesk' });
  template.push(
    {
      label: '文件 File',
      submenu: [mac ? { role: 'close', label: '关闭窗口 Close Window' } : { role: 'quit', label: '退出 Quit' }],
    },
    {
      label: '编辑 Edit',
      submenu: [
        { role: 'undo', label: '撤销 Undo' },
        { role: 'redo', label: '重做 Redo' },
        { type: 'separator' },
        { role: 'cut', label: '剪切 Cut' },
        { role: 'copy', label: '复制 Copy' },
        { role: 'paste', label: '粘贴 Paste' },
        { role: 'selectAll', label: '全选 Select All' },
      ],
    },
    {
      label: '视图 View',
      submenu: [
        { role: 'resetZoom', label: '实际大小 Actual Size', accelerator: 'CmdOrCtrl+0' },
        { role: 'zoomIn', label: '放大 Zoom In', accelerator: 'CmdOrCtrl+Plus' },
        // Ctrl+= is "+" without Shift on most keyboards; the numeric keypad keys as well.
        { role: 'zoomIn', label: '放大 Zoom In', accelerator: 'CmdOrCtrl+=', visible: false, acceleratorWorksWhenHidden: true },
        { role: 'zoomIn', label: '放大 Zoom In', accelerator: 'CmdOrCtrl+numadd', visible: false, acceleratorWorksWhenHidden: true },
        { role: 'zoomOut', label: '缩小 Zoom Out', accelerator: 'CmdOrCtrl+-' },
        { role: 'zoomOut', label: '缩小 Zoom Out', accelerator: 'CmdOrCtrl+numsub', visible: false, acceleratorWorksWhenHidden: true },
        { role: 'resetZoom', label: '实际大小 Actual Size', accelerator: 'CmdOrCtrl+num0', visible: false, acceleratorWorksWhenHidden: true },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏 Full Screen' },
        ...(opts.devTools
          ? [
              { type: 'separator' } as const,
              { role: 'reload', label: '重新加载 Reload' } as const,
              { role: 'toggleDevTools', label: '开发者工具 Developer Tools' } as const,
            ]
          : []),
      ],
    },
    {
      label: '窗口 Window',
      submenu: [
        { role: 'minimize', label: '最小化 Minimize' },
        ...(mac ? [{ role: 'zoom', label: '缩放 Zoom' } as const] : []),
      ],
    },
  );
  return template;
}
