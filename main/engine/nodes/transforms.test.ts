import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Engine } from '../engine';
import { independentQuery, makeProject, pipelineOf, rowsOf, testEngine } from '../engine-testing';

let project: Awaited<ReturnType<typeof makeProject>>;
let engine: Engine;
let weather: string;
let penguins: string;

beforeAll(async () => {
  project = await makeProject(['seattle-weather.csv', 'penguins.json', 'stocks.csv']);
  weather = path.join(project.dir, 'data', 'seattle-weather.csv');
  penguins = path.join(project.dir, 'data', 'penguins.json');
  engine = await testEngine();
});
afterAll(async () => {
  await engine.close();
  await project.dispose();
});

const sources = [
  { name: 'weather', type: 'source.file', path: 'data/seattle-weather.csv' },
  { name: 'penguins', type: 'source.file', path: 'data/penguins.json' },
  { name: 'stocks', type: 'source.file', path: 'data/stocks.csv' },
];

/** Reads the whole result of `node` (read-rows, so the run path and the cache are exercised too). */
async function rows(nodes: unknown[], node: string): Promise<unknown[][]> {
  const page = await engine.readRows({ pipeline: pipelineOf([...sources, ...nodes]), projectDir: project.dir, node, offset: 0, limit: 100_000 });
  return rowsOf(page.columnData, page.rowCount);
}

async function columns(nodes: unknown[], node: string): Promise<string[]> {
  const preview = await engine.preview({ pipeline: pipelineOf([...sources, ...nodes]), projectDir: project.dir, node, limit: 1 });
  return preview.columns.map((c) => c.name);
}

