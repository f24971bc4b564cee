import { beforeEach, describe, expect, it } from 'vitest';
import type { Pipeline } from '../../../common/pipeline/model';
import { useDocumentStore } from '../state/document-store';

const pipeline: Pipeline = {
  version: 1,
  name: 'p',
  nodes: [
    { name: 'src', type: 'source.file', path: 'a.csv' },
    { name: 'check', type: 'check.not_null', inputs: ['src'], columns: ['a'], severity: 'warn' },
  ],
};

describe('node form edits in the document store (generic field patch)', () => {
  beforeEach(() => useDocumentStore.getState().load('p.sluice.yaml', pipeline));

  it('patches any field, removes cleared ones, never the name or type, and undoes as one step', () => {
    const store = useDocumentStore.getState();
    store.updateNode('check', { columns: ['a', 'b'], severity: undefined, name: 'renamed', type: 'check.unique' });
    expect(useDocumentStore.getState().pipeline!.nodes[1]).toEqual({ name: 'check', type: 'check.not_null', inputs: ['src'], columns: ['a', 'b'] });
    expect(useDocumentStore.getState().dirty).toBe(true);
    useDocumentStore.getState().undo();
    expect(useDocumentStore.getState().pipeline!.nodes[1]).toEqual(pipeline.nodes[1]);
  });
});
