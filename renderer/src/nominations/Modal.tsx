// A native modal <dialog> opened on mount (Escape and ✕ close it), as the import wizard's.
import { useEffect, useRef } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function Modal({ title, onClose, children, testId, narrow = true }: { title: string; onClose: () => void; children: ReactNode; testId?: string; narrow?: boolean }): ReactElement {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className={`nm-dialog${narrow ? ' nm-dialog--narrow' : ''}`} aria-label={title} onClose={onClose} data-testid={testId}>
      <header className="nm-dialog-head">
        <h2>{title}</h2>
        <button type="button" className="btn quiet" onClick={() => ref.current?.close()} aria-label={t('nominations.actions.close')}>✕</button>
      </header>
      <div className="nm-dialog-body">{children}</div>
    </dialog>
  );
}
