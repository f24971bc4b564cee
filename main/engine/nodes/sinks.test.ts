import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Engine } from '../engine';
import { independentQuery, makeProject, pipelineOf, testEngine } from '../engine-testing';

let project: Awaited<ReturnType<typeof makeProject>>;
let engine: Engine;

beforeAll(async () => {
  project = await makeProject(['seattle-weather.csv']);
  engine = await testEngine();
});
afterAll(async () => {
  await engine.close();
  await project.dispose();
});

const weather = { name: 'weather', type: 'source.file', path: 'data/seattle-weather.csv' };
const run = (nodes: unknown[]) => engine.run({ runId: `r${Math.random()}`, pipeline: pipelineOf([weather, ...nodes]), pipelinePath: null, projectDir: project.dir });

describe('sink nodes', () => {
  it('write Parquet (compressed), CSV (own delimiter) and JSON files', async () => {
    const report = await run([
      { name: 'pq', type: 'sink.file', inputs: ['weather'], path: 'out/weather.parquet', compression: 'zstd' },
      { name: 'csv', type: 'sink.file', inputs: ['weather'], path: 'out/weather.csv', delimiter: '|' },
      { name: 'json', type: 'sink.file', inputs: ['weather'], path: 'out/weather.ndjson', format: 'json', compression: 'gzip' },
    ]);
    expect(report.status).toBe('succeeded');
    expect(report.nodes.filter((n) => n.name !== 'weather').map((n) => n.rows)).toEqual([1461, 1461, 1461]);
    const out = path.join(project.dir, 'out');
    expect(await independentQuery(`SELECT DISTINCT compression FROM parquet_metadata('${out}/weather.parquet')`)).toEqual([['ZSTD']]);
    expect((await readFile(path.join(out, 'weather.csv'), 'utf8')).split('\n')[0]).toBe('date|precipitation|temp_max|temp_min|wind|weather');
    expect(await independentQuery(`SELECT count(*) FROM read_json('${out}/weather.ndjson', compression = 'gzip')`)).toEqual([[1461]]);
  });

  it('writes a folder partitioned by columns, replacing the previous folder whole', async () => {
    const sink = { name: 'parts', type: 'sink.file', inputs: ['weather'], path: 'out/by_weather', partition_by: ['weather'] };
    await run([sink]);
    const folder = path.join(project.dir, 'out', 'by_weather');
    expect((await readdir(folder)).sort()).toEqual(['weather=drizzle', 'weather=fog', 'weather=rain', 'weather=snow', 'weather=sun']);
    await run([{ name: 'rainy', type: 'transform.filter', inputs: ['weather'], where: "weather = 'rain'" }, { ...sink, inputs: ['rainy'] }]);
    expect(await readdir(folder)).toEqual(['weather=rain']);
    expect((await readdir(path.join(project.dir, 'out'))).filter((n) => n.includes('sluice-'))).toEqual([]);
  });

  it('a failed write leaves the previous output untouched and no temp files', async () => {
    const target = path.join(project.dir, 'out', 'keep.parquet');
    await run([{ name: 'keep', type: 'sink.file', inputs: ['weather'], path: 'out/keep.parquet' }]);
    const before = await stat(target);
    const report = await run([
      { name: 'broken', type: 'transform.sql', inputs: ['weather'], sql: "SELECT CAST(weather AS INTEGER) AS w FROM weather" },
      { name: 'keep', type: 'sink.file', inputs: ['broken'], path: 'out/keep.parquet' },
    ]);
    expect(report.nodes.find((n) => n.name === 'broken')?.status).toBe('failed');
    expect(report.nodes.find((n) => n.name === 'keep')?.status).toBe('skipped');
    const failing = await run([{ name: 'keep', type: 'sink.file', inputs: ['weather'], path: 'out/keep.parquet', partition_by: ['no_such_column'] }]);
    expect(failing.nodes.find((n) => n.name === 'keep')).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/^keep: /) } });
    expect((await stat(target)).mtimeMs).toBe(before.mtimeMs);
    expect((await readdir(path.join(project.dir, 'out'))).filter((n) => n.includes('sluice-'))).toEqual([]);
  });

  it('refuses to write outside the project folder', async () => {
    const report = await run([{ name: 'escape', type: 'sink.file', inputs: ['weather'], path: '../escape.parquet' }]);
    expect(report.nodes[1]).toMatchObject({ status: 'failed', error: { message: 'escape: sink path "../escape.parquet" is outside the project folder' } });
  });

  it('a DuckDB table: replaced in one transaction, or appended to', async () => {
    const db = path.join(project.dir, 'out', 'warehouse.duckdb');
    const sink = { name: 'wh', type: 'sink.duckdb', inputs: ['weather'], path: 'out/warehouse.duckdb', schema: 'raw', table: 'weather' };
    expect((await run([sink])).status).toBe('succeeded');
    expect((await run([sink])).status).toBe('succeeded');
    expect(await independentQuery(`ATTACH '${db}' AS w (READ_ONLY); SELECT count(*) FROM w.raw.weather`)).toEqual([[1461]]);
    await run([{ ...sink, mode: 'append' }]);
    expect(await independentQuery(`ATTACH '${db}' AS w (READ_ONLY); SELECT count(*) FROM w.raw.weather`)).toEqual([[2922]]);
  });
});
