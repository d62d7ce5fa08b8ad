import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Header } from './frame/Header.tsx';
import { Nav } from './frame/Nav.tsx';
import { RecoveryBanners } from './frame/RecoveryBanner.tsx';
import { ErrorBoundary } from './frame/ErrorBoundary.tsx';
import { CampaignList } from './campaigns/CampaignList.tsx';
import { NewCampaign } from './campaigns/NewCampaign.tsx';
import { SetupPage } from './setup/SetupPage.tsx';
import { NominationsPage } from './nominations/NominationsPage.tsx';
import { PanelPage } from './panel/PanelPage.tsx';
import { ResultsPage } from './results/ResultsPage.tsx';
import { StepPlaceholder } from './steps/StepPlaceholder.tsx';
import { MeetingPage } from './meeting/MeetingPage.tsx';
import { OpenScoreSheet, ScoringPage } from './scoring/ScoringPage.tsx';
import { useCall } from './lib/queries.ts';
import { STEPS, navigate, useRoute, type Route } from './lib/route.ts';
import { KEYS, useShortcuts } from './lib/shortcuts.ts';
import { stepFontScale } from './lib/prefs.ts';
import { describeError } from './i18n/errors.ts';
import { isApiError } from './api.ts';

function CampaignPage({ route }: { route: Extract<Route, { page: 'step' }> }) {
  const { t } = useTranslation();
  const { data, error, reload } = useCall('campaigns.get', { id: route.campaignId });
  if (error && !data) {
    return (
      <div className="page">
        <div className="panel">
          <h1>{t('setup.loadFailed')}</h1>
          <p className="field-error" role="alert">{describeError(error, t)}</p>
          <p>
            {!(isApiError(error) && error.code === 'NOT_FOUND') ? <button type="button" className="btn" onClick={() => void reload()}>{t('common.retry')}</button> : null}
            {' '}<a className="btn" href="#/">{t('nav.campaigns')}</a>
          </p>
        </div>
      </div>
    );
  }
  if (!data) return <div className="page"><p className="muted">{t('app.loading')}</p></div>;
  if (route.step === 'setup') return <SetupPage campaign={data} />;
  if (route.step === 'nominations') return <NominationsPage campaign={data} />;
  if (route.step === 'panel') return <PanelPage campaign={data} />;
  if (route.step === 'results') return <ResultsPage campaign={data} />;
  if (route.step === 'meeting') return <MeetingPage campaign={data} />;
  if (route.step === 'scoring') return <ScoringPage campaign={data} />;
  return <StepPlaceholder step={route.step} campaignName={data.name} />;
}

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const routeKey = route.page === 'step' ? `${route.campaignId}/${route.step}` : route.page;

  // A new page: move focus to its heading region, so keyboard and screen-reader users start at the top.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    main.current?.focus({ preventScroll: true });
    main.current?.scrollTo?.({ top: 0 });
  }, [routeKey]);

  useShortcuts([
    { keys: KEYS.larger, run: () => stepFontScale(1) },
    { keys: { ...KEYS.larger, code: 'NumpadAdd' }, run: () => stepFontScale(1) },
    { keys: KEYS.smaller, run: () => stepFontScale(-1) },
    { keys: { ...KEYS.smaller, code: 'NumpadSubtract' }, run: () => stepFontScale(-1) },
    { keys: KEYS.resetSize, run: () => stepFontScale(0) },
    { keys: KEYS.newCampaign, run: () => navigate({ page: 'new' }) },
    ...STEPS.map((s, i) => ({
      keys: KEYS.step(i + 1),
      enabled: route.page === 'step',
      run: () => { if (route.page === 'step') navigate({ page: 'step', campaignId: route.campaignId, step: s }); },
    })),
  ]);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>{t('app.skip')}</a>
      <Header />
      <div className="app-body">
        <Nav />
        <main id="main" ref={main} tabIndex={-1} className="app-main">
          <RecoveryBanners />
          <ErrorBoundary key={routeKey}>
            {route.page === 'home' ? <><CampaignList /><OpenScoreSheet /></> : route.page === 'new' ? <NewCampaign /> : <CampaignPage key={route.campaignId} route={route} />}
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
