import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n/index.ts';
import { useFontScale } from '../lib/prefs.ts';
import { KEYS, keyLabel } from '../lib/shortcuts.ts';
import { navigate, useRoute } from '../lib/route.ts';
import { useCall } from '../lib/queries.ts';
import { IdentityButton } from '../identity/IdentityDialog.tsx';

export function withKeys(t: (k: string, o?: Record<string, string>) => string, label: string, keys: Parameters<typeof keyLabel>[0]): string {
  return t('shortcut.withKeys', { label, keys: keyLabel(keys) });
}

function CampaignPicker() {
  const { t } = useTranslation();
  const route = useRoute();
  const { data } = useCall('campaigns.list', {});
  const current = route.page === 'step' ? route.campaignId : '';
  const campaigns = data?.campaigns ?? [];
  const known = campaigns.some((c) => c.id === current);
  return (
    <label className="picker">
      <span className="picker-label">{t('picker.label')}</span>
      <select value={current} data-testid="campaign-picker"
        onChange={(e) => (e.target.value ? navigate({ page: 'step', campaignId: e.target.value, step: route.page === 'step' ? route.step : 'setup' }) : navigate({ page: 'home' }))}>
        <option value="">{t('picker.none')}</option>
        {current && !known ? <option value={current}>{current}</option> : null}
        {campaigns.map((c) => <option key={c.id} value={c.id}>{c.name} · {c.year}</option>)}
      </select>
    </label>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const langs: { id: Language; label: string; htmlLang: string }[] = [
    { id: 'zh-CN', label: t('lang.zh'), htmlLang: 'zh-CN' },
    { id: 'en', label: t('lang.en'), htmlLang: 'en' },
  ];
  return (
    <div className="segmented" role="group" aria-label={t('lang.label')}>
      {langs.map((l) => (
        <button key={l.id} type="button" lang={l.htmlLang} aria-pressed={i18n.language === l.id} className={i18n.language === l.id ? 'on' : undefined}
          onClick={() => setLanguage(l.id)}>{l.label}</button>
      ))}
    </div>
  );
}

function ZoomControl() {
  const { t } = useTranslation();
  const { scale, step, canGrow, canShrink } = useFontScale();
  return (
    <div className="segmented zoom" role="group" aria-label={`${t('zoom.label')} · ${t('zoom.current', { percent: String(Math.round(scale * 100)) })}`}>
      <button type="button" onClick={() => step(-1)} disabled={!canShrink} title={withKeys(t, t('zoom.smaller'), KEYS.smaller)} aria-label={t('zoom.smaller')}>A−</button>
      <button type="button" onClick={() => step(0)} title={withKeys(t, t('zoom.reset'), KEYS.resetSize)} aria-label={`${t('zoom.reset')} (${Math.round(scale * 100)}%)`} className={scale === 1 ? 'on' : undefined}>A</button>
      <button type="button" onClick={() => step(1)} disabled={!canGrow} title={withKeys(t, t('zoom.larger'), KEYS.larger)} aria-label={t('zoom.larger')}>A+</button>
    </div>
  );
}

export function Header() {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <a className="brand" href="#/" aria-label={`${t('app.name')} ${t('app.product')}`}>
        <span className="brand-mark" aria-hidden="true">评</span>
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-sub">{t('app.product')}</span>
      </a>
      <CampaignPicker />
      <div className="header-tools">
        <span className="tool-label" aria-hidden="true">{t('zoom.label')}</span>
        <ZoomControl />
        <span className="tool-label" aria-hidden="true">{t('lang.label')}</span>
        <LanguageSwitch />
        <IdentityButton />
      </div>
    </header>
  );
}
