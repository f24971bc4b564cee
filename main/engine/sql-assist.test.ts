import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from './engine';
import { makeProject, pipelineOf, testEngine } from './engine-testing';
import { caretPosition, candidatesOf } from './sql-assist-diagnostics';
import { openStringLiteral } from './sql-path-complete';

let project: Awaited<ReturnType<typeof makeProject>>;
let engine: Engine;

beforeAll(async () => {
  project = await makeProject(['airports.csv', 'flights-3m.parquet']);
  engine = await testEngine();
});
afterAll(async () => {
  await engine.close();
  await project.dispose();
});

const pipeline = pipelineOf([
  { name: 'airports', type: 'source.file', path: 'data/airports.csv' },
  { name: 'flights', type: 'source.file', path: 'data/flights-3m.parquet' },
  { name: 'busy', type: 'transform.sql', inputs: ['flights', 'airports'], sql: 'SELECT a.state, count(*) AS n\nFROM flights f JOIN airports a ON a.iata = f.origin\nGROUP BY a.state' },
  { name: 'broken', type: 'source.file', path: 'data/missing.csv' },
  { name: 'reads_broken', type: 'transform.sql', inputs: ['broken'], sql: 'SELECT * FROM broken' },
]);
const request = () => ({ pipeline, projectDir: project.dir });

describe('describeNode', () => {
  it('gives a node its output columns and types without reading its rows', async () => {
    const described = await engine.describeNode({ ...request(), node: 'busy' });
    expect(described.columns).toEqual([
      { name: 'state', type: 'VARCHAR' },
      { name: 'n', type: 'BIGINT' },
    ]);
    expect(described.fingerprint).toMatch(/^[0-9a-f]{40}$/);
    const airports = await engine.describeNode({ ...request(), node: 'airports' });
    expect(airports.columns.map((c) => c.name)).toEqual(['iata', 'name', 'city', 'state', 'country', 'latitude', 'longitude']);
  });

  it('fails on the node that cannot be read, naming it', async () => {
    await expect(engine.describeNode({ ...request(), node: 'broken' })).rejects.toMatchObject({ code: 'node-failed', body: { node: 'broken' } });
    await expect(engine.describeNode({ ...request(), node: 'reads_broken' })).rejects.toMatchObject({ body: { node: 'reads_broken' } });
  });
});

describe('checkSql', () => {
  const check = (sql: string, node = 'busy') => engine.checkSql({ ...request(), node, sql });

  it('binds good SQL against the inputs and returns its columns', async () => {
    const result = await check('SELECT iata, latitude * 2 AS twice FROM airports');
    expect(result.diagnostics).toEqual([]);
    expect(result.columns).toEqual([
      { name: 'iata', type: 'VARCHAR' },
      { name: 'twice', type: 'DOUBLE' },
    ]);
    expect(result.inputs.map((i) => i.node)).toEqual(['flights', 'airports']);
    expect(result.inputs[1]!.columns!.find((c) => c.name === 'latitude')).toEqual({ name: 'latitude', type: 'DOUBLE' });
  });

  it('puts a misspelled column at its line and column with DuckDB candidates', async () => {
    const result = await check('SELECT iata,\n  staet\nFROM airports');
    expect(result.diagnostics).toHaveLength(1);
    const [d] = result.diagnostics;
    expect(d).toMatchObject({ severity: 'error', line: 2, column: 3, endLine: 2, endColumn: 8 });
    expect(d!.candidates[0]).toBe('state');
    expect(d!.message).toContain('staet');
    expect(d!.message).toContain('state');
  });

  it('finds the column in a long line that DuckDB shows cut with "..."', async () => {
    const sql = `SELECT ${Array.from({ length: 40 }, (_, i) => `iata AS c${i}`).join(', ')}, bogus_col FROM airports`;
    const [d] = (await check(sql)).diagnostics;
    expect(d!.line).toBe(1);
    expect(sql.slice(d!.column - 1, d!.endColumn - 1)).toBe('bogus_col');
  });

  it('reports syntax errors at their position, and unknown tables with their suggestion', async () => {
    const syntax = await check('SELECT iata\nFROM airports\nWHERE state = = 1');
    expect(syntax.diagnostics[0]).toMatchObject({ line: 3, column: 15 });
    expect(syntax.diagnostics[0]!.message).toMatch(/syntax error/i);
    const end = await check('SELECT iata FROM');
    expect(end.diagnostics[0]).toMatchObject({ line: 1 });
    const table = await check('SELECT * FROM airprots');
    expect(table.diagnostics[0]!.candidates).toContain('airports');
    expect(table.diagnostics[0]!.column).toBe(15);
  });

  it('refuses two statements, and warns once when an input cannot be read', async () => {
    const two = await check('SELECT 1; SELECT 2');
    expect(two.diagnostics[0]!.message).toMatch(/2 statements/);
    const blocked = await check('SELECT * FROM broken', 'reads_broken');
    expect(blocked.diagnostics).toHaveLength(1);
    expect(blocked.diagnostics[0]!.severity).toBe('warning');
    expect(blocked.diagnostics[0]!.message).toMatch(/input "broken" cannot be read: file not found/);
  });

  it('never runs the text: a COPY is bound, not executed', async () => {
    const result = await check(`COPY (SELECT 1) TO '${project.dir}/written.csv'`);
    expect(result.diagnostics).toEqual([]);
    await expect(import('node:fs/promises').then((fs) => fs.stat(`${project.dir}/written.csv`))).rejects.toThrow();
  });
});

