// Above the preview: the file, and the choices that preview it again (sheet, header row, nominator).
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../shared/contract/index.ts';
import { NO_ARGS } from './args.ts';
import type { ImportWizardState } from './useImportWizard.ts';

export function PreviewBar({ w, preview }: { w: ImportWizardState; preview: ImportPreview }): ReactElement {
  const { t } = useTranslation();
  const { args, updating, headerDraft, nominatorDraft, refresh } = w;
  const sheetSummary = preview.sheets.find((s) => s.name === preview.sheet);
  return (
    <div className="nm-preview-bar">
      <span className="nm-file"><span className="muted">{t('nominations.wizard.file')}</span> <strong>{preview.file}</strong></span>
      <label className="nm-inline">
        <span>{t('nominations.wizard.sheet')}</span>
        <select value={preview.sheet} disabled={updating} onChange={(e) => void refresh({ ...NO_ARGS, nominator: args.nominator, sheet: e.currentTarget.value })}>
          {preview.sheets.map((s) => <option key={s.name} value={s.name}>{t('nominations.wizard.sheetOption', { name: s.name, rows: s.rows })}</option>)}
        </select>
      </label>
      <form className="nm-inline" onSubmit={(e) => {
        e.preventDefault();
        const n = Number(headerDraft);
        if (Number.isInteger(n) && n >= 1 && n <= (sheetSummary?.rows ?? 1_000_000)) void refresh({ ...NO_ARGS, nominator: args.nominator, sheet: preview.sheet, headerRow: n });
      }}>
        <label className="nm-inline" title={t('nominations.wizard.headerRowHelp')}>
          <span>{t('nominations.wizard.headerRow')}</span>
          <input className="num tiny" inputMode="numeric" value={headerDraft} onChange={(e) => w.setHeaderDraft(e.currentTarget.value)} aria-label={t('nominations.wizard.headerRow')} />
          {t('nominations.wizard.headerRowSuffix') ? <span>{t('nominations.wizard.headerRowSuffix')}</span> : null}
        </label>
        <button type="submit" className="btn small" disabled={updating || headerDraft === String(preview.headerRow ?? '')}>{t('nominations.wizard.apply')}</button>
      </form>
      <form className="nm-inline" onSubmit={(e) => { e.preventDefault(); void refresh({ ...args, nominator: nominatorDraft.trim() }); }}>
        <label className="nm-inline" title={t('nominations.wizard.nominatorHelp')}>
          <span>{t('nominations.wizard.nominator')}</span>
          <input type="text" value={nominatorDraft} placeholder={t('nominations.wizard.nominatorPlaceholder')} onChange={(e) => w.setNominatorDraft(e.currentTarget.value)}
            onBlur={() => { if (nominatorDraft.trim() !== args.nominator) void refresh({ ...args, nominator: nominatorDraft.trim() }); }} />
        </label>
      </form>
    </div>
  );
}
