// The first step: drop a workbook or choose one.
import { useState } from 'react';
import type { DragEvent, ReactElement, RefObject } from 'react';
import { useTranslation } from 'react-i18next';

export function FileChoice({ inputRef, busy, onFile }: { inputRef: RefObject<HTMLInputElement | null>; busy: boolean; onFile: (file: File) => void }): ReactElement {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f && !busy) onFile(f);
  };
  return (
    <div className={`nm-drop${dragging ? ' dragging' : ''}`} onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}
      data-testid="import-drop">
      <p>{t('nominations.wizard.drop')}</p>
      <label className="btn primary nm-file-button">
        {t('nominations.wizard.choose')}
        <input ref={inputRef} type="file" className="visually-hidden" data-testid="import-file"
          accept=".xlsx,.xls,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
          onChange={(e) => { const f = e.currentTarget.files?.[0]; if (f) onFile(f); }} />
      </label>
      <p className="muted small">{t('nominations.wizard.accepts')}</p>
    </div>
  );
}
