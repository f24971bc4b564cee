import { beforeEach, describe, expect, it } from 'vitest';
import type { Pipeline } from '../../../common/pipeline/model';
import { useDocumentStore } from './document-store';

const pipeline: Pipeline = {
  version: 1,
  name: 'p',
  nodes: [
    { name: 'src', type: 'source.file', path: 'a.csv' },
    { name: 'q', type: 'transform.sql', inputs: ['src'], sql: 'SELECT 1' },
  ],
  layout: { src: { x: 0, y: 0 } },
};

describe('document store', () => {
  beforeEach(() => useDocumentStore.getState().load('p.sluice.yaml', pipeline));

  it('edits a node and becomes dirty; the same value changes nothing', () => {
    const { updateNode } = useDocumentStore.getState();
    updateNode('q', { sql: 'SELECT 1' });
    expect(useDocumentStore.getState().dirty).toBe(false);
    expect(useDocumentStore.getState().pipeline).toBe(pipeline);
    updateNode('q', { sql: 'SELECT 2' });
    const state = useDocumentStore.getState();
    expect(state.dirty).toBe(true);
    expect(state.pipeline!.nodes[1]).toMatchObject({ sql: 'SELECT 2' });
    expect(state.pipeline!.nodes[0]).toBe(pipeline.nodes[0]);
  });

  it('ignores fields the node type does not have and drops emptied optional fields', () => {
    const { updateNode } = useDocumentStore.getState();
    updateNode('src', { sql: 'SELECT 3' });
    expect(useDocumentStore.getState().dirty).toBe(false);
    updateNode('src', { format: 'csv' });
    expect(useDocumentStore.getState().pipeline!.nodes[0]).toEqual({ name: 'src', type: 'source.file', path: 'a.csv', format: 'csv' });
    updateNode('src', { format: undefined });
    expect(useDocumentStore.getState().pipeline!.nodes[0]).toEqual({ name: 'src', type: 'source.file', path: 'a.csv' });
  });

  it('rounds dragged positions and skips unchanged ones', () => {
    const { setNodePositions } = useDocumentStore.getState();
    setNodePositions({ src: { x: 0.2, y: -0.3 } });
    expect(useDocumentStore.getState().dirty).toBe(false);
    setNodePositions({ q: { x: 280.6, y: 10.4 } });
    expect(useDocumentStore.getState().pipeline!.layout).toEqual({ src: { x: 0, y: 0 }, q: { x: 281, y: 10 } });
    expect(useDocumentStore.getState().dirty).toBe(true);
  });

  it('stays dirty when edited while a save was in flight', () => {
    const { updateNode, markSaved } = useDocumentStore.getState();
    updateNode('q', { sql: 'SELECT 2' });
    const saving = useDocumentStore.getState().pipeline!;
    updateNode('q', { sql: 'SELECT 3' });
    markSaved(saving);
    expect(useDocumentStore.getState().dirty).toBe(true);
    markSaved(useDocumentStore.getState().pipeline!);
    expect(useDocumentStore.getState().dirty).toBe(false);
  });

  it('bumps the generation on every load', () => {
    const before = useDocumentStore.getState().generation;
    useDocumentStore.getState().load('p.sluice.yaml', pipeline);
    expect(useDocumentStore.getState().generation).toBe(before + 1);
  });

  it('adds nodes with their positions and refuses a name that is taken', () => {
    const { addNodes } = useDocumentStore.getState();
    addNodes([{ name: 'q_not_null', type: 'check.not_null', inputs: ['q'], columns: ['a'] }], { q_not_null: { x: 10.4, y: 20.6 } });
    const state = useDocumentStore.getState();
    expect(state.pipeline!.nodes.map((n) => n.name)).toEqual(['src', 'q', 'q_not_null']);
    expect(state.pipeline!.layout!.q_not_null).toEqual({ x: 10, y: 21 });
    expect(state.dirty).toBe(true);
    expect(() => addNodes([{ name: 'q', type: 'transform.sql', inputs: [], sql: 'SELECT 1' }])).toThrow(/already exists/);
  });
});
