// The nominations step: the list of nominations in the grid (filters, status counts, columns, edit in place),
// the detail panel of the active row, the import wizard and the export.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView, NominationRow } from '../../../shared/contract/index.ts';
import type { NominationStatus } from '../../../shared/nominations/record.ts';
import { call } from '../api.ts';
import { Grid, gridLabelsEn, gridLabelsZh } from '../grid/index.ts';
import type { CellEdit, EditOutcome, GridHandle, RefusedCell } from '../grid/index.ts';
import { describeError } from '../i18n/errors.ts';
import { invalidate, setCallData, useCall } from '../lib/queries.ts';
import { PREF_KEYS, useFlag } from '../lib/prefs.ts';
import { useShortcuts } from '../lib/shortcuts.ts';
import { defaultVisibility, nominationColumns } from './columns.ts';
import { Detail } from './Detail.tsx';
import { downloadBytes, editErrorText, formatCount, LabelIndex, STATUS_ORDER } from './format.ts';
import { ImportWizard } from './ImportWizard.tsx';
import { AddDialog } from './AddDialog.tsx';
import { ImportsDialog } from './ImportsDialog.tsx';
import { NearBar } from './NearBar.tsx';
import { InlineProgress } from './wizard/Progress.tsx';
import { useJob } from './useJob.ts';
import './nominations.css';

type Visibility = Record<string, boolean>;
type Sizing = Record<string, number>;

function readPref<T>(key: string, fallback: T): T {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw ? { ...fallback, ...(JSON.parse(raw) as T) } : fallback;
  } catch {
    return fallback;
  }
}

function writePref(key: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value));
  } catch {
    // no storage: holds for this session
  }
}

interface Filters {
  readonly text: string;
  readonly discipline: string;
  readonly nominator: string;
  readonly status: NominationStatus | '';
}

const NO_FILTERS: Filters = { text: '', discipline: '', nominator: '', status: '' };

