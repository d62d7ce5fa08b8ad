// The list of problems: sheet, row, column, field, what is wrong; a click goes to the cell in the preview.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView, PreviewRow } from '../../../../shared/contract/index.ts';
import type { ImportIssue } from '../../../../shared/nominations/map-rows.ts';
import { cellName, fieldName, issueText } from '../format.ts';

export function IssueList({ issues, kind, onJump, fateOf }: { issues: readonly ImportIssue[]; kind: CampaignView['kind']; onJump?: (i: ImportIssue) => void; fateOf?: (row: number) => PreviewRow['fate'] | undefined }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (issues.length === 0) return <p className="muted">{t('nominations.wizard.noIssues')}</p>;
  const shown = issues.slice(0, 500);
  return (
    <div className="nm-issues-scroll">
      <table className="list-table nm-issues" data-testid="import-issues">
        <thead>
          <tr>
            <th>{t('nominations.wizard.issueColumns.sheet')}</th>
            <th className="col-num">{t('nominations.wizard.issueColumns.row')}</th>
            <th>{t('nominations.wizard.issueColumns.column')}</th>
            <th>{t('nominations.wizard.issueColumns.field')}</th>
            <th>{t('nominations.wizard.issueColumns.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((i, n) => {
            // What happens to the row is its fate: an 'error' on a row that still imports (keyed by its DOI) is a warning.
            const fate = fateOf?.(i.row);
            const severity = fate === undefined || fate === 'rejected' ? i.severity : 'warning';
            return (
            <tr key={`${i.row}-${i.column}-${i.code}-${n}`} className={severity === 'error' ? 'nm-issue-error' : 'nm-issue-warning'}>
              <td>{i.sheet}</td>
              <td className="col-num">{i.row}</td>
              <td>{i.column || '—'}</td>
              <td>{fieldName(kind, i.field, lang)}</td>
              <td>
                {onJump && i.column ? (
                  <button type="button" className="link-button" onClick={() => onJump(i)} title={t('nominations.wizard.jump', { cell: cellName(i) })}>
                    {issueText(i, kind, t, lang)}
                  </button>
                ) : issueText(i, kind, t, lang)}
                <span className="nm-severity"> · {t(`nominations.severity.${severity}`)}</span>
              </td>
            </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
