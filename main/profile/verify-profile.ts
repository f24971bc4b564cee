import type { DuckDBConnection } from '@duckdb/node-api';
import { QUANTILE_LEVELS, QuantileKeys, type ColumnProfile, type Profile } from '../../common/profile/profile-schema';
import { quoteIdentifier, quoteLiteral } from '../engine/sql-text';

/**
 * Checks a profile against independent DuckDB queries over the same relation
 * (written here from the definitions, not from the profiler's SQL): counts,
 * ranges (of text too), moments, quantile ranks, every histogram bin, top values, periods.
 * Returns the disagreements; tests expect none. Used by tests and benchmarks.
 */
export async function verifyProfile(connection: DuckDBConnection, relation: string, profile: Profile): Promise<string[]> {
  const problems: string[] = [];
  // Read once: dozens of queries follow, and a CSV or JSON file would be parsed for each.
  const table = `verify_${Math.random().toString(36).slice(2)}`;
  await connection.run(`CREATE TEMP TABLE ${table} AS SELECT * FROM ${relation}`);
  try {
    return await verifyTable(connection, table, profile, problems);
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

async function verifyTable(connection: DuckDBConnection, relation: string, profile: Profile, problems: string[]): Promise<string[]> {
  const rows = await one(connection, `SELECT count(*) FROM ${relation}`);
  if (profile.rowCountExact && profile.rowCount !== Number(rows)) problems.push(`rowCount ${profile.rowCount} != ${rows}`);
  for (const column of profile.columns) problems.push(...(await verifyColumn(connection, relation, column, Number(rows))).map((p) => `${column.name}: ${p}`));
  return problems;
}

async function one(connection: DuckDBConnection, sql: string): Promise<unknown> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows()[0]?.[0] ?? null;
}

async function num(connection: DuckDBConnection, sql: string): Promise<number | null> {
  const value = await one(connection, sql);
  return value === null ? null : Number(value);
}

function close(a: number | null, b: number | null, relative: number): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= relative * Math.max(1, Math.abs(b));
}

function literalOf(column: ColumnProfile, value: string | number | boolean | null): string {
  if (typeof value === 'number') return `${value}::DOUBLE`;
  if (typeof value === 'boolean') return String(value);
  return `CAST(${quoteLiteral(String(value))} AS ${column.type})`;
}

