import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from './engine';
import { makeProject, pipelineOf, testEngine } from './engine-testing';
import type { ColumnLineage, ColumnLineageResult } from './lineage';

let project: Awaited<ReturnType<typeof makeProject>>;
let engine: Engine;

beforeAll(async () => {
  project = await makeProject(['airports.csv', 'flights-3m.parquet', 'seattle-weather.csv']);
  engine = await testEngine();
});
afterAll(async () => {
  await engine.close();
  await project.dispose();
});

const sources = [
  { name: 'airports', type: 'source.file', path: 'data/airports.csv' },
  { name: 'flights', type: 'source.file', path: 'data/flights-3m.parquet' },
];

async function lineage(nodes: unknown[]): Promise<ColumnLineageResult> {
  return engine.columnLineage({ pipeline: pipelineOf([...sources, ...nodes]), projectDir: project.dir });
}

function columnsOf(result: ColumnLineageResult, node: string): Record<string, Pick<ColumnLineage, 'sources' | 'transform'>> {
  const found = result.nodes.find((n) => n.node === node);
  if (!found) throw new Error(`no lineage for ${node}`);
  if (found.error) throw new Error(found.error);
  return Object.fromEntries(found.columns.map((c) => [c.name, { sources: c.sources, transform: c.transform }]));
}

const src = (node: string, column: string) => ({ node, column });

describe('column lineage of SQL nodes', () => {
  it('follows aliases through a join and an aggregate', async () => {
    const result = await lineage([
      {
        name: 'routes',
        type: 'transform.sql',
        inputs: ['flights', 'airports'],
        sql: 'SELECT f.origin AS from_airport, a.city, a.state AS st, count(*) AS n, avg(f.delay) AS mean_delay\nFROM flights AS f JOIN airports a ON a.iata = f.origin\nGROUP BY ALL',
      },
    ]);
    const routes = columnsOf(result, 'routes');
    expect(routes.from_airport).toEqual({ sources: [src('flights', 'origin')], transform: 'rename' });
    expect(routes.city).toEqual({ sources: [src('airports', 'city')], transform: 'copy' });
    expect(routes.st).toEqual({ sources: [src('airports', 'state')], transform: 'rename' });
    expect(routes.n).toEqual({ sources: [], transform: 'expression' });
    expect(routes.mean_delay).toEqual({ sources: [src('flights', 'delay')], transform: 'expression' });
    expect(columnsOf(result, 'airports').iata).toEqual({ sources: [], transform: 'origin' });
  });

  it('expands stars (qualified, EXCLUDE, REPLACE) with the inputs described columns', async () => {
    const result = await lineage([
      {
        name: 'wide',
        type: 'transform.sql',
        inputs: ['airports'],
        sql: 'SELECT * EXCLUDE (country) REPLACE (upper(city) AS city), latitude + longitude AS s FROM airports',
      },
      { name: 'qualified', type: 'transform.sql', inputs: ['airports', 'flights'], sql: 'SELECT x.*, y.delay FROM airports x, flights y LIMIT 1' },
    ]);
    const wide = columnsOf(result, 'wide');
    expect(Object.keys(wide)).toEqual(['iata', 'name', 'city', 'state', 'latitude', 'longitude', 's']);
    expect(wide.iata).toEqual({ sources: [src('airports', 'iata')], transform: 'copy' });
    expect(wide.city).toEqual({ sources: [src('airports', 'city')], transform: 'expression' });
    expect(wide.s!.sources).toEqual([src('airports', 'latitude'), src('airports', 'longitude')]);
    const qualified = columnsOf(result, 'qualified');
    expect(Object.keys(qualified)).toHaveLength(8);
    expect(qualified.delay).toEqual({ sources: [src('flights', 'delay')], transform: 'copy' });
  });

  it('goes through CTEs, subqueries, unaliased expressions and lateral aliases', async () => {
    const result = await lineage([
      {
        name: 'ctes',
        type: 'transform.sql',
        inputs: ['flights'],
        sql: `WITH late AS (SELECT origin AS o, delay FROM flights WHERE delay > 60),
              per AS (SELECT o, max(delay) AS worst FROM late GROUP BY o)
              SELECT p.o AS airport, worst, worst / 60 AS hours, hours * 60 AS again, lower(p.o), (SELECT max(delay) FROM late) AS total
              FROM (SELECT * FROM per) AS p`,
      },
    ]);
    const ctes = columnsOf(result, 'ctes');
    expect(ctes.airport).toEqual({ sources: [src('flights', 'origin')], transform: 'rename' });
    expect(ctes.worst).toEqual({ sources: [src('flights', 'delay')], transform: 'expression' });
    expect(ctes.hours!.sources).toEqual([src('flights', 'delay')]);
    expect(ctes.again!.sources).toEqual([src('flights', 'delay')]);
    expect(ctes['lower(p.o)']).toEqual({ sources: [src('flights', 'origin')], transform: 'expression' });
    expect(ctes.total!.sources).toEqual([src('flights', 'delay')]);
  });

  it('merges both sides of a UNION and of a USING join key', async () => {
    const result = await lineage([
      { name: 'a', type: 'transform.sql', inputs: ['airports'], sql: 'SELECT iata AS code, state FROM airports' },
      { name: 'b', type: 'transform.sql', inputs: ['flights'], sql: 'SELECT origin AS code, delay FROM flights' },
      { name: 'u', type: 'transform.sql', inputs: ['a', 'b'], sql: 'SELECT code FROM a UNION ALL SELECT code FROM b' },
      { name: 'j', type: 'transform.sql', inputs: ['a', 'b'], sql: 'SELECT * FROM a FULL JOIN b USING (code)' },
    ]);
    expect(columnsOf(result, 'u').code!.sources).toEqual([src('a', 'code'), src('b', 'code')]);
    const j = columnsOf(result, 'j');
    expect(Object.keys(j)).toEqual(['code', 'state', 'delay']);
    expect(j.code!.sources).toEqual([src('a', 'code'), src('b', 'code')]);
    expect(j.delay).toEqual({ sources: [src('b', 'delay')], transform: 'copy' });
  });
});