describe('completeSql', () => {
  it('offers input columns and tables from DuckDB sql_auto_complete', async () => {
    const sql = 'SELECT sta FROM airports';
    const result = await engine.completeSql({ ...request(), node: 'busy', sql, offset: 'SELECT sta'.length });
    expect(result.suggestions[0]).toEqual({ text: 'state', kind: 'column', start: 7 });
    const tables = await engine.completeSql({ ...request(), node: 'busy', sql: 'SELECT * FROM fli', offset: 17 });
    expect(tables.suggestions).toContainEqual({ text: 'flights', kind: 'table', start: 14 });
    expect(tables.inputs.find((i) => i.node === 'flights')!.columns!.map((c) => c.name)).toContain('origin');
  });

  it('measures the start in characters, not bytes, after non-ASCII text', async () => {
    const sql = "SELECT 'Zürich' AS städte, sta FROM airports";
    const offset = sql.indexOf(', sta') + 5;
    const result = await engine.completeSql({ ...request(), node: 'busy', sql, offset });
    expect(result.suggestions.find((s) => s.text === 'state')!.start).toBe(offset - 3);
  });
});

describe('completing file paths', () => {
  it('lists the project folder, not the engine process folder, inside a string', async () => {
    const complete = (sql: string) => engine.completeSql({ ...request(), node: 'busy', sql, offset: sql.length });
    const top = await complete("SELECT * FROM read_csv('da");
    expect(top.suggestions).toEqual([{ text: 'data/', kind: 'directory', start: 24 }]);
    const inData = await complete("SELECT * FROM 'data/");
    expect(inData.suggestions).toEqual([
      { text: 'data/airports.csv', kind: 'file_name', start: 15 },
      { text: 'data/flights-3m.parquet', kind: 'file_name', start: 15 },
    ]);
    expect((await complete("SELECT * FROM read_parquet('data/FL")).suggestions.map((s) => s.text)).toEqual(['data/flights-3m.parquet']);
    // The process folder here is the repository: none of its folders may show up.
    expect((await complete("SELECT * FROM read_csv('")).suggestions.map((s) => s.text)).not.toContain('node_modules/');
    expect((await complete("SELECT * FROM read_csv('nowhere/")).suggestions).toEqual([]);
    expect((await complete("SELECT * FROM read_csv('data/*")).suggestions).toEqual([]);
  });

  it('finds the open literal past comments, quoted identifiers and escaped quotes', () => {
    expect(openStringLiteral("SELECT 'a', 'it''s")).toEqual({ start: 13, content: "it's" });
    expect(openStringLiteral("SELECT 'closed' FROM t")).toBeNull();
    expect(openStringLiteral("SELECT 1 -- don't\nFROM t")).toBeNull();
    const tricky = "SELECT /* it's */ \"o'k\" FROM read_csv('x";
    expect(openStringLiteral(tricky)).toEqual({ start: tricky.length - 1, content: 'x' });
    expect(openStringLiteral("SELECT $$ it's $$, 'y")).toEqual({ start: 20, content: 'y' });
    expect(openStringLiteral("SELECT 1 -- it's")).toBeNull();
  });
});

describe('diagnostic text helpers', () => {
  it('reads candidates and carets from DuckDB messages', () => {
    expect(candidatesOf('Binder Error: x\nCandidate bindings: "state", "na""me"\n')).toEqual(['state', 'na"me']);
    expect(candidatesOf('Catalog Error: Table with name t does not exist!\nDid you mean "memory.temp.t2"?')).toEqual(['t2']);
    const message = 'Binder Error: nope\n\nLINE 2:   staet\n          ^';
    expect(caretPosition(message, 'SELECT\n  staet')).toEqual({ line: 2, column: 3 });
  });
});
