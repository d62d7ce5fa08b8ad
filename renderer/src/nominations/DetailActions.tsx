// A nomination's actions in its detail panel: accept an import problem, withdraw (with a note) or take back, delete
// (after a confirmation). Each goes through its contract entry and is recorded in the history.
import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { NominationDetail } from '../../../shared/contract/index.ts';
import { acceptedProblems, type AcceptedProblem } from '../../../shared/nominations/problems.ts';
import { call } from '../api.ts';
import { describeError } from '../i18n/errors.ts';
import { formatDateTime } from '../i18n/format.ts';
import { invalidate } from '../lib/queries.ts';

/** What every change of the list makes stale: the list, the details, the campaign's history and its last change. */
export function refreshAfterChange(): void {
  invalidate('nominations.list', 'nominations.get', 'nominations.imports', 'campaigns.history', 'campaigns.list');
}

export function AcceptProblem({ campaignId, id, problemKey, onError }: { campaignId: string; id: string; problemKey: string; onError: (m: string) => void }): ReactElement {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <button type="button" className="btn small quiet nm-accept" disabled={busy} title={t('nominations.actions.acceptTitle')} data-testid="accept-problem"
      onClick={() => {
        setBusy(true);
        call('nominations.acceptProblem', { campaignId, id, key: problemKey })
          .then(refreshAfterChange, (err: unknown) => onError(describeError(err, t, { lang: i18n.language })))
          .finally(() => setBusy(false));
      }}>
      {t('nominations.actions.accept')}
    </button>
  );
}

/** The import problems accepted so far, each with who and when, and a way back (an accept by mistake). */
export function AcceptedProblems({ campaignId, detail, zone, describe, onError }: {
  campaignId: string; detail: NominationDetail; zone: string; describe: (p: AcceptedProblem) => string; onError: (m: string) => void;
}): ReactElement | null {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const list = acceptedProblems(detail.nomination);
  if (list.length === 0) return null;
  return (
    <div className="nm-accepted" data-testid="accepted-problems">
      <h5>{t('nominations.actions.acceptedList')}</h5>
      <ul className="nm-accepted-list">
        {list.map((p) => (
          <li key={p.key} className="nm-accepted-item muted">
            {describe(p)} <span className="small">({t('nominations.actions.acceptedBy', { actor: p.actor, at: formatDateTime(p.at, i18n.language, zone) })})</span>{' '}
            <button type="button" className="btn small quiet" disabled={busy} title={t('nominations.actions.reopenTitle')} data-testid="reopen-problem"
              onClick={() => {
                setBusy(true);
                call('nominations.reopenProblem', { campaignId, id: detail.id, key: p.key })
                  .then(refreshAfterChange, (err: unknown) => onError(describeError(err, t, { lang: i18n.language })))
                  .finally(() => setBusy(false));
              }}>
              {t('nominations.actions.reopen')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function WithdrawDelete({ campaignId, detail, zone, onDeleted }: { campaignId: string; detail: NominationDetail; zone: string; onDeleted: (label: string) => void }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const w = detail.nomination.withdrawn ?? null;
  const [note, setNote] = useState('');
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      refreshAfterChange();
      return true;
    } catch (err) {
      setError(describeError(err, t, { lang }));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async () => {
    if (note.trim() === '') {
      setError(t('nominations.actions.withdrawNoteRequired'));
      return;
    }
    if (await run(() => call('nominations.withdraw', { campaignId, id: detail.id, withdrawn: true, note: note.trim() }))) {
      setOpen(false);
      setNote('');
    }
  };
  const remove = async () => {
    if (!window.confirm(t('nominations.actions.deleteConfirm', { label: detail.label }))) return;
    if (await run(() => call('nominations.delete', { campaignId, id: detail.id }))) onDeleted(detail.label);
  };
  return (
    <section className="nm-actions" data-testid="nomination-actions">
      {w ? (
        <p className="nm-withdrawn" data-testid="withdrawn-note">
          <span className="nm-badge nm-status--ineligible">{t('nominations.actions.withdrawnBadge')}</span>{' '}
          {t('nominations.actions.withdrawn', { note: w.note, actor: w.actor, at: formatDateTime(w.at, lang, zone) })}
        </p>
      ) : null}
      {open && !w ? (
        <form className="nm-withdraw-form" onSubmit={(e) => { e.preventDefault(); void withdraw(); }}>
          <label className="nm-block">
            <span>{t('nominations.actions.withdrawNote')}</span>
            <textarea rows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="withdraw-note" />
          </label>
          <div className="nm-inline">
            <button type="submit" className="btn small primary" disabled={busy}>{t('nominations.actions.withdrawSave')}</button>
            <button type="button" className="btn small" onClick={() => { setOpen(false); setError(null); }}>{t('nominations.actions.cancel')}</button>
          </div>
        </form>
      ) : null}
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      <div className="nm-inline">
        {w ? (
          <button type="button" className="btn small" disabled={busy} onClick={() => void run(() => call('nominations.withdraw', { campaignId, id: detail.id, withdrawn: false }))}>{t('nominations.actions.restore')}</button>
        ) : !open ? (
          <button type="button" className="btn small" onClick={() => setOpen(true)}>{t('nominations.actions.withdraw')}</button>
        ) : null}
        <button type="button" className="btn small danger" disabled={busy} onClick={() => void remove()}>{t('nominations.actions.delete')}</button>
      </div>
    </section>
  );
}
