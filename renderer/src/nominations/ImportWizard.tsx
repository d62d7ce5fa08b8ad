// The import wizard: choose a workbook, see how its columns map and every problem on its cell, import, see the
// report. The file crosses as bytes once; later previews (another sheet, header row, mapping, nominator) reuse
// the upload main keeps.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView, ImportPreview, ImportReport, PreviewRow, SheetSummary } from '../../../shared/contract/index.ts';
import type { ImportIssue } from '../../../shared/nominations/map-rows.ts';
import { overrideMapping, type MappingOverride } from '../../../shared/nominations/header.ts';
import { call, isApiError } from '../api.ts';
import { Grid, gridLabelsEn, gridLabelsZh } from '../grid/index.ts';
import type { GridColumn, GridHandle } from '../grid/index.ts';
import { describeError } from '../i18n/errors.ts';
import { invalidate } from '../lib/queries.ts';
import { cellName, downloadBytes, fieldName, formatBytes, formatCount, formatValue, issueText, MAX_UPLOAD_BYTES } from './format.ts';
import { useJob, type JobState } from './useJob.ts';

const PREVIEW_LIMIT = 1000;

interface Args {
  readonly sheet?: string;
  readonly headerRow?: number;
  readonly mapping: readonly MappingOverride[];
  readonly nominator: string;
}

const NO_ARGS: Args = { mapping: [], nominator: '' };

type Problem = { readonly err: unknown } | { readonly key: string; readonly opts?: Record<string, unknown> };


/** A sheet of an upload, as the wizard remembers which it has imported. */
const sheetKey = (uploadId: string, sheet: string) => `${uploadId}\u0000${sheet}`;

/**
 * The report's list of the file's other sheets: those with rows still to import (one click previews each), those
 * imported in this session of the wizard, and those passed over with the reason (instructions, empty, blank template).
 */
function OtherSheets({ sheets, current, imported, onOpen }: { sheets: readonly SheetSummary[]; current: string; imported: (name: string) => boolean; onOpen: (name: string) => void }) {
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

function callArgs(campaignId: string, uploadId: string, a: Args) {
  return {
    campaignId,
    uploadId,
    ...(a.sheet !== undefined ? { sheet: a.sheet } : {}),
    ...(a.headerRow !== undefined ? { headerRow: a.headerRow } : {}),
    ...(a.mapping.length > 0 ? { mapping: [...a.mapping] } : {}),
  };
}

function Progress({ job, onCancel }: { job: JobState; onCancel: () => void }) {
  const { t } = useTranslation();
  const pct = job.fraction === null ? null : Math.round(job.fraction * 100);
  return (
    <div className="nm-progress" data-testid="import-progress">
      <p role="status" aria-live="polite">{t(`nominations.wizard.stages.${job.stage}`)}{pct !== null ? ` ${pct}%` : ''}</p>
      <div className={`nm-progress-bar${pct === null ? ' indeterminate' : ''}`} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined}
        aria-label={t(`nominations.wizard.stages.${job.stage}`)}>
        <span style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
      <button type="button" className="btn" onClick={onCancel}>{t('nominations.wizard.cancel')}</button>
    </div>
  );
}


/**
 * An export's progress beside its button: the stage in words (a polite live region: said once per stage, not per
 * percent), a bar, and Cancel. Shown only after a moment, so a small export does not flash it.
 */
export function InlineProgress({ job, onCancel, testId }: { job: JobState; onCancel: () => void; testId?: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setShown(true), 300);
    return () => window.clearTimeout(timer);
  }, []);
  if (!shown) return null;
  const pct = job.fraction === null ? null : Math.round(job.fraction * 100);
  const words = t(`nominations.wizard.stages.${job.stage}`);
  return (
    <span className="nm-inline-progress" data-testid={testId}>
      <span role="status" aria-live="polite">{words}</span>
      {pct !== null ? <span aria-hidden="true">{pct}%</span> : null}
      <span className={`nm-progress-bar${pct === null ? ' indeterminate' : ''}`} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined}
        aria-label={words}>
        <span style={pct === null ? undefined : { width: `${pct}%` }} />
      </span>
      <button type="button" className="btn small" onClick={onCancel} aria-label={t('nominations.cancelExport')}>{t('nominations.wizard.cancel')}</button>
    </span>
  );
}

