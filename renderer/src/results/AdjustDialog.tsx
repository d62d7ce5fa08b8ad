import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultRow } from '../../../shared/contract/index.ts';
import { call } from '../api.ts';
import { describeError } from '../i18n/errors.ts';
import { Dialog } from './Dialog.tsx';

type Kind = 'select' | 'deselect' | 'move';

/** A manual adjustment of one item: only with a reason, which the history keeps. */
export function AdjustDialog({ campaignId, row, onClose, onSaved }: { campaignId: string; row: ResultRow; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>(row.status === 'selected' ? 'deselect' : 'select');
  const [toRank, setToRank] = useState(String(row.rank ?? 1));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('results.adjust', { campaignId, itemId: row.id, kind, reason, ...(kind === 'move' ? { toRank: Number(toRank) } : {}) });
      onSaved();
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('results.adjust.title', { label: row.label })} onClose={onClose} closeLabel={t('results.adjust.cancel')} testId="adjust">
      <form className="rs-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <label>{t('results.adjust.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} name="kind">
            {(['select', 'deselect', 'move'] as const).map((k) => <option key={k} value={k}>{t(`results.adjust.kinds.${k}`)}</option>)}
          </select>
        </label>
        {kind === 'move' ? (
          <label>{t('results.adjust.toRank')}
            <input type="number" min={1} className="num" value={toRank} onChange={(e) => setToRank(e.target.value)} name="toRank" />
          </label>
        ) : null}
        <label>{t('results.adjust.reason')}
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} name="reason" required />
        </label>
        {error ? <p className="field-error" role="alert">{error}</p> : null}
        <p>
          <button type="submit" className="btn primary" disabled={busy || reason.trim() === ''}>{t('results.adjust.save')}</button>{' '}
          <button type="button" className="btn" onClick={onClose}>{t('results.adjust.cancel')}</button>
        </p>
      </form>
    </Dialog>
  );
}
