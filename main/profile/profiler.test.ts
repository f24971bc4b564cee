import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ProfileSchema, type Profile } from '../../common/profile/profile-schema';
import { quoteLiteral } from '../engine/sql-text';
import { makeTempDir, VEGA_DATA } from '../test-support/temp';
import { profileSource, type ProfileOptions } from './profiler';
import { forgetCsvSniffs, type ProfileSource } from './profile-source';
import { verifyProfile } from './verify-profile';

let instance: DuckDBInstance;
let connection: DuckDBConnection;
let temp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  connection = await instance.connect();
  temp = await makeTempDir();
});
afterAll(async () => {
  connection.closeSync();
  instance.closeSync();
  await temp.dispose();
});

const FLIGHTS = path.join(VEGA_DATA, 'flights-3m.parquet');
const MOVIES = path.join(VEGA_DATA, 'movies.json');
const BIRDSTRIKES = path.join(VEGA_DATA, 'birdstrikes.csv');

async function profileAll(source: ProfileSource, options: Partial<ProfileOptions> = {}): Promise<Profile[]> {
  const stages: Profile[] = [];
  const label = source.kind === 'file' ? source.path : source.label;
  const final = await profileSource(connection, source, { target: { kind: 'relation', label }, fingerprint: 'test', onStage: (p) => stages.push(p), ...options });
  expect(stages[stages.length - 1]).toBe(final);
  for (const stage of stages) ProfileSchema.parse(stage);
  return stages;
}

