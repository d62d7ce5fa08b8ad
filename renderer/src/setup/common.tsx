import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseNumber, useDraftField, type Parsed } from './fields.tsx';

/** A compact field in a table cell: its error is shown by the row (onError), not in the cell. */
export function CellField<T extends string | number | null>(props: {
  fieldId: string;
  value: T;
  type: 'text' | 'number';
  nullable?: boolean;
  required?: boolean;
  label: string;
  commit: (v: T) => Promise<unknown>;
  onError: (fieldId: string, error: string | null) => void;
  onDraft?: (v: T | null) => void;
  className?: string;
  placeholder?: string;
  errorId?: string;
}) {
  const { t } = useTranslation();
  const { fieldId, onError } = props;
  const f = useDraftField<T>({
    fieldId,
    value: props.value,
    format: (v) => (v === null ? '' : String(v)),
    parse: (s): Parsed<T> => {
      if (props.type === 'number') return parseNumber(s, Boolean(props.nullable), t) as Parsed<T>;
      if (props.required && !s.trim()) return { ok: false, error: t('errors.field.required', { field: props.label }) };
      return { ok: true, value: s.trim() as T };
    },
    commit: props.commit,
    ...(props.onDraft ? { onDraft: props.onDraft } : {}),
  });
  useEffect(() => {
    onError(fieldId, f.error);
  }, [fieldId, onError, f.error]);
  return (
    <span className={`cell-field${f.status === 'saved' ? ' just-saved' : ''}${f.status === 'saving' ? ' saving' : ''}`}>
      <input type="text" inputMode={props.type === 'number' ? 'decimal' : undefined} autoComplete="off"
        className={props.className ?? (props.type === 'number' ? 'num' : undefined)} aria-label={props.label} title={props.label}
        placeholder={props.placeholder} {...f.inputProps} aria-describedby={f.error && props.errorId ? props.errorId : undefined}
        data-field={fieldId} />
    </span>
  );
}

/** Errors of the fields in one row, keyed by field. */
export function useRowErrors() {
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const onError = useCallback((fieldId: string, error: string | null) => {
    setErrors((prev) => {
      if ((prev[fieldId] ?? null) === error) return prev;
      const next = { ...prev };
      if (error === null) delete next[fieldId];
      else next[fieldId] = error;
      return next;
    });
  }, []);
  return { errors, onError, setErrors };
}

/** Remove in two steps: the first press asks, the second does it. No modal, nothing lost by a stray click. */
export function RemoveButton({ label, confirmLabel, onRemove, disabled }: { label: string; confirmLabel: string; onRemove: () => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return;
    const timer = window.setTimeout(() => setArmed(false), 5000);
    return () => window.clearTimeout(timer);
  }, [armed]);
  return (
    <button type="button" className={`btn small ${armed ? 'danger' : 'quiet'}`} disabled={disabled}
      aria-label={armed ? confirmLabel : label} title={armed ? confirmLabel : label}
      onClick={() => { if (armed) { setArmed(false); onRemove(); } else setArmed(true); }}
      onBlur={() => setArmed(false)}>
      {armed ? `${t('common.remove')}?` : t('common.remove')}
    </button>
  );
}

export function shortId(prefix: string, taken: readonly string[]): string {
  for (;;) {
    const id = `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
    if (!taken.includes(id)) return id;
  }
}
