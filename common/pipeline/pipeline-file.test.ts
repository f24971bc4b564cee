import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePipelineFile, serializePipeline } from './pipeline-file';

const sample = readFileSync(new URL('../../resources/sample-project/flights.sluice.yaml', import.meta.url), 'utf8');

describe('pipeline file', () => {
  it('round-trips the sample byte for byte', () => {
    const parsed = parsePipelineFile(sample);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(serializePipeline(parsed.pipeline)).toBe(sample);
  });

  it('keeps SQL as a readable literal block and layout after the logic', () => {
    expect(sample).toContain('    sql: |\n      SELECT');
    expect(sample.indexOf('layout:')).toBeGreaterThan(sample.lastIndexOf('type:'));
  });

  it('moving a node changes only its layout line', () => {
    const parsed = parsePipelineFile(sample);
    if (!parsed.ok) throw new Error('sample must parse');
    const moved = serializePipeline({ ...parsed.pipeline, layout: { ...parsed.pipeline.layout, flights: { x: 40, y: 12 } } });
    const before = sample.split('\n');
    const after = moved.split('\n');
    expect(after.length).toBe(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toEqual(['  flights: { x: 40, y: 12 }']);
  });

  it('names the field and line of a bad value', () => {
    const broken = sample.replace('type: transform.sql\n    inputs: [ flights ]', 'type: transform.sql\n    inputs: flights');
    const parsed = parsePipelineFile(broken);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const problem = parsed.problems.find((p) => p.path.startsWith('nodes[2]'));
    expect(problem).toBeDefined();
    expect(problem?.node).toBe('delayed_flights');
    expect(problem?.line).toBe(broken.split('\n').findIndex((l) => l.includes('inputs: flights')) + 1);
  });

  it('reports YAML syntax errors with a line', () => {
    const parsed = parsePipelineFile('version: 1\nname: x\nnodes:\n  - name: a\n   type: [\n');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems[0]?.line).toBeGreaterThan(0);
  });

  it('rejects unknown node types and unknown fields', () => {
    const unknownType = parsePipelineFile('version: 1\nname: x\nnodes:\n  - name: a\n    type: source.ftp\n    path: x\n');
    expect(unknownType.ok).toBe(false);
    const unknownField = parsePipelineFile('version: 1\nname: x\nnodes:\n  - name: a\n    type: source.file\n    path: x.csv\n    colour: red\n');
    expect(unknownField.ok).toBe(false);
    if (!unknownField.ok) expect(unknownField.problems[0]?.path).toBe('nodes[0]');
  });

  it('finds duplicate names, missing inputs and cycles', () => {
    const dup = parsePipelineFile('version: 1\nname: x\nnodes:\n  - {name: a, type: source.file, path: a.csv}\n  - {name: a, type: source.file, path: b.csv}\n');
    expect(dup.ok || dup.problems[0]?.message).toContain('duplicate node name');
    const missing = parsePipelineFile('version: 1\nname: x\nnodes:\n  - {name: b, type: transform.sql, inputs: [nope], sql: select 1}\n');
    expect(missing.ok || missing.problems[0]?.message).toContain('"nope", which does not exist');
    const cycle = parsePipelineFile(
      'version: 1\nname: x\nnodes:\n  - {name: a, type: transform.sql, inputs: [b], sql: select * from b}\n  - {name: b, type: transform.sql, inputs: [a], sql: select * from a}\n',
    );
    expect(cycle.ok || cycle.problems[0]?.message).toMatch(/cycle: a → b → a|cycle: b → a → b/);
  });

  it('keeps canvas groups byte for byte, between the nodes and the layout', () => {
    const text = 'version: 1\nname: x\nnodes:\n  - name: a\n    type: source.sql\n    sql: select 1\n  - name: b\n    type: source.sql\n    sql: select 2\ngroups:\n  ingest:\n    nodes: [ a, b ]\n    collapsed: true\n  other:\n    nodes: [ b ]\nlayout:\n  a: { x: 0, y: 0 }\n';
    const parsed = parsePipelineFile(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(serializePipeline(parsed.pipeline)).toBe(text);
    const empty = parsePipelineFile('version: 1\nname: x\nnodes: []\ngroups:\n  g:\n    nodes: []\n');
    expect(empty.ok || empty.problems[0]).toMatchObject({ path: 'groups.g.nodes', message: 'a group holds at least one node', line: 6 });
  });
});
