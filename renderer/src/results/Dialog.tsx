import { useEffect, useRef, type ReactNode } from 'react';

/** A modal <dialog>: opened on mount, Escape or the close button calls onClose. */
export function Dialog({ title, onClose, closeLabel, children, testId }: { title: string; onClose: () => void; closeLabel: string; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
    return () => d?.close?.();
  }, []);
  return (
    <dialog ref={ref} className="rs-dialog" aria-label={title} onCancel={(e) => { e.preventDefault(); onClose(); }} data-testid={testId}>
      <div className="rs-dialog-head">
        <h2>{title}</h2>
        <button type="button" className="btn quiet small" onClick={onClose}>{closeLabel}</button>
      </div>
      <div className="rs-dialog-body">{children}</div>
    </dialog>
  );
}
