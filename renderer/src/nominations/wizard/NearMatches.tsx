// Rows much like a nomination already in the campaign or another row of the file.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../shared/contract/index.ts';
import { formatCount } from '../format.ts';

export function NearMatches({ preview }: { preview: ImportPreview }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section className="nm-near-section" aria-labelledby="nm-near-title" data-testid="preview-near">
      <h3 id="nm-near-title">{t(preview.nearPairs.truncated ? 'nominations.wizard.nearTitleAtLeast' : 'nominations.wizard.nearTitle', { total: formatCount(preview.nearPairs.total, lang) })}</h3>
      <p className="muted small">{t('nominations.wizard.nearHelp')}</p>
      <ul>
        {/* Main sends the most alike (PREVIEW_NEAR_SHOWN of them) and counts the rest. */}
        {preview.nearMatches.map((m, n) => (
          <li key={`${m.row}-${m.otherId ?? 'file'}-${n}`}>
            {t('nominations.wizard.nearRow', { row: m.row, label: m.label, other: m.otherLabel, percent: Math.round(m.similarity * 100) })}
            {m.otherId === null ? ` ${t('nominations.wizard.nearInFile')}` : ''}
          </li>
        ))}
        {preview.nearPairs.total > preview.nearMatches.length ? (
          <li className="muted" data-testid="preview-near-more">
            {t(preview.nearPairs.truncated ? 'nominations.wizard.nearShownAtLeast' : 'nominations.wizard.nearShown', {
              shown: formatCount(preview.nearMatches.length, lang),
              total: formatCount(preview.nearPairs.total, lang),
            })}
          </li>
        ) : null}
      </ul>
    </section>
  );
}
