import type { DuckDBConnection } from '@duckdb/node-api';
import { ApiError } from '../../common/contract/envelope';
import type { TemporalUnit } from '../../common/profile/profile-schema';
import { quoteIdentifier, quoteLiteral } from '../engine/sql-text';
import { binKeyOf, binKeySql, numberLiteral, periodUnit, planBins, spanSeconds, TIMESTAMP_QUANTA, type BinPlan } from './bins';
import { numericValueSql, wholeValueSql, type ColumnInfo } from './column-kinds';
import { periodKey } from './periods';
import { readRows, toCount } from './duck-values';
import type { ColumnStats } from './stats-query';
import { readValueGroups } from './value-groups';

/** Top values kept per column. */
export const TOP_K = 20;
/** Columns with at most this many distinct values get top values whatever their type. */
export const LOW_CARDINALITY = 50;
/** Columns with at most this many values are always grouped: exact top values and distinct counts cost little. */
const ALWAYS_COUNT_TEXT_ROWS = 200_000;
/** The full pass groups text columns with at most this many distinct values (HyperLogLog's estimate). */
const GROUPED_MAX_DISTINCT = 10_000;
/** GROUPING_ID is a 64-bit mask: at most this many grouping keys per query. */
const KEYS_PER_QUERY = 60;

/**
 * `fromValue` (numeric columns that also have a top key) is the key's SQL mirrored in
 * JS: the key of one value of the column, so the key's groups can be summed from the
 * column's value groups instead of scanning again.
 */
export type DistributionKey =
  | { role: 'histogram'; column: number; sql: string; plan: BinPlan; fromValue?: (value: unknown) => unknown }
  | { role: 'outliers'; column: number; sql: string; low: number; high: number; fromValue?: (value: unknown) => unknown }
  | { role: 'top'; column: number; sql: string }
  /** `start` turns a whole-number key back into the period's start; without it the key is date_trunc's value. */
  | { role: 'periods'; column: number; sql: string; unit: TemporalUnit; start?: (key: number) => string }
  | { role: 'json-types'; column: number; sql: string };

/** A key's own query may read only the rows this condition keeps (its NULL group is never used). */
type KeyFilter = { where?: string };

/** One group of a key: the key's value (null for the NULL group) and its row count. */
export interface KeyGroup {
  value: unknown;
  count: number;
}

export interface KeyResult {
  groups: KeyGroup[];
  /** Non-null groups in total (top keys return only the first TOP_K). */
  distinct: number;
}

/** Approximate distinct counts above this share of the values make a column a possible key: it is then counted exactly. */
const KEY_CANDIDATE_SHARE = 0.9;

function wantsTopValues(column: ColumnInfo, stats: ColumnStats, rows: number, full: boolean, exactDistinct: boolean): boolean {
  if (stats.count === 0 || stats.distinct === null || column.kind === 'nested' || column.kind === 'boolean') return false;
  if (stats.distinct <= LOW_CARDINALITY) return true;
  // A distinct-sampling estimate this small rests on a few hundred sampled values at most:
  // grouping the column (a small hash table) makes its count exact, and gives its top values.
  if (full && stats.distinctSampled && stats.distinct <= GROUPED_MAX_DISTINCT) return true;
  // Nearly every value distinct, and known exactly: top values would all count about 1.
  if (exactDistinct && stats.distinct >= KEY_CANDIDATE_SHARE * stats.count) return false;
  // Over many rows the full pass groups only columns with few enough values that
  // their hash table stays small (grouping a 10M-value key costs more than the rest
  // of the profile); for the others, the values the sample saw repeat were counted
  // in the first pass, and a key is judged from HyperLogLog and the sample.
  if (full && stats.count > ALWAYS_COUNT_TEXT_ROWS && stats.distinct > GROUPED_MAX_DISTINCT) return false;
  // HyperLogLog is ±10%: on fewer rows, grouping a likely key tells exactly whether it is unique.
  const keyLike = column.integral || column.kind === 'string' || column.kind === 'other';
  if (keyLike && stats.count === rows && stats.distinct >= KEY_CANDIDATE_SHARE * stats.count) return true;
  return column.kind === 'string' || column.kind === 'json';
}

/**
 * Plans every grouping key of the second pass from what the first pass found.
 * `full` is the pass over all rows: there, grouping a column with many distinct
 * values would cost more than everything else, so only small ones are grouped.
 */
