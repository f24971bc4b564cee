import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Pipeline } from '../../common/pipeline/model';
import { planExport } from './plan';
import { analyzePlanSql } from './sql-analysis';

function pipelineWith(sql: string, extra: Pipeline['nodes'] = []): Pipeline {
  return {
    version: 1,
    name: 'analysis',
    nodes: [
      { name: 'delayed flights', type: 'source.sql', sql: 'SELECT 1 AS delay, \'SFO\' AS origin' },
      { name: 'Airports', type: 'source.sql', sql: 'SELECT \'SFO\' AS iata, \'CA\' AS state' },
      ...extra,
      { name: 'target', type: 'transform.sql', inputs: ['delayed flights', 'Airports'], sql },
    ],
  };
}

async function templateOf(sql: string, forceDeparse = false) {
  const plan = planExport(pipelineWith(sql));
  const analysis = await analyzePlanSql(plan, { forceDeparse });
  return { template: analysis.templates.get('target')!, duckdbOnly: analysis.duckdbOnly.get('target')! };
}

/** The template with refs replaced by real table names must run in DuckDB. */
async function runs(text: string, refs: { placeholder: string; node: { name: string } }[]): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TABLE t_delayed AS SELECT 1 AS delay, 'SFO' AS origin; CREATE TABLE t_airports AS SELECT 'SFO' AS iata, 'CA' AS state`);
    let sql = text;
    for (const ref of refs) sql = sql.replace(ref.placeholder, ref.node.name === 'Airports' ? 't_airports' : 't_delayed');
    return (await connection.runAndReadAll(sql)).getRows();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('upstream references from the parse tree', () => {
  it('keeps the author text and swaps only the names, aliasing bare ones', async () => {
    const sql = `-- comment stays\nSELECT "delayed flights".delay, a.state\nFROM "delayed flights" JOIN airports AS a ON a.iata = "delayed flights".origin`;
    const { template } = await templateOf(sql);
    expect(template.method).toBe('locations');
    expect(template.refs.map((r) => r.node.name)).toEqual(['delayed flights', 'Airports']);
    expect(template.text).toBe(`-- comment stays\nSELECT "delayed flights".delay, a.state\nFROM __sluice_ref_0__ AS "delayed flights" JOIN __sluice_ref_1__ AS a ON a.iata = "delayed flights".origin`);
    expect(await runs(template.text, template.refs)).toEqual([[1, 'CA']]);
  });

  it('leaves CTEs that shadow a node name, and schema-qualified tables, alone', async () => {
    const sql = `WITH airports AS (SELECT * FROM airports WHERE state = 'CA')\nSELECT * FROM airports, main.other_table`;
    const { template } = await templateOf(sql);
    // Only the reference inside the CTE body is the upstream node.
    expect(template.refs).toHaveLength(1);
    expect(template.text).toBe(`WITH airports AS (SELECT * FROM __sluice_ref_0__ AS "airports" WHERE state = 'CA')\nSELECT * FROM airports, main.other_table`);
  });

  it('finds references in subqueries and set operations, with non-ASCII text before them', async () => {
    const sql = `SELECT 'é ü' AS x, delay FROM "delayed flights" WHERE origin IN (SELECT iata FROM Airports) UNION ALL SELECT 'ø', delay FROM "delayed flights"`;
    const { template } = await templateOf(sql);
    expect(template.method).toBe('locations');
    expect(template.refs).toHaveLength(3);
    expect(await runs(template.text, template.refs)).toHaveLength(2);
  });

  it('falls back to json_deserialize_sql, which still gives runnable SQL', async () => {
    const sql = `SELECT a.state FROM "delayed flights" AS f JOIN Airports a ON a.iata = f.origin`;
    const { template } = await templateOf(sql, true);
    expect(template.method).toBe('deparsed');
    expect(await runs(template.text, template.refs)).toEqual([['CA']]);
  });

  it('reports DuckDB-only functions and syntax', async () => {
    const { duckdbOnly } = await templateOf(`SELECT * EXCLUDE (origin), strftime(DATE '2001-01-01', '%Y') AS y, list_value(1, 2) AS l FROM "delayed flights"`);
    expect(duckdbOnly).toEqual(['SELECT * EXCLUDE', 'list_value()', 'strftime()']);
  });

  it('names the node whose SQL does not parse', async () => {
    const plan = planExport(pipelineWith('SELEC 1'));
    await expect(analyzePlanSql(plan)).rejects.toThrow(/target: DuckDB cannot parse this SQL/u);
  });
});
