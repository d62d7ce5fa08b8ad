import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView, ConflictRow, PanelOverview } from '../../../shared/contract/index.ts';
import { conflictKindWord, conflictReasonWords, conflictStateWord } from '../../../shared/panel/words.ts';
import { call } from '../api.ts';
import { useCall, invalidate } from '../lib/queries.ts';
import { describeError } from '../i18n/errors.ts';
import { useJob } from '../nominations/useJob.ts';
import { InstitutionsForm } from './InstitutionsForm.tsx';

export function ConflictsTab({ campaign, overview, reload }: { campaign: CampaignView; overview: PanelOverview; reload: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useCall('conflicts.list', { campaignId: campaign.id });
  const matrix = useCall('panel.matrix', { campaignId: campaign.id });
  const { job, run, cancel } = useJob();
  const [problem, setProblem] = useState<unknown>(null);
  const [dismissing, setDismissing] = useState<ConflictRow | null>(null);
  const [note, setNote] = useState('');
  const [onlyConfirm, setOnlyConfirm] = useState(false);
  const refresh = async () => {
    invalidate('conflicts.list', 'panel.matrix');
    await reload();
  };
  const act = async (fn: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await fn();
      await refresh();
    } catch (err) { setProblem(err); }
  };
  const detect = () => act(async () => { await run((jobId) => call('conflicts.detect', { campaignId: campaign.id, jobId })); });
  const decide = (c: ConflictRow, decision: 'dismiss' | 'confirm', text = '') =>
    act(() => call('conflicts.decide', { campaignId: campaign.id, itemId: c.itemId, expertId: c.expertId, kind: c.kind, code: c.reason.code, decision, note: text }));
  const rows = (list.data?.conflicts ?? []).filter((c) => !onlyConfirm || c.state === 'confirm');
  const c = overview.conflicts;
  return (
    <section aria-label={t('panelPage.tabs.conflicts')}>
      <div className="pn-toolbar">
        <button type="button" className="btn primary" data-testid="detect" onClick={() => void detect()} disabled={job !== null}>{job ? t('panelPage.conflicts.detecting') : t('panelPage.conflicts.detect')}</button>
        {job ? <span role="status">{t(`panelPage.stages.${job.stage}`)} <button type="button" className="btn" onClick={cancel}>{t('panelPage.conflicts.cancel')}</button></span> : null}
        <span data-testid="conflict-counts">{t('panelPage.conflicts.counts', c)}</span>
        <label><input type="checkbox" checked={onlyConfirm} onChange={(e) => setOnlyConfirm(e.target.checked)} /> {t('panelPage.conflicts.filter')}</label>
      </div>
      {problem ? <p className="field-error" role="alert">{describeError(problem, t)}</p> : null}
      {dismissing ? (
        <form className="pn-form" onSubmit={(e) => { e.preventDefault(); const d = dismissing; setDismissing(null); void decide(d, 'dismiss', note); }}>
          <label>{t('panelPage.conflicts.noteLabel', { expert: dismissing.expertName, item: dismissing.itemLabel })}
            <input value={note} onChange={(e) => setNote(e.target.value)} required aria-label={t('panelPage.conflicts.notePrompt')} />
          </label>
          <button type="submit" className="btn primary">{t('panelPage.conflicts.saveDismiss')}</button>
          <button type="button" className="btn" onClick={() => setDismissing(null)}>{t('panelPage.experts.cancel')}</button>
        </form>
      ) : null}
      {rows.length === 0 ? <p className="muted">{t('panelPage.conflicts.empty')}</p> : (
        <table className="pn-table" aria-label={t('panelPage.conflicts.list')}>
          <thead><tr>
            <th>{t('panelPage.conflicts.expert')}</th><th>{t('panelPage.conflicts.item')}</th><th>{t('panelPage.conflicts.kind')}</th>
            <th>{t('panelPage.conflicts.reason')}</th><th>{t('panelPage.conflicts.state')}</th><th>{t('panelPage.conflicts.note')}</th><th>{t('panelPage.conflicts.actions')}</th>
          </tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.itemId}|${r.expertId}|${r.kind}|${r.reason.code}`} data-testid="conflict-row">
                <td>{r.expertName}</td><td>{r.itemLabel}</td><td>{conflictKindWord(r.kind, lang)}</td>
                <td>{conflictReasonWords(r.reason, lang)}</td>
                <td className={`pn-state-${r.state}`}>{conflictStateWord(r.state, lang)}</td>
                <td>{r.note}</td>
                <td>
                  {r.state === 'declared' ? <button type="button" className="btn" onClick={() => void act(() => call('conflicts.withdraw', { campaignId: campaign.id, itemId: r.itemId, expertId: r.expertId }))}>{t('panelPage.conflicts.withdraw')}</button> : null}
                  {r.state === 'confirm' || r.state === 'dismissed' ? <button type="button" className="btn" onClick={() => void decide(r, 'confirm')}>{t('panelPage.conflicts.confirm')}</button> : null}
                  {r.state === 'confirm' || r.state === 'detected' ? <button type="button" className="btn" onClick={() => { setNote(''); setDismissing(r); }}>{t('panelPage.conflicts.dismiss')}</button> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Declare experts={overview.experts.map((e) => ({ id: e.id, name: e.name }))} items={matrix.data?.items ?? []}
        onDeclare={(itemId, expertId, text) => act(() => call('conflicts.declare', { campaignId: campaign.id, itemId, expertId, note: text }))} />
      <InstitutionsForm additions={overview.additions}
        onAdd={(entry) => act(async () => {
          await call('institutions.add', { campaignId: campaign.id, ...entry });
          // The new names count at once: conflicts are found again with them.
          await run((jobId) => call('conflicts.detect', { campaignId: campaign.id, jobId }));
        })} />
    </section>
  );
}

function Declare({ experts, items, onDeclare }: { experts: { id: string; name: string }[]; items: readonly { id: string; label: string }[]; onDeclare: (itemId: string, expertId: string, note: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [expert, setExpert] = useState('');
  const [item, setItem] = useState('');
  const [note, setNote] = useState('');
  return (
    <form className="pn-form" aria-label={t('panelPage.conflicts.declareTitle')} onSubmit={(e) => { e.preventDefault(); void onDeclare(item, expert, note).then(() => setNote('')); }}>
      <h2>{t('panelPage.conflicts.declareTitle')}</h2>
      <label>{t('panelPage.conflicts.declareExpert')}
        <select value={expert} onChange={(e) => setExpert(e.target.value)} required>
          <option value="">{t('panelPage.conflicts.choose')}</option>
          {experts.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <label>{t('panelPage.conflicts.declareItem')}
        <select value={item} onChange={(e) => setItem(e.target.value)} required>
          <option value="">{t('panelPage.conflicts.choose')}</option>
          {items.map((x) => <option key={x.id} value={x.id}>{x.label}</option>)}
        </select>
      </label>
      <label>{t('panelPage.conflicts.declareNote')}<input value={note} onChange={(e) => setNote(e.target.value)} required /></label>
      <button type="submit" className="btn primary">{t('panelPage.conflicts.declare')}</button>
    </form>
  );
}
