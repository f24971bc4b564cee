import { memo, useMemo } from 'react';
import type { ColumnProfile } from '../../../common/profile/profile-schema';
import { EChart, type ChartOption } from './echarts';
import { columnChartData, formatCompact, formatCount, formatNumber, formatPercent, formatQuantile, formatSpan, formatValue, isApproximate, type ColumnChartData } from './profile-format';

interface Stat {
  label: string;
  value: string;
  /** The schema field whose `exact` flag says whether the number is exact. */
  field: string;
  title?: string;
}

/** The statistics a column's card lists, in reading order; only those the profile has. */
export function columnStats(column: ColumnProfile, rowCount: number | null): Stat[] {
  const stats: Stat[] = [];
  const add = (label: string, field: string, value: string | null, title?: string) => {
    if (value !== null) stats.push({ label, field, value, ...(title ? { title } : {}) });
  };
  add('values', 'count', column.count !== null ? formatCount(column.count) : null);
  if (column.nullCount !== null) add('nulls', 'nullCount', `${formatCount(column.nullCount)} (${formatPercent(column.nullPercent)})`);
  add('distinct', 'distinctCount', column.distinctCount !== null ? formatCount(column.distinctCount) : null, rowCount ? `${formatPercent(((column.distinctCount ?? 0) / Math.max(1, column.count ?? rowCount)) * 100)} of the values` : undefined);
  if (column.kind !== 'string' || column.min !== null) {
    add('min', 'min', column.min !== null ? formatValue(column.min, 28) : null);
    add('max', 'max', column.max !== null ? formatValue(column.max, 28) : null);
  }
  add('mean', 'mean', column.mean !== null ? formatValue(column.mean, 28) : null);
  add('stddev', 'stddev', column.stddev !== null ? formatNumber(column.stddev) : null);
  if (column.quantiles) {
    const q = column.quantiles;
    if (column.kind === 'temporal') add('median', 'quantiles', formatQuantile(q.p50), `p5 ${formatValue(q.p5)}, p95 ${formatValue(q.p95)}`);
    else add('p5 · p50 · p95', 'quantiles', [q.p5, q.p50, q.p95].map(formatQuantile).join(' · '), `p1 ${formatValue(q.p1)}, p25 ${formatValue(q.p25)}, p75 ${formatValue(q.p75)}, p99 ${formatValue(q.p99)}`);
  }
  if (column.length) add('length', 'length', `${formatNumber(column.length.min)}–${formatNumber(column.length.max)}, avg ${formatNumber(column.length.mean)}`);
  if (column.zeros) add('zeros', 'zeros', formatCount(column.zeros));
  if (column.negatives) add('negatives', 'negatives', formatCount(column.negatives));
  if (column.nonFinite) add('NaN/±inf', 'nonFinite', formatCount(column.nonFinite));
  if (column.emptyStrings) add('empty', 'emptyStrings', formatCount(column.emptyStrings));
  if (column.outliers && column.outliers.count > 0) add('outliers', 'outliers', formatCount(column.outliers.count), `outside ${formatNumber(column.outliers.low)} … ${formatNumber(column.outliers.high)}`);
  if (column.temporal) add('span', 'temporal', formatSpan(column.temporal.spanSeconds), `counted per ${column.temporal.unit}`);
  return stats;
}

function chartOption(data: ColumnChartData) {
  return (colors: { accent: string; muted: string; text: string; border: string }): ChartOption => ({
    animation: false,
    grid: { left: data.kind !== 'histogram' ? 4 : 36, right: data.kind !== 'histogram' ? 40 : 8, top: 6, bottom: data.kind === 'histogram' ? 18 : 4, containLabel: data.kind !== 'histogram' },
    tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' }, textStyle: { fontSize: 11 } },
    ...(data.kind === 'histogram'
      ? {
          xAxis: {
            type: 'category',
            data: data.labels,
            axisTick: { show: false },
            axisLine: { lineStyle: { color: colors.border } },
            axisLabel: { color: colors.muted, fontSize: 9, interval: (index: number) => index === 0 || index === data.labels.length - 1, formatter: (label: string) => edgeLabel(label, data.labels), alignMinLabel: 'left', alignMaxLabel: 'right' },
          },
          yAxis: { type: 'value', splitNumber: 2, axisLabel: { color: colors.muted, fontSize: 9, formatter: (v: number) => formatCompact(v) }, splitLine: { lineStyle: { color: colors.border } } },
          series: [{ type: 'bar', name: 'rows', data: data.counts, barCategoryGap: '6%', itemStyle: { color: colors.accent } }],
        }
      : {
          xAxis: { type: 'value', show: false },
          yAxis: { type: 'category', data: [...data.labels].reverse(), axisTick: { show: false }, axisLine: { show: false }, axisLabel: { color: colors.text, fontSize: 10, width: 90, overflow: 'truncate' } },
          series: [{ type: 'bar', name: 'rows', data: [...data.counts].reverse(), barCategoryGap: '20%', itemStyle: { color: colors.accent }, label: { show: true, position: 'right', color: colors.muted, fontSize: 9, formatter: (p: { value: unknown }) => formatCompact(Number(p.value)) } }],
        }),
  });
}

/** Only the first and last bin edges under a histogram: the range, not every bin. */
function edgeLabel(label: string, labels: string[]): string {
  const [lo, hi] = label.split(' – ');
  return label === labels[0] ? (lo ?? '') : (hi ?? '');
}

export const ColumnCard = memo(function ColumnCard({ column, rowCount, pending }: { column: ColumnProfile; rowCount: number | null; pending: boolean }) {
  const stats = useMemo(() => columnStats(column, rowCount), [column, rowCount]);
  const data = useMemo(() => columnChartData(column, 8), [column]);
  const option = useMemo(() => (data ? chartOption(data) : null), [data]);
  return (
    <article className="column-card" data-testid="profile-column" data-column={column.name} data-kind={column.kind}>
      <header className="column-card__header">
        <span className="column-card__name" title={column.name}>
          {column.name}
        </span>
        <span className="column-card__type" title={column.type}>
          {column.type}
        </span>
        {pending && <span className="spinner spinner--small" aria-label="profiling" />}
        <span className="column-card__alerts">
          {column.alerts.map((alert) => (
            <span key={alert.kind} className={`alert-badge alert-badge--${alert.severity}`} data-testid="profile-alert" data-kind={alert.kind} title={`${alert.message}${alert.exact ? '' : ' (approximate)'}`}>
              {alert.kind.replace(/_/g, ' ')}
            </span>
          ))}
        </span>
      </header>
      <div className="column-card__body">
        <dl className="column-card__stats">
          {stats.map((stat) => {
            const approximate = isApproximate(column, stat.field);
            return (
              <div key={stat.label} className="column-card__stat" title={stat.title}>
                <dt>{stat.label}</dt>
                <dd className={approximate ? 'is-approximate' : 'is-exact'} data-exact={approximate ? 'false' : 'true'}>
                  {approximate ? `≈${stat.value}` : stat.value}
                </dd>
              </div>
            );
          })}
        </dl>
        {option && data ? (
          <EChart option={option} className="column-card__chart" testId="profile-chart" label={`${column.name}: ${data.kind === 'histogram' ? 'histogram' : 'most frequent values'}`} />
        ) : (
          <div className="column-card__chart column-card__chart--empty">{pending ? 'profiling…' : 'no values'}</div>
        )}
      </div>
    </article>
  );
});
