import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Pipeline, PipelineNode } from '../../common/pipeline/model';
import { parsePipelineFile, serializePipeline } from '../../common/pipeline/pipeline-file';
import { hostileStrings } from '../reliability/support/hostile';
import { parsePipelineFileFast, readPlainYaml } from './pipeline-fast-read';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const FIXTURE_DIRS = ['resources/sample-project', 'main/export/test-pipelines'];
const fixtures = FIXTURE_DIRS.flatMap((dir) =>
  readdirSync(path.join(REPO, dir))
    .filter((file) => file.endsWith('.sluice.yaml'))
    .map((file) => ({ file: `${dir}/${file}`, text: readFileSync(path.join(REPO, dir, file), 'utf8') })),
);

/** The canonical reader's plain value of a text, or undefined when it reports an error. */
function canonicalValue(text: string): { value: unknown } | undefined {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) return undefined;
  try {
    return { value: doc.toJS() };
  } catch {
    return undefined;
  }
}

/** Both readers agree on the text; the fast one answered itself when it read a value. */
function expectSameReading(text: string): void {
  expect(parsePipelineFileFast(text)).toEqual(parsePipelineFile(text));
  const fast = readPlainYaml(text);
  if (fast) expect(canonicalValue(text)).toEqual(fast);
}

function layered(count: number): Pipeline {
  const nodes: PipelineNode[] = [];
  const layout: Record<string, { x: number; y: number }> = {};
  for (let i = 0; i < count; i++) {
    const name = `n${i}`;
    layout[name] = { x: Math.floor(i / 20) * 280, y: (i % 20) * 130 };
    if (i < 20) nodes.push({ name, type: 'source.sql', sql: `SELECT ${i} AS id, 'row ${i}' AS label` });
    else if (i % 3 === 0) nodes.push({ name, type: 'transform.sql', inputs: [`n${i - 20}`, `n${i - 19}`], sql: `SELECT * FROM n${i - 20}\nUNION ALL\nSELECT * FROM n${i - 19}` });
    else nodes.push({ name, type: 'transform.filter', inputs: [`n${i - 20}`], where: 'id >= 0' });
  }
  return { version: 1, name: `${count} nodes`, nodes, layout };
}

