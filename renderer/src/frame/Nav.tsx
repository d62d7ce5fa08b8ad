import { useTranslation } from 'react-i18next';
import { STEPS, href, useRoute } from '../lib/route.ts';
import { KEYS } from '../lib/shortcuts.ts';
import { withKeys } from './Header.tsx';

export function Nav() {
  const { t } = useTranslation();
  const route = useRoute();
  const campaignId = route.page === 'step' ? route.campaignId : null;
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      <a href="#/" className={`nav-home${route.page === 'home' ? ' current' : ''}`} aria-current={route.page === 'home' ? 'page' : undefined}>
        {t('nav.campaigns')}
      </a>
      <ol className="steps">
        {STEPS.map((s, i) => {
          const current = route.page === 'step' && route.step === s;
          const label = t(`nav.steps.${s}`);
          return (
            <li key={s}>
              {campaignId ? (
                <a href={href({ page: 'step', campaignId, step: s })} className={current ? 'current' : undefined} aria-current={current ? 'page' : undefined}
                  title={withKeys(t, label, KEYS.step(i + 1))} data-step={s}>
                  <span className="step-num" aria-hidden="true">{i + 1}</span>{label}
                </a>
              ) : (
                <span className="step-disabled" aria-disabled="true"><span className="step-num" aria-hidden="true">{i + 1}</span>{label}</span>
              )}
            </li>
          );
        })}
      </ol>
      {campaignId ? null : <p className="nav-hint">{t('nav.chooseFirst')}</p>}
    </nav>
  );
}
