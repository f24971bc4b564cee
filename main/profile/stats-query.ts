import type { DuckDBConnection } from '@duckdb/node-api';
import { ApiError } from '../../common/contract/envelope';
import { QUANTILE_LEVELS, QuantileKeys, type ScalarValue } from '../../common/profile/profile-schema';
import { quoteIdentifier, quoteLiteral } from '../engine/sql-text';
import { numberLiteral } from './bins';
import { numericValueSql, type ColumnInfo } from './column-kinds';
import { readOneRow, toCount, toNumber, toScalar } from './duck-values';

/** Text that reads as a number: optional sign, digits with an optional fraction, optional exponent. */
export const NUMERIC_TEXT_PATTERN = String.raw`\s*[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)?\s*`;

/** What the single aggregate pass learns about one column. Numbers on the numeric scale are days/µs for temporal columns. */
export interface ColumnStats {
  count: number;
  distinct: number | null;
  /** The distinct count is a distinct-sampling estimate (see distinctSampleSql), not HyperLogLog's or exact. */
  distinctSampled: boolean;
  /** That estimate's relative standard error, √((k−1)/D); null for other counts. */
  distinctError: number | null;
  min: ScalarValue;
  max: ScalarValue;
  /** Min, max, mean and quantiles on the numeric scale (numericValueSql). */
  vmin: number | null;
  vmax: number | null;
  /** Values on the numeric scale (finite ones for FLOAT/DOUBLE). */
  vcount: number | null;
  mean: number | null;
  stddev: number | null;
  skewness: number | null;
  quantiles: (number | null)[] | null;
  /** The quantiles are exact whatever the pass (summed from value groups). */
  quantilesExact?: boolean;
  zeros: number | null;
  negatives: number | null;
  nonFinite: number | null;
  empty: number | null;
  lengthMin: number | null;
  lengthMean: number | null;
  lengthMax: number | null;
  numericText: number | null;
  trues: number | null;
  falses: number | null;
  /** Exact counts of candidate top values (found by the sample), most frequent first. */
  candidateCounts: { value: string; count: number }[] | null;
  /** Values outside the sample's fences (see ColumnHints.fences). */
  outliers: { count: number; low: number; high: number } | null;
}

/** What the sample stage tells the full pass about a column, so the full pass does less. */
export interface ColumnHints {
  /** The sample's mean: moments are summed around it, which keeps them exact in floating point. */
  center?: number;
  /** Test for numbers stored as text (the sample found some). */
  numericText?: boolean;
  /** Values the sample saw repeat: counted exactly instead of grouping a high-cardinality column. */
  topCandidates?: readonly string[];
  /** 1.5·IQR fences (a spread sample's quartiles, or the relation's own when quantilesApart): outliers are counted in this pass instead of grouped in the next. */
  fences?: { low: number; high: number };
  /** The sample had no NULL and no value twice (its distinct count is exact). */
  sampleAllDistinct?: boolean;
  /** A spread sample saw few values, each many times: the full pass groups the column by value (see value-groups.ts). */
  grouped?: boolean;
}

export interface StatsOptions {
  exactDistinct: boolean;
  /**
   * Estimate distinct counts by distinct sampling at 1 in this many hash values
   * instead of HyperLogLog (big relations; ignored with exactDistinct).
   */
  distinctSampling?: number;
  /** quantile_cont/quantile_disc instead of approx_quantile (small relations). */
  exactQuantiles?: boolean;
  /** Quantiles only over rows that pass this condition (a systematic subsample of a big relation). */
  quantileFilter?: string;
  /** By column name; without hints (the sample stage) every statistic is computed directly. */
  hints?: ReadonlyMap<string, ColumnHints>;
  /**
   * One query per column instead of one for all (big relations). DuckDB 1.5 runs an
   * ungrouped aggregate of many columns' statistics ~30% slower in CPU than the same
   * aggregates split by column (10M × 8 Parquet: 4.09 s against 2.92 s), while on
   * a 10k-row sample the query count would dominate.
   */
  perColumn?: boolean;
  /**
   * With quantileFilter: every column's quantiles in one query of their own over the
   * subsample (WHERE), instead of a FILTER in each column's query that evaluates the
   * condition over every row again. For a temp table, which costs next to nothing to
   * scan again (10M × 8 table: 380 ms of CPU less).
   */
  quantilesApart?: boolean;
  /** Checked between the per-column queries. */
  signal?: AbortSignal;
  /** Columns (by index) whose statistics come from their value groups instead: left out of every query. */
  skip?: ReadonlySet<number>;
  /**
   * Moments from sums of powers around these centres (each numeric column's mean; 0 where
   * it has none) even where no hint gives one. stddev_samp and skewness raise an error
   * where the squares overflow a DOUBLE (values past ~1e154); sums turn into Infinity,
   * which the profile reports as no value.
   */
  centers?: ReadonlyMap<string, number>;
}

