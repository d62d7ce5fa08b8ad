// The report after an import: what was imported, updated, unchanged, rejected; the problems; the file's other sheets.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView, ImportPreview, ImportReport } from '../../../../shared/contract/index.ts';
import { IssueList } from './IssueList.tsx';
import { OtherSheets } from './OtherSheets.tsx';
import { RejectedExport } from './RejectedExport.tsx';
import { rejectedExportProps } from './useImportWizard.ts';
import type { ImportWizardState } from './useImportWizard.ts';
import { useFates } from './usePreviewGrid.ts';

export function ReportStep({ w, report, preview, kind }: { w: ImportWizardState; report: ImportReport; preview: ImportPreview; kind: CampaignView['kind'] }): ReactElement {
  const { t } = useTranslation();
  const { fateOf } = useFates(preview);
  const nothing = report.import === null && report.imported === 0 && report.updated === 0;
  // Done takes the keyboard unless another sheet is offered (its button does).
  const sheetsOffered = report.sheets.some((s) => s.name !== preview.sheet && s.skip === null && !w.wasImported(s.name));
  return (
    <div className="nm-report" data-testid="import-report">
      <h3>{t('nominations.wizard.reportTitle')}</h3>
      <p className="muted small" data-testid="report-sheet">{t('nominations.wizard.reportSheet', { file: preview.file, sheet: preview.sheet })}</p>
      {nothing ? (
        <p className="nm-report-line nm-report-nothing" role="status">{report.unchanged > 0 ? t('nominations.wizard.reportNothing') : t('nominations.wizard.reportNothingRejected')}</p>
      ) : null}
      <p className="nm-report-line" role={nothing ? undefined : 'status'}>
        {t('nominations.wizard.report', { imported: report.imported, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected })}
        {report.duplicates > 0 ? ` ${t('nominations.wizard.reportDuplicates', { count: report.duplicates })}` : ''}
      </p>
      {report.issues.length > 0 ? (
        <>
          <p>{t('nominations.wizard.reportIssues', { count: report.issues.length })}</p>
          <IssueList issues={report.issues} kind={kind} fateOf={fateOf} />
        </>
      ) : null}
      <OtherSheets sheets={report.sheets} current={preview.sheet} imported={w.wasImported} onOpen={(name) => void w.openSheet(name)} />
      <div className="form-actions">
        <button type="button" className="btn primary" onClick={w.close} autoFocus={!sheetsOffered}>{t('nominations.wizard.done')}</button>
        {report.issues.length > 0 ? <RejectedExport {...rejectedExportProps(w)} /> : null}
        <button type="button" className="btn" onClick={w.chooseAnother}>{t('nominations.wizard.importAnother')}</button>
      </div>
    </div>
  );
}
