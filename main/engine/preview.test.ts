import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Engine } from './engine';
import { independentQuery, makeProject, pipelineOf, rowsOf, testEngine } from './engine-testing';
import { EAGER_COUNT_MAX_BYTES } from './preview';

let project: Awaited<ReturnType<typeof makeProject>>;
let engine: Engine;
let big: string;
const BIG_ROWS = 2_000_000;

beforeAll(async () => {
  project = await makeProject(['seattle-weather.csv']);
  engine = await testEngine();
  // A CSV above the eager-count limit: its preview streams, its count is asked for separately.
  big = path.join(project.dir, 'data', 'big.csv');
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  await connection.run(`COPY (SELECT i AS id, 'row number ' || i || repeat('x', 10) AS label, i % 7 AS bucket FROM range(${BIG_ROWS}) t(i)) TO '${big}' (HEADER)`);
  connection.closeSync();
  db.closeSync();
});
afterAll(async () => {
  await engine.close();
  await project.dispose();
});

const nodes = [
  { name: 'weather', type: 'source.file', path: 'data/seattle-weather.csv' },
  { name: 'big', type: 'source.file', path: 'data/big.csv' },
  { name: 'odd "names"', type: 'transform.sql', inputs: ['weather'], sql: 'SELECT date AS "select", weather AS "x""; DROP TABLE t; --", precipitation AS "Ünïcode 名前" FROM weather' },
  { name: 'check', type: 'check.accepted_values', inputs: ['weather'], column: 'weather', values: ['rain', 'sun'] },
  { name: 'sink', type: 'sink.file', inputs: ['weather'], path: 'out/w.parquet' },
];
const pipeline = pipelineOf(nodes);
const weatherFile = () => path.join(project.dir, 'data', 'seattle-weather.csv');