const ORDERABLE_OTHER = /^(UUID|TIME|TIME WITH TIME ZONE|TIMETZ|INTERVAL)$/i;

function expressionsFor(column: ColumnInfo, i: number, options: StatsOptions): [string, string][] {
  const q = quoteIdentifier(column.name);
  const hints = options.hints?.get(column.name);
  const out: [string, string][] = [[`count`, `count(${q})`]];
  if (column.kind !== 'nested') out.push(['distinct', distinctSql(q, options)]);
  const levels = `[${QuantileKeys.map((k) => QUANTILE_LEVELS[k]).join(', ')}]`;
  if (column.kind === 'numeric' || column.kind === 'temporal') {
    const v = numericValueSql(column, q);
    // Numbers need one min and max (read back as numbers); dates and timestamps also need them as text.
    const native = column.kind === 'temporal' || column.integral ? q : v;
    out.push(['min', `min(${native})`], ['max', `max(${native})`]);
    if (column.kind === 'temporal') out.push(['vmin', `min(${v})`], ['vmax', `max(${v})`]);
    if (column.floating) out.push(['vcount', `count(${v})`]);
    // Exact quantiles are affordable on small relations; a t-digest elsewhere. Whole-number columns take a value of the data.
    const quantile = options.exactQuantiles ? (column.integral ? 'quantile_disc' : 'quantile_cont') : 'approx_quantile';
    const filter = options.quantileFilter && !options.quantilesApart ? ` FILTER (WHERE ${options.quantileFilter})` : '';
    out.push(['mean', `avg(${v})`], ['quantiles', `${quantile}(${v}, ${levels})${filter}`]);
    if (column.kind === 'numeric') {
      const center = hints?.center ?? (options.centers ? (options.centers.get(column.name) ?? 0) : undefined);
      if (center !== undefined) {
        // Three sums cost a third of stddev_samp + skewness; centring keeps them exact.
        const d = `(${v} - ${numberLiteral(center)})`;
        out.push(['sum1', `sum(${d})`], ['sum2', `sum(${d} * ${d})`], ['sum3', `sum(${d} * ${d} * ${d})`]);
      } else {
        out.push(['stddev', `stddev_samp(${v})`], ['skewness', `skewness(${v})`]);
      }
      // -Infinity is no more a number of the column than NaN (nonFinite counts both): negatives are finite.
      out.push(['zeros', `count_if(${q} = 0)`], ['negatives', column.floating ? `count_if(${q} < 0 AND isfinite(${q}))` : `count_if(${q} < 0)`]);
      if (hints?.fences) out.push(['outliers', outlierCountSql(column, q, v, hints.fences)]);
    } else {
      out.push(['stddev', `stddev_samp(${v})`]);
    }
  } else if (column.kind === 'string') {
    const s = column.type.toUpperCase() === 'VARCHAR' ? q : `${q}::VARCHAR`;
    out.push(['min', `min(${s})`], ['max', `max(${s})`]);
    out.push(['lengthMin', `min(length(${s}))`], ['lengthMean', `avg(length(${s}))`], ['lengthMax', `max(length(${s}))`], ['empty', `count_if(${s} = '')`]);
    if (!options.hints || hints?.numericText) {
      out.push(['numericText', `count_if(regexp_full_match(${s}, '${NUMERIC_TEXT_PATTERN}'))`]);
    }
  } else if (column.kind === 'boolean') {
    out.push(['trues', `count_if(${q})`], ['falses', `count_if(NOT ${q})`]);
  } else if (column.kind === 'other' && ORDERABLE_OTHER.test(column.type)) {
    out.push(['min', `min(${q})`], ['max', `max(${q})`]);
  }
  if ((column.kind === 'string' || column.kind === 'json') && hints?.topCandidates) {
    const text = column.type.toUpperCase() === 'VARCHAR' ? q : `${q}::VARCHAR`;
    hints.topCandidates.forEach((value, k) => out.push([`top${k}`, `count_if(${text} = ${quoteLiteral(value)})`]));
  }
  return out.map(([stat, sql]) => [`s${i}_${stat}`, sql]);
}