export function NominationsPage({ campaign }: { campaign: CampaignView }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const kind = campaign.kind;
  const gridRef = useRef<GridHandle>(null);
  const chooser = useRef<HTMLDetailsElement>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [textDraft, setTextDraft] = useState('');
  const [wizard, setWizard] = useState(false);
  const [dialog, setDialog] = useState<'add' | 'imports' | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  // "Hide details" is remembered (lib/prefs.ts).
  const [detailHidden, setDetailHidden] = useFlag(PREF_KEYS.detailHidden, false);
  const showDetail = !detailHidden;
  const searchBox = useRef<HTMLInputElement>(null);
  // Ctrl/Cmd+F goes to the search box (as in Excel's Find), the text selected for typing over.
  useShortcuts([{ keys: { mod: true, code: 'KeyF', label: 'F' }, run: () => { searchBox.current?.focus(); searchBox.current?.select(); } }]);
  // The export runs as a job (a 20,000-row list takes seconds): its progress beside the button, with Cancel.
  const exporter = useJob();
  const exportButton = useRef<HTMLButtonElement>(null);
  const exporting = exporter.job !== null;
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const prefKey = `paneldesk.nominations.${kind}`;
  const [visibility, setVisibility] = useState<Visibility>(() => readPref(`${prefKey}.columns`, defaultVisibility(kind)));
  const [sizing, setSizing] = useState<Sizing>(() => readPref(`${prefKey}.sizes`, {}));

  // The column chooser closes on a click elsewhere or Escape, as a menu does.
  useEffect(() => {
    const close = (e: Event) => {
      const d = chooser.current;
      if (!d?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !d.contains(e.target as Node)) d.open = false;
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);

  // Typing in the search box asks again once the typing pauses.
  useEffect(() => {
    const timer = window.setTimeout(() => setFilters((f) => (f.text === textDraft.trim() ? f : { ...f, text: textDraft.trim() })), 250);
    return () => window.clearTimeout(timer);
  }, [textDraft]);

  const listArgs = useMemo(() => ({
    campaignId: campaign.id,
    ...(filters.text ? { text: filters.text } : {}),
    ...(filters.discipline ? { discipline: filters.discipline } : {}),
    ...(filters.nominator ? { nominator: filters.nominator } : {}),
    ...(filters.status ? { status: filters.status } : {}),
  }), [campaign.id, filters]);
  const { data, error, loading } = useCall('nominations.list', listArgs);
  // While a new filter is fetched, the last answer stays on screen.
  const [shown, setShown] = useState(data);
  if (data && data !== shown) setShown(data);
  const list = data ?? shown;
  const rows = list?.items ?? EMPTY_ROWS;
  const dataRef = useRef(data);
  useEffect(() => { dataRef.current = data; }, [data]);

  // One index of labels for the page's life: the columns stay the same when the rows change (a saved edit), so
  // the grid keeps every unchanged row as it was.
  const [labels] = useState(() => new LabelIndex());
  labels.take(rows);
  // Indexing 20,000 labels takes a task of its own, not a part of the grid's first render.
  useEffect(() => {
    const timer = window.setTimeout(() => labels.warm(), 0);
    return () => window.clearTimeout(timer);
  }, [labels, rows]);
  const columns = useMemo(() => nominationColumns(kind, t, lang, labels), [kind, t, lang, labels]);

  const onEdit = useCallback(async (edits: CellEdit[]): Promise<EditOutcome> => {
    const refused: RefusedCell[] = [];
    const updated = new Map<string, NominationRow>();
    for (const e of edits) {
      const value = e.value === null || e.value === undefined ? null : typeof e.value === 'number' ? e.value : String(e.value);
      try {
        const row = await call('nominations.edit', { campaignId: campaign.id, id: e.rowId, field: e.columnId, value: value === '' ? null : value });
        updated.set(row.id, row);
      } catch (err) {
        refused.push({ rowId: e.rowId, columnId: e.columnId, message: () => editErrorText(err, kind, i18n.t, i18n.language) });
      }
    }
    const current = dataRef.current;
    if (updated.size > 0 && current) {
      const statuses = { ...current.facets.statuses };
      const items = current.items.map((r) => {
        const next = updated.get(r.id);
        if (!next) return r;
        statuses[r.status]--;
        statuses[next.status]++;
        return next;
      });
      setCallData('nominations.list', listArgs, { ...current, items, facets: { ...current.facets, statuses } });
      invalidate('nominations.get', 'campaigns.history', 'campaigns.list');
    } else if (updated.size > 0) {
      // No answer yet for these filters (a load in flight may have read the rows before the edit): ask again.
      invalidate('nominations.list', 'nominations.get', 'campaigns.history', 'campaigns.list');
    }
    return { refused };
  }, [campaign.id, kind, i18n, listArgs]);

  const onVisibility = useCallback((v: Visibility) => {
    setVisibility(v);
    writePref(`${prefKey}.columns`, v);
  }, [prefKey]);
  const onSizing = useCallback((s: Sizing) => {
    setSizing(s);
    writePref(`${prefKey}.sizes`, s);
  }, [prefKey]);

  const exportList = async () => {
    if (exporter.job) return;
    setProblem(null);
    setMessage(null);
    try {
      const out = await exporter.run((jobId) => call('nominations.export', { campaignId: campaign.id, jobId }), 'gathering');
      if (!out.ok) {
        setMessage(t('nominations.exportCancelled'));
        return;
      }
      downloadBytes(out.value.name, out.value.bytes);
      setMessage(t('nominations.exported', { name: out.value.name }));
    } catch (err) {
      setProblem(err);
    }
  };
  const cancelExport = () => {
    exporter.cancel();
    // The Cancel button goes away: the keyboard stays on the export's button.
    exportButton.current?.focus();
  };

  const statuses = list?.facets.statuses ?? { eligible: 0, attention: 0, ineligible: 0 };
  const all = statuses.eligible + statuses.attention + statuses.ineligible;
  const filtered = filters.text !== '' || filters.discipline !== '' || filters.nominator !== '' || filters.status !== '';
  const hideable = columns.filter((c) => c.hideable !== false);

  return (
    <div className="page nm-page">
      <header className="page-head nm-head">
        <div>
          <h1>{t('nominations.title')}</h1>
          <p className="page-sub">{t('nominations.sub', { campaign: campaign.name, total: all })}</p>
        </div>
        <div className="nm-head-actions">
          {exporter.job ? <InlineProgress job={exporter.job} onCancel={cancelExport} testId="export-progress" /> : null}
          {/* Still focusable while the export runs (aria-disabled), so the keyboard does not lose its place. */}
          <button type="button" className="btn" ref={exportButton} onClick={() => void exportList()} disabled={all === 0} aria-disabled={exporting}>
            {exporting ? t('nominations.toolbar.exporting') : t('nominations.toolbar.export')}
          </button>
          <button type="button" className="btn" onClick={() => setDialog('imports')} data-testid="open-imports">{t('nominations.actions.imports')}</button>
          <button type="button" className="btn" onClick={() => setDialog('add')} data-testid="open-add">{t('nominations.actions.add')}</button>
          <button type="button" className="btn primary" onClick={() => setWizard(true)} data-testid="open-import">{t('nominations.toolbar.import')}</button>
        </div>
      </header>

      <div className="nm-toolbar" role="search">
        <input type="search" ref={searchBox} className="nm-search" value={textDraft} data-testid="nm-search" placeholder={t('nominations.toolbar.search')} aria-label={t('nominations.toolbar.searchLabel')}
          onChange={(e) => setTextDraft(e.currentTarget.value)} />
        <label className="nm-inline">
          <span>{t('nominations.toolbar.discipline')}</span>
          <select value={filters.discipline} onChange={(e) => { const v = e.currentTarget.value; setFilters((f) => ({ ...f, discipline: v })); }}>
            <option value="">{t('nominations.toolbar.all')}</option>
            {(list?.facets.disciplines ?? []).map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </label>
        <label className="nm-inline">
          <span>{t('nominations.toolbar.nominator')}</span>
          <select value={filters.nominator} onChange={(e) => { const v = e.currentTarget.value; setFilters((f) => ({ ...f, nominator: v })); }}>
            <option value="">{t('nominations.toolbar.all')}</option>
            {(list?.facets.nominators ?? []).map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </label>
        <div className="nm-chips" role="group" aria-label={t('nominations.toolbar.status')}>
          <button type="button" className="nm-chip" aria-pressed={filters.status === ''} onClick={() => setFilters((f) => ({ ...f, status: '' }))}>
            {t('nominations.statusChip', { status: t('nominations.toolbar.all'), count: all })}
          </button>
          {STATUS_ORDER.map((s) => (
            <button key={s} type="button" className={`nm-chip nm-chip--${s}`} aria-pressed={filters.status === s} data-status={s}
              onClick={() => setFilters((f) => ({ ...f, status: f.status === s ? '' : s }))}>
              {t('nominations.statusChip', { status: t(`nominations.status.${s}`), count: statuses[s] })}
            </button>
          ))}
        </div>
        {filtered ? <button type="button" className="btn small quiet" onClick={() => { setFilters(NO_FILTERS); setTextDraft(''); }}>{t('nominations.toolbar.clear')}</button> : null}
        <details className="nm-columns" ref={chooser}>
          <summary className="btn small">{t('nominations.toolbar.columns')}</summary>
          <div className="nm-columns-menu">
            {hideable.map((c) => (
              <label key={c.id} className="check">
                <input type="checkbox" checked={visibility[c.id] !== false} onChange={(e) => onVisibility({ ...visibility, [c.id]: e.currentTarget.checked })} />
                {c.header}
              </label>
            ))}
          </div>
        </details>
      </div>

      {problem ? <p className="field-error" role="alert">{describeError(problem, t, { lang })}</p> : null}
      {message ? <p className="nm-note-ok" role="status">{message}</p> : null}
      {list && list.nearPairs.total > 0 ? <NearBar campaignId={campaign.id} count={list.nearPairs.total} onDone={setMessage} onError={setProblem}
        shown={filtered ? list.items.filter((r) => r.reasons.some((x) => x.code === 'NEAR_DUPLICATE')).map((r) => r.id) : null} /> : null}
      {list?.nearPairs.truncated ? <p className="nm-note-warn" role="status" data-testid="near-capped">{t('nominations.nearCapped', { total: formatCount(list.nearPairs.total, lang) })}</p> : null}
      {error && !list ? <p className="field-error" role="alert">{t('nominations.loadFailed')} {describeError(error, t, { lang })}</p> : null}

      <div className={`nm-body${showDetail && all > 0 ? ' with-detail' : ''}`}>
        <div className="nm-grid-box">
          <div className="nm-count muted small">
            <span aria-live="polite">
              {list ? t('nominations.toolbar.shown', { shown: list.total, total: all }) : t('nominations.loading')}
              {loading && list ? ' …' : ''}
            </span>
            <button type="button" className="btn small quiet nm-detail-toggle" aria-pressed={showDetail} onClick={() => setDetailHidden(showDetail)}>
              {showDetail ? t('nominations.toolbar.hideDetail') : t('nominations.toolbar.detail')}
            </button>
          </div>
          {list && all === 0 ? (
            <div className="empty-state">
              <p>{t('nominations.empty')}</p>
              <button type="button" className="btn primary" onClick={() => setWizard(true)}>{t('nominations.toolbar.import')}</button>
            </div>
          ) : (
            <Grid<NominationRow>
              ref={gridRef}
              rows={rows}
              columns={columns}
              getRowId={getId}
              onEdit={onEdit}
              onActiveRowChange={(id) => setActiveId(id)}
              columnVisibility={visibility}
              onColumnVisibilityChange={onVisibility}
              columnSizing={sizing}
              // The status and the title (or name) stay in view as the secretary scrolls to the metrics.
              frozenColumns={2}
              // A narrow window with the details open still shows five columns (narrower).
              minVisibleColumns={5}
              onColumnSizingChange={onSizing}
              labels={lang === 'en' ? gridLabelsEn : gridLabelsZh}
              ariaLabel={t('nominations.gridLabel')}
              className="nm-grid"
            />
          )}
          {list && all > 0 && list.total === 0 ? <p className="muted">{t('nominations.emptyFiltered')}</p> : null}
        </div>
        {showDetail && all > 0 ? (
          <aside className="nm-detail" aria-label={t('nominations.detail.title')}>
            {activeId ? <Detail campaign={campaign} id={activeId} labelOf={labels.lookup} onDeleted={(label) => { setActiveId(null); setMessage(t('nominations.actions.deleted', { label })); }} /> : <p className="muted nm-detail-body">{t('nominations.detail.none')}</p>}
          </aside>
        ) : null}
      </div>

      {wizard ? <ImportWizard campaign={campaign} onClose={() => setWizard(false)} /> : null}
      {dialog === 'add' ? <AddDialog campaign={campaign} onClose={() => setDialog(null)} onAdded={(label) => { setDialog(null); setMessage(t('nominations.actions.added', { label })); }} /> : null}
      {dialog === 'imports' ? <ImportsDialog campaign={campaign} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}

const EMPTY_ROWS: readonly NominationRow[] = [];
const getId = (r: NominationRow) => r.id;
