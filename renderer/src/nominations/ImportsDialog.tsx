// The campaign's imports: each with its counts, its report (as it was given, kept with the import) and Undo. The
// campaign history's import lines open the same report (ImportReport).
import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView, UndoImportResult } from '../../../shared/contract/index.ts';
import { call } from '../api.ts';
import { describeError } from '../i18n/errors.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useCall } from '../lib/queries.ts';
import { refreshAfterChange } from './DetailActions.tsx';
import { Modal } from './Modal.tsx';
import { IssueList } from './wizard/IssueList.tsx';

/** One import's report read back from its record, with Undo. */
export function ImportReport({ campaign, importId, onDone, brief = false }: { campaign: CampaignView; importId: string; onDone?: (message: string) => void; brief?: boolean }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zone = campaign.settings.display.timeZone;
  const { data, error } = useCall('nominations.importReport', { campaignId: campaign.id, importId });
  const [asking, setAsking] = useState<UndoImportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (error) return <p className="field-error" role="alert">{describeError(error, t, { lang })}</p>;
  if (!data) return <p className="muted">{t('nominations.detail.loading')}</p>;
  const r = data.record;
  const undo = async (keep?: boolean) => {
    if (keep === undefined && !window.confirm(t('nominations.actions.undoConfirm', { file: r.file, sheet: r.sheet }))) return;
    setBusy(true);
    setProblem(null);
    try {
      const out = await call('nominations.undoImport', { campaignId: campaign.id, importId, ...(keep === undefined ? {} : { keep }) });
      if (!out.done) {
        setAsking(out);
        return;
      }
      setAsking(null);
      refreshAfterChange();
      onDone?.(t('nominations.actions.undoDone', { removed: out.removed, updated: out.updated, kept: out.kept }));
    } catch (err) {
      setProblem(describeError(err, t, { lang }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="nm-import-report" data-testid="stored-report">
      {brief ? null : (
        <>
          <p>{r.nominator ? t('nominations.actions.reportSheet', { sheet: r.sheet, nominator: r.nominator }) : t('nominations.actions.reportSheetNoNominator', { sheet: r.sheet })}</p>
          <p className="muted small">{t('nominations.actions.importWhen', { at: formatDateTime(r.at, lang, zone), actor: r.actor })} · {t('nominations.actions.importCounts', { ...r })}</p>
        </>
      )}
      {r.undone && !brief ? <p className="nm-note-warn">{t('nominations.actions.importUndone', { at: formatDateTime(r.undone.at, lang, zone), removed: r.undone.removed, kept: r.undone.kept })}</p> : null}
      {data.countsOnly ? <p className="muted">{t('nominations.actions.reportCountsOnly')}</p> : (
        <>
          {data.issueCount > data.issues.length ? <p className="muted small">{t('nominations.actions.reportMore', { count: data.issueCount, shown: data.issues.length })}</p> : null}
          <IssueList issues={data.issues} kind={campaign.kind} />
        </>
      )}
      {problem ? <p className="field-error" role="alert">{problem}</p> : null}
      {asking ? (
        <div className="nm-undo-ask" role="alertdialog" aria-label={t('nominations.actions.undo')} data-testid="undo-ask">
          <p>{t('nominations.actions.undoEdited', { count: asking.edited.length })}</p>
          <ul>{asking.edited.map((e) => <li key={e.id}>{e.label}</li>)}</ul>
          <div className="nm-inline">
            <button type="button" className="btn small primary" disabled={busy} onClick={() => void undo(true)}>{t('nominations.actions.undoKeep')}</button>
            <button type="button" className="btn small danger" disabled={busy} onClick={() => void undo(false)}>{t('nominations.actions.undoRemove')}</button>
            <button type="button" className="btn small" onClick={() => setAsking(null)}>{t('nominations.actions.cancel')}</button>
          </div>
        </div>
      ) : !r.undone ? (
        <div className="nm-inline">
          <button type="button" className="btn small danger" disabled={busy} onClick={() => void undo()} data-testid="undo-import">{t('nominations.actions.undo')}</button>
        </div>
      ) : null}
    </div>
  );
}

export function ImportReportDialog({ campaign, importId, onClose }: { campaign: CampaignView; importId: string; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const { data } = useCall('nominations.importReport', { campaignId: campaign.id, importId });
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Modal title={t('nominations.actions.reportTitle', { file: data?.record.file ?? '' })} onClose={onClose} testId="import-report-dialog" narrow={false}>
      {message ? <p className="nm-note-ok" role="status">{message}</p> : null}
      <ImportReport campaign={campaign} importId={importId} onDone={setMessage} />
    </Modal>
  );
}

export function ImportsDialog({ campaign, onClose }: { campaign: CampaignView; onClose: () => void }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zone = campaign.settings.display.timeZone;
  const { data, error } = useCall('nominations.imports', { campaignId: campaign.id });
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Modal title={t('nominations.actions.importsTitle')} onClose={onClose} testId="imports-dialog" narrow={false}>
      {message ? <p className="nm-note-ok" role="status">{message}</p> : null}
      {error ? <p className="field-error" role="alert">{describeError(error, t, { lang })}</p> : null}
      {data && data.imports.length === 0 ? <p className="muted">{t('nominations.actions.importsEmpty')}</p> : null}
      <ol className="nm-imports">
        {(data?.imports ?? []).map((r) => (
          <li key={r.id} className={r.undone ? 'nm-import nm-import--undone' : 'nm-import'}>
            <div className="nm-import-head">
              <strong>{r.file}</strong>
              <span>{r.nominator ? t('nominations.actions.reportSheet', { sheet: r.sheet, nominator: r.nominator }) : t('nominations.actions.reportSheetNoNominator', { sheet: r.sheet })}</span>
              <span className="muted small">{t('nominations.actions.importWhen', { at: formatDateTime(r.at, lang, zone), actor: r.actor })}</span>
              <button type="button" className="btn small" aria-expanded={open === r.id} onClick={() => setOpen((o) => (o === r.id ? null : r.id))}>{t('nominations.actions.report')}</button>
            </div>
            <p className="muted small">
              {t('nominations.actions.importCounts', { ...r })}
              {r.undone ? ` · ${t('nominations.actions.importUndone', { at: formatDateTime(r.undone.at, lang, zone), removed: r.undone.removed, kept: r.undone.kept })}` : ''}
            </p>
            {open === r.id ? <ImportReport campaign={campaign} importId={r.id} brief onDone={(m) => { setMessage(m); setOpen(null); }} /> : null}
          </li>
        ))}
      </ol>
    </Modal>
  );
}
