/** The frame's layout words (sidebar, find), in both languages; zh-CN.ts and en.ts hang them under `layout`. */
export const layoutZh = {
  collapseNav: '收起侧栏',
  expandNav: '展开侧栏',
  find: '查找',
};

export const layoutEn: typeof layoutZh = {
  collapseNav: 'Collapse the sidebar',
  expandNav: 'Expand the sidebar',
  find: 'Find',
};
