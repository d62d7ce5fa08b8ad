import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from './editor.tsx';
import { FieldError, FieldRow, parseNumber, useDraftField, useFieldIds } from './fields.tsx';
import { useProblem } from '../i18n/useProblem.ts';

export function Basics() {
  const { t } = useTranslation();
  const { campaign, set } = useEditor();
  const nameIds = useFieldIds();
  const yearIds = useFieldIds();
  const name = useDraftField<string>({
    fieldId: 'name', value: campaign.name, format: String,
    parse: (s) => (s.trim() ? { ok: true, value: s.trim() } : { ok: false, error: t('errors.field.required', { field: t('fieldNames.name') }) }),
    commit: (v) => set([{ key: 'name', value: v }]),
  });
  const year = useDraftField<number | null>({
    fieldId: 'year', value: campaign.year, format: (v) => (v === null ? '' : String(v)),
    parse: (s) => parseNumber(s, false, t), commit: (v) => set([{ key: 'year', value: v }]),
  });
  return (
    <div className="basics">
      <FieldRow label={t('setup.basics.name')} htmlFor={nameIds.input} status={name.status} error={name.error} errorId={nameIds.error} wide>
        <input id={nameIds.input} className="wide-input" type="text" autoComplete="off" {...name.inputProps} aria-describedby={name.error ? nameIds.error : undefined} data-field="name" />
      </FieldRow>
      <FieldRow label={t('setup.basics.year')} htmlFor={yearIds.input} status={year.status} error={year.error} errorId={yearIds.error}>
        <input id={yearIds.input} className="num" type="text" inputMode="numeric" autoComplete="off" {...year.inputProps} aria-describedby={year.error ? yearIds.error : undefined} data-field="year" />
      </FieldRow>
      <div className="field-row">
        <span className="field-label">{t('setup.basics.kind')}</span>
        <div className="field-control"><div className="field-line"><span className="readonly-value">{t(`kind.${campaign.kind}`)}</span></div></div>
      </div>
      <Disciplines />
    </div>
  );
}

function Disciplines() {
  const { t } = useTranslation();
  const { campaign, set } = useEditor();
  const ids = useFieldIds();
  const [text, setText] = useState('');
  const [error, setError] = useProblem({ campaign });
  const [busy, setBusy] = useState(false);
  const list = campaign.disciplines;

  async function save(next: (latest: readonly string[]) => string[], clear: boolean) {
    setBusy(true);
    try {
      await set((c) => [{ key: 'disciplines', value: next(c.disciplines) }]);
      setError(null);
      if (clear) setText('');
    } catch (e) {
      setError({ err: e });
    } finally {
      setBusy(false);
    }
  }

  function add() {
    const names = text.split(/[,，、;；\n]/).map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) return;
    const fresh = names.filter((n) => !list.includes(n));
    if (fresh.length === 0) {
      setError({ key: 'setup.basics.duplicate' });
      return;
    }
    void save((latest) => [...latest, ...fresh.filter((n) => !latest.includes(n))], true);
  }

  return (
    <div className={`field-row wide${error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={ids.input}>{t('setup.basics.disciplines')}</label>
      <div className="field-control">
        <ul className="tags" aria-label={t('setup.basics.disciplines')}>
          {list.length === 0 ? <li className="muted">{t('setup.basics.noDisciplines')}</li> : null}
          {list.map((d) => (
            <li key={d} className="tag">
              <span>{d}</span>
              <button type="button" className="tag-remove" aria-label={t('setup.basics.removeDiscipline', { name: d })} title={t('setup.basics.removeDiscipline', { name: d })}
                onClick={() => void save((latest) => latest.filter((x) => x !== d), false)} disabled={busy}>×</button>
            </li>
          ))}
        </ul>
        <div className="field-line">
          <input id={ids.input} type="text" value={text} placeholder={t('setup.basics.newDiscipline')} autoComplete="off"
            onChange={(e) => { setText(e.target.value); setError(null); }}
            onKeyDown={(e) => { if (e.key === 'Enter' && !e.nativeEvent.isComposing) { e.preventDefault(); add(); } }}
            aria-describedby={`${ids.error}-help${error ? ` ${ids.error}` : ''}`} aria-invalid={error ? true : undefined} data-field="new-discipline" />
          <button type="button" className="btn" onClick={add} disabled={busy || !text.trim()}>{t('setup.basics.addDiscipline')}</button>
        </div>
        <p className="field-help" id={`${ids.error}-help`}>{t('setup.basics.disciplinesHelp')}</p>
        <FieldError id={ids.error} error={error} />
      </div>
    </div>
  );
}