/**
 * Values outside the fences. Integers compare in their own type against whole-number
 * fences (v < low ⟺ v < ⌈low⌉ for whole v): no cast to DOUBLE per row, ~30% cheaper.
 */
function outlierCountSql(column: ColumnInfo, q: string, v: string, fences: { low: number; high: number }): string {
  const low = Math.ceil(fences.low);
  const high = Math.floor(fences.high);
  if (column.integral && !column.temporal && Number.isSafeInteger(low) && Number.isSafeInteger(high)) return `count_if(${q} < ${low} OR ${q} > ${high})`;
  return `count_if(${v} < ${numberLiteral(fences.low)} OR ${v} > ${numberLiteral(fences.high)})`;
}

function distinctSql(q: string, options: StatsOptions): string {
  if (options.exactDistinct) return `count(DISTINCT ${q})`;
  if (options.distinctSampling && options.distinctSampling >= 2) return distinctSampleSql(q, options.distinctSampling);
  return `approx_count_distinct(${q})`;
}

const HASH_RANGE = 1n << 64n;

/** The largest 64-bit hash kept when sampling 1 in `every` hash values. */
function hashThreshold(every: number): bigint {
  return (HASH_RANGE - 1n) / BigInt(Math.floor(every));
}

/**
 * Distinct sampling (Gibbons): the distinct values whose 64-bit hash falls in the
 * lowest 1/k of the range, counted exactly. A value is in or out whatever its row,
 * so the count is Binomial(D, 1/k) and k·count estimates D with a relative standard
 * error of √((k−1)/D): 0.25% for 10M distinct values at k = 62, against ±10% for
 * DuckDB's HyperLogLog, and at about 40% of its cost (the hash table holds 1/k of
 * the values). Small counts are imprecise, so the full pass groups those columns
 * for an exact count (planDistributions).
 */
export function distinctSampleSql(q: string, every: number): string {
  return `count(DISTINCT hash(${q})) FILTER (WHERE hash(${q}) <= ${hashThreshold(every)}::UBIGINT AND ${q} IS NOT NULL)`;
}

/** The distinct count that `sampled` values kept by distinctSampleSql(…, every) stand for. */
export function distinctFromSample(sampled: number, every: number): number {
  const kept = Number(hashThreshold(every) + 1n) / Number(HASH_RANGE);
  return Math.round(sampled / kept);
}

const isQuantilePart = (part: string) => /_quantiles"$/.test(part);

function selectParts(column: ColumnInfo, i: number, options: StatsOptions): string[] {
  return expressionsFor(column, i, options).map(([alias, sql]) => `${sql} AS ${quoteIdentifier(alias)}`);
}

/** The subsample's quantiles of every column in one query (quantilesApart), or null when they go with the other statistics. */
export function quantilesSql(columns: readonly ColumnInfo[], relation: string, options: StatsOptions): string | null {
  if (!options.quantilesApart || !options.quantileFilter) return null;
  const parts = columns.flatMap((column, i) => (options.skip?.has(i) ? [] : selectParts(column, i, options).filter(isQuantilePart)));
  return parts.length > 0 ? `SELECT ${parts.join(', ')} FROM ${relation} WHERE ${options.quantileFilter}` : null;
}

