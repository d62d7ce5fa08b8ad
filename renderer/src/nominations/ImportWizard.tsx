// The import wizard: choose a workbook, see how its columns map and every problem on its cell, import, see the
// report. The steps and parts live in ./wizard: the state and actions (useImportWizard), the file choice, the
// progress, the preview (choices bar, mapping, rows grid, problems, near matches) and the report (other sheets).
import { useDeferredValue } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView } from '../../../shared/contract/index.ts';
import { FileChoice } from './wizard/FileChoice.tsx';
import { PreviewStep } from './wizard/PreviewStep.tsx';
import { Progress } from './wizard/Progress.tsx';
import { ReportStep } from './wizard/ReportStep.tsx';
import { useImportWizard } from './wizard/useImportWizard.ts';

export function ImportWizard({ campaign, onClose }: { campaign: CampaignView; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const w = useImportWizard(campaign);
  const { dialog, input, job, cancel, preview, report, busy, problemText, note, close } = w;
  // A new preview renders its grid and lists a moment later (PreviewStep).
  const settledPreview = useDeferredValue(preview);

  let body: ReactElement;
  if (job) body = <Progress job={job} onCancel={cancel} />;
  else if (report && preview) body = <ReportStep w={w} report={report} preview={preview} kind={campaign.kind} />;
  else if (preview) body = <PreviewStep w={w} preview={preview} kind={campaign.kind} settled={settledPreview === preview} />;
  else body = <FileChoice inputRef={input} busy={busy} onFile={(f) => void w.upload(f)} />;

  return (
    <dialog ref={dialog} className="nm-dialog" aria-labelledby="nm-wizard-title" onClose={onClose}
      onCancel={(e) => { if (busy) { e.preventDefault(); cancel(); } }}>
      <header className="nm-dialog-head">
        <h2 id="nm-wizard-title">{t('nominations.wizard.title')}</h2>
        <button type="button" className="btn quiet" onClick={close} aria-label={t('nominations.wizard.close')}>✕</button>
      </header>
      <div className="nm-dialog-body">
        {problemText ? (
          <div className="nm-problem" role="alert" data-testid="import-problem">
            <p>{problemText}</p>
            {!preview ? <p className="muted">{t('nominations.wizard.nothingChanged')}</p> : null}
          </div>
        ) : null}
        {note ? <p className="nm-note-ok" role="status">{note}</p> : null}
        {body}
      </div>
    </dialog>
  );
}
