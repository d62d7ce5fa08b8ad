// The ranking grid's columns (pure: words come in through `t`).
import type { TFunction } from 'i18next';
import type { ResultRow } from '../../../shared/contract/index.ts';
import { aggregationMethods, type AggregationMethod } from '../../../shared/campaign/settings.ts';
import { METRICS } from '../../../shared/results/metrics.ts';
import { num, sentence, type Lang, type Names } from '../../../shared/results/words.ts';
import type { GridColumn } from '../grid/index.ts';

const n = (v: unknown) => (typeof v === 'number' ? num(v) : '—');

export function resultColumns(t: TFunction, lang: Lang, method: AggregationMethod, papers: boolean, names: Names): GridColumn<ResultRow>[] {
  const notes = (r: ResultRow) => r.notes.map((x) => sentence(x, lang, names));
  const cols: GridColumn<ResultRow>[] = [
    { id: 'rank', header: t('results.columns.rank'), accessor: (r) => r.rank, type: 'number', width: 64, format: (v) => n(v), hideable: false },
    {
      id: 'status', header: t('results.columns.status'), accessor: (r) => r.status, width: lang === 'en' ? 130 : 90,
      format: (v) => t(`results.status.${String(v)}`), cellClassName: (v) => `rs-status rs-status--${String(v)}`,
    },
    { id: 'label', header: t('results.columns.label'), accessor: (r) => r.label, width: 260, hideable: false, cellTitle: (v) => String(v) },
    { id: 'discipline', header: t('results.columns.discipline'), accessor: (r) => r.discipline ?? '', width: 100 },
    { id: 'score', header: t('results.columns.score'), accessor: (r) => r.score, type: 'number', width: 96, format: (v) => n(v), cellClassName: () => 'rs-score' },
    { id: 'n', header: t('results.columns.n'), accessor: (r) => r.n, type: 'number', width: 70 },
    ...aggregationMethods.map((m): GridColumn<ResultRow> => ({
      id: m, header: t(`results.columns.${m}`), accessor: (r) => r.values[m], type: 'number', width: 96, format: (v) => n(v),
      cellClassName: () => (m === method ? 'rs-chosen' : undefined),
    })),
  ];
  if (papers) {
    for (const m of METRICS) {
      cols.push({
        id: m, header: t(`results.columns.${m}`), accessor: (r) => r.paper?.components[m]?.percentile ?? null, type: 'number', width: 100, format: (v) => n(v),
        cellTitle: (_v, r) => {
          const c = r.paper?.components[m];
          return c ? `${num(c.value)}${c.source ? ` · ${c.source}` : ''}${c.date ? ` · ${c.date}` : ''}` : undefined;
        },
      });
    }
    cols.push({ id: 'metric', header: t('results.columns.metric'), accessor: (r) => r.paper?.metricScore ?? null, type: 'number', width: 90, format: (v) => n(v) });
    cols.push({ id: 'expert', header: t('results.columns.expert'), accessor: (r) => r.paper?.expertScore ?? null, type: 'number', width: 90, format: (v) => n(v) });
  }
  cols.push(
    { id: 'span', header: t('results.columns.span'), accessor: (r) => r.span, type: 'number', width: 70, format: (v) => n(v), cellClassName: (_v, r) => (r.toDiscuss ? 'rs-discuss' : undefined) },
    { id: 'sd', header: t('results.columns.sd'), accessor: (r) => r.sd, type: 'number', width: 74, format: (v) => n(v), cellClassName: (_v, r) => (r.toDiscuss ? 'rs-discuss' : undefined) },
    { id: 'notes', header: t('results.columns.notes'), accessor: (r) => notes(r).join('；'), width: 320, cellTitle: (_v, r) => notes(r).join('\n') || undefined },
  );
  return cols;
}
