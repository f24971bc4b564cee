import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pipeline, PipelineNode } from '../../../common/pipeline/model';
import { applyDiff, diffPipelines, invertDiff, isEmptyDiff, samePipeline, squashDiffs } from './document-diff';
import { connect, insertCopies, removeNodes, renameNode } from './document-edits';

const src = (name: string): PipelineNode => ({ name, type: 'source.file', path: `${name}.csv` });
const sql = (name: string, inputs: string[], text = 'SELECT 1'): PipelineNode => ({ name, type: 'transform.sql', inputs, sql: text });

const base: Pipeline = {
  version: 1,
  name: 'p',
  nodes: [src('a'), src('b'), sql('c', ['a']), sql('d', ['c', 'b'])],
  layout: { a: { x: 0, y: 0 }, c: { x: 280, y: 0 } },
};

describe('pipeline diffs', () => {
  it('records only what changed and shares the untouched nodes', () => {
    const next = { ...base, nodes: base.nodes.map((n) => (n.name === 'c' ? sql('c', ['a'], 'SELECT 2') : n)) };
    const diff = diffPipelines(base, next);
    expect(diff.updated).toHaveLength(1);
    expect(diff.updated[0]!.before).toBe(base.nodes[2]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(Object.keys(diff.layout)).toEqual([]);
    expect(isEmptyDiff(diffPipelines(base, { ...base }))).toBe(true);
  });

  it('undoes a rename back to the same node objects', () => {
    const renamed = renameNode(base, 'c', 'cleaned').pipeline;
    const diff = diffPipelines(base, renamed);
    expect(diff.removed.map((r) => r.node.name)).toEqual(['c']);
    expect(diff.added.map((a) => a.node.name)).toEqual(['cleaned']);
    expect(applyDiff(base, diff)).toEqual(renamed);
    const back = applyDiff(renamed, invertDiff(diff));
    expect(back).toEqual(base);
    expect(samePipeline(back, base)).toBe(true);
    expect(back.nodes[0]).toBe(base.nodes[0]);
  });

  it('squashes updates of one node into one diff and refuses membership changes', () => {
    const one = { ...base, nodes: base.nodes.map((n) => (n.name === 'c' ? sql('c', ['a'], 'SELECT 2') : n)) };
    const two = { ...one, nodes: one.nodes.map((n) => (n.name === 'c' ? sql('c', ['a'], 'SELECT 23') : n)) };
    const squashed = squashDiffs(diffPipelines(base, one), diffPipelines(one, two))!;
    expect(squashed.updated).toHaveLength(1);
    expect(applyDiff(base, squashed)).toEqual(two);
    expect(applyDiff(two, invertDiff(squashed))).toEqual(base);
    const removed = removeNodes(two, ['a']);
    expect(squashDiffs(diffPipelines(one, two), diffPipelines(two, removed))).toBeNull();
  });

  it('refuses to apply a diff to a pipeline it does not fit', () => {
    const renamed = renameNode(base, 'c', 'cleaned').pipeline;
    const diff = diffPipelines(base, renamed);
    expect(() => applyDiff(renamed, diff)).toThrow(/out of step/);
  });

  it('any sequence of edits undoes to the start and redoes to the end', () => {
    type Op = { kind: 'remove' | 'rename' | 'copy' | 'connect' | 'move' | 'edit'; pick: number; pick2: number };
    const op = fc.record({ kind: fc.constantFrom('remove', 'rename', 'copy', 'connect', 'move', 'edit'), pick: fc.nat(20), pick2: fc.nat(20) }) as fc.Arbitrary<Op>;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        const states: Pipeline[] = [base];
        let current = base;
        for (const { kind, pick, pick2 } of ops) {
          const names = current.nodes.map((n) => n.name);
          if (names.length === 0) break;
          const name = names[pick % names.length]!;
          const other = names[pick2 % names.length]!;
          let next = current;
          if (kind === 'remove') next = removeNodes(current, [name]);
          else if (kind === 'rename') next = renameNode(current, name, `${name}_r${pick2}`.slice(0, 100)).pipeline;
          else if (kind === 'copy') next = insertCopies(current, current.nodes.filter((n) => n.name === name || n.name === other), current.layout ?? {}, { x: 10, y: 10 }).pipeline;
          else if (kind === 'connect') {
            try {
              next = connect(current, other, name);
            } catch {
              next = current;
            }
          } else if (kind === 'move') next = { ...current, layout: { ...current.layout, [name]: { x: pick, y: pick2 } } };
          else next = { ...current, nodes: current.nodes.map((n) => (n.name === name && n.type === 'transform.sql' ? { ...n, sql: `SELECT ${pick}` } : n)) };
          states.push(next);
          current = next;
        }
        const diffs = states.slice(1).map((state, i) => diffPipelines(states[i]!, state));
        let undone = current;
        for (const diff of diffs.slice().reverse()) undone = applyDiff(undone, invertDiff(diff));
        expect(undone).toEqual(base);
        let redone = undone;
        for (const diff of diffs) redone = applyDiff(redone, diff);
        expect(redone).toEqual(current);
      }),
      { numRuns: 300 },
    );
  });
});
