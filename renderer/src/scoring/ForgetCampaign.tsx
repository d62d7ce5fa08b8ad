import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MySheet } from '../../../shared/contract/scoring.ts';
import { call } from '../api.ts';
import { describeError } from '../i18n/errors.ts';
import { invalidate } from '../lib/queries.ts';
import { navigate } from '../lib/route.ts';
import { useWords } from './messages.ts';

/**
 * "Remove this campaign from this laptop", once the sheet is submitted: a dialog says in words what goes and what
 * stays; main refuses too (never submitted, changed since), and the refusal is worded here at render.
 */
export function ForgetCampaign({ sheet }: { sheet: MySheet }) {
  const { w, fill } = useWords();
  const [asking, setAsking] = useState(false);
  const submitted = sheet.seq > 0 && sheet.submittedAt !== null;
  return (
    <div className="forget-campaign">
      <button type="button" className="btn" disabled={!submitted} onClick={() => setAsking(true)} data-testid="forget-campaign"
        aria-describedby={submitted ? undefined : 'forget-why'}>{w.forget}</button>
      {submitted ? null : <span id="forget-why" className="muted"> {w.forgetWhy}</span>}
      {asking ? <ForgetDialog sheet={sheet} title={fill(w.forgetTitle, { campaign: sheet.campaignName })} onClose={() => setAsking(false)} /> : null}
    </div>
  );
}

function ForgetDialog({ sheet, title, onClose }: { sheet: MySheet; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { w, fill } = useWords();
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
    return () => d?.close?.();
  }, []);
  async function forget() {
    setBusy(true);
    setProblem(null);
    try {
      await call('scoring.forget', { campaignId: sheet.campaignId });
      invalidate('campaigns.list', 'campaigns.get');
      navigate({ page: 'home' });
    } catch (err) {
      setProblem(err);
      setBusy(false);
    }
  }
  return (
    <dialog ref={ref} className="forget-dialog" aria-labelledby="forget-title" onCancel={(e) => { e.preventDefault(); onClose(); }} data-testid="forget-dialog">
      <h2 id="forget-title">{title}</h2>
      <p className="forget-goes">{w.forgetGoes}</p>
      <p>{fill(w.forgetStays, { seq: sheet.seq })}</p>
      <p className="muted">{w.forgetUndo}</p>
      {problem ? <p className="field-error" role="alert" data-testid="forget-problem">{describeError(problem, t)}</p> : null}
      <div className="forget-actions">
        <button type="button" className="btn" onClick={onClose} autoFocus>{w.cancel}</button>
        <button type="button" className="btn danger" disabled={busy} onClick={() => void forget()} data-testid="forget-confirm">{w.forgetConfirm}</button>
      </div>
    </dialog>
  );
}
