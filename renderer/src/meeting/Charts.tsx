import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { BoxplotChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import type { ChartData } from '../../../shared/contract/meeting.ts';
import { chartOptions } from './chart-options.ts';

// Only the parts used; the SVG renderer, so the charts print sharp and the page's CJK fonts draw the labels.
echarts.use([SVGRenderer, BoxplotChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent]);

function Chart({ option, label, testId }: { option: EChartsCoreOption; label: string; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.setOption(option);
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <figure className="meeting-chart" data-testid={testId}><figcaption>{label}</figcaption><div ref={box} className="meeting-chart-box" role="img" aria-label={label} /></figure>;
}

export function Charts({ data }: { data: ChartData }) {
  const { t, i18n } = useTranslation();
  const o = chartOptions(data, {
    expert: (code) => t('meeting.expertCode', { code }),
    score: t('meeting.axisScore'),
    rank: t('meeting.axisRank'),
    sd: t('meeting.axisSd'),
    cut: t('meeting.cut'),
    selectedInRound: (n) => t('meeting.legendRound', { n }),
    selectedByRank: t('meeting.legendByRank'),
    tied: t('meeting.legendTied'),
    notSelected: t('meeting.legendOut'),
    font: i18n.language === 'en' ? 'sans-serif' : '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif',
  });
  return (
    <div className="meeting-charts">
      <Chart option={o.experts} label={t('meeting.chartExperts')} testId="chart-experts" />
      <Chart option={o.rank} label={t('meeting.chartRank')} testId="chart-rank" />
      <Chart option={o.disagreement} label={t('meeting.chartDisagreement')} testId="chart-disagreement" />
    </div>
  );
}
