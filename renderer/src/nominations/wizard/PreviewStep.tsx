// The preview step: the choices bar, the mapping, the rows with their fates and problems, near matches, and import.
import { useCallback, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView, ImportPreview, PreviewRow } from '../../../../shared/contract/index.ts';
import type { ImportIssue } from '../../../../shared/nominations/map-rows.ts';
import { Grid, gridLabelsEn, gridLabelsZh } from '../../grid/index.ts';
import type { GridHandle } from '../../grid/index.ts';
import { PREVIEW_LIMIT } from './args.ts';
import { IssueList } from './IssueList.tsx';
import { MappingSection } from './MappingSection.tsx';
import { NearMatches } from './NearMatches.tsx';
import { PreviewBar } from './PreviewBar.tsx';
import { RejectedExport } from './RejectedExport.tsx';
import { rejectedExportProps } from './useImportWizard.ts';
import type { ImportWizardState } from './useImportWizard.ts';
import { useFates, usePreviewGrid } from './usePreviewGrid.ts';

const FATES = ['new', 'adds-nominator', 'updates', 'unchanged', 'duplicate', 'rejected'] as const;

interface PreviewStepProps {
  readonly w: ImportWizardState;
  readonly preview: ImportPreview;
  readonly kind: CampaignView['kind'];
  /**
   * The preview's grid, problems and near matches render just after its totals and mapping, in the background
   * (React yields between rows), and are laid out in a frame of their own: a big preview never holds the page long.
   */
  readonly settled: boolean;
}

export function PreviewStep({ w, preview, kind, settled }: PreviewStepProps): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const gridRef = useRef<GridHandle>(null);
  const { updating } = w;
  const grid = usePreviewGrid(preview, w.mapping, kind);
  const { fateOf, fateCounts } = useFates(preview);
  const jump = useCallback((i: ImportIssue) => {
    gridRef.current?.setActiveCell(String(i.row), i.column || 'fate');
    gridRef.current?.focus();
  }, []);
  const importable = preview.totals.good - preview.rows.filter((r) => r.fate === 'duplicate').length;
  const allUnchanged = preview.totals.good > 0 && preview.rows.length > 0 && preview.rows.every((r) => r.fate === 'unchanged' || r.fate === 'duplicate' || r.fate === 'rejected')
    && preview.rows.some((r) => r.fate === 'unchanged');
  // Per-fate counts only when the preview holds every row; otherwise main's totals.
  const complete = preview.rows.length >= preview.totals.rows;

  return (
    <div className={`nm-preview${updating ? ' updating' : ''}`} aria-busy={updating}>
      <PreviewBar w={w} preview={preview} />
      {preview.headerRow === null ? <p className="field-error" role="alert">{t('nominations.wizard.noHeader')}</p> : null}
      <div className="nm-preview-main">
        <MappingSection w={w} preview={preview} />
        <section className="nm-rows" aria-labelledby="nm-preview-title">
          <h3 id="nm-preview-title">{t('nominations.wizard.previewTitle')}</h3>
          <p className="muted small">{t('nominations.wizard.previewHelp')}</p>
          <ul className="nm-totals" data-testid="preview-totals">
            <li>{t('nominations.wizard.totals.rows', { count: preview.totals.rows })}</li>
            {complete
              ? FATES.map((f) => (fateCounts.get(f) ?? 0) > 0 || f === 'new' || f === 'rejected'
                ? <li key={f} className={`nm-fate nm-fate--${f}`} data-fate={f}>{t(`nominations.fates.${f}`)} {f === 'rejected' ? preview.totals.rejected : (fateCounts.get(f) ?? 0)}</li>
                : null)
              : (
                <>
                  <li className="nm-fate nm-fate--new">{t('nominations.wizard.totals.new', { count: preview.totals.new })}</li>
                  {preview.totals.existing > 0 ? <li className="nm-fate nm-fate--updates">{t('nominations.wizard.totals.existing', { count: preview.totals.existing })}</li> : null}
                  <li className="nm-fate nm-fate--rejected">{t('nominations.wizard.totals.rejected', { count: preview.totals.rejected })}</li>
                </>
              )}
            {preview.totals.skipped > 0 ? <li className="muted">{t('nominations.wizard.totals.skipped', { count: preview.totals.skipped })}</li> : null}
          </ul>
          {allUnchanged ? <p className="nm-note-ok" role="status">{t('nominations.wizard.allUnchanged')}</p> : null}
          {settled ? <Grid<PreviewRow>
            ref={gridRef}
            rows={preview.rows}
            columns={grid.columns}
            getRowId={(r) => String(r.row)}
            cellError={grid.cellError}
            labels={lang === 'en' ? gridLabelsEn : gridLabelsZh}
            ariaLabel={t('nominations.wizard.previewTitle')}
            rowNumbers={false}
            height={300}
            className="nm-preview-grid"
          /> : <div className="nm-preview-pending" aria-busy="true" />}
          {preview.rows.length >= PREVIEW_LIMIT && preview.totals.rows > preview.rows.length ? <p className="muted small">{t('nominations.wizard.moreRows', { shown: preview.rows.length, total: preview.totals.rows })}</p> : null}
        </section>
      </div>
      <section className="nm-issues-section" aria-labelledby="nm-issues-title">
        <h3 id="nm-issues-title">{t('nominations.wizard.issuesTitle', { count: preview.issues.length })}</h3>
        {settled ? <IssueList issues={preview.issues} kind={kind} onJump={jump} fateOf={fateOf} /> : null}
      </section>
      {settled && preview.nearMatches.length > 0 ? <NearMatches preview={preview} /> : null}
      <div className="nm-actions">
        <button type="button" className="btn primary" disabled={updating || importable <= 0} onClick={() => void w.doImport()} data-testid="import-confirm">
          {t('nominations.wizard.importRows', { count: Math.max(0, importable) })}
        </button>
        {preview.issues.length > 0 ? <RejectedExport {...rejectedExportProps(w)} /> : null}
        <button type="button" className="btn quiet" onClick={w.chooseAnother}>{t('nominations.wizard.chooseAnother')}</button>
        <button type="button" className="btn quiet" onClick={w.close}>{t('nominations.wizard.cancel')}</button>
      </div>
    </div>
  );
}
