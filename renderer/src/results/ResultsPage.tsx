import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView, ResultRow, ResultsPage as Page } from '../../../shared/contract/index.ts';
import { aggregationMethods, type AggregationMethod } from '../../../shared/campaign/settings.ts';
import { methodName, num, sentence, type Lang, type Names } from '../../../shared/results/words.ts';
import { call } from '../api.ts';
import { Grid, gridLabelsEn, gridLabelsZh } from '../grid/index.ts';
import { describeError } from '../i18n/errors.ts';
import { setCallData } from '../lib/queries.ts';
import { useJob } from '../nominations/useJob.ts';
import { AdjustDialog } from './AdjustDialog.tsx';
import { resultColumns } from './columns.ts';
import { Discussion } from './Discussion.tsx';
import { loadRest } from './pages.ts';
import './results.css';

/** Rows per call: the top of the ranking comes first, the rest follows in pages (the ranking is cached in main). */
const LIMIT = 5000;

export function ResultsPage({ campaign }: { campaign: CampaignView }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [method, setMethod] = useState<AggregationMethod>(campaign.settings.aggregation.method);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'discuss' | 'adjust' | null>(null);
  const [notice, setNotice] = useState<'saved' | 'withdrawn' | null>(null);
  const { job, run, cancel } = useJob();
  // Each load's number: pages of an older load (another method picked meanwhile) are dropped.
  const generation = useRef(0);

  // The method asked for explicitly: the ranking redraws at once, while the setting is saved beside it.
  const load = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const out = await run((jobId) => call('results.compute', { campaignId: campaign.id, method, limit: LIMIT, jobId }), 'gathering');
      if (!out.ok || mine !== generation.current) return;
      setPage(out.value);
      setError(null);
      // A campaign past the first page: the rest in pages, so every nomination can be found, sorted and filtered.
      await loadRest(out.value, (offset) => call('results.compute', { campaignId: campaign.id, method, offset, limit: LIMIT }),
        (rows) => setPage((p) => (p ? { ...p, rows } : p)), () => mine === generation.current);
    } catch (e) {
      if (mine === generation.current) setError(describeError(e, t));
    }
  }, [campaign.id, method, run, t]);

  useEffect(() => {
    // A task later: a quick second change (another method picked) replaces this load before it starts.
    const timer = window.setTimeout(() => void load(), 0);
    return () => window.clearTimeout(timer);
  }, [load]);

  const choose = async (m: AggregationMethod) => {
    setMethod(m);
    try {
      const c = await call('results.setMethod', { campaignId: campaign.id, method: m });
      setCallData('campaigns.get', { id: campaign.id }, c);
    } catch (e) {
      setError(describeError(e, t));
    }
  };

  const labels = useMemo(() => new Map((page?.rows ?? []).map((r) => [r.id, r.label])), [page]);
  const names: Names = useCallback((kind, id) => (kind === 'item' ? (labels.get(id) ?? '') : t('results.discuss.expert', { code: id })), [labels, t]);
  const papers = page?.summary.settings.metrics.enabled ?? false;
  const shown = page?.summary.method ?? method;
  const columns = useMemo(() => resultColumns(t, lang, shown, papers, names), [t, lang, shown, papers, names]);
  const rows = page?.rows ?? [];
  const activeRow: ResultRow | undefined = rows.find((r) => r.id === active);
  const s = page?.summary;

  const withdraw = async (id: string) => {
    try {
      await call('results.unadjust', { campaignId: campaign.id, id, reason: '' });
      setNotice('withdrawn');
      await load();
    } catch (e) {
      setError(describeError(e, t));
    }
  };

  return (
    <div className="page rs-page">
      <header className="page-head">
        <div>
          <h1>{t('results.title')}</h1>
          <p className="page-sub">{t('results.sub', { campaign: campaign.name, ranked: s ? s.counts.selected + s.counts.tie + s.counts.out : 0, selected: s?.counts.selected ?? 0 })}</p>
        </div>
        <div className="rs-actions">
          <button type="button" className="btn" disabled={!s} onClick={() => setDialog('discuss')}>{t('results.discuss.open', { count: s?.counts.toDiscuss ?? 0 })}</button>
          <button type="button" className="btn" disabled={!activeRow} title={activeRow ? undefined : t('results.adjust.choose')} onClick={() => setDialog('adjust')}>{t('results.adjust.open')}</button>
        </div>
      </header>

      <section className="panel rs-method">
        <label className="rs-method-pick">{t('results.method')}
          <select value={method} onChange={(e) => void choose(e.target.value as AggregationMethod)} data-testid="method">
            {aggregationMethods.map((m) => <option key={m} value={m}>{methodName(m, lang)}</option>)}
          </select>
        </label>
        <p className="muted">{t('results.methodHelp')}</p>
        {s ? (
          <p className="rs-settings">
            {t('results.methodSettings', {
              high: s.settings.aggregation.trimHighest, low: s.settings.aggregation.trimLowest, min: s.settings.aggregation.minScoresAfterTrim,
              minExpert: s.settings.aggregation.minExpertScores,
              tieBreaks: s.settings.aggregation.tieBreaks.length ? s.settings.aggregation.tieBreaks.map((k) => t(`settings.aggregation.tieBreaks.options.${k}`)).join(' → ') : t('results.noTieBreaks'),
            })}
            {papers ? <><br />{t('results.blendSettings', { metric: s.settings.blend.metricWeight, expert: s.settings.blend.expertWeight, attention: s.settings.metrics.attentionWeight, citations: s.settings.metrics.citationsWeight, downloads: s.settings.metrics.downloadsWeight })}</> : null}
          </p>
        ) : null}
        {s ? <p className="rs-counts" data-testid="counts">{t('results.counts', s.counts)}</p> : null}
      </section>

      {job ? (
        <p className="rs-progress" role="status">
          {t(`results.stages.${job.stage === 'computing' ? 'computing' : 'gathering'}`)}{job.fraction !== null ? ` ${Math.round(job.fraction * 100)}%` : ''}{' '}
          <button type="button" className="btn small" onClick={cancel}>{t('results.adjust.cancel')}</button>
        </p>
      ) : null}
      {page && page.rows.length < page.total ? <p className="muted" role="status" data-testid="more-rows">{t('results.moreRows', { shown: page.rows.length, total: page.total })}</p> : null}
      {error ? <p className="field-error" role="alert">{t('results.failed', { message: error })}</p> : null}
      {notice ? <p className="rs-notice" role="status">{t(`results.adjust.${notice}`)}</p> : null}

      {s ? (
        <section className="panel rs-lines" data-testid="cut-line">
          <h2>{t('results.line.title')}</h2>
          {s.lines.length === 0 ? <p className="muted">{t('results.line.none')}</p> : null}
          {s.lines.map((l) => (
            <div key={l.scope ?? ''} className="rs-line">
              <strong>{l.scope === null ? t('results.line.whole', { quota: l.quota, selected: l.selected }) : t('results.line.scope', { quota: l.quota, selected: l.selected, scope: l.scope || t('results.quotas.none') })}</strong>
              <ul>
                {l.lastIn ? <li>{t('results.line.lastIn', { label: l.lastIn.label, rank: l.lastIn.rank, score: num(l.lastIn.score ?? undefined) })}</li> : null}
                {l.firstOut ? <li>{t('results.line.firstOut', { label: l.firstOut.label, rank: l.firstOut.rank, score: num(l.firstOut.score ?? undefined) })}</li> : null}
                {l.tied.length ? <li>{t('results.line.tied', { labels: l.tied.map((x) => x.label).join(lang === 'en' ? ', ' : '、') })}</li> : null}
                {l.reasons.map((r, k) => <li key={k} className="rs-reason">{sentence(r, lang, names)}</li>)}
              </ul>
            </div>
          ))}
          {s.notes.map((r, k) => <p key={k} className="rs-reason">{sentence(r, lang, names)}</p>)}
          {s.quotas && Object.keys(s.quotas).length > 1 ? (
            <table className="rs-table">
              <caption>{t('results.quotas.title')}</caption>
              <thead><tr><th>{t('results.quotas.discipline')}</th><th>{t('results.quotas.quota')}</th></tr></thead>
              <tbody>{Object.entries(s.quotas).map(([d, q]) => <tr key={d}><td>{d || t('results.quotas.none')}</td><td className="num">{q}</td></tr>)}</tbody>
            </table>
          ) : null}
        </section>
      ) : null}

      {activeRow && activeRow.adjustments.length > 0 ? (
        <section className="panel rs-adjustments">
          <h2>{t('results.adjust.list')}</h2>
          <ul>
            {activeRow.adjustments.map((a) => (
              <li key={a.id}>
                {t(`results.adjust.kinds.${a.kind}`)}{a.toRank ? ` ${a.toRank}` : ''}{lang === 'en' ? ': ' : '：'}{a.reason} <span className="muted">{t('results.adjust.by', { by: a.by, at: new Date(a.at).toLocaleString(lang, { timeZone: campaign.settings.display.timeZone }) })}</span>{' '}
                <button type="button" className="btn small" onClick={() => void withdraw(a.id)}>{t('results.adjust.withdraw')}</button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {page ? (
        <div className="panel flush rs-grid">
          <Grid
            rows={rows}
            columns={columns}
            getRowId={(r) => r.id}
            onActiveRowChange={setActive}
            frozenColumns={3}
            labels={lang === 'en' ? gridLabelsEn : gridLabelsZh}
            ariaLabel={t('results.grid')}
            height={460}
          />
        </div>
      ) : !error ? <p className="muted">{t('results.loading')}</p> : null}

      {dialog === 'discuss' ? <Discussion campaignId={campaign.id} onClose={() => setDialog(null)} /> : null}
      {dialog === 'adjust' && activeRow ? (
        <AdjustDialog campaignId={campaign.id} row={activeRow} onClose={() => setDialog(null)}
          onSaved={() => { setDialog(null); setNotice('saved'); void load(); }} />
      ) : null}
    </div>
  );
}