describe('transform nodes give what the equivalent DuckDB SQL gives', () => {
  it('filter, select (rename, cast) and derive', async () => {
    const nodes = [
      { name: 'wet', type: 'transform.filter', inputs: ['weather'], where: "weather = 'rain' AND precipitation > 20 -- heavy rain only" },
      { name: 'slim', type: 'transform.select', inputs: ['wet'], columns: ['date', { column: 'precipitation', as: 'rain mm' }, { column: 'temp_max', cast: 'INTEGER' }] },
      { name: 'more', type: 'transform.derive', inputs: ['slim'], columns: [{ name: 'rain cm', expression: '"rain mm" / 10' }, { name: 'temp_max', expression: 'temp_max + 1', replace: true }] },
    ];
    const expected = await independentQuery(
      `SELECT date, precipitation AS "rain mm", CAST(temp_max AS INTEGER) + 1 AS temp_max, precipitation / 10 AS "rain cm" FROM '${weather}' WHERE weather = 'rain' AND precipitation > 20`,
    );
    expect(expected.length).toBeGreaterThan(10);
    expect(await rows(nodes, 'more')).toEqual(expected);
    expect(await columns(nodes, 'more')).toEqual(['date', 'rain mm', 'temp_max', 'rain cm']);
  });

  it('aggregate with group by, count distinct and an expression; sort; limit', async () => {
    const nodes = [
      {
        name: 'by_weather',
        type: 'transform.aggregate',
        inputs: ['weather'],
        group_by: ['weather'],
        aggregates: [
          { name: 'days', function: 'count' },
          { name: 'avg_max', function: 'avg', column: 'temp_max' },
          { name: 'months', expression: "count(DISTINCT strftime(date, '%Y-%m'))" },
        ],
      },
      { name: 'sorted', type: 'transform.sort', inputs: ['by_weather'], by: [{ column: 'days', descending: true }, 'weather'] },
      { name: 'top3', type: 'transform.limit', inputs: ['sorted'], rows: 3 },
    ];
    const expected = await independentQuery(
      `SELECT weather, count(*) AS days, avg(temp_max) AS avg_max, count(DISTINCT strftime(date, '%Y-%m')) AS months FROM '${weather}' GROUP BY weather ORDER BY days DESC, weather LIMIT 3`,
    );
    expect(await rows(nodes, 'top3')).toEqual(expected);
  });

  it('joins of every kind on multiple keys, with different key names', async () => {
    const left = { name: 'l', type: 'source.sql', sql: "SELECT * FROM (VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30), (NULL, 'n', 0)) t(id, code, v)" };
    const right = { name: 'r', type: 'source.sql', sql: "SELECT * FROM (VALUES (1, 'a', 'one'), (2, 'x', 'two'), (4, 'd', 'four')) t(key, code2, label)" };
    const expectations: Record<string, unknown[][]> = {
      inner: [[1, 'a', 10, 1, 'a', 'one']],
      left: [[1, 'a', 10, 1, 'a', 'one'], [2, 'b', 20, null, null, null], [3, 'c', 30, null, null, null], [null, 'n', 0, null, null, null]],
      semi: [[1, 'a', 10]],
      anti: [[2, 'b', 20], [3, 'c', 30], [null, 'n', 0]],
    };
    for (const [how, expected] of Object.entries(expectations)) {
      const nodes = [left, right, { name: 'j', type: 'transform.join', inputs: ['l', 'r'], how, on: [{ left: 'id', right: 'key' }, { left: 'code', right: 'code2' }] }];
      const got = await rows(nodes, 'j');
      expect([...got].sort((a, b) => String(a).localeCompare(String(b))), how).toEqual([...expected].sort((a, b) => String(a).localeCompare(String(b))));
    }
    // Same-named keys: one key column, coalesced in a full join.
    const full = [
      { name: 'a', type: 'source.sql', sql: 'SELECT * FROM (VALUES (1, 10), (2, 20)) t(id, x)' },
      { name: 'b', type: 'source.sql', sql: 'SELECT * FROM (VALUES (2, 200), (3, 300)) t(id, y)' },
      { name: 'f', type: 'transform.join', inputs: ['a', 'b'], how: 'full', on: ['id'] },
      { name: 'rj', type: 'transform.join', inputs: ['a', 'b'], how: 'right', on: ['id'] },
    ];
    expect((await rows(full, 'f')).sort()).toEqual([[1, 10, null], [2, 20, 200], [3, null, 300]]);
    expect(await columns(full, 'f')).toEqual(['id', 'x', 'y']);
    expect((await rows(full, 'rj')).sort()).toEqual([[2, 20, 200], [3, null, 300]]);
  });

  it('union by name (and by position), deduplicate keeping first or last', async () => {
    const nodes = [
      { name: 'a', type: 'source.sql', sql: "SELECT * FROM (VALUES (1, 'x', DATE '2024-01-01'), (1, 'y', DATE '2024-02-01'), (2, 'z', DATE '2024-01-15')) t(id, v, d)" },
      { name: 'b', type: 'source.sql', sql: "SELECT * FROM (VALUES (DATE '2024-03-01', 'w', 2)) t(d, v, id)" },
      { name: 'u', type: 'transform.union', inputs: ['a', 'b'] },
      { name: 'first', type: 'transform.deduplicate', inputs: ['u'], keys: ['id'], order_by: ['d'] },
      { name: 'last', type: 'transform.deduplicate', inputs: ['u'], keys: ['id'], order_by: ['d'], keep: 'last' },
    ];
    expect((await rows(nodes, 'u')).length).toBe(4);
    expect(await columns(nodes, 'u')).toEqual(['id', 'v', 'd']);
    expect((await rows(nodes, 'first')).sort()).toEqual([[1, 'x', '2024-01-01'], [2, 'z', '2024-01-15']]);
    expect((await rows(nodes, 'last')).sort()).toEqual([[1, 'y', '2024-02-01'], [2, 'w', '2024-03-01']]);
    const positional = [nodes[0]!, { ...nodes[0]!, name: 'a2' }, { name: 'p', type: 'transform.union', inputs: ['a', 'a2'], by_name: false, distinct: true }];
    expect((await rows(positional, 'p')).length).toBe(3);
  });

  it('pivot and unpivot round trip, on columns with spaces and parentheses', async () => {
    const nodes = [
      { name: 'mass', type: 'transform.aggregate', inputs: ['penguins'], group_by: ['Island', 'Species'], aggregates: [{ name: 'n', function: 'count' }] },
      { name: 'wide', type: 'transform.pivot', inputs: ['mass'], on: 'Species', values: ['Adelie', 'Gentoo', 'Chinstrap'], using: [{ name: 'n', function: 'sum', column: 'n' }], group_by: ['Island'] },
      { name: 'long', type: 'transform.unpivot', inputs: ['wide'], columns: ['Adelie', 'Gentoo', 'Chinstrap'], name_column: 'Species', value_column: 'birds' },
    ];
    expect(await columns(nodes, 'wide')).toEqual(['Island', 'Adelie', 'Gentoo', 'Chinstrap']);
    const expected = await independentQuery(`SELECT Island, Species, count(*) FROM '${penguins}' GROUP BY ALL ORDER BY ALL`);
    const long = (await rows(nodes, 'long')).filter((r) => r[2] !== null).sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
    expect(long).toEqual(expected.sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`)));
  });

  it('window: row_number, rank, lag and a running total per partition', async () => {
    const nodes = [
      {
        name: 'w',
        type: 'transform.window',
        inputs: ['stocks'],
        partition_by: ['symbol'],
        order_by: ['date'],
        columns: [
          { name: 'n', function: 'row_number' },
          { name: 'price_rank', function: 'rank' },
          { name: 'previous', function: 'lag', column: 'price' },
          { name: 'running', function: 'sum', column: 'price', frame: 'running' },
          { name: 'avg3', function: 'avg', column: 'price', frame: { preceding: 1, following: 1 } },
        ],
      },
      { name: 'ordered', type: 'transform.sort', inputs: ['w'], by: ['symbol', 'n'] },
    ];
    const stocks = path.join(project.dir, 'data', 'stocks.csv');
    const expected = await independentQuery(
      `SELECT *, row_number() OVER w AS n, rank() OVER w AS price_rank, lag(price, 1) OVER w AS previous,
        sum(price) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running,
        avg(price) OVER (w ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS avg3
       FROM '${stocks}' WINDOW w AS (PARTITION BY symbol ORDER BY date) ORDER BY symbol, n`,
    );
    expect(await rows(nodes, 'ordered')).toEqual(expected);
  });

  it('sample: a fixed number of rows, the same rows for the same seed', async () => {
    const nodes = [{ name: 's', type: 'transform.sample', inputs: ['weather'], rows: 25, seed: 7 }];
    const once = await rows(nodes, 's');
    expect(once).toHaveLength(25);
    await engine.clearCache(path.join(project.dir, '.sluice', 'cache'));
    expect(await rows(nodes, 's')).toEqual(once);
  });
});