export function planDistributions(
  columns: readonly ColumnInfo[],
  stats: readonly ColumnStats[],
  rows: number,
  full: boolean,
  exactDistinct: boolean,
  /** Columns already grouped by value (value-groups.ts): their top values, histogram and outliers come from those groups. */
  grouped: ReadonlySet<number> = new Set(),
): (DistributionKey & KeyFilter)[] {
  const keys: (DistributionKey & KeyFilter)[] = [];
  columns.forEach((column, i) => {
    const s = stats[i]!;
    const q = quoteIdentifier(column.name);
    const top = grouped.has(i) || wantsTopValues(column, s, rows, full, exactDistinct);
    // Integers and FLOAT/DOUBLE read back as exact JS numbers (DECIMALs and dates do not): their keys can be mirrored.
    const mirrored = top && column.kind === 'numeric' && (column.integral || column.floating);
    if ((column.kind === 'numeric' || column.kind === 'temporal') && s.vmin !== null && s.vmax !== null && (s.vcount ?? 0) > 0) {
      // FLOAT/DOUBLE without NaN or infinities (the first pass counted them) need no per-row isfinite().
      const value = column.floating && s.nonFinite === 0 ? q : numericValueSql(column, q);
      const p25 = s.quantiles?.[2] ?? null;
      const p75 = s.quantiles?.[4] ?? null;
      const quanta = column.temporal === 'timestamp' || column.temporal === 'timestamptz' ? TIMESTAMP_QUANTA : undefined;
      const plan = planBins({ min: s.vmin, max: s.vmax, n: s.vcount ?? s.count, p25, p75, integral: column.integral, ...(quanta ? { quanta } : {}) });
      const whole = wholeValueSql(column, q);
      if (plan && plan.bins > 1) {
        keys.push({ role: 'histogram', column: i, sql: binKeySql(plan, value, whole ?? undefined), plan, ...(mirrored ? { fromValue: (v: unknown) => binKeyOf(plan, v, whole !== null) } : {}) });
      }
      // Unless the full pass's first pass already counted them (ColumnHints.fences: a spread sample's quartiles, or a temp table's own).
      if ((!full || s.outliers === null) && column.kind === 'numeric' && p25 !== null && p75 !== null && p75 > p25) {
        const low = p25 - 1.5 * (p75 - p25);
        const high = p75 + 1.5 * (p75 - p25);
        const outside = (v: unknown) => {
          const x = finiteValue(v);
          return x === null ? null : x < low || x > high;
        };
        keys.push({ role: 'outliers', column: i, sql: `(${value} < ${numberLiteral(low)} OR ${value} > ${numberLiteral(high)})`, low, high, ...(mirrored ? { fromValue: outside } : {}) });
      }
      if (column.temporal) {
        const unit = periodUnit(spanSeconds(column.temporal, s.vmin, s.vmax), column.temporal === 'date');
        const fast = periodKey(column, unit, s.vmin, s.vmax);
        keys.push(fast ? { role: 'periods', column: i, sql: fast.sql, unit, start: fast.start } : { role: 'periods', column: i, sql: `date_trunc(${quoteLiteral(unit)}, ${q})`, unit });
      }
    }
    if (column.kind === 'json' && s.count > 0) keys.push({ role: 'json-types', column: i, sql: `json_type(${q})` });
    // Only a top key reports its NULL group; the others skip NULLs before computing their key (10% NULLs: 93 -> 70 ms over 10M rows).
    for (const key of keys) if (key.column === i) key.where = `${q} IS NOT NULL`;
    if (top) keys.push({ role: 'top', column: i, sql: q });
  });
  return keys;
}

/**
 * Counts every key in one pass over few rows: GROUPING SETS with one set per key, so
 * each histogram, period count and top-k list is one hash table over the same scan.
 * Top keys keep their NULL group and their TOP_K largest groups (ties by value).
 */
