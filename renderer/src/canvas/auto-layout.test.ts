import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../../common/pipeline/model';
import { COLUMN_WIDTH, layoutPipeline } from './auto-layout';

const pipeline = (layout?: Pipeline['layout']): Pipeline => ({
  version: 1,
  name: 'p',
  nodes: [
    { name: 'a', type: 'source.file', path: 'a.csv' },
    { name: 'b', type: 'source.file', path: 'b.csv' },
    { name: 'j', type: 'transform.sql', inputs: ['a', 'b'], sql: 'SELECT 1' },
    { name: 'out', type: 'sink.file', inputs: ['j'], path: 'out.parquet' },
  ],
  ...(layout ? { layout } : {}),
});

describe('layoutPipeline', () => {
  it('places nodes in columns by dependency depth without overlaps', () => {
    const positions = layoutPipeline(pipeline());
    expect(positions.a).toEqual({ x: 0, y: 0 });
    expect(positions.b!.x).toBe(0);
    expect(positions.b!.y).toBeGreaterThan(0);
    expect(positions.j!.x).toBe(COLUMN_WIDTH);
    expect(positions.out!.x).toBe(2 * COLUMN_WIDTH);
  });

  it('keeps saved positions and moves new nodes out of their way', () => {
    const positions = layoutPipeline(pipeline({ a: { x: 0, y: 0 }, j: { x: 280, y: 0 } }));
    expect(positions.a).toEqual({ x: 0, y: 0 });
    expect(positions.j).toEqual({ x: 280, y: 0 });
    expect(positions.b).not.toEqual({ x: 0, y: 0 });
    expect(positions.b!.x).toBe(0);
  });

  it('survives a cycle', () => {
    const cyclic: Pipeline = {
      version: 1,
      name: 'c',
      nodes: [
        { name: 'x', type: 'transform.sql', inputs: ['y'], sql: 'SELECT 1' },
        { name: 'y', type: 'transform.sql', inputs: ['x'], sql: 'SELECT 1' },
      ],
    };
    const positions = layoutPipeline(cyclic);
    expect(Object.keys(positions).sort()).toEqual(['x', 'y']);
  });
});

describe('layoutWithElk', () => {
  it('puts every node right of the nodes it reads, without overlaps', async () => {
    const { layoutWithElk } = await import('./auto-layout');
    const positions = await layoutWithElk(pipeline(), new Map());
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'j', 'out']);
    expect(positions.j!.x).toBeGreaterThan(positions.a!.x + 220);
    expect(positions.j!.x).toBeGreaterThan(positions.b!.x + 220);
    expect(positions.out!.x).toBeGreaterThan(positions.j!.x + 220);
    expect(Math.abs(positions.a!.y - positions.b!.y)).toBeGreaterThanOrEqual(70);
  });
});

describe('initialViewport', () => {
  it('centres a graph that fits, at zoom 1 at most', async () => {
    const { initialViewport } = await import('./flow-graph');
    const view = initialViewport([{ x: 0, y: 0 }, { x: 280, y: 0 }], { width: 1000, height: 600 });
    expect(view.zoom).toBe(1);
    expect(view.x).toBeCloseTo((1000 - 500) / 2);
    expect(view.y).toBeCloseTo((600 - 64) / 2);
  });

  it('shows a graph too wide for zoom 0.5 from its left edge, not cut on both sides', async () => {
    const { initialViewport } = await import('./flow-graph');
    const view = initialViewport([{ x: 100, y: 50 }, { x: 2500, y: 50 }], { width: 700, height: 500 });
    expect(view.zoom).toBe(0.5);
    expect(view.x).toBeCloseTo(24 - 100 * 0.5);
  });
});
