import type { ColumnProfile, HistogramBin, ScalarValue } from '../../../common/profile/profile-schema';

/**
 * How profile numbers read on screen: counts with separators, other numbers
 * with about four significant digits, timestamps without needless zeros, and
 * a "≈" in front of anything approximate.
 */
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compactFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const shortFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : integer.format(value);
}

/** 1234 → "1.2K": for axis labels and tight spots. */
export function formatCompact(value: number): string {
  return Math.abs(value) < 1000 ? shortFormat.format(value) : compactFormat.format(value);
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return integer.format(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e15 || (magnitude > 0 && magnitude < 1e-4)) return value.toExponential(3).replace(/\.?0+e/, 'e');
  const digits = magnitude >= 1000 ? 1 : magnitude >= 1 ? 3 : 4;
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(value);
}

/** "2001-01-01 00:00:00" → "2001-01-01"; other text stays, cut to `max` characters. */
export function formatValue(value: ScalarValue, max = 40): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = value
    .replace(/^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\.\d+/, '$1')
    .replace(/^(\d{4}-\d\d-\d\d) 00:00:00(?:\+00)?$/, '$1')
    .replace(/^(\d{4}-\d\d-\d\d \d\d:\d\d):00(?:\+00)?$/, '$1');
  if (text === '') return '(empty)';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value === 0) return '0%';
  if (value < 0.1) return '<0.1%';
  if (value > 99.9 && value < 100) return '>99.9%';
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}%`;
}

/** Signed: "+2.5 pts", "−10%". */
export function formatDelta(value: number | null, unit: '%' | ' pts' | ''): string {
  if (value === null || !Number.isFinite(value)) return '–';
  if (value === 0) return `0${unit}`;
  const sign = value > 0 ? '+' : '−';
  const magnitude = Math.abs(value);
  const text = unit === '' ? formatNumber(magnitude) : magnitude >= 100 ? magnitude.toFixed(0) : magnitude.toFixed(1).replace(/\.0$/, '');
  return `${sign}${text}${unit}`;
}

const SPANS: [number, string][] = [
  [365.25 * 86400, 'year'],
  [30.44 * 86400, 'month'],
  [86400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

/** 7,776,000 s → "3 months"; one decimal below 10 units. */
export function formatSpan(seconds: number): string {
  if (seconds <= 0) return '0 seconds';
  for (const [size, unit] of SPANS) {
    if (seconds >= size) {
      const amount = seconds / size;
      const text = amount >= 10 || Number.isInteger(amount) ? Math.round(amount).toString() : amount.toFixed(1).replace(/\.0$/, '');
      return `${text} ${unit}${text === '1' ? '' : 's'}`;
    }
  }
  return `${seconds.toFixed(2)} seconds`;
}

/** A quantile in a tight spot: numbers compact, timestamps as their date. */
export function formatQuantile(value: ScalarValue): string {
  if (typeof value === 'number') return formatCompact(value);
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\d[ T]/.test(value)) return value.slice(0, 10);
  return formatValue(value, 10);
}

/** A statistic with "≈" in front when the profile marks it approximate. */
export function marked(column: ColumnProfile, field: string, text: string): string {
  return column.exact[field] === false && text !== '–' ? `≈${text}` : text;
}

export function isApproximate(column: ColumnProfile, field: string): boolean {
  return column.exact[field] === false;
}

/** A histogram bin's range as an axis label: "10 – 20", "2001-01 – 2001-02". */
export function binLabel(bin: HistogramBin): string {
  return `${formatValue(bin.lo, 20)} – ${formatValue(bin.hi, 20)}`;
}

export interface ColumnChartData {
  /** composition: distinct, repeated, empty and NULL values, for columns with no distribution to draw (keys, nested values). */
  kind: 'histogram' | 'categories' | 'composition';
  labels: string[];
  counts: number[];
  /** Non-null values the top list leaves out (categories only). */
  otherCount: number;
}

/** What a column's chart shows: its histogram, else its top values, else how its values split into distinct, repeated, empty and NULL. */
export function columnChartData(column: ColumnProfile, maxCategories = 12): ColumnChartData | null {
  if ((column.kind === 'numeric' || column.kind === 'temporal') && column.histogram && column.histogram.length > 0) {
    return { kind: 'histogram', labels: column.histogram.map(binLabel), counts: column.histogram.map((b) => b.count), otherCount: 0 };
  }
  if (column.topValues && column.topValues.length > 0) {
    const shown = column.topValues.slice(0, maxCategories);
    const listed = shown.reduce((sum, v) => sum + v.count, 0);
    return {
      kind: 'categories',
      labels: shown.map((v) => formatValue(v.value, 24)),
      counts: shown.map((v) => v.count),
      otherCount: Math.max(0, (column.count ?? listed) - listed),
    };
  }
  if (column.count === null && column.nullCount === null) return null;
  const parts: [string, number | null][] = [
    ['distinct', column.distinctCount !== null && column.count !== null ? Math.min(column.distinctCount, column.count) : null],
    ['repeated', column.distinctCount !== null && column.count !== null ? Math.max(0, column.count - column.distinctCount) : null],
    ['empty', column.emptyStrings],
    ['null', column.nullCount],
  ];
  const shown = parts.filter((p): p is [string, number] => p[1] !== null);
  if (shown.length === 0) return null;
  return { kind: 'composition', labels: shown.map((p) => p[0]), counts: shown.map((p) => p[1]), otherCount: 0 };
}

/** 850 → "850 ms", 1712 → "1.7 s". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
