// The active cell's input (roving focus): a quiet sink for keys while the cell is only selected, the editor while
// it is edited (with the options of a select column, and the reason a value was refused).
import type { ClipboardEvent, CompositionEvent, FocusEvent, KeyboardEvent, ReactElement, RefObject } from 'react';
import type { GridColumn } from './columns.ts';

export interface CellInputHandlers {
  readonly onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  readonly onInputChange: (text: string) => void;
  readonly onCompositionStart: () => void;
  readonly onCompositionEnd: (e: CompositionEvent<HTMLInputElement>) => void;
  readonly onCopy: (e: ClipboardEvent<HTMLInputElement>) => void;
  readonly onCut: (e: ClipboardEvent<HTMLInputElement>) => void;
  readonly onPaste: (e: ClipboardEvent<HTMLInputElement>) => void;
  readonly onInputFocus: () => void;
  readonly onInputBlur: (e: FocusEvent<HTMLInputElement>) => void;
}

export interface CellInputProps<TRow> {
  readonly col: GridColumn<TRow>;
  /** The cell's shown text, its editability and its error (for the input's name and tooltip). */
  readonly text: string;
  readonly editable: boolean;
  readonly error: string | null;
  /** The editor's text when this cell is being edited, else null. */
  readonly editorText: string | null;
  readonly editorError: string | null;
  readonly colIndex: number;
  readonly baseId: string;
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly handlers: CellInputHandlers;
}

export function CellInput<TRow>(props: CellInputProps<TRow>): ReactElement {
  const { col, text, editable, error, editorText, editorError, colIndex, baseId, inputRef, handlers: h } = props;
  const isEditingHere = editorText !== null;
  const listId = col.type === 'select' && col.options?.length ? `${baseId}-opts-${colIndex}` : undefined;
  return (
    <>
      <input
        ref={inputRef}
        className={isEditingHere ? 'pd-grid__editor' : 'pd-grid__sink'}
        value={isEditingHere ? editorText : ''}
        readOnly={!isEditingHere && !editable}
        aria-label={isEditingHere ? col.header : `${col.header}: ${text}`}
        aria-invalid={isEditingHere && editorError ? true : undefined}
        aria-describedby={isEditingHere && editorError ? `${baseId}-editor-error` : undefined}
        title={isEditingHere && editorError ? editorError : (error ?? undefined)}
        inputMode={col.type === 'number' ? 'decimal' : undefined}
        list={isEditingHere ? listId : undefined}
        autoComplete="off"
        spellCheck={false}
        onKeyDown={h.onKeyDown}
        onChange={(e) => h.onInputChange(e.currentTarget.value)}
        onCompositionStart={h.onCompositionStart}
        onCompositionEnd={h.onCompositionEnd}
        onCopy={h.onCopy}
        onCut={h.onCut}
        onPaste={h.onPaste}
        onFocus={h.onInputFocus}
        onBlur={h.onInputBlur}
      />
      {isEditingHere && listId ? (
        <datalist id={listId}>
          {col.options?.map((o) => (
            <option key={o.value} value={o.label} />
          ))}
        </datalist>
      ) : null}
      {isEditingHere && editorError ? (
        <div id={`${baseId}-editor-error`} className="pd-grid__editor-error" role="alert">
          {editorError}
        </div>
      ) : null}
    </>
  );
}
