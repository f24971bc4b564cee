import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import type { Preview, RunReport } from '../../../common/contract/api';
import type { Pipeline } from '../../../common/pipeline/model';
import { serializePipeline } from '../../../common/pipeline/pipeline-file';
import { pipelineOf, source, sql, type CorpusCase } from './corpus';

const numbers = async ({ dir }: { dir: string }) => writeFile(path.join(dir, 'n.csv'), 'n\n1\n2\n3\n');
const previewOf = (pipeline: Pipeline, node: string) => () => ({ kind: 'preview' as const, pipeline, node, limit: 10 });
const preview = (value: unknown) => value as Preview;
const report = (value: unknown) => value as RunReport;

/** A pipeline whose every node is named `name` plus a suffix, run end to end with a CSV sink named after it too. */
function hostileNamePipeline(name: string): Pipeline {
  return {
    version: 1,
    name: `names: ${name}`,
    nodes: [
      { name, type: 'source.file', path: 'n.csv' },
      { name: `${name} 2`, type: 'transform.sql', inputs: [name], sql: `SELECT CAST(sum(n) AS INTEGER) AS "${name.replaceAll('"', '""')}" FROM "${name.replaceAll('"', '""')}"` },
      { name: `${name} out`, type: 'sink.file', inputs: [`${name} 2`], path: 'out/result.csv' },
    ],
  };
}

