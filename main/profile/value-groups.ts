import type { DuckDBConnection } from '@duckdb/node-api';
import { QUANTILE_LEVELS, QuantileKeys } from '../../common/profile/profile-schema';
import type { ColumnInfo } from './column-kinds';
import type { KeyGroup } from './distribution-query';
import { readRows, toCount, toScalar } from './duck-values';
import { momentsFromSums, NUMERIC_TEXT_PATTERN, type ColumnHints, type ColumnStats } from './stats-query';

/**
 * A column the sample found few values in is grouped by value in the full pass, and
 * everything about it is summed from those groups: no aggregate query of its own, no
 * histogram query. At most this many groups; past it the column is profiled as usual.
 */
export const VALUE_GROUPS_MAX = 10_000;

/** Columns whose value groups give every statistic exactly: integers, FLOAT/DOUBLE and VARCHAR. */
export function groupable(column: ColumnInfo): boolean {
  if (column.kind === 'numeric') return column.integral || column.floating;
  return column.kind === 'string' && column.type.toUpperCase() === 'VARCHAR';
}

/** A column's value groups (`sql` is the column, quoted), or null when there are more than VALUE_GROUPS_MAX. */
export async function readValueGroups(connection: DuckDBConnection, sql: string, relation: string): Promise<KeyGroup[] | null> {
  const { rows } = await readRows(connection, `SELECT k, count(*) AS n FROM (SELECT ${sql} AS k FROM ${relation}) GROUP BY k LIMIT ${VALUE_GROUPS_MAX + 1}`);
  return rows.length > VALUE_GROUPS_MAX ? null : rows.map(([value, n]) => ({ value, count: toCount(n) }));
}

/** DuckDB's regexp_full_match of NUMERIC_TEXT_PATTERN: RE2's \s is [\t\n\f\r ]. */
const NUMERIC_TEXT = new RegExp(`^(?:${NUMERIC_TEXT_PATTERN.replaceAll('\\s', '[\\t\\n\\f\\r ]')})$`);

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/**
 * Every statistic the aggregate pass computes, from a column's value groups (value,
 * rows): exact, including the distinct count and the quantiles (quantile_disc for
 * integers, quantile_cont for doubles, as the exact pass computes them).
 */
export function statsFromGroups(column: ColumnInfo, groups: readonly KeyGroup[], hints: ColumnHints | undefined): ColumnStats {
  const present = groups.filter((g) => g.value !== null && g.value !== undefined);
  const count = present.reduce((sum, g) => sum + g.count, 0);
  const stats: ColumnStats = {
    count,
    distinct: present.length,
    distinctSampled: false,
    distinctError: null,
    min: null,
    max: null,
    vmin: null,
    vmax: null,
    vcount: null,
    mean: null,
    stddev: null,
    skewness: null,
    quantiles: null,
    quantilesExact: true,
    zeros: null,
    negatives: null,
    nonFinite: null,
    empty: null,
    lengthMin: null,
    lengthMean: null,
    lengthMax: null,
    numericText: null,
    trues: null,
    falses: null,
    candidateCounts: null,
    outliers: null,
  };
  if (column.kind === 'numeric') Object.assign(stats, numericStats(column, present));
  else Object.assign(stats, textStats(present, hints));
  return stats;
}

