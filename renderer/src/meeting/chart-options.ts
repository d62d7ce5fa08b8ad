import type { EChartsCoreOption } from 'echarts/core';
import type { ChartData } from '../../../shared/contract/meeting.ts';

/** Quartiles by linear interpolation (as Excel's QUARTILE.INC): min, Q1, median, Q3, max. */
export function fiveNumbers(sorted: readonly number[]): [number, number, number, number, number] {
  const at = (p: number) => {
    const x = (sorted.length - 1) * p;
    const lo = Math.floor(x);
    const hi = Math.ceil(x);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (x - lo);
  };
  return [sorted[0]!, at(0.25), at(0.5), at(0.75), sorted[sorted.length - 1]!];
}

export interface Words {
  readonly expert: (code: string) => string;
  /** Legend of the rank chart: selected in ballot round n, selected by rank (no vote), tied at the line, not selected. */
  readonly selectedInRound: (round: number) => string;
  readonly selectedByRank: string;
  readonly tied: string;
  readonly notSelected: string;
  readonly score: string;
  readonly rank: string;
  readonly sd: string;
  readonly cut: string;
  readonly font: string;
}

const INK = '#1f2933';
const SELECTED = '#1565c0';
const OTHER = '#9aa5b1';
const WARN = '#c62828';
/** Round 1, then the later rounds: distinct from each other, from the grey and from the cut line's red. */
const ROUNDS = ['#1565c0', '#ef6c00', '#2e7d32', '#6a1b9a', '#00838f', '#ad1457'];
const BY_RANK = '#5c6bc0';

type Ranked = ChartData['ranked'][number];

/** An item's outcome on the rank chart: the series it goes in (in legend order) and its colour. */
export function outcomeOf(r: Ranked): { key: string; order: number; color: string } {
  if (r.selected && r.round !== null) return { key: `round-${r.round}`, order: r.round, color: ROUNDS[(r.round - 1) % ROUNDS.length]! };
  if (r.selected) return { key: 'rank', order: 1000, color: BY_RANK };
  if (!r.voted && r.status === 'tie') return { key: 'tie', order: 1001, color: WARN };
  return { key: 'out', order: 1002, color: OTHER };
}

/**
 * The score-against-rank chart's series: one per outcome (selected in round 1, in each later round, by rank where the
 * group did not vote, tied, not selected), each named for the legend in the words given; the cut line on the first.
 */
export function rankSeries(d: ChartData, w: Words, text: object): { legend: string[]; series: object[] } {
  const groups = new Map<string, { order: number; color: string; name: string; data: object[] }>();
  for (const r of d.ranked) {
    const o = outcomeOf(r);
    let g = groups.get(o.key);
    if (!g) {
      const name = o.key === 'rank' ? w.selectedByRank : o.key === 'tie' ? w.tied : o.key === 'out' ? w.notSelected : w.selectedInRound(o.order);
      g = { order: o.order, color: o.color, name, data: [] };
      groups.set(o.key, g);
    }
    g.data.push([r.rank, r.score, r.title]);
  }
  const sorted = [...groups.values()].sort((a, b) => a.order - b.order);
  const series: object[] = sorted.map((g) => ({ type: 'scatter', name: g.name, symbolSize: 7, itemStyle: { color: g.color }, data: g.data }));
  const cut = d.cutRank !== null ? { symbol: 'none', lineStyle: { type: 'dashed', color: WARN }, label: { formatter: w.cut, ...text }, data: [{ xAxis: d.cutRank + 0.5 }] } : null;
  // The cut line rides on a series of its own with no points, so it shows whichever outcomes there are.
  if (cut) series.push({ type: 'scatter', name: w.cut, data: [], markLine: cut, itemStyle: { color: WARN }, legendHoverLink: false });
  return { legend: sorted.map((g) => g.name), series };
}