/**
 * The aggregate query over all columns: counts, distincts, ranges, moments,
 * quantiles (unless apart), lengths. With `perColumn`, one query per column over
 * its non-NULL values, after one that counts the rows.
 */
export function statsSql(columns: readonly ColumnInfo[], relation: string, options: StatsOptions): string[] {
  const select = (parts: string[]) => `SELECT ${parts.join(', ')} FROM ${relation}`;
  const rows = 'count(*) AS "rows"';
  const apart = quantilesSql(columns, relation, options) !== null;
  const parts = columns.map((column, i) => (options.skip?.has(i) ? [] : selectParts(column, i, options).filter((part) => !apart || !isQuantilePart(part))));
  if (!options.perColumn || columns.length <= 1) return [select([rows, ...parts.flat()])];
  // Every statistic but the row count skips NULLs, so each column's query may drop them first:
  // DuckDB 1.5 evaluates a column's aggregates over NULL-bearing vectors ~1.8x slower
  // (10M-row DOUBLE, 10% NULL: 353 ms against 193 ms filtered; no NULLs: the same).
  return [select([rows]), ...parts.flatMap((mine, i) => (mine.length > 0 ? [`${select(mine)} WHERE ${quoteIdentifier(columns[i]!.name)} IS NOT NULL`] : []))];
}

/** 1.5·IQR fences from quartiles read back from a quantiles list (p25 and p75 are its third and fifth levels). */
function fencesFrom(quantiles: unknown): { low: number; high: number } | undefined {
  const items = quantiles && typeof quantiles === 'object' && 'items' in quantiles ? (quantiles as { items: unknown[] }).items.map(toNumber) : null;
  const p25 = items?.[QuantileKeys.indexOf('p25')] ?? null;
  const p75 = items?.[QuantileKeys.indexOf('p75')] ?? null;
  if (p25 === null || p75 === null || !(p75 > p25)) return undefined;
  return { low: p25 - 1.5 * (p75 - p25), high: p75 + 1.5 * (p75 - p25) };
}

