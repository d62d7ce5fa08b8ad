import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CAMPAIGN_KINDS, type CampaignKind } from '../../../shared/campaign/model.ts';
import { template } from '../../../shared/campaign/templates.ts';
import { call } from '../api.ts';
import { useProblem } from '../i18n/useProblem.ts';
import { invalidate, setCallData } from '../lib/queries.ts';
import { navigate } from '../lib/route.ts';
import { normaliseNumberText } from '../setup/fields.tsx';

function thisYear(): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
}

function suggestedName(kind: CampaignKind, year: string, lang: string): string {
  const tpl = template(kind);
  return lang === 'en' ? `${tpl.nameEn} ${year}` : `${year}年度${tpl.name}`;
}

function Brings({ kind }: { kind: CampaignKind }) {
  const { t, i18n } = useTranslation();
  const tpl = template(kind);
  const s = tpl.settings;
  const en = i18n.language === 'en';
  const items: string[] = [
    t('newCampaign.criteria', {
      list: tpl.criteria.map((c) => t('newCampaign.criterion', { name: c.name, nameEn: c.nameEn, weight: c.weight })).join(en ? ', ' : '、'),
    }),
  ];
  if (tpl.criteria.some((c) => c.toConfirm)) items.push(t('newCampaign.toConfirm'));
  items.push(s.quota.total === null ? t('newCampaign.quotaByHand')
    : `${t('newCampaign.quota', { count: s.quota.total })}${s.quota.allocation === 'proportional' ? `${en ? ', ' : '，'}${t('newCampaign.quotaShared')}` : ''}`);
  if (s.metrics.enabled) items.push(t('newCampaign.metrics', { attention: s.metrics.attentionWeight, citations: s.metrics.citationsWeight, downloads: s.metrics.downloadsWeight }));
  if (s.blend.metricWeight > 0) items.push(t('newCampaign.blend', { metric: s.blend.metricWeight, expert: s.blend.expertWeight }));
  if (s.eligibility.requireBeijingAffiliation) items.push(t('newCampaign.beijing'));
  if (s.eligibility.ageLimit !== null) items.push(t('newCampaign.ageLimit', { age: s.eligibility.ageLimit }));
  items.push(t('newCampaign.aggregation', { high: s.aggregation.trimHighest, low: s.aggregation.trimLowest, k: s.assignment.perItem }));
  return (
    <div className="brings" aria-live="polite">
      <h3>{t('newCampaign.brings')}</h3>
      <ul>{items.map((x) => <li key={x}>{x}</li>)}</ul>
    </div>
  );
}

export function NewCampaign() {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<CampaignKind>('conferences');
  const [year, setYear] = useState(String(thisYear()));
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useProblem();
  const [fieldError, setFieldError] = useState<{ name?: string; year?: string }>({});
  const [busy, setBusy] = useState(false);
  const shownName = name ?? suggestedName(kind, year, i18n.language);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const y = Number(normaliseNumberText(year));
    const errs: { name?: string; year?: string } = {};
    if (!shownName.trim()) errs.name = 'newCampaign.nameRequired';
    if (!Number.isInteger(y) || y < 2000 || y > 2100) errs.year = 'newCampaign.yearRange';
    setFieldError(errs);
    if (errs.name || errs.year) return;
    setBusy(true);
    try {
      const view = await call('campaigns.create', { template: kind, name: shownName.trim(), year: y });
      setCallData('campaigns.get', { id: view.id }, view);
      invalidate('campaigns.list');
      navigate({ page: 'step', campaignId: view.id, step: 'setup' });
    } catch (err) {
      setError({ err });
      setBusy(false);
    }
  }

  return (
    <div className="page new-page">
      <header className="page-head">
        <div>
          <h1>{t('newCampaign.title')}</h1>
          <p className="page-sub">{t('newCampaign.intro')}</p>
        </div>
      </header>
      <form className="new-form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="templates">
          <legend>{t('newCampaign.template')}</legend>
          {CAMPAIGN_KINDS.map((k) => {
            const tpl = template(k);
            return (
              <label key={k} className={`template-card${kind === k ? ' selected' : ''}`}>
                <input type="radio" name="template" value={k} checked={kind === k} onChange={() => setKind(k)} data-template={k} />
                <span className="template-title">{i18n.language === 'en' ? tpl.nameEn : tpl.name}</span>
                <span className="template-kind">{t(`kind.${k}`)}</span>
                <span className="template-desc">{t(`newCampaign.templateDesc.${k}`)}</span>
              </label>
            );
          })}
        </fieldset>
        <div className="new-side">
          <Brings kind={kind} />
          <div className={`field-row wide${fieldError.name ? ' has-error' : ''}`}>
            <label className="field-label" htmlFor="new-name">{t('newCampaign.name')}</label>
            <div className="field-control">
              <input id="new-name" className="wide-input" type="text" value={shownName} onChange={(e) => setName(e.target.value)} autoComplete="off"
                aria-invalid={fieldError.name ? true : undefined} aria-describedby={fieldError.name ? 'new-name-error' : undefined} />
              {fieldError.name ? <p id="new-name-error" className="field-error" role="alert">{t(fieldError.name)}</p> : null}
            </div>
          </div>
          <div className={`field-row${fieldError.year ? ' has-error' : ''}`}>
            <label className="field-label" htmlFor="new-year">{t('newCampaign.year')}</label>
            <div className="field-control">
              <input id="new-year" className="num" type="text" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} autoComplete="off"
                aria-invalid={fieldError.year ? true : undefined} aria-describedby={fieldError.year ? 'new-year-error' : undefined} />
              {fieldError.year ? <p id="new-year-error" className="field-error" role="alert">{t(fieldError.year)}</p> : null}
            </div>
          </div>
          {error ? <p className="field-error" role="alert">{error}</p> : null}
          <div className="form-actions">
            <button type="submit" className="btn primary" disabled={busy}>{busy ? t('newCampaign.creating') : t('common.create')}</button>
            <a className="btn" href="#/">{t('common.cancel')}</a>
          </div>
        </div>
      </form>
    </div>
  );
}
