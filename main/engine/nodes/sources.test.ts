import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Engine } from '../engine';
import { makeProject, pipelineOf, rowsOf, testEngine } from '../engine-testing';

let project: Awaited<ReturnType<typeof makeProject>>;
let engine: Engine;

beforeAll(async () => {
  project = await makeProject(['unemployment.tsv', 'penguins.json']);
  engine = await testEngine();
});
afterAll(async () => {
  await engine.close();
  await project.dispose();
});

async function read(nodes: unknown[], node: string) {
  const page = await engine.readRows({ pipeline: pipelineOf(nodes), projectDir: project.dir, node, offset: 0, limit: 10_000 });
  return { columns: page.columns, rows: rowsOf(page.columnData, page.rowCount), total: page.totalRows };
}

describe('source nodes', () => {
  it('CSV with delimiter, quote, null strings, skipped lines and a type override', async () => {
    await project.write('data/odd.csv', "# exported 2024\n# by hand\nid;name;score\n1;'Ann; the first';10\n2;NA;\n3;Bo;7\n");
    const { columns, rows } = await read(
      [{ name: 'odd', type: 'source.file', path: 'data/odd.csv', delimiter: ';', quote: "'", skip_rows: 2, null_strings: ['NA', ''], types: { score: 'DOUBLE' } }],
      'odd',
    );
    expect(columns).toEqual([{ name: 'id', type: 'BIGINT' }, { name: 'name', type: 'VARCHAR' }, { name: 'score', type: 'DOUBLE' }]);
    expect(rows).toEqual([[1, 'Ann; the first', 10], [2, null, null], [3, 'Bo', 7]]);
  });

  it('TSV by extension, headerless CSV, and Latin-1 with encoding set', async () => {
    const tsv = await read([{ name: 'rates', type: 'source.file', path: 'data/unemployment.tsv' }], 'rates');
    expect(tsv.columns.map((c) => c.name)).toEqual(['id', 'rate']);
    expect(tsv.total).toBe(3218);
    await project.write('data/raw.csv', '1,2\n3,4\n');
    const raw = await read([{ name: 'raw', type: 'source.file', path: 'data/raw.csv', header: false }], 'raw');
    expect(raw.rows).toEqual([[1, 2], [3, 4]]);
    await project.write('data/cities.csv', Buffer.from('name,city\nJos\xe9,M\xfcnchen\n', 'latin1'));
    const latin = await read([{ name: 'cities', type: 'source.file', path: 'data/cities.csv', encoding: 'latin-1' }], 'cities');
    expect(latin.rows).toEqual([['José', 'München']]);
  });

  it('JSON arrays, NDJSON and a JSON type override', async () => {
    const json = await read([{ name: 'p', type: 'source.file', path: 'data/penguins.json', types: { 'Body Mass (g)': 'DOUBLE' } }], 'p');
    expect(json.total).toBe(344);
    expect(json.columns.find((c) => c.name === 'Body Mass (g)')?.type).toBe('DOUBLE');
    await project.write('data/events.ndjson', '{"id": 1, "kind": "click"}\n{"id": 2, "kind": "view"}\n');
    const ndjson = await read([{ name: 'e', type: 'source.file', path: 'data/events.ndjson' }], 'e');
    expect(ndjson.rows).toEqual([[1, 'click'], [2, 'view']]);
  });

  it('a glob of CSV files with the file name as a column, matched by name', async () => {
    await project.write('data/parts/a.csv', 'id,v\n1,x\n');
    await project.write('data/parts/b.csv', 'v,id\ny,2\n');
    const { columns, rows } = await read([{ name: 'parts', type: 'source.file', path: 'data/parts/*.csv', union_by_name: true, filename_column: 'source_file' }], 'parts');
    expect(columns.map((c) => c.name)).toEqual(['id', 'v', 'source_file']);
    expect(rows.map((r) => [r[0], r[1], path.basename(String(r[2]))]).sort()).toEqual([[1, 'x', 'a.csv'], [2, 'y', 'b.csv']]);
  });

  it('Parquet files read in place, and a glob of them', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    await connection.run(`COPY (SELECT range AS id FROM range(5)) TO '${path.join(project.dir, 'data', 'p1.parquet')}' (FORMAT parquet)`);
    await connection.run(`COPY (SELECT range + 5 AS id FROM range(3)) TO '${path.join(project.dir, 'data', 'p2.parquet')}' (FORMAT parquet)`);
    connection.closeSync();
    db.closeSync();
    const result = await read([{ name: 'ids', type: 'source.file', path: 'data/p*.parquet' }], 'ids');
    expect(result.total).toBe(8);
    expect(result.rows.map((r) => r[0]).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('a DuckDB database file: a table, or a query over its tables (opened read-only)', async () => {
    const file = path.join(project.dir, 'data', 'shop.duckdb');
    const db = await DuckDBInstance.create(file);
    const connection = await db.connect();
    await connection.run("CREATE SCHEMA sales; CREATE TABLE sales.orders AS SELECT * FROM (VALUES (1, 'ann', 10.5), (2, 'bo', 3.0), (3, 'ann', 1.5)) t(id, customer, amount)");
    connection.closeSync();
    db.closeSync();
    const table = await read([{ name: 'orders', type: 'source.duckdb', path: 'data/shop.duckdb', schema: 'sales', table: 'orders' }], 'orders');
    expect(table.rows).toHaveLength(3);
    const query = await read(
      [{ name: 'totals', type: 'source.duckdb', path: 'data/shop.duckdb', query: 'SELECT customer, sum(amount) AS total FROM sales.orders GROUP BY customer ORDER BY customer' }],
      'totals',
    );
    // Decimals travel as exact text.
    expect(query.rows).toEqual([['ann', '12.0'], ['bo', '3.0']]);
    const preview = await engine.preview({ pipeline: pipelineOf([{ name: 'totals', type: 'source.duckdb', path: 'data/shop.duckdb', query: 'SELECT count(*) AS n FROM sales.orders' }]), projectDir: project.dir, node: 'totals', limit: 5 });
    expect(preview.columnData).toEqual([[3]]);
  });

  it('inline SQL: VALUES, and SQL reading a file relative to the project', async () => {
    const values = await read([{ name: 'v', type: 'source.sql', sql: "VALUES (1, 'one'), (2, 'two')" }], 'v');
    expect(values.rows).toEqual([[1, 'one'], [2, 'two']]);
    const relative = await read([{ name: 'r', type: 'source.sql', sql: "SELECT count(*) AS n FROM 'data/unemployment.tsv'" }], 'r');
    expect(relative.rows).toEqual([[3218]]);
  });
});
