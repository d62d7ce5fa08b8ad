// The grid's own words, in English and Chinese. Callers pass one of these (or their own) as `labels`.
import type { RefusalReason } from './types.ts';

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
}

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
};

export function describeRefusal(reason: RefusalReason, labels: GridLabels): string {
  switch (reason.code) {
    case 'readonly':
      return labels.readonly;
    case 'not-a-number':
      return labels.notANumber;
    case 'not-an-option':
      return labels.notAnOption;
    case 'invalid':
      return reason.message;
  }
}

export function withCount(template: string, n: number): string {
  return template.replace('{n}', String(n));
}
