import { describe, expect, it } from 'vitest';
import type { ChartData } from '../../../shared/contract/meeting.ts';
import { chartOptions, outcomeOf, rankSeries, type Words } from './chart-options.ts';

const zh: Words = {
  expert: (c) => `专家${c}`, score: '得分', rank: '名次', sd: '标准差', cut: '入选线', font: 'sans-serif',
  selectedInRound: (n) => `第${n}轮投票当选`, selectedByRank: '按排名入选（未投票）', tied: '线上并列', notSelected: '未入选',
};
const en: Words = { ...zh, cut: 'Cut line', selectedInRound: (n) => `Selected in round ${n}`, selectedByRank: 'Selected by rank (no vote)', tied: 'Tied at the line', notSelected: 'Not selected' };

type Ranked = ChartData['ranked'][number];
const item = (rank: number, over: Partial<Ranked> = {}): Ranked => ({ rank, score: 90 - rank, title: `项目${rank}`, status: rank <= 3 ? 'selected' : 'out', selected: false, round: null, voted: true, ...over });

function data(ranked: Ranked[], cutRank: number | null = 3): ChartData {
  return { experts: [], ranked, cutScore: cutRank === null ? null : 87, cutRank, disagreement: [], thresholds: { span: 30, sd: 10 } };
}

// After two rounds: 1 and 2 selected in round 1, 5 in round 2 (3 failed), the rest not selected.
const voted = data([item(1, { selected: true, round: 1 }), item(2, { selected: true, round: 1 }), item(3), item(4), item(5, { selected: true, round: 2 }), item(6)]);

describe('the rank chart by outcome', () => {
  it('one series per outcome, in order: round 1, the later round, not selected; the legend in the language given', () => {
    const r = rankSeries(voted, zh, {});
    expect(r.legend).toEqual(['第1轮投票当选', '第2轮投票当选', '未入选']);
    const s = r.series as { name: string; data: [number, number, string][]; itemStyle: { color: string }; markLine?: { data: { xAxis: number }[] } }[];
    expect(s.map((x) => x.name)).toEqual(['第1轮投票当选', '第2轮投票当选', '未入选', '入选线']);
    expect(s[0]!.data.map((p) => p[0])).toEqual([1, 2]);
    expect(s[1]!.data.map((p) => p[0])).toEqual([5]);
    expect(s[2]!.data.map((p) => p[0])).toEqual([3, 4, 6]);
    expect(s[2]!.data[0]).toEqual([3, 87, '项目3']);
    // Three colours, none the same; not selected is grey.
    expect(new Set(s.slice(0, 3).map((x) => x.itemStyle.color)).size).toBe(3);
    expect(s[2]!.itemStyle.color).toBe('#9aa5b1');
    // The cut line after the last seat.
    expect(s[3]!.markLine!.data).toEqual([{ xAxis: 3.5 }]);
    expect(rankSeries(voted, en, {}).legend).toEqual(['Selected in round 1', 'Selected in round 2', 'Not selected']);
  });

  it('before any vote: selected by rank, tied at the line, not selected; no cut line when nothing is selected', () => {
    const before = data([item(1, { selected: true, voted: false }), item(2, { status: 'tie', voted: false }), item(3, { status: 'tie', voted: false }), item(4, { voted: false })], null);
    const r = rankSeries(before, en, {});
    expect(r.legend).toEqual(['Selected by rank (no vote)', 'Tied at the line', 'Not selected']);
    expect(r.series).toHaveLength(3);
    expect(outcomeOf(item(2, { status: 'tie', voted: true })).key).toBe('out');
  });

  it('the chart options carry the legend and every point', () => {
    const o = chartOptions(voted, zh).rank as { legend: { data: string[] }; series: { data: unknown[] }[] };
    expect(o.legend.data).toEqual(['第1轮投票当选', '第2轮投票当选', '未入选']);
    expect(o.series.reduce((n, s) => n + s.data.length, 0)).toBe(6);
  });
});
