// Add a nomination by hand: a form with the template's fields, read by main as an imported row's cells are.
import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView } from '../../../shared/contract/index.ts';
import { fieldsFor } from '../../../shared/nominations/fields.ts';
import { call, isApiError } from '../api.ts';
import { describeError } from '../i18n/errors.ts';
import { refreshAfterChange } from './DetailActions.tsx';
import { fieldName } from './format.ts';
import { Modal } from './Modal.tsx';

export function AddDialog({ campaign, onClose, onAdded }: { campaign: CampaignView; onClose: () => void; onAdded: (label: string) => void }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const defs = fieldsFor(campaign.kind);
  const [values, setValues] = useState<Record<string, string>>({});
  const [bad, setBad] = useState<ReadonlyMap<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    setBad(new Map());
    try {
      const filled = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
      const row = await call('nominations.add', { campaignId: campaign.id, values: filled });
      refreshAfterChange();
      onAdded(row.label);
    } catch (err) {
      if (isApiError(err) && err.code === 'FIELD_INVALID' && err.data.details) {
        // Each refused field said beside it, in words.
        setBad(new Map(err.data.details.map((d) => [d.path ?? '', d.message === 'REQUIRED_MISSING'
          ? t('nominations.actions.fieldRequired', { field: fieldName(campaign.kind, d.path ?? '', lang) })
          : t(`nominations.issues.${d.message}`, { field: fieldName(campaign.kind, d.path ?? '', lang), value: values[d.path ?? ''] ?? '' })])));
        setError(t('nominations.actions.addRefused'));
      } else setError(describeError(err, t, { lang }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={t('nominations.actions.addTitle')} onClose={onClose} testId="add-dialog">
      <p className="muted small">{t('nominations.actions.addIntro')}</p>
      <form className="nm-add-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        {defs.map((d) => {
          const problem = bad.get(d.id);
          return (
            <label key={d.id} className="nm-add-field" data-field={d.id}>
              <span>{lang === 'en' ? d.en : d.zh}{d.identity ? ' *' : ''}</span>
              <input type="text" value={values[d.id] ?? ''} aria-invalid={problem ? true : undefined}
                onChange={(e) => { const v = e.currentTarget.value; setValues((x) => ({ ...x, [d.id]: v })); }} />
              {problem ? <span className="field-error small">{problem}</span> : null}
            </label>
          );
        })}
        {error ? <p className="field-error" role="alert">{error}</p> : null}
        <div className="nm-inline">
          <button type="submit" className="btn primary" disabled={busy} data-testid="add-save">{t('nominations.actions.addSave')}</button>
          <button type="button" className="btn" onClick={onClose}>{t('nominations.actions.cancel')}</button>
        </div>
      </form>
    </Modal>
  );
}
