import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../common/contract/envelope';
import type { Engine } from './engine';
import { makeProject, pipelineOf, rowsOf, testEngine } from './engine-testing';

let project: Awaited<ReturnType<typeof makeProject>>;
let engine: Engine;

beforeAll(async () => {
  project = await makeProject();
  engine = await testEngine();
  await project.write('data/empty.csv', '');
  await project.write('data/header-only.csv', 'a,b,c\n');
  await project.write('data/ragged.csv', 'a,b,c\n1,2,3\n4,5,6\n7,8\n9,10,11\n');
  await project.write('data/semicolons.csv', 'a;b;c\n1;2;3\n');
  await project.write('data/quoted-newlines.csv', 'id,text\n1,"hello\nworld"\n2,"say ""hi"""\n');
  await project.write('data/bom.csv', '\ufeffid,name\n1,x\n');
  await project.write('data/latin1.csv', Buffer.from('name,city\nJos\xe9,M\xfcnchen\n', 'latin1'));
  await project.write('data/mixed.json', '[{"a": 1, "b": "x"}, {"a": "two", "b": null}, {"a": [3], "b": "z"}]');
  await project.write('data/broken.json', '{"a": 1}\n{"a": \n');
  await project.write('data/odd-columns.csv', 'select,from,"a ""quoted"" name",Ünïcode 名前,with space\n1,2,3,4,5\n6,7,8,9,10\n');
});
afterAll(async () => {
  await engine.close();
  await project.dispose();
});

async function previewError(nodes: unknown[], node: string): Promise<ApiError['body']> {
  try {
    await engine.preview({ pipeline: pipelineOf(nodes), projectDir: project.dir, node, limit: 10 });
  } catch (error) {
    return (error as ApiError).body;
  }
  throw new Error(`preview of ${node} did not fail`);
}

async function runError(nodes: unknown[], node: string) {
  const report = await engine.run({ runId: `bad-${Math.random()}`, pipeline: pipelineOf(nodes), pipelinePath: null, projectDir: project.dir });
  const run = report.nodes.find((n) => n.name === node)!;
  expect(run.status, JSON.stringify(run)).toBe('failed');
  return run.error!;
}

const source = (path: string, extra: object = {}) => ({ name: 'src', type: 'source.file', path, ...extra });
const reader = { name: 'reader', type: 'transform.sql', inputs: ['src'], sql: 'SELECT * FROM src' };

