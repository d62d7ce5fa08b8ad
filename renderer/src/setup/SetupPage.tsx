import { useTranslation } from 'react-i18next';
import type { CampaignView } from '../../../shared/contract/index.ts';
import { formatTime } from '../i18n/format.ts';
import { EditorProvider, useEditor } from './editor.tsx';
import { Basics } from './Basics.tsx';
import { Rubric } from './Rubric.tsx';
import { Groups } from './Groups.tsx';
import { SettingsSection } from './SettingsSection.tsx';
import { History } from './History.tsx';

const SECTIONS = ['basics', 'rubric', 'groups', 'settings', 'history'] as const;

export function SetupPage({ campaign }: { campaign: CampaignView }) {
  return (
    <EditorProvider campaign={campaign}>
      <SetupContent />
    </EditorProvider>
  );
}

function SaveIndicator() {
  const { t } = useTranslation();
  const { state, campaign } = useEditor();
  const zone = campaign.settings.display.timeZone;
  let text: string;
  let cls: string;
  if (state.pending > 0) { text = t('common.saving'); cls = 'saving'; }
  else if (state.failed > 0) { text = t('common.notSaved'); cls = 'failed'; }
  else if (state.lastSavedAt) { text = t('common.savedAt', { time: formatTime(state.lastSavedAt, zone) }); cls = 'saved'; }
  else { text = t('common.saved'); cls = 'saved'; }
  return <span className={`save-indicator ${cls}`} role="status" aria-live="polite" data-testid="save-state">{cls === 'saved' ? '✓ ' : ''}{text}</span>;
}

function Warnings() {
  const { t } = useTranslation();
  const { campaign } = useEditor();
  if (campaign.warnings.length === 0) return null;
  const target: Record<string, string> = {
    RUBRIC_WEIGHTS_NOT_100: 'rubric', RUBRIC_TO_CONFIRM: 'rubric', BLEND_NOT_100: 'settings-blend',
    METRIC_WEIGHTS_NOT_100: 'settings-metrics', GROUP_SHARES_EXCEED_QUOTA: 'groups',
  };
  return (
    <section className="notice notice-warn" aria-labelledby="warnings-title" data-testid="campaign-warnings">
      <h2 id="warnings-title">{t('setup.warnings.title')}</h2>
      <ul>
        {campaign.warnings.map((w) => (
          <li key={w.code} data-warning={w.code}>
            <button type="button" className="link-button" onClick={() => document.getElementById(target[w.code] ?? 'rubric')?.scrollIntoView({ block: 'start' })}>
              {t(`setup.warnings.${w.code}`, { ...w.values })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SetupContent() {
  const { t } = useTranslation();
  const { campaign } = useEditor();
  return (
    <div className="page setup-page">
      <header className="page-head sticky">
        <div>
          <h1>{campaign.name}</h1>
          <p className="page-sub">{t(`kind.${campaign.kind}`)} · {campaign.year} · {t(`status.${campaign.status}`)}</p>
        </div>
        <SaveIndicator />
      </header>
      <nav className="section-nav" aria-label={t('setup.title')}>
        {SECTIONS.map((s) => <a key={s} href={`#${s}`} onClick={(e) => { e.preventDefault(); document.getElementById(s)?.scrollIntoView({ block: 'start' }); document.getElementById(`${s}-title`)?.focus(); }}>{t(`setup.sections.${s}`)}</a>)}
      </nav>
      <Warnings />
      <section id="basics" className="panel" aria-labelledby="basics-title">
        <h2 id="basics-title" tabIndex={-1}>{t('setup.sections.basics')}</h2>
        <Basics />
      </section>
      <section id="rubric" className="panel" aria-labelledby="rubric-title">
        <h2 id="rubric-title" tabIndex={-1}>{t('setup.sections.rubric')}</h2>
        <Rubric />
      </section>
      <section id="groups" className="panel" aria-labelledby="groups-title">
        <h2 id="groups-title" tabIndex={-1}>{t('setup.sections.groups')}</h2>
        <Groups />
      </section>
      <section id="settings" className="panel" aria-labelledby="settings-title">
        <h2 id="settings-title" tabIndex={-1}>{t('setup.sections.settings')}</h2>
        <SettingsSection />
      </section>
      <section id="history" className="panel" aria-labelledby="history-title">
        <h2 id="history-title" tabIndex={-1}>{t('setup.sections.history')}</h2>
        <History campaign={campaign} />
      </section>
    </div>
  );
}