export function distributionSql(keys: readonly DistributionKey[], relation: string): string {
  const names = keys.map((_, j) => `k${j}`);
  const projections = keys.map((key, j) => `${key.sql} AS ${names[j]}`).join(', ');
  const nullGroup = names.map((k) => `${k} IS NULL`).join(' AND ');
  const topIds = keys.flatMap((key, j) => (key.role === 'top' ? [groupingId(j, keys.length)] : []));
  // Two plain windows in a subquery: a FILTERed window aggregate beside the ranking one made DuckDB 1.5 take minutes.
  const ranked = [
    `SELECT g, ${names.join(', ')}, n, null_group, count(*) OVER (PARTITION BY g) AS groups,`,
    `row_number() OVER (PARTITION BY g ORDER BY null_group DESC, n DESC, ${names.join(', ')}) AS rank FROM (`,
    `SELECT GROUPING_ID(${names.join(', ')}) AS g, ${names.join(', ')}, count(*) AS n, (${nullGroup}) AS null_group`,
    `FROM (SELECT ${projections} FROM ${relation})`,
    `GROUP BY GROUPING SETS (${names.map((k) => `(${k})`).join(', ')}))`,
  ].join(' ');
  const where = topIds.length > 0 ? ` WHERE g NOT IN (${topIds.join(', ')}) OR rank <= ${TOP_K + 1}` : '';
  return `SELECT g, ${names.join(', ')}, n, null_group, groups FROM (${ranked})${where}`;
}

/** GROUPING_ID sets a bit for each key a set leaves out; the first key is the highest bit. */
function groupingId(index: number, total: number): string {
  const all = (1n << BigInt(total)) - 1n;
  return String(all - (1n << BigInt(total - 1 - index)));
}

/**
 * One key's groups over every row: all of them, or for a top key the NULL group and
 * the TOP_K + 1 largest (ties by value), each row with the key's number of groups.
 * Over many rows DuckDB 1.5 runs one GROUP BY per key in ~13% less CPU than the same
 * keys as GROUPING SETS of one query (10M rows, 9 keys: 873 ms against 1,021 ms);
 * over few, each query's ~1 ms of overhead makes it slower (3,000 rows × 130 keys: 290 against 170 ms).
 */
export function keySql(key: DistributionKey & KeyFilter, relation: string): string {
  const grouped = `SELECT k, count(*) AS n FROM (SELECT ${key.sql} AS k FROM ${relation}${key.where ? ` WHERE ${key.where}` : ''}) GROUP BY k`;
  if (key.role !== 'top') return `SELECT k, n, count(*) OVER () AS groups FROM (${grouped})`;
  return `SELECT k, n, groups FROM (SELECT k, n, count(*) OVER () AS groups, row_number() OVER (ORDER BY k IS NULL DESC, n DESC, k) AS rank FROM (${grouped})) WHERE rank <= ${TOP_K + 1}`;
}

/**
 * On a sample (10k rows) each hash table of GROUPING SETS costs more to set up than to
 * fill (~1.5 ms a key): one histogram() aggregate per key in a single ungrouped query is
 * ~3x faster there. Over many rows it is ~2x slower than GROUPING SETS, so only samples use it.
 */
export function histogramsSql(keys: readonly DistributionKey[], relation: string): string {
  const projections = keys.map((key, j) => `${key.sql} AS k${j}`).join(', ');
  return `SELECT count(*), ${keys.map((_, j) => `histogram(k${j}), count(k${j})`).join(', ')} FROM (SELECT ${projections} FROM ${relation})`;
}

async function runHistograms(connection: DuckDBConnection, keys: readonly DistributionKey[], relation: string): Promise<KeyResult[]> {
  const { rows } = await readRows(connection, histogramsSql(keys, relation));
  const row = rows[0] ?? [];
  const total = toCount(row[0]);
  return keys.map((key, j) => {
    const entries = (row[1 + 2 * j] as { entries?: { key: unknown; value: unknown }[] } | null)?.entries ?? [];
    let groups: KeyGroup[] = entries.map((e) => ({ value: e.key, count: toCount(e.value) }));
    const distinct = groups.length;
    if (key.role === 'top') groups = groups.sort((a, b) => b.count - a.count || compareValues(a.value, b.value)).slice(0, TOP_K);
    const nulls = total - toCount(row[2 + 2 * j]);
    if (nulls > 0) groups.push({ value: null, count: nulls });
    return { groups, distinct };
  });
}

/** Ties among top values in the order the key query gives them: by value. */
function compareValues(a: unknown, b: unknown): number {
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) return a < b ? -1 : a > b ? 1 : 0;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Counts every key: on a sample with histogram() aggregates, over few rows with GROUPING
 * SETS, over many (`perKey`) with a query per key, a numeric column's value groups also giving its histogram and outliers.
 */
