// How the sheet's columns map to fields: one row per column (letter, header, sample values, field to choose).
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../shared/contract/index.ts';
import { formatValue } from '../format.ts';
import type { ImportWizardState } from './useImportWizard.ts';

export function MappingSection({ w, preview }: { w: ImportWizardState; preview: ImportPreview }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { args, mapping, updating } = w;
  const missingRequired = preview.fields.filter((f) => f.required && !mapping.includes(f.id) && !(f.id === 'nominator' && args.nominator)).map((f) => (lang === 'en' ? f.en : f.zh));
  const samplesOf = (letter: string, column: number): string => {
    const field = mapping[column];
    const own = preview.columns.find((c) => c.letter === letter)?.samples;
    if (own && own.length > 0) return own.slice(0, 3).join(' · ');
    if (!field) return '';
    const vals: string[] = [];
    for (const r of preview.rows) {
      const v = formatValue(r.fields[field]);
      if (v && !vals.includes(v)) vals.push(v);
      if (vals.length >= 2) break;
    }
    return vals.join(' · ');
  };
  return (
    <section className="nm-mapping" aria-labelledby="nm-mapping-title">
      <h3 id="nm-mapping-title" tabIndex={-1}>{t('nominations.wizard.mappingTitle')}</h3>
      <p className={`nm-mapping-source nm-mapping-source--${preview.mappingSource}`} data-testid="mapping-source">
        {preview.mappingSource === 'remembered' ? (args.nominator ? t('nominations.wizard.mappingRemembered', { nominator: args.nominator }) : t('nominations.wizard.mappingRememberedAny'))
          : preview.mappingSource === 'given' ? t('nominations.wizard.mappingGiven') : t('nominations.wizard.mappingGuessed')}
      </p>
      {missingRequired.length > 0 ? <p className="field-error" data-testid="missing-required">{t('nominations.wizard.missingRequired', { fields: missingRequired.join('、') })}</p> : null}
      <div className="nm-mapping-scroll">
        <table className="grid-table nm-mapping-table">
          <thead>
            <tr>
              <th>{t('nominations.wizard.column')}</th>
              <th>{t('nominations.wizard.header')}</th>
              <th>{t('nominations.wizard.field')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((c) => {
              const field = mapping[c.column] ?? null;
              const samples = samplesOf(c.letter, c.column);
              return (
                <tr key={c.letter} className={field ? 'mapped' : 'unmapped'}>
                  <td className="nm-letter">{c.letter}</td>
                  <td>
                    <div className="nm-header-text" title={c.header || undefined}>{c.header || <span className="muted">{t('nominations.detail.empty')}</span>}</div>
                    {samples ? <div className="nm-samples" title={t('nominations.wizard.samples')}>{samples}</div> : null}
                  </td>
                  <td>
                    <select value={field ?? ''} disabled={updating} aria-label={t('nominations.wizard.changeField', { letter: c.letter, header: c.header })}
                      data-column={c.letter} onChange={(e) => w.setField(c.letter, e.currentTarget.value || null)}>
                      <option value="">{t('nominations.wizard.ignore')}</option>
                      {preview.fields.map((f) => (
                        <option key={f.id} value={f.id}>{f.required ? t('nominations.wizard.requiredMark', { label: lang === 'en' ? f.en : f.zh }) : (lang === 'en' ? f.en : f.zh)}</option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