/** The list of problems: sheet, row, column, field, what is wrong; a click goes to the cell in the preview. */
function IssueList({ issues, kind, onJump, fateOf }: { issues: readonly ImportIssue[]; kind: CampaignView['kind']; onJump?: (i: ImportIssue) => void; fateOf?: (row: number) => PreviewRow['fate'] | undefined }) {
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

export function ImportWizard({ campaign, onClose }: { campaign: CampaignView; onClose: () => void }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const kind = campaign.kind;
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const gridRef = useRef<GridHandle>(null);
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
  const [dragging, setDragging] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  // The sheets imported in this session of the wizard (by upload and sheet), so the report offers only the rest.
  const [importedSheets, setImportedSheets] = useState<ReadonlySet<string>>(() => new Set());
  // Bumped when another sheet of the same upload is previewed from the report: focus goes to its mapping.
  const [focusMapping, setFocusMapping] = useState(0);
  const busy = job !== null;
  // The preview's grid, problems and near matches render just after its totals and mapping, in the background
  // (React yields between rows), and are laid out in a frame of their own: a big preview never holds the page long.
  const settledPreview = useDeferredValue(preview);
  const previewSettled = settledPreview === preview;

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
        return [again, { ...a, nominator }];
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

  const mapping = useMemo(() => {
    if (!preview) return [] as (string | null)[];
    try {
      return [...overrideMapping(kind, preview.columns, args.mapping)];
    } catch {
      return preview.columns.map((c) => c.field);
    }
  }, [preview, args.mapping, kind]);

  const mappedColumns = useMemo(() => (preview ? preview.columns.filter((c) => mapping[c.column]) : []), [preview, mapping]);

  const issuesByCell = useMemo(() => {
    const m = new Map<string, ImportIssue[]>();
    for (const i of preview?.issues ?? []) {
      const k = `${i.row}:${i.column || '*'}`;
      const l = m.get(k) ?? [];
      l.push(i);
      m.set(k, l);
    }
    return m;
  }, [preview]);

  const cellIssues = useCallback((row: PreviewRow, columnId: string): ImportIssue[] => {
    if (columnId === 'fate') {
      // Problems of the whole row (no column): a required column missing from the sheet, a repeated row.
      return issuesByCell.get(`${row.row}:*`) ?? [];
    }
    return issuesByCell.get(`${row.row}:${columnId}`) ?? [];
  }, [issuesByCell]);

  const lettersWithIssues = useMemo(() => new Set((preview?.issues ?? []).map((i) => i.column).filter(Boolean)), [preview]);

  const gridColumns = useMemo<GridColumn<PreviewRow>[]>(() => {
    const cols: GridColumn<PreviewRow>[] = [
      { id: 'row', header: t('nominations.wizard.row'), accessor: (r) => r.row, type: 'number', width: 64, resizable: false },
      {
        id: 'fate', header: t('nominations.wizard.fate'), accessor: (r) => r.fate, width: 120,
        format: (v) => t(`nominations.fates.${String(v)}`),
        cellClassName: (v) => `nm-fate nm-fate--${String(v)}`,
      },
    ];
    for (const c of mappedColumns) {
      const field = mapping[c.column]!;
      cols.push({
        id: c.letter,
        header: `${c.letter} · ${fieldName(kind, field, lang)}`,
        description: `${c.letter}: ${c.header} → ${fieldName(kind, field, lang)}`,
        accessor: (r) => (r.cells ? (r.cells[c.letter] ?? '') : formatValue(r.fields[field])),
        // A column with problems is wider, so the words in its cells can be read.
        width: field === 'title' || field === 'name' ? 260 : lettersWithIssues.has(c.letter) ? 240 : field === 'authors' ? 160 : 130,
        // A problem is written in its cell, after the value (the bad value itself was not kept).
        format: (v, r) => {
          const list = issuesByCell.get(`${r.row}:${c.letter}`);
          if (!list || list.length === 0) return String(v ?? '');
          const words = list.map((i) => issueText(i, kind, t, lang)).join('；');
          return v ? `${String(v)} ⚠ ${words}` : `⚠ ${words}`;
        },
      });
    }
    return cols;
  }, [mappedColumns, mapping, kind, lang, t, issuesByCell, lettersWithIssues]);

  const cellError = useCallback((row: PreviewRow, columnId: string): string | null => {
    const list = cellIssues(row, columnId);
    if (list.length === 0) return null;
    return list.map((i) => `${cellName({ row: i.row, column: i.column || '' })} ${issueText(i, kind, t, lang)}`).join('\n');
  }, [cellIssues, kind, t, lang]);

  const jump = useCallback((i: ImportIssue) => {
    gridRef.current?.setActiveCell(String(i.row), i.column || 'fate');
    gridRef.current?.focus();
  }, []);

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
      invalidate('nominations.list', 'nominations.get');
    } catch (err) {
      setProblem({ err });
    }
  };

  /** Another sheet of the same upload, from the report: previewed with the nominator, so its remembered layout applies. */
  const openSheet = async (name: string) => {
    if (!preview) return;
    setProblem(null);
    setNote(null);
    const next: Args = { ...NO_ARGS, nominator: args.nominator, sheet: name };
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
  /** The export of the rows with problems: its button (still focusable while it runs) and, while it runs, its progress. */
  const rejectedExport = (
    <>
      <button type="button" className="btn" ref={rejectedButton} aria-disabled={rejected.job !== null || updating} onClick={() => { if (!updating) void exportRejected(); }}
        title={t('nominations.wizard.exportRejectedHelp')}>
        {rejected.job ? t('nominations.toolbar.exporting') : t('nominations.wizard.exportRejected')}
      </button>
      {rejected.job ? <InlineProgress job={rejected.job} onCancel={cancelRejected} testId="rejected-progress" /> : null}
    </>
  );

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f && !busy) void upload(f);
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

  const labels = lang === 'en' ? gridLabelsEn : gridLabelsZh;
  const missingRequired = preview
    ? preview.fields.filter((f) => f.required && !mapping.includes(f.id) && !(f.id === 'nominator' && args.nominator)).map((f) => (lang === 'en' ? f.en : f.zh))
    : [];
  const samplesOf = (letter: string, column: number): string => {
    const field = mapping[column];
    const own = preview?.columns.find((c) => c.letter === letter)?.samples;
    if (own && own.length > 0) return own.slice(0, 3).join(' · ');
    if (!field || !preview) return '';
    const vals: string[] = [];
    for (const r of preview.rows) {
      const v = formatValue(r.fields[field]);
      if (v && !vals.includes(v)) vals.push(v);
      if (vals.length >= 2) break;
    }
    return vals.join(' · ');
  };
  const importable = preview ? preview.totals.good - (preview.rows.filter((r) => r.fate === 'duplicate').length) : 0;
  const allUnchanged = preview !== null && preview.totals.good > 0 && preview.rows.length > 0 && preview.rows.every((r) => r.fate === 'unchanged' || r.fate === 'duplicate' || r.fate === 'rejected')
    && preview.rows.some((r) => r.fate === 'unchanged');
  // Per-fate counts only when the preview holds every row; otherwise main's totals.
  const complete = preview !== null && preview.rows.length >= preview.totals.rows;
  const fates = useMemo(() => new Map((preview?.rows ?? []).map((r) => [r.row, r.fate])), [preview]);
  const fateOf = useCallback((row: number) => fates.get(row), [fates]);
  const fateCounts = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of preview?.rows ?? []) m.set(r.fate, (m.get(r.fate) ?? 0) + 1);
    return m;
  }, [preview]);

  let body: ReactElement;
  if (job) {
    body = <Progress job={job} onCancel={cancel} />;
  } else if (report && preview) {
    const nothing = report.import === null && report.imported === 0 && report.updated === 0;
    body = (
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
        <OtherSheets sheets={report.sheets} current={preview.sheet} imported={(name) => importedSheets.has(sheetKey(preview.uploadId, name))} onOpen={(name) => void openSheet(name)} />
        <div className="form-actions">
          <button type="button" className="btn primary" onClick={close} autoFocus={!report.sheets.some((s) => s.name !== preview.sheet && s.skip === null && !importedSheets.has(sheetKey(preview.uploadId, s.name)))}>{t('nominations.wizard.done')}</button>
          {report.issues.length > 0 ? rejectedExport : null}
          <button type="button" className="btn" onClick={chooseAnother}>{t('nominations.wizard.importAnother')}</button>
        </div>
      </div>
    );
  } else if (preview) {
    const sheetSummary = preview.sheets.find((s) => s.name === preview.sheet);
    body = (
      <div className={`nm-preview${updating ? ' updating' : ''}`} aria-busy={updating}>
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
              <input className="num tiny" inputMode="numeric" value={headerDraft} onChange={(e) => setHeaderDraft(e.currentTarget.value)} aria-label={t('nominations.wizard.headerRow')} />
              {t('nominations.wizard.headerRowSuffix') ? <span>{t('nominations.wizard.headerRowSuffix')}</span> : null}
            </label>
            <button type="submit" className="btn small" disabled={updating || headerDraft === String(preview.headerRow ?? '')}>{t('nominations.wizard.apply')}</button>
          </form>
          <form className="nm-inline" onSubmit={(e) => { e.preventDefault(); void refresh({ ...args, nominator: nominatorDraft.trim() }); }}>
            <label className="nm-inline" title={t('nominations.wizard.nominatorHelp')}>
              <span>{t('nominations.wizard.nominator')}</span>
              <input type="text" value={nominatorDraft} placeholder={t('nominations.wizard.nominatorPlaceholder')} onChange={(e) => setNominatorDraft(e.currentTarget.value)}
                onBlur={() => { if (nominatorDraft.trim() !== args.nominator) void refresh({ ...args, nominator: nominatorDraft.trim() }); }} />
            </label>
          </form>
        </div>
        {preview.headerRow === null ? <p className="field-error" role="alert">{t('nominations.wizard.noHeader')}</p> : null}
        <div className="nm-preview-main">
          <section className="nm-mapping" aria-labelledby="nm-mapping-title">
            <h3 id="nm-mapping-title" tabIndex={-1}>{t('nominations.wizard.mappingTitle')}</h3>
            <p className={`nm-mapping-source nm-mapping-source--${preview.mappingSource}`} data-testid="mapping-source">
              {preview.mappingSource === 'remembered' ? t('nominations.wizard.mappingRemembered', { nominator: args.nominator })
                : preview.mappingSource === 'given' ? t('nominations.wizard.mappingGiven') : t('nominations.wizard.mappingGuessed')}
            </p>
            {missingRequired.length > 0 ? <p className="field-error" data-testid="missing-required">{t('nominations.wizard.missingRequired', { fields: missingRequired.join('、') })}</p> : null}
            <div className="nm-mapping-scroll">
              <table className="grid-table nm-mapping-table">
                <thead>
                  <tr>
                    <th>{t('nominations.wizard.column')}</th>
                    <th>{t('nominations.wizard.header')}</th>
                    <th>{t('nominations.wizard.field')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.columns.map((c) => {
                    const field = mapping[c.column] ?? null;
                    const samples = samplesOf(c.letter, c.column);
                    return (
                      <tr key={c.letter} className={field ? 'mapped' : 'unmapped'}>
                        <td className="nm-letter">{c.letter}</td>
                        <td>
                          <div className="nm-header-text" title={c.header || undefined}>{c.header || <span className="muted">{t('nominations.detail.empty')}</span>}</div>
                          {samples ? <div className="nm-samples" title={t('nominations.wizard.samples')}>{samples}</div> : null}
                        </td>
                        <td>
                          <select value={field ?? ''} disabled={updating} aria-label={t('nominations.wizard.changeField', { letter: c.letter, header: c.header })}
                            data-column={c.letter} onChange={(e) => setField(c.letter, e.currentTarget.value || null)}>
                            <option value="">{t('nominations.wizard.ignore')}</option>
                            {preview.fields.map((f) => (
                              <option key={f.id} value={f.id}>{f.required ? t('nominations.wizard.requiredMark', { label: lang === 'en' ? f.en : f.zh }) : (lang === 'en' ? f.en : f.zh)}</option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
          <section className="nm-rows" aria-labelledby="nm-preview-title">
            <h3 id="nm-preview-title">{t('nominations.wizard.previewTitle')}</h3>
            <p className="muted small">{t('nominations.wizard.previewHelp')}</p>
            <ul className="nm-totals" data-testid="preview-totals">
              <li>{t('nominations.wizard.totals.rows', { count: preview.totals.rows })}</li>
              {complete
                ? (['new', 'adds-nominator', 'updates', 'unchanged', 'duplicate', 'rejected'] as const).map((f) => (fateCounts.get(f) ?? 0) > 0 || f === 'new' || f === 'rejected'
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
            {previewSettled ? <Grid<PreviewRow>
              ref={gridRef}
              rows={preview.rows}
              columns={gridColumns}
              getRowId={(r) => String(r.row)}
              cellError={cellError}
              labels={labels}
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
          {previewSettled ? <IssueList issues={preview.issues} kind={kind} onJump={jump} fateOf={fateOf} /> : null}
        </section>
        {previewSettled && preview.nearMatches.length > 0 ? (
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
        ) : null}
        <div className="nm-actions">
          <button type="button" className="btn primary" disabled={updating || importable <= 0} onClick={() => void doImport()} data-testid="import-confirm">
            {t('nominations.wizard.importRows', { count: Math.max(0, importable) })}
          </button>
          {preview.issues.length > 0 ? rejectedExport : null}
          <button type="button" className="btn quiet" onClick={chooseAnother}>{t('nominations.wizard.chooseAnother')}</button>
          <button type="button" className="btn quiet" onClick={close}>{t('nominations.wizard.cancel')}</button>
        </div>
      </div>
    );
  } else {
    body = (
      <div className={`nm-drop${dragging ? ' dragging' : ''}`} onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}
        data-testid="import-drop">
        <p>{t('nominations.wizard.drop')}</p>
        <label className="btn primary nm-file-button">
          {t('nominations.wizard.choose')}
          <input ref={input} type="file" className="visually-hidden" data-testid="import-file"
            accept=".xlsx,.xls,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
            onChange={(e) => { const f = e.currentTarget.files?.[0]; if (f) void upload(f); }} />
        </label>
        <p className="muted small">{t('nominations.wizard.accepts')}</p>
      </div>
    );
  }

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