describe('column lineage of star modifiers, checks and correlated subqueries', () => {
  it('follows RENAME, COLUMNS(regex), a SQL check and a correlated subquery', async () => {
    const result = await lineage([
      { name: 'renamed', type: 'transform.sql', inputs: ['airports'], sql: 'SELECT * EXCLUDE (a.country) RENAME (iata AS code) FROM airports a' },
      { name: 'coords', type: 'transform.sql', inputs: ['airports'], sql: "SELECT COLUMNS('^l(at|ong)itude$') FROM airports" },
      { name: 'no_state', type: 'check.sql', inputs: ['airports'], sql: 'SELECT iata, name AS airport FROM airports WHERE state IS NULL' },
      {
        name: 'worst',
        type: 'transform.sql',
        inputs: ['airports', 'flights'],
        sql: 'SELECT a.iata, (SELECT max(f.delay) + a.latitude FROM flights f WHERE f.origin = a.iata) AS worst FROM airports a',
      },
    ]);
    const renamed = columnsOf(result, 'renamed');
    expect(Object.keys(renamed)).toEqual(['code', 'name', 'city', 'state', 'latitude', 'longitude']);
    expect(renamed.code).toEqual({ sources: [src('airports', 'iata')], transform: 'rename' });
    const coords = columnsOf(result, 'coords');
    expect(Object.keys(coords)).toEqual(['latitude', 'longitude']);
    expect(coords.longitude).toEqual({ sources: [src('airports', 'longitude')], transform: 'copy' });
    expect(columnsOf(result, 'no_state').airport).toEqual({ sources: [src('airports', 'name')], transform: 'rename' });
    // a.latitude resolves in the outer query; the correlation (f.origin = a.iata) only filters, so it is no source.
    expect(columnsOf(result, 'worst').worst!.sources).toEqual([src('flights', 'delay'), src('airports', 'latitude')]);
  });
});

