import type { ColumnProfile, HistogramBin, Profile, ScalarValue } from '../../common/profile/profile-schema';

const BARS = '▁▂▃▄▅▆▇█';

/** A histogram (or period counts) as one line of block characters, squeezed to `width`. */
export function sparkline(counts: readonly number[], width = 24): string {
  if (counts.length === 0) return '';
  const step = Math.max(1, Math.ceil(counts.length / width));
  const merged: number[] = [];
  for (let i = 0; i < counts.length; i += step) merged.push(counts.slice(i, i + step).reduce((a, b) => a + b, 0));
  const max = Math.max(...merged);
  return merged.map((c) => (c === 0 ? ' ' : BARS[Math.min(BARS.length - 1, Math.floor((c / max) * (BARS.length - 1) + 0.5))]!)).join('');
}

function short(value: ScalarValue, width = 22): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? formatNumber(value) : String(value);
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  return abs >= 1e6 || (abs > 0 && abs < 1e-3) ? value.toExponential(3) : value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

function distribution(column: ColumnProfile): string {
  if (column.histogram) return sparkline(column.histogram.map((b: HistogramBin) => b.count));
  if (column.topValues && column.topValues.length > 0) {
    const top = column.topValues.slice(0, 3).map((v) => `${short(v.value, 12)} ${formatNumber(v.count)}`);
    return top.join(', ');
  }
  return '';
}

/** The profile as a terminal table: one row per column, then its alerts. */
export function formatProfile(profile: Profile): string {
  const lines: string[] = [];
  const rows = profile.rowCount === null ? 'unknown rows' : `${profile.rowCountExact ? '' : '~'}${formatNumber(profile.rowCount)} rows`;
  const stage = profile.sample ? `sample, ${formatNumber(profile.sample.rows)} rows (${profile.sample.description})` : profile.stage;
  lines.push(`${rows}, ${profile.columns.length} columns — ${stage}, ${Math.round(profile.durationMs)} ms`);
  const header = ['column', 'type', 'null %', 'distinct', 'min', 'max', 'mean', 'p50', 'distribution'];
  const table = profile.columns.map((c) => [
    c.name,
    c.type,
    c.nullPercent === null ? '' : c.nullPercent.toFixed(c.nullPercent > 0 && c.nullPercent < 0.1 ? 3 : 1),
    c.distinctCount === null ? '' : `${c.exact.distinctCount ? '' : '~'}${formatNumber(c.distinctCount)}`,
    short(c.min),
    short(c.max),
    short(c.mean),
    short(c.quantiles?.p50 ?? null),
    distribution(c),
  ]);
  const widths = header.map((h, i) => Math.min(i === 0 ? 28 : 40, Math.max(h.length, ...table.map((r) => r[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (cell.length > widths[i]! ? `${cell.slice(0, widths[i]! - 1)}…` : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  lines.push(line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...table.map(line));
  const alerts = profile.columns.flatMap((c) => c.alerts.map((a) => `${a.severity === 'warning' ? '!' : 'i'} ${a.message}${a.exact ? '' : ' (approximate)'}`));
  if (alerts.length > 0) lines.push('', ...alerts);
  if (profile.omittedColumns > 0) lines.push('', `${profile.omittedColumns} more columns not profiled`);
  return lines.join('\n');
}
