// The grid's public face: the component, its column and label types, and the pure helpers callers may reuse.
export { Grid } from './Grid.tsx';
export type { EditOutcome, GridHandle, GridProps, RefusedCell } from './props.ts';
export type { GridColumn } from './columns.ts';
export { parseCellText, valueToText, normaliseNumberText } from './columns.ts';
export type { CellEdit, SelectOption, ColumnType, RefusalReason, GridMessage } from './types.ts';
export { gridLabelsEn, gridLabelsZh } from './labels.ts';
export type { GridLabels } from './labels.ts';
export { defaultKeymap, describeChord, matchKey } from './keymap.ts';
export type { Command, Platform } from './keymap.ts';
export { parseTsv, toTsv } from './clipboard.ts';
