import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from './engine';
import { makeProject, pipelineOf, rowsOf, testEngine } from './engine-testing';
import { paramLiteral } from './params';

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

const params = {
  run_date: { type: 'date', default: '2012-01-03' },
  min_rain: { default: 5 },
  label: { default: "it's" },
  strict: { default: false },
};
const nodes = [
  { name: 'weather', type: 'source.file', path: 'data/seattle-weather.csv' },
  { name: 'that_day', type: 'transform.filter', inputs: ['weather'], where: "date = getvariable('run_date')" },
  {
    name: 'vars',
    type: 'source.sql',
    sql: "SELECT getvariable('run_date') AS d, getvariable('min_rain') AS n, getvariable('label') AS l, getvariable('strict') AS s, typeof(getvariable('run_date')) AS t",
  },
];

async function preview(node: string, overrides?: Record<string, string>) {
  const result = await engine.preview({ pipeline: pipelineOf(nodes, params), projectDir: project.dir, node, limit: 10, ...(overrides ? { params: overrides } : {}) });
  return rowsOf(result.columnData, result.rowCount);
}

describe('pipeline parameters', () => {
  it('reach SQL as typed DuckDB variables, defaults first, overrides from text', async () => {
    expect(await preview('vars')).toEqual([['2012-01-03', 5, "it's", false, 'DATE']]);
    expect(await preview('vars', { run_date: '2012-01-04', min_rain: '7', label: 'x', strict: 'true' })).toEqual([['2012-01-04', 7, 'x', true, 'DATE']]);
    expect(await preview('that_day', { run_date: '2012-01-02' })).toEqual([['2012-01-02', 10.9, 10.6, 2.8, 4.5, 'rain']]);
  });

  it('a run records the values it used, and a changed value re-runs only the nodes that read it', async () => {
    const pipeline = pipelineOf(nodes.slice(0, 2), params);
    const first = await engine.run({ runId: 'p1', pipeline, pipelinePath: null, projectDir: project.dir, params: { run_date: '2012-02-01' } });
    expect(first.params).toEqual({ run_date: '2012-02-01', min_rain: '5', label: "it's", strict: 'false' });
    const second = await engine.run({ runId: 'p2', pipeline, pipelinePath: null, projectDir: project.dir, params: { run_date: '2012-02-02', label: 'other' } });
    expect(second.nodes.map((n) => [n.name, n.status])).toEqual([['weather', 'cached'], ['that_day', 'succeeded']]);
  });

  it('refuses unknown parameters and values of the wrong type, naming the parameter', async () => {
    await expect(preview('vars', { nope: '1' })).rejects.toThrow('unknown parameter "nope"; this pipeline declares: run_date, min_rain, label, strict');
    await expect(preview('vars', { run_date: 'tomorrow' })).rejects.toThrow('parameter run_date: expected a date like 2001-01-31, got "tomorrow"');
    await expect(preview('vars', { min_rain: '5; DROP TABLE x' })).rejects.toThrow('parameter min_rain: expected a whole number');
    await expect(preview('vars', { run_date: '2012-02-30' })).rejects.toThrow(/^parameter run_date: DuckDB refuses "2012-02-30": Conversion Error/);
  });

  it('turns text into literals without letting it out of the literal', () => {
    expect(paramLiteral('s', 'string', "'); DROP TABLE t; --").sql).toBe("'''); DROP TABLE t; --'");
    expect(paramLiteral('n', 'number', '2.5').sql).toBe("CAST('2.5' AS DOUBLE)");
    expect(paramLiteral('t', 'timestamp', '2001-01-01T10:00').sql).toBe("TIMESTAMP '2001-01-01 10:00'");
    expect(() => paramLiteral('b', 'boolean', 'maybe')).toThrow('expected true or false');
  });
});
