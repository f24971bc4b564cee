import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pipeline } from '../../../common/pipeline/model';
import { TYPING_PAUSE_MS, useDocumentStore } from './document-store';

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

  describe('undo and redo', () => {
    afterEach(() => vi.useRealTimers());
    const store = () => useDocumentStore.getState();

    it('typing within a pause is one step; a pause starts another', () => {
      vi.useFakeTimers();
      store().updateNode('q', { sql: 'SELECT 1 ' });
      vi.advanceTimersByTime(200);
      store().updateNode('q', { sql: 'SELECT 1 +' });
      vi.advanceTimersByTime(200);
      store().updateNode('q', { sql: 'SELECT 1 + 1' });
      expect(store().history.undo).toHaveLength(1);
      vi.advanceTimersByTime(TYPING_PAUSE_MS + 1);
      store().updateNode('q', { sql: 'SELECT 1 + 2' });
      expect(store().history.undo).toHaveLength(2);
      store().undo();
      expect(store().pipeline!.nodes[1]).toMatchObject({ sql: 'SELECT 1 + 1' });
      store().undo();
      expect(store().pipeline!.nodes[1]).toBe(pipeline.nodes[1]);
      expect(store().dirty).toBe(false);
      store().redo();
      store().redo();
      expect(store().pipeline!.nodes[1]).toMatchObject({ sql: 'SELECT 1 + 2' });
      expect(store().dirty).toBe(true);
    });

    it('a mark (blur) ends a typing step; another field or node is another step', () => {
      store().updateNode('q', { sql: 'SELECT 2' });
      store().mark();
      store().updateNode('q', { sql: 'SELECT 3' });
      store().updateNode('src', { path: 'b.csv' });
      expect(store().history.undo.map((e) => e.label)).toEqual(['edit q', 'edit q', 'edit src']);
    });

    it('a drag of several nodes is one step, and a new edit clears redo', () => {
      store().setNodePositions({ src: { x: 10, y: 10 }, q: { x: 300, y: 20 } });
      expect(store().history.undo).toHaveLength(1);
      store().undo();
      expect(store().pipeline!.layout).toEqual({ src: { x: 0, y: 0 } });
      expect(store().dirty).toBe(false);
      expect(store().history.redo).toHaveLength(1);
      store().setNodePositions({ q: { x: 1, y: 1 } });
      expect(store().history.redo).toHaveLength(0);
    });

    it('delete and undo puts the node, its position and the inputs that read it back', () => {
      store().removeNodes(['src']);
      expect(store().pipeline!.nodes.map((n) => n.name)).toEqual(['q']);
      expect(store().pipeline!.nodes[0]).toMatchObject({ inputs: [] });
      store().undo();
      expect(store().pipeline).toEqual(pipeline);
      expect(store().dirty).toBe(false);
    });

    it('rename rewrites inputs, reports SQL that still names the node, and undoes in one step', () => {
      useDocumentStore.getState().load('p.sluice.yaml', {
        ...pipeline,
        nodes: [pipeline.nodes[0]!, { name: 'q', type: 'transform.sql', inputs: ['src'], sql: 'SELECT * FROM src' }],
      });
      const { sqlMentions } = store().renameNode('src', 'flights');
      expect(sqlMentions).toEqual(['q']);
      expect(store().pipeline!.nodes[1]).toMatchObject({ inputs: ['flights'], sql: 'SELECT * FROM src' });
      expect(store().pipeline!.layout).toEqual({ flights: { x: 0, y: 0 } });
      expect(() => store().renameNode('flights', 'q')).toThrow(/already exists/);
      expect(() => store().renameNode('flights', ' x')).toThrow(/spaces/);
      store().undo();
      expect(store().pipeline!.nodes.map((n) => n.name)).toEqual(['src', 'q']);
      expect(store().history.undo).toHaveLength(0);
    });

    it('connect refuses cycles and arity, disconnect edits inputs', () => {
      store().addNodes([{ name: 'f', type: 'transform.filter', inputs: ['q'], where: 'true' }]);
      expect(store().connect('f', 'q')).toMatch(/cycle: q → f → q/);
      expect(store().connect('src', 'f')).toMatch(/exactly one input/);
      expect(store().connect('q', 'src')).toMatch(/is a source/);
      store().disconnect('q', 'f');
      expect(store().pipeline!.nodes[2]).toMatchObject({ inputs: [] });
      expect(store().connect('src', 'f')).toBeNull();
      expect(store().pipeline!.nodes[2]).toMatchObject({ inputs: ['src'] });
      store().undo();
      store().undo();
      expect(store().pipeline!.nodes[2]).toMatchObject({ inputs: ['q'] });
    });

    it('copies get free names, keep inputs among themselves and are placed at an offset', () => {
      const names = store().insertCopies(pipeline.nodes, pipeline.layout!, { x: 40, y: 40 }, 'duplicate');
      expect(names).toEqual(['src_2', 'q_2']);
      expect(store().pipeline!.nodes[3]).toMatchObject({ name: 'q_2', inputs: ['src_2'] });
      expect(store().pipeline!.layout!.src_2).toEqual({ x: 40, y: 40 });
      store().undo();
      expect(store().pipeline).toEqual(pipeline);
    });

    it('history lives in the store state, so swapping states (tabs) swaps histories', () => {
      store().updateNode('q', { sql: 'SELECT 9' });
      const tabA = useDocumentStore.getState();
      store().load('other.sluice.yaml', pipeline);
      expect(store().history.undo).toHaveLength(0);
      useDocumentStore.setState(tabA, true);
      store().undo();
      expect(store().pipeline!.nodes[1]).toBe(pipeline.nodes[1]);
    });
  });
  it('groups nodes, collapses, follows renames and deletes, and undoes each step', () => {
    const store = () => useDocumentStore.getState();
    const group = store().groupNodes(['src', 'q']);
    expect(group).toBe('group');
    expect(store().pipeline!.groups).toEqual({ group: { nodes: ['src', 'q'] } });
    store().setGroupCollapsed('group', true);
    expect(store().pipeline!.groups!.group).toEqual({ nodes: ['src', 'q'], collapsed: true });
    store().renameNode('q', 'query');
    expect(store().pipeline!.groups!.group!.nodes).toEqual(['src', 'query']);
    store().removeNodes(['src', 'query']);
    expect(store().pipeline!.groups).toBeUndefined();
    store().undo();
    store().undo();
    expect(store().pipeline!.groups!.group!.nodes).toEqual(['src', 'q']);
    store().undo();
    store().undo();
    expect(store().pipeline).toEqual(pipeline);
    expect(store().dirty).toBe(false);
  });
});