describe('bad input gets a clear error on the node', () => {
  it('a missing file, in a preview of a downstream node and in a run', async () => {
    const nodes = [source('data/missing.csv'), reader];
    expect(await previewError(nodes, 'reader')).toMatchObject({ node: 'src', file: 'data/missing.csv', message: 'src: file not found: data/missing.csv' });
    expect(await runError(nodes, 'src')).toMatchObject({ message: 'src: file not found: data/missing.csv', file: 'data/missing.csv' });
  });

  it('an empty file; a header-only CSV is an empty table with its columns', async () => {
    expect(await previewError([source('data/empty.csv')], 'src')).toMatchObject({ node: 'src', message: 'src: file is empty (0 bytes): data/empty.csv' });
    const preview = await engine.preview({ pipeline: pipelineOf([source('data/header-only.csv')]), projectDir: project.dir, node: 'src', limit: 10 });
    expect(preview).toMatchObject({ rowCount: 0, totalRows: 0 });
    expect(preview.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
  });

  it('ragged rows: the node, the file and the line DuckDB stops at', async () => {
    const error = await previewError([source('data/ragged.csv')], 'src');
    expect(error).toMatchObject({ node: 'src', line: 4 });
    expect(error.message).toMatch(/^src: Invalid Input Error: CSV Error on Line: 4: Expected Number of Columns: 3 Found: 2/);
    expect(error.file).toMatch(/ragged\.csv$/);
    expect((await runError([source('data/ragged.csv')], 'src')).line).toBe(4);
  });

  it('a wrong delimiter', async () => {
    expect(await previewError([source('data/semicolons.csv', { delimiter: ',' })], 'src')).toMatchObject({
      node: 'src',
      message: 'src: delimiter "," does not split the header "a;b;c"; the file looks ";"-delimited',
    });
  });

  it('quoted newlines and a BOM read correctly', async () => {
    const quoted = await engine.preview({ pipeline: pipelineOf([source('data/quoted-newlines.csv')]), projectDir: project.dir, node: 'src', limit: 10 });
    expect(rowsOf(quoted.columnData, quoted.rowCount)).toEqual([[1, 'hello\nworld'], [2, 'say "hi"']]);
    const bom = await engine.preview({ pipeline: pipelineOf([source('data/bom.csv')]), projectDir: project.dir, node: 'src', limit: 10 });
    expect(bom.columns.map((c) => c.name)).toEqual(['id', 'name']);
  });

  it('Latin-1 bytes without an encoding: the line, and what to set', async () => {
    const error = await previewError([source('data/latin1.csv'), reader], 'reader');
    expect(error).toMatchObject({ node: 'src', line: 2 });
    expect(error.message).toMatch(/^src: .*not utf-8 encoded.*set encoding: latin-1/);
  });

  it('mixed types in a JSON field become a JSON column; malformed JSON names the line', async () => {
    const mixed = await engine.preview({ pipeline: pipelineOf([source('data/mixed.json')]), projectDir: project.dir, node: 'src', limit: 10 });
    expect(mixed.columns).toEqual([{ name: 'a', type: 'JSON' }, { name: 'b', type: 'VARCHAR' }]);
    expect(mixed.columnData[0]).toEqual(['1', '"two"', '[3]']);
    const error = await runError([source('data/broken.json')], 'src');
    expect(error).toMatchObject({ line: 3 });
    expect(error.message).toMatch(/^src: Invalid Input Error: Malformed JSON/);
  });

  it('duplicate node names, a cycle and a missing upstream are refused before anything runs', async () => {
    const dup = [source('data/bom.csv'), { ...source('data/bom.csv') }];
    await expect(engine.run({ runId: 'dup', pipeline: { version: 1, name: 'x', nodes: dup } as never, pipelinePath: null, projectDir: project.dir })).rejects.toMatchObject({
      body: { code: 'pipeline-invalid', node: 'src', message: 'duplicate node name "src"' },
    });
    const cycle = [{ name: 'a', type: 'transform.sql', inputs: ['b'], sql: 'SELECT * FROM b' }, { name: 'b', type: 'transform.sql', inputs: ['a'], sql: 'SELECT * FROM a' }];
    expect(await previewError(cycle, 'a')).toMatchObject({ code: 'pipeline-invalid', message: expect.stringMatching(/^cycle: a → b → a/) });
    expect(await previewError([reader], 'reader')).toMatchObject({ code: 'pipeline-invalid', node: 'reader', message: 'node "reader" reads "src", which does not exist' });
  });

  it('invalid SQL: the node and the line in its SQL', async () => {
    const nodes = [source('data/bom.csv'), { ...reader, sql: 'SELECT id,\n  name\nFROM src\nWHERE id >' }];
    expect(await previewError(nodes, 'reader')).toMatchObject({ node: 'reader', line: 4, message: expect.stringMatching(/^reader: Parser Error: syntax error at end of input/) });
    const binder = await runError([source('data/bom.csv'), { ...reader, sql: 'SELECT id,\n  nam\nFROM src' }], 'reader');
    expect(binder).toMatchObject({ line: 2, message: expect.stringMatching(/^reader: Binder Error: Referenced column "nam" not found/) });
  });

  it('keyword, quote, space and unicode column names work in every structured node', async () => {
    const nodes = [
      source('data/odd-columns.csv'),
      { name: 'f', type: 'transform.filter', inputs: ['src'], where: '"select" > 1' },
      { name: 's', type: 'transform.select', inputs: ['f'], columns: ['from', { column: 'a "quoted" name', as: 'Ünïcode 名前 2' }, 'Ünïcode 名前', 'with space'] },
      { name: 'g', type: 'transform.aggregate', inputs: ['s'], group_by: ['with space'], aggregates: [{ name: 'sum of "from"', function: 'sum', column: 'from' }] },
      { name: 'nn', type: 'check.not_null', inputs: ['s'], columns: ['Ünïcode 名前 2', 'with space'] },
    ];
    const page = await engine.readRows({ pipeline: pipelineOf(nodes), projectDir: project.dir, node: 'g', offset: 0, limit: 10 });
    expect(page.columns.map((c) => c.name)).toEqual(['with space', 'sum of "from"']);
    expect(rowsOf(page.columnData, page.rowCount)).toEqual([[10, 7]]);
    const report = await engine.run({ runId: 'odd', pipeline: pipelineOf(nodes), pipelinePath: null, projectDir: project.dir });
    expect(report.status).toBe('succeeded');
  });

  it('node names that would be SQL injection stay names', async () => {
    const evil = 'x"; DROP TABLE y; --';
    const nodes = [
      { name: evil, type: 'source.sql', sql: 'SELECT 42 AS answer' },
      { name: "it's (select)", type: 'transform.sql', inputs: [evil], sql: 'SELECT answer + 1 AS answer FROM "x""; DROP TABLE y; --"' },
      { name: 'then', type: 'transform.filter', inputs: ["it's (select)"], where: 'answer > 0' },
      { name: 'out', type: 'sink.file', inputs: ['then'], path: 'out/answer.csv' },
    ];
    const report = await engine.run({ runId: 'evil', pipeline: pipelineOf(nodes), pipelinePath: null, projectDir: project.dir });
    expect(report.nodes.map((n) => n.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    const page = await engine.readRows({ pipeline: pipelineOf(nodes), projectDir: project.dir, node: 'then', offset: 0, limit: 1 });
    expect(page.columnData).toEqual([[43]]);
  });
});
