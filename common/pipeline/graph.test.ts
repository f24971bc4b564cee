import { describe, expect, it } from 'vitest';
import { pipelineForNode } from './graph';
import { PipelineSchema, type Pipeline } from './model';

const pipeline = {
  version: 1,
  name: 'p',
  params: { day: { default: '2001-01-01' } },
  nodes: [
    { name: 'flights', type: 'source.file', path: 'f.parquet' },
    { name: 'airports', type: 'source.file', path: 'a.csv' },
    { name: 'late', type: 'transform.sql', inputs: ['flights'], sql: 'SELECT * FROM flights' },
    { name: 'joined', type: 'transform.sql', inputs: ['late', 'airports'], sql: 'SELECT 1' },
    // Just dropped on the canvas: not valid yet.
    { name: 'draft', type: 'transform.sql', inputs: [], sql: 'SELECT 1' },
  ],
  layout: { flights: { x: 0, y: 0 } },
} as unknown as Pipeline;

describe('pipelineForNode', () => {
  it('keeps the node, what it reads and the parameters, in file order', () => {
    const narrowed = pipelineForNode(pipeline, 'joined');
    expect(narrowed.nodes.map((n) => n.name)).toEqual(['flights', 'airports', 'late', 'joined']);
    expect(narrowed.params).toEqual(pipeline.params);
    expect(narrowed.layout).toBeUndefined();
    // The unfinished node is left out, so the request passes the contract's schema.
    expect(PipelineSchema.safeParse(narrowed).success).toBe(true);
    expect(PipelineSchema.safeParse(pipeline).success).toBe(false);
  });

  it('returns the whole pipeline when the node reads something missing (the engine names the problem)', () => {
    const broken = { ...pipeline, nodes: [...pipeline.nodes, { name: 'lost', type: 'transform.sql', inputs: ['nowhere'], sql: 'SELECT 1' }] } as Pipeline;
    expect(pipelineForNode(broken, 'lost')).toBe(broken);
    expect(pipelineForNode(pipeline, 'missing')).toBe(pipeline);
  });
});
