import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ApiError } from '../../common/contract/envelope';
import { PROFILE_FORMAT_VERSION, type ColumnProfile, type Profile, type ProfileStage, type ProfileTarget, type SampleInfo } from '../../common/profile/profile-schema';
import { isInterruptError } from '../engine/errors';
import { quoteIdentifier, quoteLiteral } from '../engine/sql-text';
import { assembleColumns } from './assemble';
import { classifyColumn, type ColumnInfo } from './column-kinds';
import { LOW_CARDINALITY, planDistributions, runDistributions, type KeyGroup } from './distribution-query';
import { csvWithDialect, describeRelation, isGlobPath, readParquetFooter, selectColumns, sniffCsv, sourceFormat, sourceRelation, type CsvDialect, type ParquetFooter, type ProfileSource } from './profile-source';
import { planSample, SAMPLE_ROWS } from './sampling';
import { runStats, type ColumnHints } from './stats-query';
import { groupable, readValueGroups, statsFromGroups } from './value-groups';

export interface ProfileOptions {
  /** What the profile is of, as the JSON names it. */
  target: ProfileTarget;
  /** The cache key of the source (file stamp or node fingerprint); echoed in the profile. */
  fingerprint: string;
  /** The last stage to compute; each earlier one is reported on the way (default full). */
  stage?: ProfileStage;
  /** count(DISTINCT) instead of HyperLogLog for every column (slower). */
  exactDistinct?: boolean;
  /** Profile only these columns, in this order (wide tables: the visible ones first). */
  columns?: readonly string[];
  signal?: AbortSignal;
  onStage?: (profile: Profile) => void;
  /** How long each query took (benchmarks). */
  onTiming?: (step: string, ms: number) => void;
}

const STAGES: ProfileStage[] = ['metadata', 'sample', 'full'];
/** Up to this many rows (known or estimated), the full pass computes exact quantiles and distinct counts. */
const EXACT_MAX_ROWS = 200_000;
/**
 * Values per column that feed the quantiles' t-digest (a systematic subsample beyond that).
 * Each value costs the digest ~45 ns here (more than any other aggregate), while a
 * 100k-value subsample moves a quantile's rank by at most ~0.16% (√(p(1−p)/n)), inside
 * the digest's own error.
 */
const QUANTILE_VALUES = 100_000;
/**
 * Hash values per column that distinct sampling keeps (1 in k of them, k from the
 * row count): the estimate's standard error is √((k−1)/D), 0.25% for a 10M-value key.
 */
const DISTINCT_SAMPLE_VALUES = 160_000;
/** A column whose sampled values repeat this many times on average is grouped by value in the full pass (value-groups.ts). */
const GROUPED_REPEATS = 8;

/**
 * Profiles a file or a relation in stages: the metadata (schema, Parquet
 * footer statistics), a sample, then the full data in two passes (the
 * statistics of every column, then the groups of every histogram, period
 * count and top-k list; see docs/profiling.md for how each is split into
 * queries). Each stage is reported through onStage as it completes; an abort
 * signal interrupts the running query.
 */
