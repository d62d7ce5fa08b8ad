// The report's list of the file's other sheets.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SheetSummary } from '../../../../shared/contract/index.ts';

/**
 * The report's list of the file's other sheets: those with rows still to import (one click previews each), those
 * imported in this session of the wizard, and those passed over with the reason (instructions, empty, blank template).
 */
export function OtherSheets({ sheets, current, imported, onOpen }: { sheets: readonly SheetSummary[]; current: string; imported: (name: string) => boolean; onOpen: (name: string) => void }): ReactElement | null {
  const { t } = useTranslation();
  const others = sheets.filter((s) => s.name !== current);
  if (others.length === 0) return null;
  const offered = others.filter((s) => s.skip === null && !imported(s.name));
  const done = others.filter((s) => imported(s.name));
  const skipped = others.filter((s) => s.skip !== null && !imported(s.name));
  const hidden = (s: SheetSummary) => (s.hidden ? t('nominations.wizard.sheetHidden') : '');
  return (
    <section className="nm-other-sheets" aria-labelledby="nm-other-sheets-title" data-testid="report-sheets">
      <h4 id="nm-other-sheets-title">{t('nominations.wizard.otherSheetsTitle')}</h4>
      {offered.length > 0 ? <p className="muted small">{t('nominations.wizard.otherSheetsHelp')}</p> : <p role="status">{t('nominations.wizard.allSheetsDone')}</p>}
      <ul className="nm-sheet-list">
        {offered.map((s, n) => (
          <li key={s.name} data-sheet={s.name}>
            {/* The next sheet to import is where the keyboard starts. */}
            <button type="button" className="btn" autoFocus={n === 0} onClick={() => onOpen(s.name)}>
              {t('nominations.wizard.previewSheet', { name: s.name, count: s.dataRows })}
            </button>
            {hidden(s)}
          </li>
        ))}
        {done.map((s) => <li key={s.name} data-sheet={s.name} className="muted">{t('nominations.wizard.sheetImported', { name: s.name })}</li>)}
        {skipped.map((s) => (
          <li key={s.name} data-sheet={s.name} data-skip={s.skip} className="muted">
            {t('nominations.wizard.sheetSkipped', { name: s.name, reason: t(`nominations.wizard.skipReasons.${s.skip}`) })}{hidden(s)}
          </li>
        ))}
      </ul>
    </section>
  );
}