describe('fast pipeline reader', () => {
  it('reads every sample and fixture pipeline as the canonical reader does, on the fast path', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    for (const { file, text } of fixtures) {
      const fast = parsePipelineFileFast(text);
      expect(fast.ok, file).toBe(true);
      expect(fast, file).toEqual(parsePipelineFile(text));
      expect(readPlainYaml(text), file).toBeDefined();
    }
  });

  it('reads a 500-node pipeline as the canonical reader does, on the fast path', () => {
    const text = serializePipeline(layered(500));
    expect(readPlainYaml(text)).toBeDefined();
    expect(parsePipelineFileFast(text)).toEqual(parsePipelineFile(text));
  });

  it('gives the canonical errors, with field, node and line', () => {
    const sample = fixtures.find((f) => f.file.endsWith('flights.sluice.yaml'))!.text;
    const broken = [
      sample.replace('type: transform.sql\n    inputs: [ flights ]', 'type: transform.sql\n    inputs: flights'),
      'version: 1\nname: x\nnodes:\n  - name: a\n   type: [\n',
      'version: 1\nname: x\nnodes:\n  - name: a\n    type: source.ftp\n    path: x\n',
      'version: 1\nname: x\nname: y\nnodes: []\n',
      'version: 1\nname: x\nnodes:\n  - {name: a, type: source.file, path: a.csv}\n  - {name: a, type: source.file, path: b.csv}\n',
      'version: 1\nname: x\nnodes:\n  - {name: b, type: transform.sql, inputs: [nope], sql: select 1}\n',
      'version: 1\nname: x\nnodes:\n  - {name: a, type: transform.sql, inputs: [b], sql: select * from b}\n  - {name: b, type: transform.sql, inputs: [a], sql: select * from a}\n',
      'version: 1\nname: x\nnodes: []\ngroups:\n  g:\n    nodes: []\n',
    ];
    for (const text of broken) {
      const fast = parsePipelineFileFast(text);
      expect(fast.ok).toBe(false);
      expect(fast).toEqual(parsePipelineFile(text));
      if (!fast.ok) expect(fast.problems[0]!.line).toBeGreaterThan(0);
    }
  });

  it('resolves plain scalars as the YAML 1.2 core schema of the canonical reader does', () => {
    const scalars = [
      '0', '-0', '+12', '012', '0o17', '0o8', '0x1F', '0X1F', '-0x1F', '0b101', '1_000', '1e3', '1E-3', '+.5', '.5', '5.', '-5.0e+2', '1.2.3',
      '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'nan', 'inf', 'true', 'True', 'TRUE', 'tRUE', 'yes', 'No', 'on', 'off', 'y', 'n',
      '2026-11-28', '2026-11-28T00:00:00Z', '12:30:00', '1:20', '~', 'null', 'Null', 'NULL', 'nULL', '0.1e', '9007199254740993',
      '123456789012345678901234567890', "'quoted 1'", '"2"', '"\\x41\\u00e9\\U0001F986\\N\\_\\L\\P\\e\\0"', "'it''s'", 'a # comment',
      'a#b', '- x', '? x', ': x', '!!str 1', '!!int 1', '! 1', '&a 1', '*a', '[1, 2]', '{a: 1}', '@x', '`x`', '%x', '|\n  block\n', '>-\n  folded\n  text\n',
    ];
    for (const scalar of scalars) {
      for (const text of [`description: ${scalar}\n`, `layout:\n  ${scalar}: { x: 1, y: 2 }\n`, `list: [ ${scalar} ]\n`, `- ${scalar}\n`]) expectSameReading(text);
    }
  });

  it('leaves to the canonical reader what it could read differently (anchors, tags, directives, nulls, collections as keys)', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: !custom 1\n',
      '%YAML 1.1\n---\na: yes\n',
      'a:\n',
      '~: 1\n',
      '[a, b]: 1\n',
      '? {a: 1}\n: 2\n',
      'a: 1\na: 2\n',
      'a: 1\n"a": 2\n',
    ]) {
      expect(readPlainYaml(text), text).toBeUndefined();
      expectSameReading(text);
    }
  });

  it('agrees with the canonical reader on generated pipelines (names, SQL, paths and texts of any characters)', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 40 }), fc.constantFrom(...hostileStrings.filter((s) => s.length < 10_000)));
    const pipeline = fc
      .record({
        name: text,
        description: fc.option(text, { nil: undefined }),
        names: fc.uniqueArray(text, { minLength: 1, maxLength: 6 }),
        sql: fc.array(text, { minLength: 6, maxLength: 6 }),
        param: fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()),
        x: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      })
      .map(({ name, description, names, sql, param, x }): Pipeline => ({
        version: 1,
        name,
        ...(description === undefined ? {} : { description }),
        params: { limit: { default: param } },
        nodes: names.map((node, i): PipelineNode =>
          i === 0 ? { name: node, type: 'source.file', path: sql[i]! } : i % 2 ? { name: node, type: 'transform.sql', inputs: [names[i - 1]!], sql: sql[i]! } : { name: node, type: 'transform.filter', inputs: [names[i - 1]!], where: sql[i]! },
        ),
        groups: { [names[0]!.slice(0, 100) || 'g']: { nodes: [names[0]!] } },
        layout: Object.fromEntries(names.map((node, i) => [node, { x: x + i, y: -x }])),
      }));
    let valid = 0;
    let fast = 0;
    fc.assert(
      fc.property(pipeline, (generated) => {
        const file = serializePipeline(generated);
        expectSameReading(file);
        if (!parsePipelineFile(file).ok) return;
        valid++;
        if (readPlainYaml(file)) fast++;
      }),
      { numRuns: 300 },
    );
    // Files the canonical writer wrote are read on the fast path (all but those with, say, a text of several lines in quotes).
    expect(valid).toBeGreaterThan(50);
    expect(fast / valid).toBeGreaterThan(0.8);
  });

  it('agrees with the canonical reader on edited and broken files (random edits of real ones)', () => {
    const bases = [
      ...fixtures.map((f) => f.text),
      serializePipeline({
        version: 1,
        name: 'every field: "quoted", #hash, multi\nline',
        description: 'line one\n  indented line two\n',
        params: { since: { type: 'date', default: '2026-01-01' }, n: { default: 3 }, on: { default: true, description: 'yes: no' } },
        nodes: [
          { name: 'a b', type: 'source.file', path: 'data/x y.csv', format: 'csv' },
          { name: 'c', type: 'transform.sql', inputs: ['a b'], sql: "SELECT '#1', \"x\" -- note: here\nFROM \"a b\"\n\tWHERE 1 = 1\n" },
        ],
        groups: { g: { nodes: ['a b', 'c'], collapsed: true } },
        layout: { 'a b': { x: -12, y: 0 }, c: { x: 280, y: 1e6 } },
      }),
    ];
    const alphabet = ' \t\r\n-:?,[]{}#&*!|>\'"%@`~.0123456789eExXoabnul_+\\\u00e9\u2028\ufeff'.split('');
    const edit = fc.record({ at: fc.nat(10_000), remove: fc.nat(4), insert: fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 4 }) });
    fc.assert(
      fc.property(fc.nat(bases.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), (base, edits) => {
        let text = bases[base]!;
        for (const { at, remove, insert } of edits) {
          const position = Math.min(at, text.length);
          text = text.slice(0, position) + insert + text.slice(position + remove);
        }
        expectSameReading(text);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1000) },
    );
  });

  it('agrees with the canonical reader on generated YAML (block and flow collections, odd indentation, tricky scalars)', () => {
    const token = fc.oneof(
      fc.constantFrom('a', 'b c', '1', '-2', '0x1F', '1e3', '.inf', 'true', 'no', '~', 'null', '', "'q'", '"d\\n"', '"a\n  b"', "'a\n\n b'", '|2\n   x\n', '>+\n x\n\n', '# c\n', '#', 'x #c', 'a:b', '- x', '[a]', '{a: 1}', '[a,\n b]', '|', '>', '&a x', '*a', '!t x', '? k', '@', '`', '---', '...'),
      fc.string({ unit: fc.constantFrom(...'ab1:-#[]{},\'" \t'.split('')), maxLength: 6 }),
    );
    type Tree = { kind: 'scalar'; text: string } | { kind: 'map' | 'seq'; flow: boolean; items: { key: string; value: Tree }[] };
    const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        token.map((text): Tree => ({ kind: 'scalar', text })),
        fc.record({ kind: fc.constantFrom('map' as const, 'seq' as const), flow: fc.boolean(), items: fc.array(fc.record({ key: token, value: tie('tree') }), { maxLength: 3 }) }),
      ),
    }));
    const render = (node: Tree, indent: number, jitter: () => number): string => {
      if (node.kind === 'scalar') return node.text;
      if (node.flow) {
        const items = node.items.map((item) => (node.kind === 'map' ? `${item.key}: ${render(item.value, indent + 2, jitter)}` : render(item.value, indent + 2, jitter)));
        return node.kind === 'map' ? `{ ${items.join(', ')} }` : `[ ${items.join(', ')} ]`;
      }
      if (node.items.length === 0) return node.kind === 'map' ? '{}' : '[]';
      return node.items
        .map((item) => {
          const pad = ' '.repeat(Math.max(0, indent + jitter()));
          const child = render(item.value, indent + 2, jitter);
          const inline = item.value.kind === 'scalar' || item.value.flow || item.value.items.length === 0;
          const value = inline ? ` ${child}` : `\n${child}`;
          return node.kind === 'map' ? `\n${pad}${item.key}:${value}` : `\n${pad}-${value}`;
        })
        .join('');
    };
    fc.assert(
      fc.property(tree, fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 1, maxLength: 8 }), (generated, jitters) => {
        let turn = 0;
        // Mostly well indented, now and then a line one column off.
        const jitter = () => (turn++ % 5 === 4 ? jitters[turn % jitters.length]! : 0);
        expectSameReading(`${render(generated, 0, jitter).replace(/^\n/, '')}\n`);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1000) },
    );
  });
});
