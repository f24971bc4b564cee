import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { NodeRun } from '../../../common/contract/api';
import type { Engine } from '../engine';
import { independentQuery, makeProject, pipelineOf, rowsOf, testEngine } from '../engine-testing';

let project: Awaited<ReturnType<typeof makeProject>>;
let engine: Engine;
let weather: string;
let movies: string;

beforeAll(async () => {
  project = await makeProject(['seattle-weather.csv', 'movies.json']);
  weather = path.join(project.dir, 'data', 'seattle-weather.csv');
  movies = path.join(project.dir, 'data', 'movies.json');
  engine = await testEngine();
});
afterAll(async () => {
  await engine.close();
  await project.dispose();
});

const sources = [
  { name: 'weather', type: 'source.file', path: 'data/seattle-weather.csv' },
  { name: 'movies', type: 'source.file', path: 'data/movies.json' },
];

async function runChecks(checks: unknown[], params?: Record<string, string>) {
  const pipeline = pipelineOf([...sources, ...checks], { run_date: { type: 'date', default: '2015-12-31' } });
  const report = await engine.run({ runId: `r${Math.random()}`, pipeline, pipelinePath: null, projectDir: project.dir, ...(params ? { params } : {}) });
  const byName = Object.fromEntries(report.nodes.map((n) => [n.name, n])) as Record<string, NodeRun>;
  return { report, byName };
}

describe('check nodes', () => {
  it('pass or fail with the count of failing rows and a sample of them', async () => {
    const { report, byName } = await runChecks([
      { name: 'genre present', type: 'check.not_null', inputs: ['movies'], columns: ['Major Genre'], severity: 'warn', sample_size: 3 },
      { name: 'one row per day', type: 'check.unique', inputs: ['weather'], columns: ['date'] },
      { name: 'one row per weather', type: 'check.unique', inputs: ['weather'], columns: ['weather'], severity: 'warn' },
      { name: 'known weather', type: 'check.accepted_values', inputs: ['weather'], column: 'weather', values: ['rain', 'sun', 'fog', 'drizzle'] },
      { name: 'four years', type: 'check.row_count', inputs: ['weather'], min: 1000, max: 2000 },
      { name: 'no inverted temps', type: 'check.sql', inputs: ['weather'], sql: 'SELECT * FROM weather WHERE temp_min > temp_max' },
    ]);
    const [[nullGenres]] = (await independentQuery(`SELECT count(*) FROM '${movies}' WHERE "Major Genre" IS NULL`)) as [[number]];
    expect(byName['genre present']).toMatchObject({ status: 'check-failed', check: { passed: false, severity: 'warn', failingRows: nullGenres } });
    expect(byName['genre present']!.check!.sample.columnData[0]).toHaveLength(3);
    expect(byName['one row per day']).toMatchObject({ status: 'succeeded', check: { passed: true, failingRows: 0 } });
    expect(byName['one row per weather']).toMatchObject({ status: 'check-failed', check: { failingRows: 5 } });
    const [[snowDays]] = (await independentQuery(`SELECT count(*) FROM '${weather}' WHERE weather = 'snow'`)) as [[number]];
    expect(byName['known weather']).toMatchObject({ status: 'check-failed', check: { severity: 'error', failingRows: snowDays } });
    expect(byName['known weather']!.check!.sample.columns.map((c) => c.name)).toContain('weather');
    expect(byName['four years']).toMatchObject({ status: 'succeeded', check: { passed: true } });
    expect(byName['no inverted temps']).toMatchObject({ status: 'succeeded', check: { passed: true } });
    // An error-severity check failed: the run failed; sources still succeeded.
    expect(report.status).toBe('failed');
    expect(byName.weather!.status).toBe('succeeded');
  });

  it('warn checks never fail a run', async () => {
    const { report, byName } = await runChecks([{ name: 'too few', type: 'check.row_count', inputs: ['weather'], min: 5000, severity: 'warn' }]);
    expect(report.status).toBe('succeeded');
    expect(byName['too few']!.check).toMatchObject({ passed: false, failingRows: 1 });
    expect(rowsOf(byName['too few']!.check!.sample.columnData, 1)).toEqual([[1461, 5000, null]]);
  });

  it('freshness measures against the run_date parameter', async () => {
    const fresh = { name: 'fresh', type: 'check.freshness', inputs: ['weather'], column: 'date', max_age: '2 days' };
    expect((await runChecks([fresh])).byName.fresh).toMatchObject({ status: 'succeeded' });
    const late = await runChecks([fresh], { run_date: '2016-02-01' });
    expect(late.byName.fresh).toMatchObject({ status: 'check-failed', check: { failingRows: 1 } });
    expect(late.byName.fresh!.check!.sample.columns.map((c) => c.name)).toEqual(['latest', 'run_date', 'age', 'max_age']);
  });

  it('schema contract: missing columns, wrong types and (when asked) unexpected columns', async () => {
    const { byName } = await runChecks([
      { name: 'contract ok', type: 'check.schema', inputs: ['weather'], columns: [{ name: 'date', type: 'DATE' }, { name: 'precipitation', type: 'double' }, { name: 'weather' }] },
      {
        name: 'contract broken',
        type: 'check.schema',
        inputs: ['weather'],
        allow_extra: false,
        columns: [{ name: 'date', type: 'TIMESTAMP' }, { name: 'precipitation', type: 'DOUBLE' }, { name: 'humidity', type: 'INT' }],
      },
    ]);
    expect(byName['contract ok']).toMatchObject({ status: 'succeeded' });
    const broken = byName['contract broken']!.check!;
    const problems = rowsOf(broken.sample.columnData, broken.failingRows).map((r) => `${r[0]}:${r[3]}`).sort();
    expect(problems).toEqual(['date:wrong type', 'humidity:missing', 'temp_max:unexpected', 'temp_min:unexpected', 'weather:unexpected', 'wind:unexpected']);
  });

  it('a cached check keeps its result and sample', async () => {
    const checks = [{ name: 'known weather', type: 'check.accepted_values', inputs: ['weather'], column: 'weather', values: ['rain', 'sun', 'fog', 'drizzle', 'snow'] }];
    await runChecks(checks);
    const again = await runChecks(checks);
    expect(again.byName['known weather']).toMatchObject({ status: 'cached', cached: true, check: { passed: true, failingRows: 0 } });
  });
});