function numericStats(column: ColumnInfo, present: readonly KeyGroup[]): Partial<ColumnStats> {
  const number = (value: unknown) => (typeof value === 'bigint' ? Number(value) : (value as number));
  const finite = present.filter((g) => Number.isFinite(number(g.value))).sort((a, b) => compareNumbers(a.value, b.value));
  const n = finite.reduce((sum, g) => sum + g.count, 0);
  const out: Partial<ColumnStats> = {
    vcount: n,
    zeros: present.reduce((sum, g) => sum + (number(g.value) === 0 ? g.count : 0), 0),
    negatives: finite.reduce((sum, g) => sum + (number(g.value) < 0 ? g.count : 0), 0),
  };
  if (column.floating) out.nonFinite = present.reduce((sum, g) => sum + g.count, 0) - n;
  if (n === 0) return out;
  const first = finite[0]!;
  const last = finite[finite.length - 1]!;
  // Integers keep their own type (a BIGINT past 2^53 stays exact); doubles are the finite ones.
  out.min = column.integral ? toScalar(first.value) : number(first.value);
  out.max = column.integral ? toScalar(last.value) : number(last.value);
  out.vmin = number(first.value);
  out.vmax = number(last.value);
  const mean = finite.reduce((sum, g) => sum + number(g.value) * g.count, 0) / n;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (const g of finite) {
    const d = number(g.value) - mean;
    s1 += d * g.count;
    s2 += d * d * g.count;
    s3 += d * d * d * g.count;
  }
  out.mean = mean;
  Object.assign(out, momentsFromSums(n, s1, s2, s3));
  out.quantiles = QUANTILE_LEVEL_LIST.map((level) => (column.integral ? quantileDisc(finite, n, level) : quantileCont(finite, n, level)));
  const p25 = out.quantiles[2] ?? null;
  const p75 = out.quantiles[4] ?? null;
  // Fences from the column's own exact quartiles (not the sample's): the outlier count is then exact too.
  const fences = p25 !== null && p75 !== null && p75 > p25 ? { low: p25 - 1.5 * (p75 - p25), high: p75 + 1.5 * (p75 - p25) } : undefined;
  if (fences) {
    const outside = finite.reduce((sum, g) => sum + (number(g.value) < fences.low || number(g.value) > fences.high ? g.count : 0), 0);
    out.outliers = { count: outside, ...fences };
  }
  return out;
}

function textStats(present: readonly KeyGroup[], hints: ColumnHints | undefined): Partial<ColumnStats> {
  const values = present.map((g) => ({ text: String(g.value), count: g.count }));
  const count = values.reduce((sum, v) => sum + v.count, 0);
  const out: Partial<ColumnStats> = { empty: values.reduce((sum, v) => sum + (v.text === '' ? v.count : 0), 0) };
  // The full pass tests for numbers stored as text only where the sample saw some.
  if (!hints || hints.numericText) out.numericText = values.reduce((sum, v) => sum + (NUMERIC_TEXT.test(v.text) ? v.count : 0), 0);
  if (count === 0) return out;
  // DuckDB orders VARCHAR by its UTF-8 bytes; length() counts code points.
  const sorted = [...values].sort((a, b) => Buffer.compare(utf8(a.text), utf8(b.text)));
  const lengths = values.map((v) => ({ length: [...v.text].length, count: v.count }));
  out.min = sorted[0]!.text;
  out.max = sorted[sorted.length - 1]!.text;
  out.lengthMin = Math.min(...lengths.map((l) => l.length));
  out.lengthMax = Math.max(...lengths.map((l) => l.length));
  out.lengthMean = lengths.reduce((sum, l) => sum + l.length * l.count, 0) / count;
  return out;
}

const QUANTILE_LEVEL_LIST = QuantileKeys.map((key) => QUANTILE_LEVELS[key]);

function compareNumbers(a: unknown, b: unknown): number {
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** The value at 0-based rank `index` of the sorted groups. */
function atRank(sorted: readonly KeyGroup[], index: number): number {
  let seen = 0;
  for (const g of sorted) {
    seen += g.count;
    if (index < seen) return typeof g.value === 'bigint' ? Number(g.value) : (g.value as number);
  }
  const last = sorted[sorted.length - 1]!.value;
  return typeof last === 'bigint' ? Number(last) : (last as number);
}

/** DuckDB's quantile_disc: the value at rank ⌈n·q⌉ − 1 (0-based; checked against DuckDB for n up to 300). */
export function quantileDisc(sorted: readonly KeyGroup[], n: number, level: number): number {
  return atRank(sorted, Math.max(0, Math.ceil(n * level) - 1));
}

/** DuckDB's quantile_cont: linear interpolation at rank (n − 1)·q. */
export function quantileCont(sorted: readonly KeyGroup[], n: number, level: number): number {
  const position = (n - 1) * level;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  const low = atRank(sorted, lo);
  if (hi === lo) return low;
  const high = atRank(sorted, hi);
  return low + (position - lo) * (high - low);
}