export async function profileSource(connection: DuckDBConnection, source: ProfileSource, options: ProfileOptions): Promise<Profile> {
  const started = performance.now();
  const last = STAGES.indexOf(options.stage ?? 'full');
  const exactDistinct = options.exactDistinct ?? false;
  const signal = options.signal;
  const onAbort = () => connection.interrupt();
  signal?.addEventListener('abort', onAbort, { once: true });
  const timing = options.onTiming ? { onTiming: options.onTiming } : {};
  const checkpoint = () => {
    if (signal?.aborted) throw new ApiError({ code: 'cancelled', message: 'cancelled' });
  };
  const make = (stage: ProfileStage, fields: { rowCount: number | null; rowCountExact: boolean; sample: SampleInfo | null; columns: ColumnProfile[] }, chosen: number, total: number): Profile => {
    const profile: Profile = {
      version: PROFILE_FORMAT_VERSION,
      target: options.target,
      fingerprint: options.fingerprint,
      stage,
      ...fields,
      omittedColumns: total - chosen,
      exactDistinct,
      createdAt: new Date().toISOString(),
      durationMs: performance.now() - started,
    };
    options.onStage?.(profile);
    return profile;
  };

  try {
    checkpoint();
    const format = sourceFormat(source);
    const singleFile = source.kind === 'file' && !isGlobPath(source.path);
    const dialect: CsvDialect | null = singleFile && (format === 'csv' || format === 'tsv') && !/\.(gz|zst)$/i.test(source.path) ? await sniffCsv(connection, source.path) : null;
    const described = dialect ? dialect.columns.map((c) => classifyColumn(c.name, c.type)) : await describeRelation(connection, sourceRelation(source));
    const columns = chooseColumns(described, options.columns);
    const footer = source.kind === 'file' && format === 'parquet' ? await readParquetFooter(connection, source.path, columns) : null;
    options.onTiming?.('metadata stage', performance.now() - started);
    let profile = make('metadata', { rowCount: footer?.rowCount ?? null, rowCountExact: footer !== null, sample: null, columns: columns.map((c) => metadataColumn(c, footer)) }, columns.length, described.length);
    if (last < 1) return profile;

    checkpoint();
    const plan = await planSample(source, columns, { rowCount: footer?.rowCount ?? null, dialect });
    let hints: Map<string, ColumnHints>;
    try {
      let info = plan.info;
      const sample = await withTempTable(connection, plan.sql, (table, rows) => {
        // A head that came back short is the whole relation.
        if (info.method === 'head' && rows < SAMPLE_ROWS) info = { method: 'all', description: 'every row' };
        return computePasses(connection, columns, table, { exactDistinct, sampled: info.method !== 'all', ...timing });
      }, false, (ms) => options.onTiming?.('sample read into a temp table', ms));
      const all = info.method === 'all';
      const rowCount = footer?.rowCount ?? (all ? sample.rows : (plan.estimateRows?.(sample.rows) ?? null));
      // The first rows of a relation can be sorted: their quartiles say nothing of the rest.
      hints = hintsFromSample(sample.columns, { spread: info.method !== 'head' });
      profile = make(
        'sample',
        { rowCount, rowCountExact: footer !== null || all, sample: { rows: sample.rows, ...info }, columns: sample.columns },
        columns.length,
        described.length,
      );
    } finally {
      await plan.dispose();
    }
    if (last < 2) return profile;

    checkpoint();
    const fullOptions = { exactDistinct, sampled: false, hints, ...timing, ...(signal ? { signal } : {}) };
    // Parquet is read twice in place (it is columnar and cheap to scan); anything
    // else is parsed or computed once into a temp table that both passes read. A CSV
    // is read with the dialect sniffed above: the same columns, without a second sniff.
    const full =
      format === 'parquet' && source.kind === 'file'
        ? await computePasses(connection, columns, sourceRelation(source), {
            ...fullOptions,
            ...(footer ? { expectedRows: footer.rowCount } : {}),
            rowNumbers: { relation: `read_parquet(${quoteLiteral(source.path)}, file_row_number = true)`, column: 'file_row_number' },
          })
        : await withTempTable(connection, `SELECT ${selectColumns(columns)} FROM ${dialect && source.kind === 'file' ? csvWithDialect(source.path, dialect) : sourceRelation(source)}`, (table, rows) =>
            computePasses(connection, columns, table, { ...fullOptions, expectedRows: rows, rowNumbers: { relation: table, column: 'rowid' } }),
            true,
            (ms) => options.onTiming?.('full read into a temp table', ms),
          );
    return make('full', { rowCount: full.rows, rowCountExact: true, sample: null, columns: full.columns }, columns.length, described.length);
  } catch (error) {
    if (signal?.aborted || isInterruptError(error)) throw new ApiError({ code: 'cancelled', message: 'cancelled' });
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

async function computePasses(
  connection: DuckDBConnection,
  columns: readonly ColumnInfo[],
  relation: string,
  options: {
    exactDistinct: boolean;
    sampled: boolean;
    hints?: ReadonlyMap<string, ColumnHints>;
    expectedRows?: number;
    /** The relation again with a row number column, to feed quantiles a systematic subsample of big inputs. */
    rowNumbers?: { relation: string; column: string };
    onTiming?: ProfileOptions['onTiming'];
    signal?: AbortSignal;
  },
): Promise<{ rows: number; columns: ColumnProfile[] }> {
  const t0 = performance.now();
  // On a sample or a small relation exact distinct counts and quantiles cost little, and HyperLogLog is ±10% or worse.
  const small = !options.hints || (options.expectedRows !== undefined && options.expectedRows <= EXACT_MAX_ROWS);
  const exactDistinct = options.exactDistinct || small;
  const exactQuantiles = small;
  // A t-digest costs more than any other aggregate; past QUANTILE_VALUES a 1-in-k subsample (by a hash of the row number) is as good.
  // Exact quantiles read every value, so they never take the subsample.
  const every = options.rowNumbers && options.expectedRows && !exactQuantiles ? Math.floor(options.expectedRows / QUANTILE_VALUES) : 0;
  const quantileSample = every >= 2 && options.rowNumbers ? { where: `hash(${quoteIdentifier(options.rowNumbers.column)}) % ${every} = 0` } : undefined;
  const statsRelation = quantileSample ? options.rowNumbers!.relation : relation;
  // Distinct sampling instead of HyperLogLog where the row count is known: more precise and cheaper.
  const distinctSampling = !exactDistinct && options.expectedRows ? Math.max(2, Math.round(options.expectedRows / DISTINCT_SAMPLE_VALUES)) : undefined;
  // Columns a spread sample found few values in: grouped by value, everything summed from the groups.
  const valueGroups = new Map<number, KeyGroup[]>();
  if (!small) {
    for (const [i, column] of columns.entries()) {
      if (!options.hints?.get(column.name)?.grouped || !groupable(column)) continue;
      if (options.signal?.aborted) throw new ApiError({ code: 'cancelled', message: 'cancelled' });
      const groups = await readValueGroups(connection, quoteIdentifier(column.name), relation);
      // None: more than VALUE_GROUPS_MAX, the sample misled; the column is profiled as usual.
      if (groups) valueGroups.set(i, groups);
    }
  }
  const { rows, stats } = await runStats(connection, columns, statsRelation, {
    exactDistinct,
    exactQuantiles,
    ...(distinctSampling ? { distinctSampling } : {}),
    ...(quantileSample ? { quantileFilter: quantileSample.where } : {}),
    ...(options.hints ? { hints: options.hints } : {}),
    // Over many rows a query per column costs less CPU than one for all; on a sample the query count would dominate.
    perColumn: !small,
    quantilesApart: options.rowNumbers?.column === 'rowid',
    ...(options.signal ? { signal: options.signal } : {}),
    skip: new Set(valueGroups.keys()),
  });
  for (const [i, groups] of valueGroups) stats[i] = statsFromGroups(columns[i]!, groups, options.hints?.get(columns[i]!.name));
  const keys = rows > 0 ? planDistributions(columns, stats, rows, options.hints !== undefined, exactDistinct, new Set(valueGroups.keys())) : [];
  const t1 = performance.now();
  const results = keys.length > 0 ? await runDistributions(connection, keys, relation, { sample: !options.hints, perKey: !small, valueGroups, ...(options.signal ? { signal: options.signal } : {}) }) : [];
  const stage = options.hints ? 'full' : 'sample';
  options.onTiming?.(`${stage} stats pass`, t1 - t0);
  options.onTiming?.(`${stage} distributions pass (${keys.length} keys)`, performance.now() - t1);
  const sampleAllDistinct = options.hints ? new Map([...options.hints].map(([name, h]) => [name, h.sampleAllDistinct === true])) : undefined;
  return { rows, columns: assembleColumns(columns, stats, keys, results, { rowCount: rows, sampled: options.sampled, exactDistinct, exactQuantiles, ...(sampleAllDistinct ? { sampleAllDistinct } : {}) }) };
}

/** What the full pass takes from the sample: centres for the moments, text columns worth testing, frequent values to count. */
function hintsFromSample(sample: readonly ColumnProfile[], use: { spread: boolean }): Map<string, ColumnHints> {
  return new Map(
    sample.map((column) => {
      const hints: ColumnHints = {};
      if (column.kind === 'numeric' && typeof column.mean === 'number') hints.center = column.mean;
      const p25 = column.quantiles?.p25;
      const p75 = column.quantiles?.p75;
      if (use.spread && column.kind === 'numeric' && typeof p25 === 'number' && typeof p75 === 'number' && p75 > p25) {
        hints.fences = { low: p25 - 1.5 * (p75 - p25), high: p75 + 1.5 * (p75 - p25) };
      }
      if ((column.numericText ?? 0) > 0) hints.numericText = true;
      hints.sampleAllDistinct = (column.count ?? 0) > 1 && column.nullCount === 0 && column.distinctCount === column.count;
      // Each value seen 8 times on average over rows from all through the source: few values in all
      // (a value the sample missed is rare, so its groups stay few). The first rows of a relation say nothing of the rest.
      if (use.spread && column.distinctCount !== null && (column.count ?? 0) > 0 && column.distinctCount * GROUPED_REPEATS <= (column.count ?? 0)) hints.grouped = true;
      const enumerated = column.topValuesComplete === true && (column.distinctCount ?? Infinity) <= LOW_CARDINALITY;
      if ((column.kind === 'string' || column.kind === 'json') && !enumerated) {
        hints.topCandidates = (column.topValues ?? []).filter((v) => v.count > 1 && v.value !== null).map((v) => String(v.value));
      }
      return [column.name, hints];
    }),
  );
}

async function withTempTable<T>(
  connection: DuckDBConnection,
  select: string,
  work: (table: string, rows: number) => Promise<T>,
  big = false,
  onCopied?: (ms: number) => void,
): Promise<T> {
  const started = performance.now();
  const table = quoteIdentifier(`__sluice_profile_${randomUUID().replaceAll('-', '')}`);
  try {
    // Row order means nothing to a profile, and a big copy without it is ~20% faster; the setting is put back after.
    const order = big ? String((await connection.runAndReadAll("SELECT current_setting('preserve_insertion_order')")).getRows()[0]?.[0]) : null;
    if (big) await connection.run('SET preserve_insertion_order = false');
    let created;
    try {
      // CREATE TABLE AS answers with one row: the number of rows it wrote.
      created = await connection.runAndReadAll(`CREATE TEMP TABLE ${table} AS ${select}`);
    } finally {
      if (big) await connection.run(`SET preserve_insertion_order = ${order === 'false' ? 'false' : 'true'}`);
    }
    onCopied?.(performance.now() - started);
    return await work(table, Number(created.getRows()[0]?.[0] ?? 0));
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  }
}

function chooseColumns(all: readonly ColumnInfo[], wanted: readonly string[] | undefined): ColumnInfo[] {
  if (!wanted) return [...all];
  const byName = new Map(all.map((c) => [c.name, c]));
  return wanted.map((name) => {
    const column = byName.get(name);
    if (!column) throw new ApiError({ code: 'invalid-input', message: `no column named "${name}" (columns: ${all.map((c) => c.name).join(', ')})` });
    return column;
  });
}

/** What is known of a column before reading any data: its type, and the Parquet footer's numbers. */
function metadataColumn(column: ColumnInfo, footer: ParquetFooter | null): ColumnProfile {
  const stats = footer?.columns.get(column.name);
  const rowCount = footer?.rowCount ?? null;
  const nullCount = stats?.nullCount ?? null;
  const exact: Record<string, boolean> = {};
  if (nullCount !== null) Object.assign(exact, { count: true, nullCount: true, nullPercent: true });
  if (stats?.min !== null && stats?.min !== undefined) exact.min = true;
  if (stats?.max !== null && stats?.max !== undefined) exact.max = true;
  return {
    name: column.name,
    type: column.type,
    kind: column.kind,
    count: nullCount !== null && rowCount !== null ? rowCount - nullCount : null,
    nullCount,
    nullPercent: nullCount !== null && rowCount ? (nullCount / rowCount) * 100 : null,
    distinctCount: null,
    min: stats?.min ?? null,
    max: stats?.max ?? null,
    mean: null,
    stddev: null,
    skewness: null,
    quantiles: null,
    histogram: null,
    topValues: null,
    topValuesComplete: null,
    zeros: null,
    negatives: null,
    nonFinite: null,
    emptyStrings: null,
    length: null,
    numericText: null,
    outliers: null,
    temporal: null,
    jsonTypes: null,
    exact,
    alerts: [],
  };
}