export async function runDistributions(
  connection: DuckDBConnection,
  keys: readonly (DistributionKey & KeyFilter)[],
  relation: string,
  options: { sample?: boolean; perKey?: boolean; signal?: AbortSignal; valueGroups?: ReadonlyMap<number, readonly KeyGroup[]> } = {},
): Promise<KeyResult[]> {
  if (options.sample) return runHistograms(connection, keys, relation);
  if (!options.perKey) return runGroupingSets(connection, keys, relation);
  const results: (KeyResult | undefined)[] = keys.map(() => undefined);
  // A numeric column grouped by value: its histogram and outliers are sums of its value groups.
  for (const [j, key] of keys.entries()) {
    if (key.role !== 'top') continue;
    const known = options.valueGroups?.get(key.column);
    const derived = keys.flatMap((other, d) => (other.column === key.column && other !== key ? [{ other, d }] : []));
    const mirrored = derived.length > 0 && derived.every(({ other }) => 'fromValue' in other && other.fromValue);
    if (!known && !mirrored) continue;
    if (options.signal?.aborted) throw new ApiError({ code: 'cancelled', message: 'cancelled' });
    const groups = known ?? (await readValueGroups(connection, key.sql, relation));
    if (!groups) continue;
    results[j] = topOf(groups);
    for (const { other, d } of derived) {
      if ('fromValue' in other && other.fromValue) results[d] = sumGroups(groups, other.fromValue);
    }
  }
  for (const [j, key] of keys.entries()) {
    if (results[j]) continue;
    if (options.signal?.aborted) throw new ApiError({ code: 'cancelled', message: 'cancelled' });
    const { rows } = await readRows(connection, keySql(key, relation));
    const groups = rows.map(([value, n]) => ({ value, count: toCount(n) }));
    const total = toCount(rows[0]?.[2]);
    // The NULL group sorts first among a top key's rows, so it is there whenever it exists.
    const nulls = groups.filter((g) => g.value === null);
    const values = groups.filter((g) => g.value !== null);
    results[j] = { groups: key.role === 'top' ? values.slice(0, TOP_K).concat(nulls) : groups, distinct: total - nulls.length };
  }
  return results.map((result) => result ?? { groups: [], distinct: 0 });
}

/** A top key's result from every value group of its column: the TOP_K largest (ties by value) and the NULL group. */
function topOf(groups: readonly KeyGroup[]): KeyResult {
  const values = groups.filter((g) => g.value !== null).sort((a, b) => b.count - a.count || compareValues(a.value, b.value));
  return { groups: values.slice(0, TOP_K).concat(groups.filter((g) => g.value === null)), distinct: values.length };
}

/** Another key's groups from a column's value groups: each value's rows go to the key of that value. */
function sumGroups(groups: readonly KeyGroup[], fromValue: (value: unknown) => unknown): KeyResult {
  const sums = new Map<unknown, number>();
  for (const group of groups) {
    const key = group.value === null ? null : fromValue(group.value);
    sums.set(key, (sums.get(key) ?? 0) + group.count);
  }
  const out = [...sums].map(([value, count]) => ({ value, count }));
  return { groups: out, distinct: out.filter((g) => g.value !== null).length };
}

/** A value of an integer or FLOAT/DOUBLE column as a finite double (numericValueSql's value), or null. */
function finiteValue(value: unknown): number | null {
  const x = typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? value : null;
  return x !== null && Number.isFinite(x) ? x : null;
}

/** Every key through GROUPING SETS queries of up to KEYS_PER_QUERY keys (relations of few rows, where each query's overhead would dominate). */
async function runGroupingSets(connection: DuckDBConnection, keys: readonly DistributionKey[], relation: string): Promise<KeyResult[]> {
  const results: KeyResult[] = keys.map(() => ({ groups: [], distinct: 0 }));
  for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
    const batch = keys.slice(start, start + KEYS_PER_QUERY);
    const ids = new Map(batch.map((_, j) => [groupingId(j, batch.length), j]));
    const { rows } = await readRows(connection, distributionSql(batch, relation));
    const groups = new Map<number, number>();
    for (const row of rows) {
      const j = ids.get(String(row[0]));
      if (j === undefined) continue;
      const nullGroup = row[batch.length + 2] === true;
      results[start + j]!.groups.push({ value: nullGroup ? null : row[1 + j], count: toCount(row[batch.length + 1]) });
      groups.set(j, toCount(row[batch.length + 3]));
    }
    for (const [j, total] of groups) {
      const result = results[start + j]!;
      // The NULL group sorts first, so it is among the rows whenever it exists.
      result.distinct = total - (result.groups.some((g) => g.value === null) ? 1 : 0);
      if (batch[j]!.role === 'top') result.groups = result.groups.filter((g) => g.value !== null).slice(0, TOP_K).concat(result.groups.filter((g) => g.value === null));
    }
  }
  return results;
}