export async function runStats(
  connection: DuckDBConnection,
  columns: readonly ColumnInfo[],
  relation: string,
  options: StatsOptions,
): Promise<{ rows: number; stats: ColumnStats[] }> {
  const values = new Map<string, unknown>();
  const quantiles = quantilesSql(columns, relation, options);
  if (quantiles !== null) {
    for (const [name, value] of await readOneRow(connection, quantiles)) values.set(name, value);
    // Numeric columns without the sample's fences (its rows were the first ones) count outliers against these quartiles.
    const hints = new Map(options.hints);
    columns.forEach((column, i) => {
      const fences = column.kind === 'numeric' && !hints.get(column.name)?.fences ? fencesFrom(values.get(`s${i}_quantiles`)) : undefined;
      if (fences) hints.set(column.name, { ...hints.get(column.name), fences });
    });
    options = { ...options, hints };
  }
  const queries = statsSql(columns, relation, options);
  for (const [q, sql] of queries.entries()) {
    if (options.signal?.aborted) throw new ApiError({ code: 'cancelled', message: 'cancelled' });
    let row: Map<string, unknown>;
    try {
      row = await readOneRow(connection, sql);
    } catch (error) {
      if (options.centers || !/out of range/i.test(String(error))) throw error;
      // Squares past a DOUBLE's range: this query again with the moments as sums around each column's mean
      // (the query list is the same but for them).
      options = { ...options, centers: await meansOf(connection, columns, relation) };
      row = await readOneRow(connection, statsSql(columns, relation, options)[q]!);
    }
    for (const [name, value] of row) values.set(name, value);
  }
  const rows = toCount(values.get('rows'));
  const stats = columns.map((column, i): ColumnStats => {
    const get = (stat: string) => values.get(`s${i}_${stat}`);
    const has = (stat: string) => values.has(`s${i}_${stat}`);
    const num = (stat: string) => (has(stat) ? toNumber(get(stat)) : null);
    const quantiles = get('quantiles');
    const hints = options.hints?.get(column.name);
    const vcount = has('vcount') ? num('vcount') : column.kind === 'numeric' || column.kind === 'temporal' ? toCount(get('count')) : null;
    const moments = has('sum1') ? momentsFromSums(vcount ?? 0, num('sum1'), num('sum2'), num('sum3')) : null;
    const sampling = !options.exactDistinct && options.distinctSampling !== undefined && options.distinctSampling >= 2 ? options.distinctSampling : null;
    const rawDistinct = num('distinct');
    const distinct = rawDistinct === null ? null : sampling ? distinctFromSample(rawDistinct, sampling) : rawDistinct;
    const candidates = hints?.topCandidates?.map((value, k) => ({ value, count: toCount(get(`top${k}`)) })).filter((c) => c.count > 0);
    return {
      count: toCount(get('count')),
      // Estimates can overshoot; there cannot be more distinct values than values.
      distinct: distinct === null ? null : Math.min(distinct, toCount(get('count'))),
      distinctSampled: sampling !== null && distinct !== null,
      distinctError: sampling !== null && distinct !== null ? Math.sqrt((sampling - 1) / Math.max(1, distinct)) : null,
      min: has('min') ? toScalar(get('min')) : null,
      max: has('max') ? toScalar(get('max')) : null,
      vmin: has('vmin') ? num('vmin') : column.kind === 'numeric' ? toNumber(get('min')) : null,
      vmax: has('vmax') ? num('vmax') : column.kind === 'numeric' ? toNumber(get('max')) : null,
      vcount,
      mean: num('mean'),
      stddev: moments ? moments.stddev : num('stddev'),
      skewness: moments ? moments.skewness : num('skewness'),
      quantiles: quantiles && typeof quantiles === 'object' && 'items' in quantiles ? (quantiles as { items: unknown[] }).items.map(toNumber) : null,
      zeros: num('zeros'),
      negatives: num('negatives'),
      // NaN and ±Infinity are the values that are not on the numeric scale (count − vcount): no aggregate of their own.
      nonFinite: column.kind === 'numeric' && column.floating && vcount !== null ? toCount(get('count')) - vcount : null,
      empty: num('empty'),
      lengthMin: num('lengthMin'),
      lengthMean: num('lengthMean'),
      lengthMax: num('lengthMax'),
      numericText: num('numericText'),
      trues: num('trues'),
      falses: num('falses'),
      candidateCounts: candidates && has('top0') ? candidates.sort((a, b) => b.count - a.count) : null,
      outliers: has('outliers') && hints?.fences ? { count: toCount(get('outliers')), ...hints.fences } : null,
    };
  });
  return { rows, stats };
}

/** Each numeric column's mean where it is finite (StatsOptions.centers). */
async function meansOf(connection: DuckDBConnection, columns: readonly ColumnInfo[], relation: string): Promise<Map<string, number>> {
  const numeric = columns.filter((c) => c.kind === 'numeric');
  if (numeric.length === 0) return new Map();
  const row = await readOneRow(connection, `SELECT ${numeric.map((c, i) => `avg(${numericValueSql(c, quoteIdentifier(c.name))}) AS m${i}`).join(', ')} FROM ${relation}`);
  return new Map(numeric.flatMap((c, i) => {
    const mean = toNumber(row.get(`m${i}`));
    return mean !== null && Number.isFinite(mean) ? [[c.name, mean]] : [];
  }));
}

/**
 * Sample standard deviation and skewness (the adjusted Fisher–Pearson G1, as
 * DuckDB's skewness) from sums of d, d², d³ where d = value − center.
 */
export function momentsFromSums(n: number, s1: number | null, s2: number | null, s3: number | null): { stddev: number | null; skewness: number | null } {
  if (s1 === null || s2 === null || s3 === null || n < 2) return { stddev: null, skewness: null };
  const m1 = s1 / n;
  const m2 = Math.max(0, s2 / n - m1 * m1);
  const m3 = s3 / n - 3 * m1 * (s2 / n) + 2 * m1 ** 3;
  const stddev = Math.sqrt((m2 * n) / (n - 1));
  const skewness = n > 2 && m2 > 0 ? ((Math.sqrt(n * (n - 1)) / (n - 2)) * m3) / m2 ** 1.5 : null;
  return { stddev, skewness };
}