describe('column lineage of built-in nodes', () => {
  it('follows select renames, derive, join, aggregate, window, filter and sinks', async () => {
    const result = await lineage([
      { name: 'pick', type: 'transform.select', inputs: ['airports'], columns: ['iata', { column: 'state', as: 'region' }] },
      { name: 'derived', type: 'transform.derive', inputs: ['pick'], columns: [{ name: 'label', expression: "iata || '/' || region" }, { name: 'region', expression: 'lower(region)', replace: true }] },
      { name: 'kept', type: 'transform.filter', inputs: ['derived'], where: "region <> 'ca'" },
      { name: 'joined', type: 'transform.join', inputs: ['flights', 'kept'], on: [{ left: 'origin', right: 'iata' }] },
      { name: 'per_region', type: 'transform.aggregate', inputs: ['joined'], group_by: ['region'], aggregates: [{ name: 'flights', function: 'count' }, { name: 'delay', function: 'avg', column: 'delay' }] },
      { name: 'ranked', type: 'transform.window', inputs: ['per_region'], order_by: [{ column: 'delay', descending: true }], columns: [{ name: 'rank', function: 'rank' }] },
      { name: 'out', type: 'sink.file', inputs: ['ranked'], path: 'out/ranked.parquet' },
    ]);
    expect(columnsOf(result, 'pick').region).toEqual({ sources: [src('airports', 'state')], transform: 'rename' });
    const derived = columnsOf(result, 'derived');
    expect(derived.region).toEqual({ sources: [src('pick', 'region')], transform: 'expression' });
    expect(derived.label!.sources).toEqual([src('pick', 'iata'), src('pick', 'region')]);
    expect(columnsOf(result, 'kept').label).toEqual({ sources: [src('derived', 'label')], transform: 'copy' });
    const joined = columnsOf(result, 'joined');
    expect(joined.origin).toEqual({ sources: [src('flights', 'origin')], transform: 'copy' });
    expect(joined.region).toEqual({ sources: [src('kept', 'region')], transform: 'copy' });
    const perRegion = columnsOf(result, 'per_region');
    expect(perRegion.region).toEqual({ sources: [src('joined', 'region')], transform: 'copy' });
    expect(perRegion.delay).toEqual({ sources: [src('joined', 'delay')], transform: 'expression' });
    expect(perRegion.flights).toEqual({ sources: [], transform: 'expression' });
    expect(columnsOf(result, 'ranked').delay).toEqual({ sources: [src('per_region', 'delay')], transform: 'copy' });
    expect(columnsOf(result, 'out').rank).toEqual({ sources: [src('ranked', 'rank')], transform: 'copy' });
  });

  it('takes pivot and unpivot from their settings, and keeps going past a broken node', async () => {
    const result = await engine.columnLineage({
      projectDir: project.dir,
      pipeline: pipelineOf([
        { name: 'weather', type: 'source.file', path: 'data/seattle-weather.csv' },
        { name: 'pivoted', type: 'transform.pivot', inputs: ['weather'], on: 'weather', values: ['rain', 'sun'], using: [{ name: 'wet', function: 'sum', column: 'precipitation' }], group_by: ['date'] },
        { name: 'long', type: 'transform.unpivot', inputs: ['weather'], columns: ['temp_max', 'temp_min'], name_column: 'which', value_column: 'temp' },
        { name: 'bad', type: 'transform.sql', inputs: ['weather'], sql: 'SELECT nope FROM weather' },
      ]),
    });
    const pivoted = columnsOf(result, 'pivoted');
    expect(pivoted.date).toEqual({ sources: [src('weather', 'date')], transform: 'copy' });
    expect(pivoted.rain!.sources).toEqual([src('weather', 'weather'), src('weather', 'precipitation')]);
    const long = columnsOf(result, 'long');
    expect(long.temp!.sources).toEqual([src('weather', 'temp_max'), src('weather', 'temp_min')]);
    expect(long.wind).toEqual({ sources: [src('weather', 'wind')], transform: 'copy' });
    expect(result.nodes.find((n) => n.node === 'bad')!.error).toMatch(/nope/);
  });
});
