import { memo, useEffect, useRef } from 'react';
import { BarChart, ScatterChart, type BarSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { themeColors } from '../profile/echarts';
import { formatMs, type HistoryMatrix } from './history-data';

use([BarChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type HistoryOption = ComposeOption<BarSeriesOption | ScatterSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** One stacked bar per run, one segment per node: where the time of each run went. */
export function durationOption(matrix: HistoryMatrix, selected: number | null, colors: ReturnType<typeof themeColors>): HistoryOption {
  return {
    animation: false,
    grid: { left: 56, right: 12, top: 30, bottom: 24 },
    legend: { type: 'scroll', top: 0, textStyle: { color: colors.text, fontSize: 11 }, itemWidth: 12, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: (items: unknown) => {
        const list = (Array.isArray(items) ? items : [items]) as { dataIndex: number; seriesName: string; value: number | null; marker: string }[];
        const run = matrix.runs[list[0]?.dataIndex ?? 0];
        if (!run) return '';
        const lines = list
          .filter((item) => item.value !== null)
          .map((item) => `${item.marker}${escape(item.seriesName)}: ${formatMs(item.value)}${matrix.cached[item.seriesName]?.[item.dataIndex] ? ' (cached)' : ''}`);
        return `<b>${escape(run.label)}</b> · ${run.status} · ${formatMs(run.durationMs)}<br/>${lines.join('<br/>')}`;
      },
    },
    xAxis: {
      type: 'category',
      data: matrix.runs.map((run) => run.label),
      axisLabel: { color: colors.text, fontSize: 10 },
      axisLine: { lineStyle: { color: colors.border } },
    },
    yAxis: {
      type: 'value',
      name: 'ms',
      nameTextStyle: { color: colors.muted, fontSize: 10 },
      axisLabel: { color: colors.text, fontSize: 10, formatter: (value: number) => formatMs(value) },
      splitLine: { lineStyle: { color: colors.border } },
    },
    series: matrix.nodes.map(
      (name): BarSeriesOption => ({
        type: 'bar',
        name,
        stack: 'run',
        barMaxWidth: 36,
        emphasis: { focus: 'series' },
        data: matrix.durations[name]!.map((value, index) => ({
          value,
          // Cached segments are pale: the run found the result instead of computing it.
          itemStyle: { opacity: (selected === null || selected === index ? 1 : 0.45) * (matrix.cached[name]![index] ? 0.4 : 1) },
        })),
      }),
    ),
  };
}

const OUTCOME_COLORS = { pass: '#2e7d32', fail: '#c72e0f', warn: '#9a6700' } as const;

/** Check nodes by runs: a green, red or amber square for pass, fail, warn. */
export function checksOption(matrix: HistoryMatrix, colors: ReturnType<typeof themeColors>): HistoryOption {
  const points: { value: [number, number]; outcome: 'pass' | 'fail' | 'warn' }[] = [];
  matrix.checks.forEach((check, row) =>
    matrix.outcomes[check]!.forEach((outcome, run) => {
      if (outcome) points.push({ value: [run, row], outcome });
    }),
  );
  return {
    animation: false,
    grid: { left: 120, right: 12, top: 6, bottom: 20 },
    tooltip: {
      confine: true,
      formatter: (item: unknown) => {
        const { data } = item as { data: (typeof points)[number] };
        return `${escape(matrix.checks[data.value[1]] ?? '')} · ${escape(matrix.runs[data.value[0]]?.label ?? '')}: <b>${data.outcome}</b>`;
      },
    },
    xAxis: { type: 'category', data: matrix.runs.map((run) => run.label), axisLabel: { color: colors.text, fontSize: 10 }, axisLine: { lineStyle: { color: colors.border } } },
    yAxis: { type: 'category', data: matrix.checks, axisLabel: { color: colors.text, fontSize: 10, width: 110, overflow: 'truncate' }, axisLine: { lineStyle: { color: colors.border } } },
    series: [
      {
        type: 'scatter',
        symbol: 'roundRect',
        symbolSize: 12,
        data: points.map((point) => ({ value: point.value, outcome: point.outcome, itemStyle: { color: OUTCOME_COLORS[point.outcome] } })),
      },
    ],
  };
}

interface HistoryChartProps {
  option: (colors: ReturnType<typeof themeColors>) => HistoryOption;
  testId: string;
  label: string;
  className: string;
  /** Called with the run (x) index of a clicked bar or square. */
  onPickRun(index: number): void;
}

/** An echarts canvas whose bars pick a run; resized with its box, disposed with the component. */
export const HistoryChart = memo(function HistoryChart({ option, testId, label, className, onPickRun }: HistoryChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const pick = useRef(onPickRun);
  pick.current = onPickRun;
  useEffect(() => {
    const element = ref.current!;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      const value = (params as { value?: unknown }).value;
      pick.current(Array.isArray(value) ? Number(value[0]) : params.dataIndex);
    });
    // A click anywhere over a run's column picks it, not only on a segment.
    instance.getZr().on('click', (event) => {
      if (event.target) return;
      const point = [event.offsetX, event.offsetY];
      if (!instance.containPixel('grid', point)) return;
      const [x] = instance.convertFromPixel('grid', point) as number[];
      if (x !== undefined && Number.isFinite(x)) pick.current(Math.round(x));
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    if (chart.current && ref.current) chart.current.setOption(option(themeColors(ref.current)), { notMerge: true });
  }, [option]);
  return <div ref={ref} className={className} data-testid={testId} role="img" aria-label={label} />;
});
