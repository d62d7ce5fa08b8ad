import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecoveryReport } from '../../../shared/contract/index.ts';
import { call } from '../api.ts';
import { useProblem } from '../i18n/useProblem.ts';
import { invalidate, setCallData, useCall } from '../lib/queries.ts';

/** What the store found on opening: said plainly, per campaign, never silently. */
export function RecoveryBanners() {
  const { data } = useCall('store.status', {});
  const list = useCall('campaigns.list', {});
  if (!data || data.recoveries.length === 0) return null;
  return (
    <div className="recoveries">
      {data.recoveries.map((r) => (
        <RecoveryBanner key={r.campaignId} report={r} name={list.data?.campaigns.find((c) => c.id === r.campaignId)?.name ?? r.campaignId} />
      ))}
    </div>
  );
}

function RecoveryBanner({ report: r, name }: { report: RecoveryReport; name: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [armed, setArmed] = useState(false);
  const [restoredSeq, setRestoredSeq] = useState<number | null>(null);
  const [error, setError] = useProblem();

  async function restore() {
    setBusy(true);
    try {
      const { restoredSeq } = await call('store.restoreBackup', { campaignId: r.campaignId });
      setRestoredSeq(restoredSeq);
      setError(null);
      invalidate('campaigns.get', 'campaigns.list', 'campaigns.history');
    } catch (e) {
      setError({ err: e });
    } finally {
      setBusy(false);
      setArmed(false);
    }
  }

  async function dismiss() {
    setBusy(true);
    try {
      setCallData('store.status', {}, await call('store.dismissRecovery', { campaignId: r.campaignId }));
    } catch (e) {
      setError({ err: e });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="notice notice-recovery" role="alert" aria-label={t('recovery.title', { campaign: name })} data-recovery={r.campaignId}>
      <div className="notice-body">
        <strong>{t('recovery.title', { campaign: name })}</strong>
        <p>{t(`recovery.kinds.${r.kind}`)} {r.entriesReplayed > 0 ? t('recovery.kept', { count: r.entriesReplayed }) : t('recovery.keptAll')}</p>
        {r.preserved.length ? <p className="small">{t('recovery.preserved', { files: r.preserved.join(', ') })}</p> : null}
        {restoredSeq !== null ? <p className="ok-text" role="status">{t('recovery.restored', { seq: restoredSeq })}</p> : null}
        {error ? <p className="field-error">{error}</p> : null}
        {armed ? <p><strong>{t('recovery.restoreConfirm')}</strong></p> : null}
      </div>
      <div className="notice-actions">
        {r.backupAvailable && restoredSeq === null ? (
          armed ? (
            <>
              <button type="button" className="btn primary" disabled={busy} onClick={() => void restore()}>{t('recovery.restore')}</button>
              <button type="button" className="btn" onClick={() => setArmed(false)}>{t('common.cancel')}</button>
            </>
          ) : <button type="button" className="btn" disabled={busy} onClick={() => setArmed(true)}>{t('recovery.restore')}</button>
        ) : !r.backupAvailable ? <span className="muted small">{t('recovery.noBackup')}</span> : null}
        <button type="button" className="btn quiet" disabled={busy} onClick={() => void dismiss()}>{t('recovery.dismiss')}</button>
      </div>
    </section>
  );
}
