import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../i18n/errors.ts';
import { useEditor } from './editor.tsx';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
export type FieldStatus = 'idle' | 'saving' | 'saved' | 'error';

/** Full-width digits and signs, as Chinese input methods type them, become ASCII. */
export function normaliseNumberText(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.').replace(/[－—–]/g, '-').replace(/＋/g, '+').replace(/\s+/g, '');
}

export function parseNumber(text: string, nullable: boolean, t: (k: string) => string): Parsed<number | null> {
  const s = normaliseNumberText(text);
  if (s === '') return nullable ? { ok: true, value: null } : { ok: false, error: t('common.enterNumber') };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return { ok: false, error: t('common.enterNumber') };
  return { ok: true, value: Number(s) };
}

export function splitList(text: string): string[] {
  return text.split(/[,，、;；\n]/).map((s) => s.trim()).filter(Boolean);
}

interface DraftOptions<T> {
  /** Unique on the page: the editor counts fields whose save failed. */
  readonly fieldId: string;
  readonly value: T;
  readonly format: (v: T) => string;
  readonly parse: (text: string) => Parsed<T>;
  readonly commit: (v: T) => Promise<unknown>;
  readonly equals?: (a: T, b: T) => boolean;
  /** Told of every keystroke's parsed value (live totals), and null when the draft is dropped. */
  readonly onDraft?: (v: T | null) => void;
}

/**
 * A field that saves when it is committed (blur or Enter), keeps what the user typed when main refuses it, and says
 * why in words. Escape puts back what main holds.
 */
export function useDraftField<T>(o: DraftOptions<T>) {
  const { t, i18n } = useTranslation();
  const editor = useEditor();
  const [draft, setDraft] = useState<string | null>(null);
  // 'parse': the draft does not parse (worded from the draft at render); otherwise main's refusal, worded at render.
  const [failure, setFailure] = useState<'parse' | { err: unknown } | null>(null);
  const [status, setStatus] = useState<FieldStatus>('idle');
  // A control that commits at once (checkbox, select) shows its new value while main saves it.
  const [pending, setPending] = useState<{ value: T } | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const { reportFailure } = editor;
  const { fieldId, onDraft } = o;

  useEffect(() => () => {
    window.clearTimeout(timer.current);
    reportFailure(fieldId, false);
  }, [fieldId, reportFailure]);

  const equals = o.equals ?? ((a: T, b: T) => JSON.stringify(a) === JSON.stringify(b));

  async function save(v: T, immediate = false, text: string | null = null): Promise<void> {
    setStatus('saving');
    if (immediate) setPending({ value: v });
    try {
      await o.commit(v);
      setPending(null);
      // Typing that went on while this saved stays: only the text that was saved gives way to main's value.
      setDraft((d) => (d === text ? null : d));
      setFailure(null);
      onDraft?.(null);
      reportFailure(fieldId, false);
      setStatus('saved');
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => setStatus('idle'), 2500);
    } catch (e) {
      setPending(null);
      setFailure({ err: e });
      reportFailure(fieldId, true);
      setStatus('error');
    }
  }

  function commitText(): void {
    if (draft === null) return;
    const p = o.parse(draft);
    if (!p.ok) {
      setFailure('parse');
      reportFailure(fieldId, true);
      setStatus('error');
      return;
    }
    if (equals(p.value, o.value) && failure === null) {
      setDraft(null);
      onDraft?.(null);
      return;
    }
    void save(p.value, false, draft);
  }

  function revert(): void {
    setDraft(null);
    setFailure(null);
    onDraft?.(null);
    reportFailure(fieldId, false);
    setStatus('idle');
  }

  let error: string | null = null;
  if (failure === 'parse' && draft !== null) {
    const p = o.parse(draft);
    error = p.ok ? null : p.error;
  } else if (failure !== null && failure !== 'parse') {
    error = describeError(failure.err, t, { campaign: editor.campaign, lang: i18n.language });
  }

  return {
    text: draft ?? o.format(o.value),
    dirty: draft !== null,
    error,
    status,
    /** For controls that commit at once (checkbox, select). */
    commitValue: (v: T) => { void save(v, true); },
    /** What a control that commits at once should show. */
    shown: pending ? pending.value : o.value,
    inputProps: {
      value: draft ?? o.format(o.value),
      onChange: (e: { target: { value: string } }) => {
        setDraft(e.target.value);
        if (onDraft) {
          const p = o.parse(e.target.value);
          onDraft(p.ok ? p.value : null);
        }
      },
      onBlur: () => commitText(),
      onKeyDown: (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
        // Enter that confirms a Chinese input method's composition is not a commit.
        if (e.nativeEvent.isComposing || e.keyCode === 229) return;
        if (e.key === 'Enter' && !(e.currentTarget instanceof HTMLTextAreaElement && !e.ctrlKey && !e.metaKey)) {
          e.preventDefault();
          commitText();
        } else if (e.key === 'Escape' && draft !== null) {
          e.preventDefault();
          revert();
        }
      },
      'aria-invalid': error ? true : undefined,
    },
  };
}

export function StatusMark({ status }: { status: FieldStatus }) {
  const { t } = useTranslation();
  if (status === 'saving') return <span className="field-status saving" role="status">{t('common.saving')}</span>;
  if (status === 'saved') return <span className="field-status saved" role="status">✓ {t('common.saved')}</span>;
  return null;
}

export function FieldError({ id, error }: { id: string; error: string | null }) {
  if (!error) return null;
  return <p id={id} className="field-error" role="alert">{error}</p>;
}

/** A label, a control, its default when changed, a one-line explanation, the save state and any error. */
export function FieldRow(props: {
  label: ReactNode;
  htmlFor?: string;
  help?: string;
  defaultNote?: ReactNode;
  status: FieldStatus;
  error: string | null;
  errorId: string;
  children: ReactNode;
  wide?: boolean;
  as?: 'div' | 'fieldset';
}) {
  const helpId = `${props.errorId}-help`;
  const Tag = props.as ?? 'div';
  return (
    <Tag className={`field-row${props.wide ? ' wide' : ''}${props.error ? ' has-error' : ''}`}>
      {Tag === 'fieldset'
        ? <legend className="field-label">{props.label}</legend>
        : <label className="field-label" htmlFor={props.htmlFor}>{props.label}</label>}
      <div className="field-control">
        <div className="field-line">
          {props.children}
          {props.defaultNote}
          <StatusMark status={props.status} />
        </div>
        {props.help ? <p className="field-help" id={helpId}>{props.help}</p> : null}
        <FieldError id={props.errorId} error={props.error} />
      </div>
    </Tag>
  );
}

export function useFieldIds(): { input: string; error: string } {
  const id = useId();
  return { input: `f${id}`, error: `e${id}` };
}
