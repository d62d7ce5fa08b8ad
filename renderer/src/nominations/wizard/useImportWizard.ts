// The import wizard's state and actions: upload (the file crosses as bytes once), preview again with other choices
// (sheet, header row, mapping, nominator: main keeps the upload), import, another sheet from the report, and the
// export of the rows with problems.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView, ImportPreview, ImportReport } from '../../../../shared/contract/index.ts';
import { overrideMapping } from '../../../../shared/nominations/header.ts';
import { call, isApiError } from '../../api.ts';
import { describeError } from '../../i18n/errors.ts';
import { invalidate } from '../../lib/queries.ts';
import { downloadBytes, formatBytes, MAX_UPLOAD_BYTES } from '../format.ts';
import { useJob } from '../useJob.ts';
import { callArgs, NO_ARGS, PREVIEW_LIMIT, sheetKey } from './args.ts';
import type { Args } from './args.ts';

type Problem = { readonly err: unknown } | { readonly key: string; readonly opts?: Record<string, unknown> };

export function useImportWizard(campaign: CampaignView) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const kind = campaign.kind;
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const { job, run, cancel } = useJob();
  // The rows with problems, as a workbook: a job of its own, its progress beside its button (the preview stays).
  const rejected = useJob();
  const rejectedButton = useRef<HTMLButtonElement>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [args, setArgs] = useState<Args>(NO_ARGS);
  const [nominatorDraft, setNominatorDraft] = useState('');
  const [headerDraft, setHeaderDraft] = useState('');
  const [updating, setUpdating] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [note, setNote] = useState<string | null>(null);
  // The sheets imported in this session of the wizard (by upload and sheet), so the report offers only the rest.
  const [importedSheets, setImportedSheets] = useState<ReadonlySet<string>>(() => new Set());
  // Bumped when another sheet of the same upload is previewed from the report: focus goes to its mapping.
  const [focusMapping, setFocusMapping] = useState(0);
  const busy = job !== null;

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  // A new upload's preview: focus goes to its mapping, so keyboard and screen-reader users start there.
  const uploadId = preview?.uploadId ?? null;
  useEffect(() => {
    if (uploadId) document.getElementById('nm-mapping-title')?.focus();
  }, [uploadId]);
  useEffect(() => {
    if (focusMapping > 0) document.getElementById('nm-mapping-title')?.focus();
  }, [focusMapping]);

  const problemText = problem === null ? null : 'key' in problem ? t(problem.key, problem.opts) : describeError(problem.err, t, { lang });

  const showPreview = useCallback((p: ImportPreview, a: Args) => {
    setPreview(p);
    setArgs(a);
    setHeaderDraft(p.headerRow === null ? '' : String(p.headerRow));
    setNominatorDraft(a.nominator);
  }, []);

  /**
   * Rows that all name one nominator: that nominator's remembered mapping applies (and is remembered for it), so the
   * preview is asked again with it. A nominator already named stands.
   */
  const adoptNominator = useCallback(async (p: ImportPreview, a: Args): Promise<readonly [ImportPreview, Args]> => {
    if (a.nominator) return [p, a];
    const names = new Set(p.rows.map((r) => r.fields.nominator).filter((v): v is string => typeof v === 'string' && v.trim() !== ''));
    if (names.size === 1 && p.totals.good === p.rows.filter((r) => typeof r.fields.nominator === 'string').length) {
      const nominator = [...names][0]!;
      try {
        const again = await call('nominations.preview', { ...callArgs(campaign.id, p.uploadId, a), nominator, limit: PREVIEW_LIMIT });
        return [again, { ...a, nominator, adopted: true }];
      } catch {
        // The first preview stands.
      }
    }
    return [p, a];
  }, [campaign.id]);

  /** Preview again with other choices (no new upload). */
  const refresh = useCallback(async (next: Args) => {
    if (!preview) return;
    setUpdating(true);
    setProblem(null);
    try {
      const p = await call('nominations.preview', { ...callArgs(campaign.id, preview.uploadId, next), ...(next.nominator ? { nominator: next.nominator } : {}), limit: PREVIEW_LIMIT });
      showPreview(p, next);
    } catch (err) {
      if (isApiError(err) && err.code === 'UPLOAD_EXPIRED') {
        setPreview(null);
        setArgs(NO_ARGS);
      }
      setProblem({ err });
    } finally {
      setUpdating(false);
    }
  }, [preview, campaign.id, showPreview]);

  const upload = useCallback(async (file: File) => {
    setProblem(null);
    setReport(null);
    setPreview(null);
    setNote(null);
    if (file.size > MAX_UPLOAD_BYTES) {
      setProblem({ key: 'nominations.wizard.tooLarge', opts: { size: formatBytes(file.size) } });
      return;
    }
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const out = await run((jobId) => call('nominations.preview', { campaignId: campaign.id, file: { name: file.name || 'workbook.xlsx', bytes }, jobId, limit: PREVIEW_LIMIT }));
      if (!out.ok) {
        setNote(t('nominations.wizard.cancelled'));
        return;
      }
      const [p, a] = await adoptNominator(out.value, NO_ARGS);
      showPreview(p, a);
    } catch (err) {
      setProblem({ err });
    } finally {
      if (input.current) input.current.value = '';
    }
  }, [run, campaign.id, showPreview, adoptNominator, t]);

  /** The field each column of the sheet goes to (null: ignored), with the user's changes. */
  const mapping = useMemo(() => {
    if (!preview) return [] as (string | null)[];
    try {
      return [...overrideMapping(kind, preview.columns, args.mapping)];
    } catch {
      return preview.columns.map((c) => c.field);
    }
  }, [preview, args.mapping, kind]);

  const setField = (letter: string, field: string | null) => {
    const next = [...args.mapping.filter((o) => o.column !== letter), { column: letter, field }];
    void refresh({ ...args, mapping: next });
  };

  const doImport = async () => {
    if (!preview) return;
    setProblem(null);
    try {
      // The sheet previewed is the sheet imported (main would choose the same, but says so here).
      const a: Args = { ...args, sheet: preview.sheet };
      const out = await run((jobId) => call('nominations.import', { ...callArgs(campaign.id, preview.uploadId, a), ...(a.nominator ? { nominator: a.nominator } : {}), jobId }), 'mapping');
      if (!out.ok) {
        setNote(t('nominations.wizard.cancelled'));
        return;
      }
      const done = sheetKey(preview.uploadId, preview.sheet);
      setImportedSheets((had) => new Set(had).add(done));
      setReport(out.value);
      invalidate('nominations.list', 'nominations.get', 'campaigns.history', 'campaigns.list');
    } catch (err) {
      setProblem({ err });
    }
  };

  /** Another sheet of the same upload, from the report: previewed with the nominator, so its remembered layout applies. */
  const openSheet = async (name: string) => {
    if (!preview) return;
    setProblem(null);
    setNote(null);
    // A typed nominator stands for every sheet; one read from this sheet's rows is this sheet's only (issue 9 item 5).
    const next: Args = { ...NO_ARGS, nominator: args.adopted ? '' : args.nominator, sheet: name };
    try {
      const out = await run((jobId) => call('nominations.preview', { ...callArgs(campaign.id, preview.uploadId, next), ...(next.nominator ? { nominator: next.nominator } : {}), jobId, limit: PREVIEW_LIMIT }), 'mapping');
      if (!out.ok) {
        setNote(t('nominations.wizard.cancelled'));
        return;
      }
      const [p, a] = await adoptNominator(out.value, next);
      setReport(null);
      showPreview(p, a);
      setFocusMapping((n) => n + 1);
    } catch (err) {
      if (isApiError(err) && err.code === 'UPLOAD_EXPIRED') {
        setPreview(null);
        setReport(null);
        setArgs(NO_ARGS);
      }
      setProblem({ err });
    }
  };

  const exportRejected = async () => {
    if (!preview || rejected.job) return;
    setNote(null);
    try {
      const out = await rejected.run((jobId) => call('nominations.exportRejected', { ...callArgs(campaign.id, preview.uploadId, { ...args, sheet: preview.sheet }), jobId }), 'gathering');
      if (!out.ok) {
        setNote(t('nominations.exportCancelled'));
        return;
      }
      downloadBytes(out.value.name, out.value.bytes);
      setNote(t('nominations.exported', { name: out.value.name }));
    } catch (err) {
      setProblem({ err });
    }
  };
  const cancelRejected = () => {
    rejected.cancel();
    // The Cancel button goes away: the keyboard stays on the export's button.
    rejectedButton.current?.focus();
  };

  const chooseAnother = () => {
    setPreview(null);
    setReport(null);
    setArgs(NO_ARGS);
    setProblem(null);
    setNote(null);
    window.setTimeout(() => input.current?.click(), 0);
  };

  const close = () => {
    if (busy) cancel();
    if (rejected.job) rejected.cancel();
    dialog.current?.close();
  };

  const wasImported = (name: string) => preview !== null && importedSheets.has(sheetKey(preview.uploadId, name));

  return {
    dialog, input, rejectedButton, job, cancel, busy, rejectedJob: rejected.job,
    problemText, note, preview, args, report, updating, mapping,
    headerDraft, setHeaderDraft, nominatorDraft, setNominatorDraft,
    upload, refresh, setField, doImport, openSheet, exportRejected, cancelRejected, chooseAnother, close, wasImported,
  };
}

export type ImportWizardState = ReturnType<typeof useImportWizard>;

/** The export of the rows with problems, as its button needs it. */
export function rejectedExportProps(w: ImportWizardState) {
  return { buttonRef: w.rejectedButton, job: w.rejectedJob, updating: w.updating, onExport: () => void w.exportRejected(), onCancel: w.cancelRejected };
}