async function verifyColumn(connection: DuckDBConnection, relation: string, column: ColumnProfile, rows: number): Promise<string[]> {
  const problems: string[] = [];
  const q = quoteIdentifier(column.name);
  const floating = /^(FLOAT|DOUBLE|REAL)$/i.test(column.type);
  const finite = floating ? `isfinite(${q})` : `${q} IS NOT NULL`;
  const from = `FROM ${relation}`;
  const expectEqual = (what: string, got: unknown, want: unknown) => {
    if (String(got) !== String(want)) problems.push(`${what} ${String(got)} != ${String(want)}`);
  };

  expectEqual('count', column.count, await num(connection, `SELECT count(${q}) ${from}`));
  expectEqual('nullCount', column.nullCount, rows - (await num(connection, `SELECT count(${q}) ${from}`))!);
  const exactDistinct = await num(connection, `SELECT count(DISTINCT ${q}) ${from}`);
  if (column.exact.distinctCount) expectEqual('distinctCount', column.distinctCount, exactDistinct);
  else if (column.distinctCount !== null && !close(column.distinctCount, exactDistinct, 0.2)) problems.push(`approximate distinctCount ${column.distinctCount} far from ${exactDistinct}`);

  if (column.kind === 'numeric') {
    const stats = (await connection.runAndReadAll(`SELECT min(${q})::DOUBLE, max(${q})::DOUBLE, avg(${q}), stddev_samp(${q}), skewness(${q}), count_if(${q} = 0), count_if(${q} < 0), count(${q}) FILTER (WHERE ${finite}) ${from} WHERE ${finite}`)).getRows()[0]!.map((v) => (v === null ? null : Number(v)));
    const asNumber = (v: unknown) => (v === null ? null : Number(v));
    if (!close(asNumber(column.min), stats[0]!, 1e-12) || !close(asNumber(column.max), stats[1]!, 1e-12)) problems.push(`min/max ${column.min}/${column.max} != ${stats[0]}/${stats[1]}`);
    if (!close(column.mean as number | null, stats[2]!, 1e-9)) problems.push(`mean ${column.mean} != ${stats[2]}`);
    if (!close(column.stddev, stats[3]!, 1e-6)) problems.push(`stddev ${column.stddev} != ${stats[3]}`);
    if (!close(column.skewness, stats[4]!, 1e-4)) problems.push(`skewness ${column.skewness} != ${stats[4]}`);
    expectEqual('zeros', column.zeros, stats[5]);
    expectEqual('negatives', column.negatives, stats[6]);
    if (floating) expectEqual('nonFinite', column.nonFinite, await num(connection, `SELECT count_if(NOT isfinite(${q})) ${from}`));
    if (column.outliers) {
      const { low, high } = column.outliers;
      expectEqual('outliers', column.outliers.count, await num(connection, `SELECT count(*) ${from} WHERE ${finite} AND (${q} < ${low}::DOUBLE OR ${q} > ${high}::DOUBLE)`));
    }
  }
  const finiteCount = (await num(connection, `SELECT count(*) ${from} WHERE ${finite}`))!;

  if (column.quantiles && column.exact.quantiles) {
    const fn = floating || /DECIMAL|NUMERIC/i.test(column.type) ? 'quantile_cont' : 'quantile_disc';
    const want = (await connection.runAndReadAll(`SELECT ${fn}(${q}, [${QuantileKeys.map((k) => QUANTILE_LEVELS[k]).join(', ')}])::VARCHAR[] ${from} WHERE ${finite}`)).getRows()[0]![0] as { items: string[] };
    QuantileKeys.forEach((key, k) => {
      const got = column.quantiles![key];
      const expected = want.items[k]!;
      if (typeof got === 'number' ? !close(got, Number(expected), 1e-9) : String(got) !== expected) problems.push(`exact ${key} ${String(got)} != ${expected}`);
    });
  }
  if (column.quantiles && finiteCount > 0) {
    for (const key of QuantileKeys) {
      const value = column.quantiles[key];
      const level = QUANTILE_LEVELS[key];
      const literal = literalOf(column, value);
      const below = (await num(connection, `SELECT count(*) ${from} WHERE ${finite} AND ${q} < ${literal}`))! / finiteCount;
      const atOrBelow = (await num(connection, `SELECT count(*) ${from} WHERE ${finite} AND ${q} <= ${literal}`))! / finiteCount;
      // A value at rank `level` has at most that share below it and at least that share at or below it (±1%).
      if (below > level + 0.01 || atOrBelow < level - 0.01) problems.push(`${key}=${value} has ${below.toFixed(4)}..${atOrBelow.toFixed(4)} of values at or below`);
    }
  }

  if (column.histogram) {
    const total = column.histogram.reduce((sum, bin) => sum + bin.count, 0);
    expectEqual('histogram total', total, finiteCount);
    const integral = !floating;
    for (const [i, bin] of column.histogram.entries()) {
      const last = i === column.histogram.length - 1;
      const want = (await num(connection, `SELECT count(*) ${from} WHERE ${finite} AND ${q} >= ${literalOf(column, bin.lo)} AND ${q} ${last ? '<=' : '<'} ${literalOf(column, bin.hi)}`))!;
      // Float edges are rounded when printed; a value exactly on one may fall either side.
      const slack = integral ? 0 : Math.max(2, want * 1e-6);
      if (Math.abs(want - bin.count) > slack) problems.push(`bin ${i} [${bin.lo}, ${bin.hi}${last ? ']' : ')'} has ${bin.count}, expected ${want}`);
    }
  }

  if (column.topValues) {
    const counts = column.topValues.map((v) => v.count);
    if (counts.some((c, i) => i > 0 && c > counts[i - 1]!)) problems.push('topValues not in descending order');
    for (const top of column.topValues) {
      const text = column.kind === 'json' ? `${q}::VARCHAR` : q;
      const literal = typeof top.value === 'string' && column.kind !== 'json' ? literalOf(column, top.value) : column.kind === 'json' ? quoteLiteral(String(top.value)) : String(top.value);
      expectEqual(`count of ${String(top.value)}`, top.count, await num(connection, `SELECT count(*) ${from} WHERE ${text} = ${literal}`));
    }
    if (column.exact.topValues && column.topValues.length > 0) {
      const mode = await num(connection, `SELECT count(*) AS n ${from} WHERE ${q} IS NOT NULL GROUP BY ${q} ORDER BY n DESC LIMIT 1`);
      expectEqual('most frequent count', column.topValues[0]!.count, mode);
    }
  }

  if (column.temporal) {
    const sum = column.temporal.periods.reduce((s, p) => s + p.count, 0);
    expectEqual('periods total', sum, column.count);
    const groups = (await connection.runAndReadAll(`SELECT date_trunc(${quoteLiteral(column.temporal.unit)}, ${q})::VARCHAR AS p, count(*) ${from} WHERE ${q} IS NOT NULL GROUP BY p`)).getRows();
    const want = new Map(groups.map(([p, n]) => [String(p).replace(/ 00:00:00$/, ''), Number(n)]));
    for (const period of column.temporal.periods) {
      const key = want.has(period.start) ? period.start : period.start.replace(/ 00:00:00$/, '');
      expectEqual(`period ${period.start}`, period.count, want.get(key));
    }
  }

  if (column.kind === 'string') {
    const text = column.type.toUpperCase() === 'VARCHAR' ? q : `${q}::VARCHAR`;
    const range = (await connection.runAndReadAll(`SELECT min(${text}), max(${text}) ${from}`)).getRows()[0]!;
    expectEqual('min', column.min, range[0]);
    expectEqual('max', column.max, range[1]);
    const stats = (await connection.runAndReadAll(`SELECT min(length(${q})), avg(length(${q})), max(length(${q})), count_if(${q} = '') ${from}`)).getRows()[0]!.map((v) => (v === null ? null : Number(v)));
    if (column.length && (column.length.min !== stats[0] || !close(column.length.mean, stats[1]!, 1e-9) || column.length.max !== stats[2])) problems.push(`length ${JSON.stringify(column.length)} != ${stats.slice(0, 3).join('/')}`);
    expectEqual('emptyStrings', column.emptyStrings, stats[3]);
  }
  return problems;
}
