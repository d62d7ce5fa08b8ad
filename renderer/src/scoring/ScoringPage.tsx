import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView } from '../../../shared/contract/index.ts';
import { call, isApiError } from '../api.ts';
import { describeError } from '../i18n/errors.ts';
import { invalidate, useCall } from '../lib/queries.ts';
import { navigate } from '../lib/route.ts';
import { Board } from './Board.tsx';
import { ExpertSheet } from './ExpertSheet.tsx';
import { useWords } from './messages.ts';

/** The scoring step: on the expert's workstation their sheet; on the secretary's, the board. */
export function ScoringPage({ campaign }: { campaign: CampaignView }) {
  const { t } = useTranslation();
  const { data, error } = useCall('scoring.mine', { campaignId: campaign.id });
  if (data) return <ExpertSheet sheet={data} />;
  if (error && isApiError(error) && error.code === 'SCORING_NOT_EXPERT_WORKSTATION') return <Board campaignId={campaign.id} />;
  if (error) return <p className="field-error" role="alert">{describeError(error, t)}</p>;
  return <p className="muted">{t('app.loading')}</p>;
}

/** On the home page: an expert opens the score sheet they were sent (asked first on a secretary's workstation). */
export function OpenScoreSheet() {
  const { t } = useTranslation();
  const { w } = useWords();
  // The error itself, worded at render: switching 中文/English rewords it.
  const [problem, setProblem] = useState<unknown>(null);
  async function open(file: File, confirm = false): Promise<void> {
    setProblem(null);
    try {
      const mine = await call('scoring.open', { file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, ...(confirm ? { confirm } : {}) });
      invalidate('campaigns.list', 'campaigns.get');
      navigate({ page: 'step', campaignId: mine.campaignId, step: 'scoring' });
    } catch (err) {
      if (isApiError(err) && err.code === 'SCORING_CONFIRM_EXPERT_WORKSTATION' && window.confirm(w.confirmOpen)) return open(file, true);
      setProblem(err);
    }
  }
  return (
    <div className="page">
      <div className="panel" data-testid="open-score-sheet">
        <p>{w.openIntro}</p>
        <label className="btn">
          {w.open}
          <input type="file" accept=".xlsx" className="visually-hidden" data-testid="open-sheet-input"
            onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void open(f); }} />
        </label>
        {problem ? <p className="field-error" role="alert" data-testid="open-sheet-problem">{describeError(problem, t)}</p> : null}
      </div>
    </div>
  );
}