/** The three charts' options (pure): each expert's spread beside the others', score against rank, disagreement against score. */
export function chartOptions(d: ChartData, w: Words): { experts: EChartsCoreOption; rank: EChartsCoreOption; disagreement: EChartsCoreOption } {
  const text = { fontFamily: w.font, color: INK };
  const axis = (name: string, extra: object = {}) => ({ name, nameLocation: 'middle', nameGap: 28, nameTextStyle: text, axisLabel: text, ...extra });
  const experts = d.experts.filter((e) => e.totals.length > 0);
  const all = experts.flatMap((e) => e.totals);
  const mean = all.length > 0 ? all.reduce((a, b) => a + b, 0) / all.length : null;
  const rs = rankSeries(d, w, text);
  return {
    experts: {
      animation: false,
      textStyle: text,
      tooltip: { trigger: 'item' },
      grid: { left: 56, right: 36, top: 16, bottom: 56 },
      xAxis: axis('', { type: 'category', data: experts.map((e) => w.expert(e.code)), axisLabel: { ...text, interval: 0, rotate: experts.length * w.expert('A').length > 32 ? 30 : 0 } }),
      yAxis: axis(w.score, { type: 'value', min: 0, max: 100 }),
      series: [
        {
          type: 'boxplot',
          data: experts.map((e) => fiveNumbers(e.totals)),
          itemStyle: { color: '#e3f2fd', borderColor: SELECTED },
          ...(mean !== null ? { markLine: { symbol: 'none', lineStyle: { type: 'dashed', color: OTHER }, label: { formatter: `${mean.toFixed(1)}`, ...text }, data: [{ yAxis: mean }] } } : {}),
        },
        { type: 'scatter', symbolSize: 5, itemStyle: { color: INK, opacity: 0.45 }, data: experts.flatMap((e) => e.totals.map((v) => [w.expert(e.code), v])) },
      ],
    },
    rank: {
      animation: false,
      textStyle: text,
      tooltip: { trigger: 'item', formatter: (p: { seriesName: string; data: [number, number, string] }) => `${p.data[2]}<br/>${w.rank} ${p.data[0]} · ${w.score} ${p.data[1].toFixed(2)}<br/>${p.seriesName}` },
      // Below the axis, where it hides no point and may take two lines (the English names are longer).
      legend: { bottom: 0, left: 'center', data: rs.legend, textStyle: text, itemWidth: 10, itemHeight: 10, itemGap: 12 },
      grid: { left: 56, right: 16, top: 20, bottom: 92 },
      xAxis: axis(w.rank, { type: 'value', min: 1, inverse: false }),
      yAxis: axis(w.score, { type: 'value', scale: true }),
      series: rs.series,
    },
    disagreement: {
      animation: false,
      textStyle: text,
      tooltip: { trigger: 'item', formatter: (p: { data: [number, number, string] }) => `${p.data[2]}<br/>${w.score} ${p.data[0].toFixed(2)} · ${w.sd} ${p.data[1].toFixed(2)}` },
      // Room on the right for the threshold's label at the end of its line.
      grid: { left: 56, right: 40, top: 16, bottom: 44 },
      xAxis: axis(w.score, { type: 'value', scale: true }),
      // Up to the threshold at least, so its line shows even when every item is below it.
      yAxis: axis(w.sd, { type: 'value', min: 0, max: (v: { max: number }) => Math.ceil(Math.max(v.max, d.thresholds.sd) * 1.1) }),
      series: [{
        type: 'scatter',
        symbolSize: 7,
        data: d.disagreement.map((x) => ({ value: [x.score, x.sd, x.title], itemStyle: { color: x.toDiscuss ? WARN : SELECTED } })),
        markLine: { symbol: 'none', lineStyle: { type: 'dashed', color: WARN }, label: { formatter: `${d.thresholds.sd}`, ...text }, data: [{ yAxis: d.thresholds.sd }] },
      }],
    },
  };
}
