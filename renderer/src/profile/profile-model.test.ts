import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../../common/pipeline/model';
import { suggestChecks } from '../../../common/profile/suggest-checks';
import { checkPosition, existingChecks, FIRST_CHUNK_MIN, mergeProfiles, nodeSignature, planChunks, stageLabel, stageSteps, WIDE_TABLE_COLUMNS } from './profile-model';
import { column, profile } from './profile-fixtures.test-util';

const names = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);

describe('planChunks', () => {
  it('profiles a narrow table in one request of every column', () => {
    expect(planChunks(names(WIDE_TABLE_COLUMNS), ['c3'])).toEqual([null]);
  });

  it('profiles the visible columns of a wide table first, then the whole table', () => {
    const all = names(300);
    const visible = all.slice(100, 100 + 18);
    expect(planChunks(all, visible)).toEqual([visible, null]);
  });

  it('fills the first request up from the top when few columns are on screen', () => {
    const [first] = planChunks(names(100), ['c50', 'nope']);
    expect(first).toHaveLength(FIRST_CHUNK_MIN);
    expect(first![0]).toBe('c50');
    expect(first).toContain('c0');
  });
});

describe('mergeProfiles', () => {
  const metadata = profile({ stage: 'metadata', rowCount: null, rowCountExact: false, columns: [column({ name: 'a', count: null }), column({ name: 'b', count: null }), column({ name: 'c', count: null })] });

  it('shows the metadata alone while nothing else arrived', () => {
    expect(mergeProfiles([], metadata, ['a', 'b', 'c'])?.pending).toEqual(['a', 'b', 'c']);
  });

  it('keeps the table order, the least advanced stage and the metadata of columns still coming', () => {
    const sample = profile({ stage: 'sample', rowCount: 5000, rowCountExact: false, sample: { rows: 1000, method: 'head', description: 'first rows' }, columns: [column({ name: 'c', count: 999 })], omittedColumns: 2 });
    const full = profile({ stage: 'full', rowCount: 4321, columns: [column({ name: 'a', count: 4321 })], omittedColumns: 2 });
    const merged = mergeProfiles([full, sample], metadata, ['a', 'b', 'c'])!;
    expect(merged.profile.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(merged.pending).toEqual(['b']);
    expect(merged.profile.stage).toBe('sample');
    expect(merged.profile.sample?.rows).toBe(1000);
    expect(merged.profile.rowCount).toBe(4321);
    expect(merged.profile.omittedColumns).toBe(1);
    expect(stageLabel(merged.profile)).toBe('sample, 1,000 rows');
  });

  it('keeps the visible columns full while the whole table is still at its sample or metadata', () => {
    const visible = profile({ stage: 'full', columns: [column({ name: 'a', count: 4321 })], omittedColumns: 2 });
    const wholeMetadata = profile({ stage: 'metadata', columns: [column({ name: 'a', count: null }), column({ name: 'b', count: null })] });
    let merged = mergeProfiles([visible, wholeMetadata], null, ['a', 'b'])!;
    expect(merged.profile.stage).toBe('full');
    expect(merged.pending).toEqual(['b']);
    const wholeSample = profile({ stage: 'sample', sample: { rows: 10, method: 'head', description: '' }, columns: [column({ name: 'a', count: 10 }), column({ name: 'b', count: 10 })] });
    merged = mergeProfiles([visible, wholeSample], null, ['a', 'b'])!;
    expect(merged.profile.columns[0]!.count).toBe(4321);
    expect(merged.profile.columns[1]!.count).toBe(10);
    expect(merged.profile.stage).toBe('sample');
    expect(merged.pending).toEqual([]);
  });

  it('is full once every request is', () => {
    const one = profile({ columns: [column({ name: 'a' })], omittedColumns: 1 });
    const two = profile({ columns: [column({ name: 'b' })], omittedColumns: 1 });
    const merged = mergeProfiles([one, two], null, ['a', 'b'])!;
    expect(merged.profile.stage).toBe('full');
    expect(merged.profile.omittedColumns).toBe(0);
    expect(stageLabel(merged.profile)).toBe('full');
  });
});

describe('stageSteps', () => {
  const sample = profile({ stage: 'sample', sample: { rows: 10, method: 'head', description: '' }, columns: [column({ name: 'a' })] });
  it('runs the stage after the one that arrived', () => {
    expect(stageSteps({ status: 'loading', profile: sample, pendingColumns: [] })).toEqual({ metadata: 'done', sample: 'done', full: 'running' });
    expect(stageSteps({ status: 'loading', profile: null, pendingColumns: [] })).toEqual({ metadata: 'running', sample: 'waiting', full: 'waiting' });
  });
  it('says which stage a cancel stopped', () => {
    expect(stageSteps({ status: 'cancelled', profile: sample, pendingColumns: [] }).full).toBe('cancelled');
  });
  it('keeps full running while a wide table still owes columns', () => {
    expect(stageSteps({ status: 'loading', profile: profile({ columns: [column({ name: 'a' })] }), pendingColumns: ['b'] }).full).toBe('running');
  });
});

const pipeline: Pipeline = {
  version: 1,
  name: 'p',
  nodes: [
    { name: 'orders', type: 'source.file', path: 'orders.csv' },
    { name: 'orders_not_null', type: 'check.not_null', inputs: ['orders'], columns: ['id'] },
  ],
  layout: { orders: { x: 0, y: 100 }, orders_not_null: { x: 280, y: 100 } },
} as Pipeline;

describe('suggested checks in the pipeline', () => {
  it('recognizes a suggestion that was added already, under another name', () => {
    const p = profile({ columns: [column({ name: 'id', distinctCount: 100 })] });
    const suggestions = suggestChecks(p, { input: 'orders', takenNames: pipeline.nodes.map((n) => n.name) });
    const notNull = suggestions.find((s) => s.id === 'not_null')!;
    expect(notNull.node.name).toBe('orders_not_null_2');
    expect(existingChecks(suggestions, pipeline).get('not_null')).toBe('orders_not_null');
    expect(existingChecks(suggestions, pipeline).has('row_count')).toBe(false);
  });

  it('places a new check right of the node, below the checks already there', () => {
    expect(checkPosition(pipeline, 'orders')).toEqual({ x: 280, y: 190 });
    expect(checkPosition({ ...pipeline, layout: { orders: { x: 0, y: 100 } } }, 'orders')).toEqual({ x: 280, y: 100 });
  });

  it('changes the signature when the node or what it reads changes, not its description', () => {
    const edited = { ...pipeline, nodes: [{ ...pipeline.nodes[0]!, path: 'other.csv' }, pipeline.nodes[1]!] } as Pipeline;
    const described = { ...pipeline, nodes: [{ ...pipeline.nodes[0]!, description: 'new words' }, pipeline.nodes[1]!] } as Pipeline;
    expect(nodeSignature(edited, 'orders_not_null')).not.toBe(nodeSignature(pipeline, 'orders_not_null'));
    expect(nodeSignature(described, 'orders_not_null')).toBe(nodeSignature(pipeline, 'orders_not_null'));
  });
});
