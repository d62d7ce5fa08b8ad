import { useTranslation } from 'react-i18next';
import { STEPS, href, useRoute } from '../lib/route.ts';
import { KEYS } from '../lib/shortcuts.ts';
import { PREF_KEYS, useFlag } from '../lib/prefs.ts';
import { withKeys } from './Header.tsx';

export function Nav() {
  const { t } = useTranslation();
  const route = useRoute();
  const campaignId = route.page === 'step' ? route.campaignId : null;
  // Collapsed, the sidebar keeps the step numbers (each with its name as tooltip) and gives the grid the width.
  const [collapsed, setCollapsed] = useFlag(PREF_KEYS.navCollapsed, false);
  return (
    <nav className={`app-nav${collapsed ? ' collapsed' : ''}`} aria-label={t('nav.label')}>
      <button type="button" className="nav-toggle" aria-expanded={!collapsed} data-testid="nav-toggle"
        aria-label={collapsed ? t('layout.expandNav') : t('layout.collapseNav')} title={collapsed ? t('layout.expandNav') : t('layout.collapseNav')}
        onClick={() => setCollapsed(!collapsed)}>
        <span aria-hidden="true">{collapsed ? '»' : '«'}</span>
      </button>
      <a href="#/" className={`nav-home${route.page === 'home' ? ' current' : ''}`} aria-current={route.page === 'home' ? 'page' : undefined}
        title={collapsed ? t('nav.campaigns') : undefined}>
        {collapsed ? <span aria-hidden="true" className="nav-home-mark">⌂</span> : null}
        <span className="nav-text">{t('nav.campaigns')}</span>
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
                  <span className="step-num" aria-hidden="true">{i + 1}</span><span className="nav-text">{label}</span>
                </a>
              ) : (
                <span className="step-disabled" aria-disabled="true"><span className="step-num" aria-hidden="true">{i + 1}</span><span className="nav-text">{label}</span></span>
              )}
            </li>
          );
        })}
      </ol>
      {campaignId || collapsed ? null : <p className="nav-hint">{t('nav.chooseFirst')}</p>}
    </nav>
  );
}