describe('profiler on real data', () => {
  it('profiles flights-3m.parquet: footer first, then a spread sample, then exact full statistics', async () => {
    const [metadata, sample, full] = await profileAll({ kind: 'file', path: FLIGHTS });
    expect(metadata!.stage).toBe('metadata');
    expect(metadata!.rowCount).toBe(3_000_000);
    expect(metadata!.rowCountExact).toBe(true);
    const delayMeta = metadata!.columns.find((c) => c.name === 'delay')!;
    expect(delayMeta.min).toBe(-1116);
    expect(delayMeta.max).toBe(1688);
    expect(delayMeta.nullCount).toBe(0);

    expect(sample!.stage).toBe('sample');
    expect(sample!.sample?.method).toBe('row-groups');
    expect(sample!.sample!.rows).toBeGreaterThanOrEqual(9_000);
    expect(sample!.columns.every((c) => Object.values(c.exact).every((e) => !e))).toBe(true);

    expect(full!.stage).toBe('full');
    expect(full!.rowCount).toBe(3_000_000);
    expect(await verifyProfile(connection, `read_parquet(${quoteLiteral(FLIGHTS)})`, full!)).toEqual([]);
    const date = full!.columns.find((c) => c.name === 'date')!;
    expect(date.kind).toBe('temporal');
    expect(date.temporal!.unit).toBe('week');
    expect(date.histogram!.length).toBeGreaterThanOrEqual(10);
    const origin = full!.columns.find((c) => c.name === 'origin')!;
    expect(origin.exact.distinctCount).toBe(true);
    expect(origin.distinctCount).toBe(229);
    expect(origin.topValues).toHaveLength(20);
    const delay = full!.columns.find((c) => c.name === 'delay')!;
    // The spread sample saw delay's few values repeat: the full pass grouped it by value, so even its quantiles are exact.
    expect(delay.exact).toMatchObject({ count: true, min: true, mean: true, histogram: true, quantiles: true, distinctCount: true });
    expect(delay.topValues!.length).toBe(20);
    // Timestamps are not grouped by value: the t-digest over a subsample.
    expect(date.exact.quantiles).toBe(false);
    expect(delay.alerts.map((a) => a.kind)).toContain('outliers');
  });

  it('profiles movies.json: nulls everywhere and a JSON column with mixed types', async () => {
    const stages = await profileAll({ kind: 'file', path: MOVIES });
    // JSON is sampled by its first rows; 3,201 of them is every row, so the sample is exact.
    expect(stages[1]!.sample).toMatchObject({ method: 'all', rows: 3201 });
    expect(stages[1]!.rowCountExact).toBe(true);
    const full = stages[stages.length - 1]!;
    expect(full.rowCount).toBe(3201);
    expect(await verifyProfile(connection, `read_json_auto(${quoteLiteral(MOVIES)})`, full)).toEqual([]);
    const title = full.columns.find((c) => c.name === 'Title')!;
    expect(title.kind).toBe('json');
    expect(title.jsonTypes!.map((t) => t.type).sort()).toEqual(['UBIGINT', 'VARCHAR']);
    expect(title.alerts.map((a) => a.kind)).toContain('mixed_types');
    const dvd = full.columns.find((c) => c.name === 'US DVD Sales')!;
    expect(dvd.nullCount).toBe(2637);
    expect(dvd.alerts.map((a) => a.kind)).toContain('high_null_share');
  });

  it('profiles birdstrikes.csv with the sniffed dialect: dates by quarter, text top values', async () => {
    const stages = await profileAll({ kind: 'file', path: BIRDSTRIKES });
    expect(stages.map((s) => s.stage)).toEqual(['metadata', 'sample', 'full']);
    expect(stages[1]!.sample?.method).toBe('all');
    const full = stages[2]!;
    expect(await verifyProfile(connection, `read_csv(${quoteLiteral(BIRDSTRIKES)})`, full)).toEqual([]);
    const flightDate = full.columns.find((c) => c.name === 'Flight Date')!;
    expect(flightDate.type).toBe('DATE');
    expect(flightDate.histogram!.reduce((s, b) => s + b.count, 0)).toBe(flightDate.count);
    const damage = full.columns.find((c) => c.name === 'Effect Amount of damage')!;
    expect(damage.topValuesComplete).toBe(true);
    expect(damage.topValues![0]).toEqual({ value: 'None', count: 8939 });
  });

  it('samples a large CSV from spread places, estimates its rows, and stops where asked', async () => {
    const file = path.join(temp.dir, 'spread.csv');
    await connection.run(`COPY (SELECT i AS id, i % 7 AS bucket, 'name ' || i AS label FROM range(300000) t(i)) TO ${quoteLiteral(file)} (HEADER)`);
    const stages = await profileAll({ kind: 'file', path: file }, { stage: 'sample' });
    expect(stages.map((s) => s.stage)).toEqual(['metadata', 'sample']);
    const sample = stages[1]!;
    expect(sample.sample?.method).toBe('spread');
    expect(sample.rowCountExact).toBe(false);
    expect(Math.abs(sample.rowCount! - 300_000) / 300_000).toBeLessThan(0.1);
    // Spread, not the head: the sample reaches the end of the file.
    const id = sample.columns.find((c) => c.name === 'id')!;
    expect(Number(id.max)).toBeGreaterThan(290_000);
    expect(Number(id.min)).toBeLessThan(10_000);
  });

  it('profiles chosen columns only, exact distinct counts on request, and empty relations', async () => {
    const [, , full] = await profileAll({ kind: 'file', path: FLIGHTS }, { columns: ['distance', 'origin'], exactDistinct: true });
    expect(full!.columns.map((c) => c.name)).toEqual(['distance', 'origin']);
    expect(full!.omittedColumns).toBe(3);
    expect(full!.columns[0]!.exact.distinctCount).toBe(true);
    expect(await verifyProfile(connection, `read_parquet(${quoteLiteral(FLIGHTS)})`, full!)).toEqual([]);
    await expect(profileAll({ kind: 'file', path: FLIGHTS }, { columns: ['nope'] })).rejects.toThrow(/no column named "nope"/);

    const empty = await profileAll({ kind: 'relation', sql: 'SELECT 1::INTEGER AS a, NULL::VARCHAR AS b WHERE false', label: 'empty' });
    const last = empty[empty.length - 1]!;
    expect(last.rowCount).toBe(0);
    expect(last.columns[0]).toMatchObject({ count: 0, nullCount: 0, histogram: null, alerts: [] });
  });

  it('estimates distinct counts of a big relation within 3% by distinct sampling, counts small ones exactly, and fences outliers of a sorted relation by its own quartiles', async () => {
    // 1M rows: the full pass samples 1 in 6 hash values (HyperLogLog was off by 10-14% on such columns).
    const sql = `SELECT i AS key, (hash(i) % 300000)::BIGINT AS wide, 'u' || (hash(i * 3) % 40000)::VARCHAR AS text, (hash(i * 5) % 3000)::INTEGER AS narrow,
      CASE WHEN i % 4 = 0 THEN NULL ELSE (hash(i * 7) % 100000) / 10.0 END AS with_nulls, CASE WHEN i >= 999000 THEN 1000000000 ELSE i END AS spiky FROM range(1000000) t(i)`;
    const full = (await profileAll({ kind: 'relation', sql, label: 'distinct' })).pop()!;
    const truth = (await connection.runAndReadAll(`SELECT count(DISTINCT key), count(DISTINCT wide), count(DISTINCT text), count(DISTINCT narrow), count(DISTINCT with_nulls) FROM (${sql})`)).getRows()[0]!.map(Number);
    const byName = new Map(full.columns.map((c) => [c.name, c]));
    ['key', 'wide', 'text', 'with_nulls'].forEach((name, k) => {
      const column = byName.get(name)!;
      expect(column.exact.distinctCount, name).toBe(false);
      expect(Math.abs(column.distinctCount! - truth[[0, 1, 2, 4][k]!]!) / truth[[0, 1, 2, 4][k]!]!, name).toBeLessThan(0.03);
    });
    // A few thousand values: grouped, so the count is exact (and the top values come with it).
    expect(byName.get('narrow')).toMatchObject({ distinctCount: truth[3], exact: { distinctCount: true } });
    expect(byName.get('narrow')!.topValues).toHaveLength(20);
    expect(byName.get('key')!.alerts.map((a) => a.kind)).toContain('unique_key_candidate');
    // The sample of a relation is its first rows, here a sorted key: its quartiles are no fences for the rest.
    expect(byName.get('key')!.outliers!.count).toBe(0);
    expect(byName.get('key')!.alerts.map((a) => a.kind)).not.toContain('outliers');
    const spiky = byName.get('spiky')!.outliers!;
    expect(spiky.count).toBe(1000);
    expect(spiky.low).toBeLessThan(-400_000);
    expect(spiky.high).toBeGreaterThan(1_400_000);
  });

  it('sums every statistic of a column with few values from its value groups, exactly as the queries compute it', async () => {
    const file = path.join(temp.dir, 'few-values.parquet');
    // 300,000 rows (past the exact pass), each column drawn from a handful of values by a hash of the row.
    const pick = (k: number, values: string[]) => `[${values.join(', ')}][1 + (hash(i * ${k}) % ${values.length})::INTEGER]`;
    const doubles = ['0.5', '1.25', '-3.0', "'NaN'::DOUBLE", "'Infinity'::DOUBLE", "'-Infinity'::DOUBLE", '-0.0', 'NULL', '7.75', '1e15'];
    const texts = ["''", "'b'", "'é'", "'e' || chr(769)", "'😀'", 'chr(65533)', "' 12 '", "chr(9) || '-3.5e2'", "chr(11) || '7'", 'NULL', "'x'", "'1.'"];
    await connection.run(
      `COPY (SELECT ${pick(3, Array.from({ length: 41 }, (_, k) => String(k - 20)))}::INTEGER AS code, ${pick(5, doubles)}::DOUBLE AS ratio,
        ${pick(7, texts)} AS label, ${pick(11, ['1152921504606846976', '1152921504606846977', '-5', 'NULL'])}::BIGINT AS big,
        i // 10 AS run
        FROM range(300000) t(i)) TO ${quoteLiteral(file)} (FORMAT parquet, ROW_GROUP_SIZE 20000)`,
    );
    const [, sample, full] = await profileAll({ kind: 'file', path: file });
    expect(sample!.sample!.method).toBe('row-groups');
    // Sorted runs of 10 rows: the sample's two ranges of rows see each value 10 times, but the file holds 30,000
    // values (more than the 10,000 groups allowed), so that column falls back to the usual queries.
    expect(sample!.columns.find((c) => c.name === 'run')!.distinctCount).toBeLessThanOrEqual(1250);
    const run = full!.columns.find((c) => c.name === 'run')!;
    expect(run.exact.quantiles).toBe(false);
    expect(run.distinctCount).toBeGreaterThan(25_000);
    for (const column of full!.columns.filter((c) => c.name !== 'run')) {
      // Grouped by value: exact distinct counts and quantiles, where a t-digest and distinct sampling would be estimates.
      expect(column.exact.distinctCount).toBe(true);
      if (column.kind === 'numeric') expect(column.exact.quantiles).toBe(true);
      // Fenced by its own exact quartiles, the outlier count is exact too.
      if (column.outliers) expect(column.exact.outliers).toBe(true);
    }
    expect(await verifyProfile(connection, `read_parquet(${quoteLiteral(file)})`, full!)).toEqual([]);
    const ratio = full!.columns.find((c) => c.name === 'ratio')!;
    expect(ratio.nonFinite).toBeGreaterThan(0);
    expect(ratio.outliers!.count).toBeGreaterThan(0);
    expect(ratio.histogram!.reduce((sum, bin) => sum + bin.count, 0)).toBe(ratio.count! - ratio.nonFinite!);
    const label = full!.columns.find((c) => c.name === 'label')!;
    // UTF-8 order puts U+FFFD before the emoji (UTF-16 order would not); length() counts code points.
    expect(label.max).toBe('😀');
    const want = (await connection.runAndReadAll(`SELECT count_if(regexp_full_match(label, '${String.raw`\s*[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)?\s*`}')) FROM read_parquet(${quoteLiteral(file)})`)).getRows()[0]![0];
    expect(label.numericText).toBe(Number(want));
    const big = full!.columns.find((c) => c.name === 'big')!;
    expect(String(big.max)).toBe('1152921504606846977');
  });

  it('profiles numbers whose squares overflow a DOUBLE: no standard deviation, the rest intact', async () => {
    const stages = await profileAll({ kind: 'relation', sql: 'SELECT (CASE WHEN i % 3 = 0 THEN 1e300 ELSE i END)::DOUBLE AS huge, i FROM range(1000) t(i)', label: 'huge' });
    for (const stage of stages.slice(1)) {
      const huge = stage.columns.find((c) => c.name === 'huge')!;
      expect(huge.max).toBe(1e300);
      expect(huge.stddev).toBeNull();
      // The other column's moments, summed around its own mean, stay exact.
      expect(stage.columns.find((c) => c.name === 'i')!.stddev).toBeCloseTo(288.8194, 3);
    }
  });

  it('keeps NaN and infinities out of the numbers and counts them', async () => {
    const sql = `SELECT CASE WHEN i % 10 = 0 THEN 'nan'::DOUBLE WHEN i % 10 = 1 THEN 'inf'::DOUBLE WHEN i % 10 = 2 THEN '-inf'::DOUBLE ELSE i::DOUBLE - 500 END AS x FROM range(1000) t(i)`;
    const stages = await profileAll({ kind: 'relation', sql, label: 'nan' });
    const x = stages[stages.length - 1]!.columns[0]!;
    expect(x.nonFinite).toBe(300);
    expect(x.negatives).toBe(350);
    expect(x.histogram!.reduce((s, b) => s + b.count, 0)).toBe(700);
    expect(await verifyProfile(connection, `(${sql})`, stages[stages.length - 1]!)).toEqual([]);
  });

  it('cancels a stage in flight and leaves the connection usable', async () => {
    const sql = 'SELECT i, hash(i) % 1000003 AS h, md5(i::VARCHAR) AS s FROM range(200000000) t(i)';
    const controller = new AbortController();
    const started = performance.now();
    const run = profileSource(connection, { kind: 'relation', sql, label: 'big' }, {
      target: { kind: 'relation', label: 'big' },
      fingerprint: 'test',
      signal: controller.signal,
      onStage: (p) => {
        // Abort while the full pass is running, not between stages.
        if (p.stage === 'sample') setTimeout(() => controller.abort(), 300);
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(performance.now() - started).toBeLessThan(20_000);
    const tables = await connection.runAndReadAll("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '__sluice_profile_%'");
    expect(Number(tables.getRows()[0]![0])).toBe(0);
  });

  it('profiles a wide file (more grouping keys than one query takes) and reads its footer quickly', async () => {
    const file = path.join(temp.dir, 'wide.parquet');
    const columns = Array.from({ length: 130 }, (_, k) => (k % 2 === 0 ? `(hash(i * ${k + 1}) % 500)::INTEGER AS n${k}` : `'v' || (hash(i * ${k + 1}) % 15)::VARCHAR AS s${k}`));
    await connection.run(`COPY (SELECT ${columns.join(', ')} FROM range(3000) t(i)) TO ${quoteLiteral(file)} (FORMAT parquet)`);
    const [metadata, , full] = await profileAll({ kind: 'file', path: file });
    expect(metadata!.durationMs).toBeLessThan(2000);
    expect(metadata!.columns.every((c) => c.min !== null)).toBe(true);
    expect(full!.columns).toHaveLength(130);
    for (const column of full!.columns) {
      const binned = column.histogram ?? column.topValues!;
      expect(binned.reduce((s, b) => s + b.count, 0)).toBe(3000);
    }
    // Columns from the last batch of grouping keys, checked against independent queries.
    const tail = { ...full!, columns: full!.columns.slice(-3) };
    expect(await verifyProfile(connection, `read_parquet(${quoteLiteral(file)})`, tail)).toEqual([]);
  });

  it('removes the spread lines of a CSV sample, and leaves none when cancelled early', async () => {
    const file = path.join(temp.dir, 'lines.csv');
    await connection.run(`COPY (SELECT i AS id, 'name ' || i AS label FROM range(300000) t(i)) TO ${quoteLiteral(file)} (HEADER)`);
    const own = path.join(temp.dir, 'tmp');
    await mkdir(own);
    const before = process.env.TMPDIR;
    process.env.TMPDIR = own;
    try {
      const stages = await profileAll({ kind: 'file', path: file }, { stage: 'sample' });
      expect(stages[1]!.sample?.method).toBe('spread');
      expect(await readdir(own)).toEqual([]);
      // Cancelled while DuckDB sniffs: nothing is left behind either.
      forgetCsvSniffs();
      const controller = new AbortController();
      const run = profileSource(connection, { kind: 'file', path: file }, { target: { kind: 'relation', label: 'x' }, fingerprint: 'x', signal: controller.signal });
      controller.abort();
      await expect(run).rejects.toMatchObject({ code: 'cancelled' });
      await expect.poll(() => readdir(own)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });

  it('reads a TSV and NDJSON by their formats', async () => {
    const tsv = path.join(temp.dir, 'data.tsv');
    await writeFile(tsv, 'a\tb\n1\tx\n2\ty\n3\t\n');
    const ndjson = path.join(temp.dir, 'data.ndjson');
    await writeFile(ndjson, '{"a": 1, "b": "x"}\n{"a": 2}\n');
    const t = (await profileAll({ kind: 'file', path: tsv })).pop()!;
    expect(t.columns.map((c) => [c.name, c.type, c.count])).toEqual([
      ['a', 'BIGINT', 3],
      ['b', 'VARCHAR', 2],
    ]);
    const n = (await profileAll({ kind: 'file', path: ndjson })).pop()!;
    expect(n.columns.map((c) => [c.name, c.nullCount])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
  });
});