function hostileNameCase(id: string, label: string, name: string): CorpusCase {
  return {
    id,
    title: `node name ${label}: ${JSON.stringify(name)} (run, save, load)`,
    setup: numbers,
    action: () => ({ kind: 'run', pipeline: hostileNamePipeline(name) }),
    expect: {
      result: async (value, { dir }) => {
        expect(report(value).status).toBe('succeeded');
        expect(await readFile(path.join(dir, 'out', 'result.csv'), 'utf8')).toBe(`${name.includes(',') || name.includes('"') || name.includes('\n') ? `"${name.replaceAll('"', '""')}"` : name}\n6\n`);
        const text = serializePipeline(hostileNamePipeline(name));
        const { parsePipelineFile } = await import('../../../common/pipeline/pipeline-file');
        const parsed = parsePipelineFile(text);
        expect(parsed.ok && serializePipeline(parsed.pipeline)).toBe(text);
        return 'run succeeded (3 nodes), sink holds 6 under that column name, file round trip byte-identical';
      },
    },
  };
}

const sinkTo = (target: string): Pipeline => pipelineOf(source('n.csv'), { name: 'sink', type: 'sink.file', inputs: ['s'], path: target, format: 'csv' });
const nothingOutside = async ({ outside }: { outside: string }) => expect(await readdir(outside)).toEqual([]);

function sinkEscapeCase(id: string, title: string, target: (ctx: { dir: string; outside: string }) => string, setup?: CorpusCase['setup'], result?: CorpusCase['expect']['result']): CorpusCase {
  return {
    id,
    title,
    setup: async (ctx) => {
      await numbers(ctx);
      await setup?.(ctx);
    },
    action: (ctx) => ({ kind: 'run', pipeline: sinkTo(target(ctx)) }),
    expect: { error: { code: ['node-failed', 'forbidden'], node: 'sink', message: /outside|not allowed|refus|link/i }, ...(result ? { result } : {}) },
    after: nothingOutside,
  };
}

const pipelineFile = (id: string, title: string, contents: string | Buffer, error: RegExp): CorpusCase => ({
  id,
  title,
  setup: async ({ dir }) => writeFile(path.join(dir, 'bad.sluice.yaml'), contents),
  action: () => ({ kind: 'load', path: 'bad.sluice.yaml' }),
  expect: { error: { code: 'pipeline-invalid', message: error } },
  after: async ({ dir }) => expect(await readFile(path.join(dir, 'bad.sluice.yaml'))).toEqual(Buffer.from(contents)),
});

const aliasBomb = ['version: 1', 'name: bomb', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`), 'nodes: []', ''].join('\n');

/** Hostile pipelines: graphs, names, SQL, sink paths and pipeline files. */
export const pipelineCases: CorpusCase[] = [
  { id: 'B-40', title: 'cycle a → b → a', setup: numbers, action: previewOf(pipelineOf(sql('a', ['b'], 'SELECT * FROM b'), sql('b', ['a'], 'SELECT * FROM a')), 'a'), expect: { error: { code: 'pipeline-invalid', message: /cycle/ } } },
  { id: 'B-41', title: 'node that reads itself', setup: numbers, action: previewOf(pipelineOf(source('n.csv'), sql('a', ['a'], 'SELECT 1')), 'a'), expect: { error: { code: 'pipeline-invalid', node: 'a', message: /itself/ } } },
  { id: 'B-42', title: 'duplicate node names', setup: numbers, action: previewOf(pipelineOf(source('n.csv'), source('n.csv')), 's'), expect: { error: { code: 'pipeline-invalid', message: /duplicate/ } } },
  { id: 'B-43', title: 'input that does not exist', setup: numbers, action: previewOf(pipelineOf(source('n.csv'), sql('a', ['ghost'], 'SELECT 1')), 'a'), expect: { error: { code: 'pipeline-invalid', message: /ghost/ } } },
  { id: 'B-44', title: 'preview of a node that does not exist', setup: numbers, action: previewOf(pipelineOf(source('n.csv')), 'ghost'), expect: { error: { code: ['pipeline-invalid', 'not-found', 'invalid-input', 'node-failed'], message: /ghost/ } } },
  hostileNameCase('B-45', 'with double quotes', 'a"b""c'),
  hostileNameCase('B-46', 'that closes the identifier and injects SQL', 'x" AS SELECT 1; DROP TABLE y; --'),
  hostileNameCase('B-47', 'that is an SQL keyword', 'select'),
  hostileNameCase('B-48', 'in unicode (emoji, RTL mark, combining accent)', '🦆 \u202eabc é\u0301'),
  hostileNameCase('B-49', "with single quotes and a semicolon", "it's; here"),
  hostileNameCase('B-50', 'with a backslash, percent and braces', 'back\\slash %s {{x}}'),
  hostileNameCase('B-51', 'of 124 characters (128 with the suffixes), with a comma', `${'n'.repeat(117)},comma!`),
  { id: 'B-52', title: 'node name of 129 characters', setup: numbers, action: previewOf(pipelineOf(source('n.csv', { name: 'n'.repeat(129) })), 'n'.repeat(129)), expect: { error: { code: 'invalid-input', message: /128/ } } },
  { id: 'B-53', title: 'node name with a newline', setup: numbers, action: previewOf(pipelineOf(source('n.csv', { name: 'a\nb' })), 'a\nb'), expect: { error: { code: 'invalid-input', message: /control/ } } },
  { id: 'B-54', title: 'node name with a leading space', setup: numbers, action: previewOf(pipelineOf(source('n.csv', { name: ' a' })), ' a'), expect: { error: { code: 'invalid-input', message: /spaces/ } } },
  {
    id: 'B-55',
    title: "SQL with a second statement that writes a file: SELECT …; COPY … TO '<outside>/pwned.csv'",
    setup: numbers,
    action: ({ outside }) => previewOf(pipelineOf(source('n.csv'), sql('a', ['s'], `SELECT * FROM s; COPY (SELECT 'pwned') TO '${path.join(outside, 'pwned.csv')}'`)), 'a')(),
    expect: { error: { code: 'node-failed', node: 'a', message: /statements/ } },
    after: nothingOutside,
  },
  {
    id: 'B-79',
    title: 'filter expression that smuggles a statement: 1=1); COPY (SELECT 1) TO … ; SELECT (1',
    setup: numbers,
    action: ({ outside }) => previewOf(pipelineOf(source('n.csv'), { name: 'f', type: 'transform.filter', inputs: ['s'], where: `n > 0); COPY (SELECT 1) TO '${path.join(outside, 'pwned.csv')}'; SELECT * FROM s WHERE (1=1` } as never), 'f')(),
    expect: { error: { code: 'node-failed', node: 'f' } },
    after: nothingOutside,
  },
  { id: 'B-80', title: 'SQL with a second statement: SELECT …; DROP TABLE s', setup: numbers, action: previewOf(pipelineOf(source('n.csv'), sql('a', ['s'], 'SELECT * FROM s; DROP TABLE s')), 'a'), expect: { error: { code: 'node-failed', node: 'a', message: /statements/ } } },
  {
    id: 'B-56',
    title: 'SQL syntax error on line 3',
    setup: numbers,
    action: previewOf(pipelineOf(source('n.csv'), sql('a', ['s'], 'SELECT n\nFROM s\nWHERE n >>> 1')), 'a'),
    expect: { error: { code: 'node-failed', node: 'a', line: 3 } },
  },
  { id: 'B-57', title: 'SQL of only semicolons', setup: numbers, action: previewOf(pipelineOf(source('n.csv'), sql('a', ['s'], ';;;')), 'a'), expect: { error: { code: ['node-failed', 'invalid-input'], node: 'a' } } },
  { id: 'B-58', title: 'SQL that closes the view and drops it: SELECT 1) ; DROP VIEW s; --', setup: numbers, action: previewOf(pipelineOf(source('n.csv'), sql('a', ['s'], 'SELECT 1) ; DROP VIEW s; --')), 'a'), expect: { error: { code: 'node-failed', node: 'a' } } },
  {
    id: 'B-59',
    title: '1 MB of whitespace and comments around a SELECT',
    setup: numbers,
    action: previewOf(pipelineOf(source('n.csv'), sql('a', ['s'], `${' \n'.repeat(300_000)}-- ${'c'.repeat(400_000)}\nSELECT sum(n) AS total FROM s`)), 'a'),
    expect: { result: (v) => (expect(preview(v).columnData).toEqual([[6]]), 'total 6') },
  },
  {
    id: 'B-60',
    title: 'transform that tries COPY … TO a file',
    setup: numbers,
    action: previewOf(pipelineOf(source('n.csv'), sql('a', ['s'], "COPY (SELECT 1) TO 'copied.csv'")), 'a'),
    expect: { error: { code: 'node-failed', node: 'a' } },
    after: async ({ dir }) => expect(existsSync(path.join(dir, 'copied.csv'))).toBe(false),
  },
  sinkEscapeCase('B-61', 'sink path ../escape.csv', () => '../outside/escape.csv'),
  sinkEscapeCase('B-62', 'absolute sink path into another folder', ({ outside }) => path.join(outside, 'escape.csv')),
  sinkEscapeCase('B-63', 'sink path out/../../escape.csv', () => 'out/../../outside/escape.csv'),
  sinkEscapeCase('B-64', 'sink path "." (the project folder itself)', () => '.'),
  sinkEscapeCase('B-65', 'sink through a symlinked folder that points outside the project', () => 'link/escape.csv', async ({ dir, outside }) => symlink(outside, path.join(dir, 'link'))),
  sinkEscapeCase('B-66', 'sink onto a symlink file that points outside the project', () => 'out/victim.csv', async ({ dir, outside }) => {
    await mkdir(path.join(dir, 'out'));
    await symlink(path.join(outside, 'victim.csv'), path.join(dir, 'out', 'victim.csv'));
  }, async (_v, { dir }) => {
    const { lstat } = await import('node:fs/promises');
    expect((await lstat(path.join(dir, 'out', 'victim.csv'))).isSymbolicLink()).toBe(false);
    return 'the link was replaced by the output; nothing written through it';
  }),
  {
    id: 'B-67',
    title: 'sink into a folder that is a file',
    setup: async (ctx) => {
      await numbers(ctx);
      await writeFile(path.join(ctx.dir, 'out'), 'i am a file');
    },
    action: () => ({ kind: 'run', pipeline: sinkTo('out/x.csv') }),
    expect: { error: { code: 'node-failed', node: 'sink' } },
    after: async ({ dir }) => expect(await readFile(path.join(dir, 'out'), 'utf8')).toBe('i am a file'),
  },
  {
    id: 'B-68',
    title: 'sink file name with quotes, semicolons and emoji',
    setup: numbers,
    action: () => ({ kind: 'run', pipeline: sinkTo(`out/we'ird "x"; 🦆.csv`) }),
    expect: { result: async (v, { dir }) => (expect(report(v).status).toBe('succeeded'), expect(await readFile(path.join(dir, 'out', `we'ird "x"; 🦆.csv`), 'utf8')).toBe('n\n1\n2\n3\n'), 'written under exactly that name') },
  },
  pipelineFile('B-69', 'pipeline file: YAML alias bomb (10^10 expansions)', aliasBomb, /alias|resource|exceed|excessive/i),
  pipelineFile('B-70', 'pipeline file: empty', '', /version|expected|object|invalid/i),
  pipelineFile('B-71', 'pipeline file: binary garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) % 256)), /./),
  pipelineFile('B-72', 'pipeline file: duplicate keys', 'version: 1\nname: a\nname: b\nnodes: []\n', /unique|duplicate/i),
  pipelineFile('B-73', 'pipeline file: version 2', 'version: 2\nname: a\nnodes: []\n', /version|1/),
  {
    id: 'B-74',
    title: 'pipeline file: a JavaScript tag (!!js/function)',
    setup: async ({ dir }) => writeFile(path.join(dir, 'tag.sluice.yaml'), `version: 1\nname: !!js/function "function(){ require('fs').writeFileSync('${path.join(dir, 'pwned')}', 'x') }"\nnodes: []\n`),
    action: () => ({ kind: 'load', path: 'tag.sluice.yaml' }),
    expect: {
      error: { code: 'pipeline-invalid' },
      result: async (v, { dir }) => {
        expect((v as { pipeline: Pipeline }).pipeline.name).toMatch(/^function\(\)/);
        expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
        return 'the unknown tag is ignored: the name is the literal text, nothing executed';
      },
    },
  },
  {
    id: 'B-75',
    title: 'pipeline file of 10 MB (a huge description)',
    setup: async ({ dir }) => writeFile(path.join(dir, 'huge.sluice.yaml'), serializePipeline({ version: 1, name: 'huge', description: 'd'.repeat(10 * 1024 * 1024), nodes: [] })),
    action: () => ({ kind: 'load', path: 'huge.sluice.yaml' }),
    expect: { result: (v) => (expect((v as { pipeline: Pipeline }).pipeline.description).toHaveLength(10 * 1024 * 1024), 'loaded, description of 10,485,760 characters') },
  },
  {
    id: 'B-76',
    title: 'a folder named x.sluice.yaml',
    setup: async ({ dir }) => mkdir(path.join(dir, 'x.sluice.yaml')),
    action: () => ({ kind: 'load', path: 'x.sluice.yaml' }),
    expect: { error: { code: ['io-error', 'not-found'], message: /x\.sluice\.yaml/ } },
  },
  { id: 'B-77', title: 'load ../outside.sluice.yaml', action: () => ({ kind: 'load', path: '../outside.sluice.yaml' }), expect: { error: { code: 'forbidden', message: /outside/ } } },
  {
    id: 'B-78',
    title: 'save onto a pipeline file that is a symlink to a file outside the project',
    setup: async ({ dir, outside }) => {
      await writeFile(path.join(outside, 'victim.sluice.yaml'), 'untouched');
      await symlink(path.join(outside, 'victim.sluice.yaml'), path.join(dir, 'link.sluice.yaml'));
    },
    action: () => ({ kind: 'save', path: 'link.sluice.yaml', pipeline: pipelineOf(source('n.csv')) }),
    expect: {
      error: { code: ['forbidden', 'io-error'] },
      result: async (_v, { dir }) => {
        const { lstat } = await import('node:fs/promises');
        expect((await lstat(path.join(dir, 'link.sluice.yaml'))).isSymbolicLink()).toBe(false);
        return 'the link itself was replaced by the saved file';
      },
    },
    after: async ({ outside }) => expect(await readFile(path.join(outside, 'victim.sluice.yaml'), 'utf8')).toBe('untouched'),
  },
];
