import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView } from '../../../shared/contract/index.ts';
import { useCall } from '../lib/queries.ts';
import { describeError } from '../i18n/errors.ts';
import { ExpertsTab } from './ExpertsTab.tsx';
import { ConflictsTab } from './ConflictsTab.tsx';
import { AssignTab } from './AssignTab.tsx';
import './panel.css';

type Tab = 'experts' | 'conflicts' | 'assign';

/** The panel step: experts and groups, conflicts of interest, the assignment and its matrix. Names, never ids. */
export function PanelPage({ campaign }: { campaign: CampaignView }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('experts');
  const overview = useCall('panel.overview', { campaignId: campaign.id });
  const ov = overview.data;
  return (
    <div className="page step-page pn-page">
      <header className="page-head">
        <div>
          <h1>{t('panelPage.title')}</h1>
          <p className="page-sub">{ov ? t('panelPage.sub', { campaign: campaign.name, experts: ov.experts.length, items: ov.items }) : campaign.name}</p>
        </div>
      </header>
      {overview.error && !ov ? <p className="field-error" role="alert">{describeError(overview.error, t)}</p> : null}
      <div role="tablist" className="pn-tabs" aria-label={t('panelPage.title')}>
        {(['experts', 'conflicts', 'assign'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={`btn${tab === k ? ' primary' : ''}`} onClick={() => setTab(k)}>
            {t(`panelPage.tabs.${k}`)}
          </button>
        ))}
      </div>
      {!ov ? <p className="muted">{t('panelPage.loading')}</p>
        : tab === 'experts' ? <ExpertsTab campaign={campaign} overview={ov} reload={overview.reload} />
        : tab === 'conflicts' ? <ConflictsTab campaign={campaign} overview={ov} reload={overview.reload} />
        : <AssignTab campaign={campaign} overview={ov} reload={overview.reload} />}
    </div>
  );
}
