import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { RunReport } from '../../common/contract/api';
import type { Pipeline } from '../../common/pipeline/model';
import { Engine } from './engine';
import { makeProject, pipelineOf, rowsOf, testEngine } from './engine-testing';

let project: Awaited<ReturnType<typeof makeProject>>;
let engine: Engine;
let counter = 0;

beforeAll(async () => {
  project = await makeProject(['seattle-weather.csv']);
  engine = await testEngine();
});
afterAll(async () => {
  await engine.close();
  await project.dispose();
});

const base = [
  { name: 'weather', type: 'source.file', path: 'data/seattle-weather.csv' },
  { name: 'rainy', type: 'transform.sql', inputs: ['weather'], sql: "SELECT * FROM weather WHERE weather = 'rain'" },
  { name: 'per_year', type: 'transform.sql', inputs: ['rainy'], sql: 'SELECT year(date) AS y, count(*) AS days FROM rainy GROUP BY y' },
  { name: 'sunny', type: 'transform.filter', inputs: ['weather'], where: "weather = 'sun'" },
];

function run(pipeline: Pipeline, extra: Partial<Parameters<Engine['run']>[0]> = {}): Promise<RunReport> {
  return engine.run({ runId: `run-${++counter}`, pipeline, pipelinePath: null, projectDir: project.dir, ...extra });
}

const statuses = (report: RunReport) => Object.fromEntries(report.nodes.map((n) => [n.name, n.status]));

describe('fingerprints and the result cache', () => {
  it('editing one node re-runs only it and what is downstream; whitespace, comments and case do not count', async () => {
    await run(pipelineOf(base));
    const again = await run(pipelineOf(base));
    expect(statuses(again)).toEqual({ weather: 'cached', rainy: 'cached', per_year: 'cached', sunny: 'cached' });
    expect(again.nodes.every((n) => n.cached && n.fingerprint)).toBe(true);

    const reformatted = base.map((n) => (n.name === 'rainy' ? { ...n, sql: "select *\n  from weather -- only the wet days\n where weather = 'rain';" } : n));
    expect(statuses(await run(pipelineOf(reformatted)))).toEqual({ weather: 'cached', rainy: 'cached', per_year: 'cached', sunny: 'cached' });

    const edited = base.map((n) => (n.name === 'rainy' ? { ...n, sql: "SELECT * FROM weather WHERE weather IN ('rain', 'drizzle')" } : n));
    const report = await run(pipelineOf(edited));
    expect(statuses(report)).toEqual({ weather: 'cached', rainy: 'succeeded', per_year: 'succeeded', sunny: 'cached' });
    expect(report.nodes.find((n) => n.name === 'rainy')).toMatchObject({ cached: false, rowsIn: 1461 });
  });

  it('a changed source file re-runs its readers, even at the same size and mtime (small files are hashed)', async () => {
    await project.write('data/tiny.csv', 'id,v\n1,a\n2,b\n');
    const nodes = [
      { name: 'tiny', type: 'source.file', path: 'data/tiny.csv' },
      { name: 'count', type: 'transform.sql', inputs: ['tiny'], sql: "SELECT count(*) AS n, string_agg(v, '') AS vs FROM tiny" },
    ];
    const first = await run(pipelineOf(nodes));
    expect(statuses(first)).toEqual({ tiny: 'succeeded', count: 'succeeded' });
    const file = path.join(project.dir, 'data', 'tiny.csv');
    const stamp = new Date('2020-01-01T00:00:00Z');
    await utimes(file, stamp, stamp);
    // Touched but unchanged: a small file is known by its content.
    expect(statuses(await run(pipelineOf(nodes)))).toEqual({ tiny: 'cached', count: 'cached' });
    await writeFile(file, 'id,v\n1,a\n2,c\n');
    await utimes(file, stamp, stamp);
    const changed = await run(pipelineOf(nodes));
    expect(statuses(changed)).toEqual({ tiny: 'succeeded', count: 'succeeded' });
    const page = await engine.readRows({ pipeline: pipelineOf(nodes), projectDir: project.dir, node: 'count', offset: 0, limit: 1 });
    expect(rowsOf(page.columnData, 1)).toEqual([[2, 'ac']]);
  });

  it('force ignores the cache; --node runs a node with its upstream; --from re-runs a node and its downstream', async () => {
    const pipeline = pipelineOf(base);
    await run(pipeline);
    expect(statuses(await run(pipeline, { scope: { force: true } }))).toEqual({ weather: 'succeeded', rainy: 'succeeded', per_year: 'succeeded', sunny: 'succeeded' });
    const one = await run(pipeline, { scope: { node: 'rainy' } });
    expect(one.nodes.map((n) => n.name)).toEqual(['weather', 'rainy']);
    expect(one.scope).toEqual({ node: 'rainy' });
    const from = await run(pipeline, { scope: { from: 'rainy' } });
    expect(statuses(from)).toEqual({ weather: 'cached', rainy: 'succeeded', per_year: 'succeeded' });
    await expect(run(pipeline, { scope: { node: 'nope' } })).rejects.toThrow('no node named "nope"');
  });

  it('previews read upstream results from the cache when they are fresh', async () => {
    const pipeline = pipelineOf(base);
    const report = await run(pipeline);
    const rainy = report.nodes.find((n) => n.name === 'rainy')!;
    // Put a marker into the cached result of "rainy": a preview of a changed per_year must read it.
    const cached = path.join(project.dir, '.sluice', 'cache', `${rainy.fingerprint}.parquet`);
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    await connection.run(`COPY (SELECT * REPLACE (DATE '1999-01-01' AS date) FROM '${cached}' LIMIT 3) TO '${cached}' (FORMAT parquet)`);
    connection.closeSync();
    db.closeSync();
    const changed = pipelineOf(base.map((n) => (n.name === 'per_year' ? { ...n, sql: 'SELECT year(date) AS y, count(*) AS days FROM rainy GROUP BY ALL' } : n)));
    const preview = await engine.preview({ pipeline: changed, projectDir: project.dir, node: 'per_year', limit: 10 });
    expect(preview.cached).toBe(false);
    expect(rowsOf(preview.columnData, preview.rowCount)).toEqual([[1999, 3]]);
    const cachedPreview = await engine.preview({ pipeline, projectDir: project.dir, node: 'rainy', limit: 5 });
    expect(cachedPreview).toMatchObject({ cached: true, rowCount: 3, totalRows: rainy.rows });
  });

  it('keeps the cache under its cap, evicting what the last run did not use', async () => {
    const small = await Engine.create({ threads: 2, cacheMaxBytes: 1 });
    try {
      const cacheDir = path.join(project.dir, 'small-cache');
      const first = await small.run({ runId: 'c1', pipeline: pipelineOf(base), pipelinePath: null, projectDir: project.dir, cacheDir });
      const cache = small.cacheFor({ cacheDir, projectDir: project.dir });
      for (const node of first.nodes) expect(await cache.lookup(node.fingerprint!, false)).toBeDefined();
      const second = await small.run({ runId: 'c2', pipeline: pipelineOf(base.slice(0, 2)), pipelinePath: null, projectDir: project.dir, cacheDir });
      expect(statuses(second)).toEqual({ weather: 'cached', rainy: 'cached' });
      expect(await cache.lookup(first.nodes.find((n) => n.name === 'sunny')!.fingerprint!, false)).toBeUndefined();
      expect(await cache.lookup(first.nodes.find((n) => n.name === 'rainy')!.fingerprint!, false)).toBeDefined();
    } finally {
      await small.close();
    }
  });
});
