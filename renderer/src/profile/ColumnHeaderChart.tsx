import { useMemo } from 'react';
import type { ColumnProfile } from '../../../common/profile/profile-schema';
import { selectDocumentPath, useDocumentStore } from '../state/document-store';
import { EChart, type ChartOption } from './echarts';
import { columnChartData, formatCount } from './profile-format';
import { useHeaderColumnProfile } from './header-profiles';
import { profileKey } from './profile-store';
import './profile.css';

export interface ColumnHeaderChartProps {
  node: string;
  column: string;
  /** The node as the grid's rows were read (profile-model's nodeSignature). */
  signature: string | null;
}

/**
 * A sparkline of one column's distribution for the preview grid's header:
 * the histogram (numbers, dates) or the top values, from the node's profile
 * (the Profile tab's, or the sample the preview asked for), and only one of
 * the node as the grid's rows were read, so the chart always describes the
 * rows under it. An empty slot of the same height until there is one.
 */
export function ColumnHeaderChart({ node, column, signature }: ColumnHeaderChartProps) {
  const documentPath = useDocumentStore(selectDocumentPath);
  const profile = useHeaderColumnProfile(profileKey(documentPath, node), signature, column);
  // The slot keeps its height with or without a chart: rows do not jump under the pointer when the profile arrives.
  // A header has room for a distribution only; a key's "all distinct" bar would say nothing there.
  return <div className="column-header-chart-slot">{profile && <ColumnSparkline column={profile} testId="column-header-chart" distributionOnly />}</div>;
}

/** A bare bar sparkline of a column's histogram or top values (headers, the comparison table). */
export function ColumnSparkline({ column: profile, testId, className = 'column-header-chart', distributionOnly = false }: { column: ColumnProfile; testId: string; className?: string; distributionOnly?: boolean }) {
  const column = profile.name;
  const data = useMemo(() => {
    const chart = columnChartData(profile, 16);
    return chart && distributionOnly && chart.kind === 'composition' ? null : chart;
  }, [profile, distributionOnly]);
  const option = useMemo(
    () =>
      data
        ? (colors: { accent: string; muted: string }): ChartOption => ({
            animation: false,
            grid: { left: 0, right: 0, top: 1, bottom: 0 },
            xAxis: { type: 'category', data: data.labels, show: false },
            yAxis: { type: 'value', show: false, min: 0 },
            tooltip: { trigger: 'axis', confine: true, textStyle: { fontSize: 11 }, formatter: (items) => sparkTooltip(items) },
            series: [{ type: 'bar', data: data.counts, barCategoryGap: data.kind === 'histogram' ? '8%' : '25%', itemStyle: { color: colors.accent, opacity: 0.7 }, silent: false }],
          })
        : null,
    [data],
  );
  if (!option || !data) return null;
  return <EChart option={option} className={className} testId={testId} label={`${column}: ${data.kind === 'histogram' ? 'histogram' : 'top values'}`} />;
}

function sparkTooltip(items: unknown): string {
  const first = (Array.isArray(items) ? items[0] : items) as { name?: string; value?: number } | undefined;
  if (!first) return '';
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `${escape(first.name ?? '')}: ${formatCount(first.value ?? null)}`;
}