describe('previews, counts and paging', () => {
  it('streams the first rows of a big file and counts it only when asked', async () => {
    expect((await readFile(big)).length).toBeGreaterThan(EAGER_COUNT_MAX_BYTES);
    const preview = await engine.preview({ pipeline, projectDir: project.dir, node: 'big', limit: 5 });
    expect(preview).toMatchObject({ rowCount: 5, totalRows: null, cached: false });
    expect(preview.columnData[0]).toEqual([0, 1, 2, 3, 4]);
    const count = await engine.countRows({ pipeline, projectDir: project.dir, node: 'big' });
    expect(count).toMatchObject({ totalRows: BIG_ROWS, cached: false });
    const filtered = await engine.countRows({ pipeline, projectDir: project.dir, node: 'big', filters: [{ column: 'bucket', op: '=', value: 3 }] });
    expect(filtered.totalRows).toBe(Math.ceil((BIG_ROWS - 3) / 7));
  });

  it('pages any window of the full result, sorted and filtered in SQL', async () => {
    const page = await engine.readRows({
      pipeline,
      projectDir: project.dir,
      node: 'weather',
      offset: 40,
      limit: 25,
      sort: [{ column: 'precipitation', descending: true }, { column: 'date' }],
      filters: [
        { column: 'weather', op: 'in', value: ['rain', 'snow'] },
        { column: 'date', op: '>=', value: '2013-01-01' },
        { column: 'weather', op: 'contains', value: 'AI' },
      ],
    });
    const expected = await independentQuery(
      `SELECT * FROM '${weatherFile()}' WHERE weather IN ('rain', 'snow') AND date >= '2013-01-01' AND weather ILIKE '%ai%' ORDER BY precipitation DESC, date LIMIT 25 OFFSET 40`,
    );
    const [[total]] = (await independentQuery(`SELECT count(*) FROM '${weatherFile()}' WHERE weather = 'rain' AND date >= '2013-01-01'`)) as [[number]];
    expect(rowsOf(page.columnData, page.rowCount)).toEqual(expected);
    expect(page).toMatchObject({ offset: 40, rowCount: 25, totalRows: total });
    // The sorted, filtered view was written once (after this first page): the next page reads it from the cache.
    await engine.backgroundWritesSettled();
    const metas = (await readdir(path.join(project.dir, '.sluice', 'cache'))).filter((f) => f.endsWith('.json'));
    const labels = await Promise.all(metas.map(async (m) => JSON.parse(await readFile(path.join(project.dir, '.sluice', 'cache', m), 'utf8')).node as string));
    expect(labels).toContain('weather (sorted/filtered view)');
    const deep = await engine.readRows({ pipeline, projectDir: project.dir, node: 'big', offset: 1_500_000, limit: 3, sort: [{ column: 'id', descending: true }] });
    expect(deep.columnData[0]).toEqual([BIG_ROWS - 1_500_001, BIG_ROWS - 1_500_002, BIG_ROWS - 1_500_003]);
  });

  it('answers the first pages of a new sort by a top-N query, in the order of the view written after it', async () => {
    const views = async () => (await readdir(path.join(project.dir, '.sluice', 'cache'))).filter((f) => f.endsWith('.json')).length;
    // Sorted by a column with many ties: the rest of the row decides, the same way on both paths.
    const request = { pipeline, projectDir: project.dir, node: 'weather', offset: 1000, limit: 461, sort: [{ column: 'weather', descending: true }] };
    const before = await views();
    const fast = await engine.readRows(request);
    const expected = await independentQuery(`SELECT * FROM '${weatherFile()}' ORDER BY weather DESC, date, precipitation, temp_max, temp_min, wind LIMIT 461 OFFSET 1000`);
    expect(rowsOf(fast.columnData, fast.rowCount)).toEqual(expected);
    expect(fast.totalRows).toBe(1461);
    await engine.backgroundWritesSettled();
    expect(await views()).toBe(before + 1);
    const fromView = await engine.readRows(request);
    expect(rowsOf(fromView.columnData, fromView.rowCount)).toEqual(expected);

    // A filter's first page counts the rows it keeps.
    const rainy = await engine.readRows({ ...request, offset: 0, limit: 5, filters: [{ column: 'weather', op: '=', value: 'rain' }] });
    const [[rain]] = (await independentQuery(`SELECT count(*) FROM '${weatherFile()}' WHERE weather = 'rain'`)) as [[number]];
    expect(rainy.totalRows).toBe(rain);
  });

  it('stops writing the view of a sort that a newer sort of the same node replaced', async () => {
    const sorted = (column: string, descending: boolean) => ({ pipeline, projectDir: project.dir, node: 'big', offset: 0, limit: 5, sort: [{ column, descending }] });
    const labelsOfBig = async () => {
      const dir = path.join(project.dir, '.sluice', 'cache');
      const metas = (await readdir(dir)).filter((f) => f.endsWith('.json'));
      const sidecars = await Promise.all(metas.map(async (m) => JSON.parse(await readFile(path.join(dir, m), 'utf8')) as { node: string }));
      return sidecars.filter((m) => m.node === 'big (sorted/filtered view)').length;
    };
    await engine.backgroundWritesSettled();
    const before = await labelsOfBig();
    const byLabel = await engine.readRows(sorted('label', true));
    // Text order: 'row number 9xx…' sorts above 'row number 99xx…'.
    expect(byLabel.columnData[0]).toEqual([9, 99, 999, 9999, 99999]);
    // Asked right away: the 2M-row sort by label is still being written and is stopped.
    const byBucket = await engine.readRows(sorted('bucket', true));
    expect(byBucket.columnData[0]).toEqual([6, 13, 20, 27, 34]);
    await engine.backgroundWritesSettled();
    expect(await labelsOfBig()).toBe(before + 1);
  });

  it('quotes keyword, quote and unicode column names in sorts and filters', async () => {
    const page = await engine.readRows({
      pipeline,
      projectDir: project.dir,
      node: 'odd "names"',
      offset: 0,
      limit: 3,
      sort: [{ column: 'Ünïcode 名前', descending: true }, { column: 'select' }],
      filters: [{ column: 'x"; DROP TABLE t; --', op: '=', value: "sun'; DROP TABLE t; --" }],
    });
    expect(page.columns.map((c) => c.name)).toEqual(['select', 'x"; DROP TABLE t; --', 'Ünïcode 名前']);
    expect(page.totalRows).toBe(0);
    const sunny = await engine.readRows({ pipeline, projectDir: project.dir, node: 'odd "names"', offset: 0, limit: 1, filters: [{ column: 'x"; DROP TABLE t; --', op: 'starts_with', value: 'su' }] });
    const [[sun]] = (await independentQuery(`SELECT count(*) FROM '${weatherFile()}' WHERE weather LIKE 'su%'`)) as [[number]];
    expect(sunny.totalRows).toBe(sun);
    await expect(engine.readRows({ pipeline, projectDir: project.dir, node: 'weather', offset: 0, limit: 1, sort: [{ column: 'nope' }] })).rejects.toThrow(
      /^weather: Binder Error: Referenced column "nope" not found/,
    );
  });

  it('a sink pages the rows it would write; a check pages its failing rows', async () => {
    const sink = await engine.readRows({ pipeline, projectDir: project.dir, node: 'sink', offset: 1460, limit: 10 });
    expect(sink).toMatchObject({ rowCount: 1, totalRows: 1461 });
    const check = await engine.readRows({ pipeline, projectDir: project.dir, node: 'check', offset: 0, limit: 1000 });
    const [[notRainOrSun]] = (await independentQuery(`SELECT count(*) FROM '${weatherFile()}' WHERE weather NOT IN ('rain', 'sun')`)) as [[number]];
    expect(check.totalRows).toBe(notRainOrSun);
    const preview = await engine.preview({ pipeline, projectDir: project.dir, node: 'sink', limit: 2 });
    expect(preview).toMatchObject({ rowCount: 2, totalRows: 1461 });
  });
});

