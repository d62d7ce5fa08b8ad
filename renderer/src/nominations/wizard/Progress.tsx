// Progress of a job: the wizard's own (a step of its own, with Cancel), and an export's beside its button.
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobState } from '../useJob.ts';

export function Progress({ job, onCancel }: { job: JobState; onCancel: () => void }): ReactElement {
  const { t } = useTranslation();
  const pct = job.fraction === null ? null : Math.round(job.fraction * 100);
  return (
    <div className="nm-progress" data-testid="import-progress">
      <p role="status" aria-live="polite">{t(`nominations.wizard.stages.${job.stage}`)}{pct !== null ? ` ${pct}%` : ''}</p>
      <div className={`nm-progress-bar${pct === null ? ' indeterminate' : ''}`} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined}
        aria-label={t(`nominations.wizard.stages.${job.stage}`)}>
        <span style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
      <button type="button" className="btn" onClick={onCancel}>{t('nominations.wizard.cancel')}</button>
    </div>
  );
}

/**
 * An export's progress beside its button: the stage in words (a polite live region: said once per stage, not per
 * percent), a bar, and Cancel. Shown only after a moment, so a small export does not flash it.
 */
/** `words`: what the caller's step calls the stage (the nominations' words otherwise). */
export function InlineProgress({ job, onCancel, testId, words: own }: { job: JobState; onCancel: () => void; testId?: string; words?: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setShown(true), 300);
    return () => window.clearTimeout(timer);
  }, []);
  if (!shown) return null;
  const pct = job.fraction === null ? null : Math.round(job.fraction * 100);
  const words = own ?? t(`nominations.wizard.stages.${job.stage}`);
  return (
    <span className="nm-inline-progress" data-testid={testId}>
      <span role="status" aria-live="polite">{words}</span>
      {pct !== null ? <span aria-hidden="true">{pct}%</span> : null}
      <span className={`nm-progress-bar${pct === null ? ' indeterminate' : ''}`} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined}
        aria-label={words}>
        <span style={pct === null ? undefined : { width: `${pct}%` }} />
      </span>
      <button type="button" className="btn small" onClick={onCancel} aria-label={t('nominations.cancelExport')}>{t('nominations.wizard.cancel')}</button>
    </span>
  );
}
