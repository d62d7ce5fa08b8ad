// The export of the rows with problems: its button (still focusable while it runs) and, while it runs, its progress.
import type { ReactElement, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobState } from '../useJob.ts';
import { InlineProgress } from './Progress.tsx';

interface RejectedExportProps {
  readonly buttonRef: RefObject<HTMLButtonElement | null>;
  readonly job: JobState | null;
  readonly updating: boolean;
  readonly onExport: () => void;
  readonly onCancel: () => void;
}

export function RejectedExport({ buttonRef, job, updating, onExport, onCancel }: RejectedExportProps): ReactElement {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="btn" ref={buttonRef} aria-disabled={job !== null || updating} onClick={() => { if (!updating) onExport(); }}
        title={t('nominations.wizard.exportRejectedHelp')}>
        {job ? t('nominations.toolbar.exporting') : t('nominations.wizard.exportRejected')}
      </button>
      {job ? <InlineProgress job={job} onCancel={onCancel} testId="rejected-progress" /> : null}
    </>
  );
}