describe('node relations for other readers', () => {
  it('gives a self-contained query over the cache and the fingerprint runs report', async () => {
    const withParam = pipelineOf(
      [
        { name: 'weather', type: 'source.file', path: 'data/seattle-weather.csv' },
        { name: 'wet', type: 'transform.filter', inputs: ['weather'], where: 'precipitation > getvariable(\'min_rain\')' },
      ],
      { min_rain: { default: 20 } },
    );
    const report = await engine.run({ runId: 'rel', pipeline: withParam, pipelinePath: null, projectDir: project.dir });
    const relation = await engine.nodeRelation({ pipeline: withParam, projectDir: project.dir, node: 'wet' });
    expect(relation).toMatchObject({ node: 'wet', cached: true, fingerprint: report.nodes[1]!.fingerprint });
    const changed = await engine.nodeRelation({ pipeline: withParam, projectDir: project.dir, node: 'wet', params: { min_rain: '30' } });
    expect(changed.cached).toBe(false);
    // Another DuckDB runs it after the setup statements, and gets what the node gives.
    const [[count]] = (await independentQuery(`${changed.setup.join(';\n')};\nSELECT count(*) FROM (${changed.sql})`)) as [[number]];
    const [[expected]] = (await independentQuery(`SELECT count(*) FROM '${weatherFile()}' WHERE precipitation > 30`)) as [[number]];
    expect(count).toBe(expected);
    await expect(engine.nodeRelation({ pipeline: pipelineOf([...withParam.nodes, { name: 'bad', type: 'transform.sql', inputs: ['wet'], sql: 'SELECT nope FROM wet' }], { min_rain: { default: 20 } }), projectDir: project.dir, node: 'bad' })).rejects.toThrow(/^bad: Binder Error/);
  });
});
