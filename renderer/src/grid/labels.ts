// The grid's own words, in English and Chinese. Callers pass one of these (or their own) as `labels`.
import type { GridMessage, RefusalReason } from './types.ts';

export interface GridLabels {
  /** Accessible name of the grid when the caller gives none. */
  readonly grid: string;
  readonly rowNumber: string;
  readonly selectAll: string;
  readonly empty: string;
  readonly pending: string;
  readonly readonly: string;
  readonly notANumber: string;
  readonly notAnOption: string;
  readonly outOfRange: string;
  readonly offStep: string;
  readonly sortAscending: string;
  readonly sortDescending: string;
  readonly resizeColumn: string;
  /** `{n}` is the number of cells. */
  readonly refusedCells: string;
  readonly clippedCells: string;
  /** A refused pasted value on its cell: `{text}` is what was pasted, `{reason}` why it was refused. */
  readonly refusedValue: string;
  readonly nothingToUndo: string;
  readonly nothingToRedo: string;
  /** The header's filter menu and the context menus (optional for callers' own labels: English when absent). */
  readonly menu?: GridMenuLabels;
}

export interface GridMenuLabels {
  readonly filterButton: string;
  /** `{column}`: the column's header. */
  readonly filterOf: string;
  readonly filtered: string;
  readonly sortAscending: string;
  readonly sortDescending: string;
  readonly sortNone: string;
  readonly hideColumn: string;
  readonly search: string;
  readonly selectAll: string;
  readonly blank: string;
  /** `{n}` more values not listed (narrow with the search). */
  readonly more: string;
  readonly min: string;
  readonly max: string;
  readonly range: string;
  readonly ok: string;
  readonly cancel: string;
  readonly clearFilter: string;
  readonly copy: string;
  readonly paste: string;
  readonly clear: string;
  /** `{value}`: the cell's shown text. */
  readonly filterByValue: string;
  readonly filterColumn: string;
  readonly clipboardBlocked: string;
  readonly cellMenu: string;
  readonly headerMenu: string;
}

export const gridMenuLabelsEn: GridMenuLabels = {
  filterButton: 'Filter',
  filterOf: 'Filter “{column}”',
  filtered: 'Filtered',
  sortAscending: 'Sort ascending',
  sortDescending: 'Sort descending',
  sortNone: 'Remove sort',
  hideColumn: 'Hide column',
  search: 'Search values',
  selectAll: '(Select all)',
  blank: '(Blanks)',
  more: '{n} more values: narrow them with the search',
  min: 'From',
  max: 'To',
  range: 'Number range',
  ok: 'OK',
  cancel: 'Cancel',
  clearFilter: 'Clear filter',
  copy: 'Copy',
  paste: 'Paste',
  clear: 'Clear contents',
  filterByValue: 'Filter by “{value}”',
  filterColumn: 'Filter this column…',
  clipboardBlocked: 'The clipboard cannot be read here: press Ctrl+V (⌘V) instead',
  cellMenu: 'Cell actions',
  headerMenu: 'Column actions',
};

export const gridMenuLabelsZh: GridMenuLabels = {
  filterButton: '筛选',
  filterOf: '筛选“{column}”',
  filtered: '已筛选',
  sortAscending: '升序排列',
  sortDescending: '降序排列',
  sortNone: '取消排序',
  hideColumn: '隐藏此列',
  search: '搜索值',
  selectAll: '（全选）',
  blank: '（空白）',
  more: '另有 {n} 个值未列出，请用搜索缩小范围',
  min: '从',
  max: '到',
  range: '数值范围',
  ok: '确定',
  cancel: '取消',
  clearFilter: '清除筛选',
  copy: '复制',
  paste: '粘贴',
  clear: '清除内容',
  filterByValue: '只看“{value}”',
  filterColumn: '筛选此列…',
  clipboardBlocked: '此处无法读取剪贴板，请按 Ctrl+V（⌘V）粘贴',
  cellMenu: '单元格操作',
  headerMenu: '列操作',
};

export const gridLabelsEn: GridLabels = {
  grid: 'Grid',
  rowNumber: 'Row',
  selectAll: 'Select all',
  empty: 'No rows',
  pending: 'Saving…',
  readonly: 'This cell cannot be edited',
  notANumber: 'Not a number',
  notAnOption: 'Not one of the allowed values',
  outOfRange: 'Must be between {min} and {max}',
  offStep: 'Must be a multiple of {step}',
  sortAscending: 'Sorted ascending',
  sortDescending: 'Sorted descending',
  resizeColumn: 'Resize column',
  refusedCells: '{n} cell(s) not changed',
  clippedCells: '{n} pasted cell(s) fell outside the grid',
  refusedValue: '“{text}”: {reason}',
  nothingToUndo: 'Nothing to undo',
  nothingToRedo: 'Nothing to redo',
  menu: gridMenuLabelsEn,
};

export const gridLabelsZh: GridLabels = {
  grid: '表格',
  rowNumber: '行号',
  selectAll: '全选',
  empty: '暂无数据',
  pending: '正在保存…',
  readonly: '此单元格不可编辑',
  notANumber: '不是有效数字',
  notAnOption: '不在可选值范围内',
  outOfRange: '应在 {min} 至 {max} 之间',
  offStep: '应为 {step} 的整数倍',
  sortAscending: '升序',
  sortDescending: '降序',
  resizeColumn: '调整列宽',
  refusedCells: '{n} 个单元格未修改',
  clippedCells: '{n} 个粘贴的单元格超出表格范围',
  refusedValue: '「{text}」{reason}',
  nothingToUndo: '没有可撤销的操作',
  nothingToRedo: '没有可重做的操作',
  menu: gridMenuLabelsZh,
};

export function describeRefusal(reason: RefusalReason, labels: GridLabels): string {
  switch (reason.code) {
    case 'readonly':
      return labels.readonly;
    case 'not-a-number':
      return labels.notANumber;
    case 'not-an-option':
      return labels.notAnOption;
    case 'out-of-range':
      return labels.outOfRange.replace('{min}', String(reason.min ?? '−∞')).replace('{max}', String(reason.max ?? '∞'));
    case 'off-step':
      return labels.offStep.replace('{step}', String(reason.step));
    case 'invalid':
      return wordOf(reason.message, labels);
  }
}

/**
 * Words kept in the grid's state (refusals, the editor's error, the status line) and worded at render with the
 * labels of the moment: a string, a caller's function (`GridMessage`), or the grid's own, from its labels.
 */
export type GridWords = GridMessage | ((labels: GridLabels) => string);

export function wordOf(words: GridWords, labels: GridLabels): string {
  return typeof words === 'function' ? words(labels) : words;
}

const noRefusals: ReadonlyMap<string, { readonly message: string }> = new Map<string, { readonly message: string }>();

/** The refusals kept on cells, worded with these labels: what the rows show (a new map for new labels). */
export function wordRefusals(
  kept: ReadonlyMap<string, { readonly message: GridWords; readonly text?: string | undefined }>,
  labels: GridLabels,
): ReadonlyMap<string, { readonly message: string; readonly text?: string | undefined }> {
  // None kept: one shared empty map, so that labels made anew on each render of the caller re-render no row.
  if (kept.size === 0) return noRefusals;
  return new Map([...kept].map(([key, r]) => [key, { message: wordOf(r.message, labels), text: r.text }]));
}

export function withCount(template: string, n: number): string {
  return template.replace('{n}', String(n));
}
