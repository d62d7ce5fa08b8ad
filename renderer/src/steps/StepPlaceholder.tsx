import { useTranslation } from 'react-i18next';
import type { Step } from '../lib/route.ts';

/** A step not built yet says what it will do, and that it is not built: no fake screens. */
export function StepPlaceholder({ step, campaignName }: { step: Exclude<Step, 'setup'>; campaignName: string }) {
  const { t } = useTranslation();
  return (
    <div className="page step-page">
      <header className="page-head">
        <div>
          <h1>{t(`steps.${step}.title`)}</h1>
          <p className="page-sub">{campaignName}</p>
        </div>
      </header>
      <div className="panel not-built" data-testid="not-built">
        <p className="not-built-what">{t(`steps.${step}.what`)}</p>
        <p className="not-built-note"><strong>{t('steps.notBuilt')}</strong></p>
      </div>
    </div>
  );
}
