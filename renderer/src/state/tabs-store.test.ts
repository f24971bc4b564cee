import { beforeEach, describe, expect, it } from 'vitest';
import type { Pipeline } from '../../../common/pipeline/model';
import { useDocumentStore } from './document-store';
import { useSessionStore, withNodeRuns } from './session-store';
import {
  adoptLoadedDocument,
  closeAllTabs,
  dirtyTabs,
  isTabDirty,
  neighbourTab,
  parkActiveTab,
  removeTab,
  restoreParkedTab,
  tabDocument,
  takePendingSelection,
  updateTabNodes,
  useTabsStore,
} from './tabs-store';
import { useUiStore } from './ui-store';

const pipelineOf = (name: string): Pipeline => ({
  version: 1,
  name,
  nodes: [
    { name: 'src', type: 'source.file', path: `${name}.csv` },
    { name: 'q', type: 'transform.sql', inputs: ['src'], sql: 'SELECT 1' },
  ],
});

/** What project-actions does to open a file in a new tab. */
function open(path: string): void {
  parkActiveTab();
  useDocumentStore.getState().load(path, pipelineOf(path));
  adoptLoadedDocument(path);
}

function show(path: string): void {
  parkActiveTab();
  restoreParkedTab(path);
}

describe('tabs', () => {
  beforeEach(() => {
    closeAllTabs();
    useDocumentStore.getState().close();
  });

  it('keeps a parked document whole (edits and undo history) and gives it back with a new generation', () => {
    open('a.sluice.yaml');
    useDocumentStore.getState().updateNode('q', { sql: 'SELECT 2' });
    useUiStore.getState().selectNode('q');
    useSessionStore.getState().patchNode('q', { activity: 'previewed', rows: 7 });
    const before = useDocumentStore.getState();

    open('b.sluice.yaml');
    expect(useTabsStore.getState()).toMatchObject({ paths: ['a.sluice.yaml', 'b.sluice.yaml'], active: 'b.sluice.yaml', inactiveDirty: { 'a.sluice.yaml': true } });
    expect(useDocumentStore.getState().dirty).toBe(false);
    expect(tabDocument('a.sluice.yaml')).toBe(before);
    expect(dirtyTabs()).toEqual(['a.sluice.yaml']);

    useSessionStore.getState().resetNodes();
    show('a.sluice.yaml');
    const after = useDocumentStore.getState();
    expect(after.pipeline).toBe(before.pipeline);
    expect(after.history).toBe(before.history);
    expect(after.dirty).toBe(true);
    // Editors and the canvas see a document they have never shown.
    expect(after.generation).toBeGreaterThan(Math.max(before.generation, tabDocument('b.sluice.yaml')!.generation));
    expect(useSessionStore.getState().nodes.q).toMatchObject({ activity: 'previewed', rows: 7 });
    // The selection comes back once the canvas is ready, not before.
    expect(useUiStore.getState().selectedNode).toBeNull();
    expect(takePendingSelection()).toBe('q');
    expect(takePendingSelection()).toBeNull();

    // Undo still works on the restored document: back to the file, clean.
    useDocumentStore.getState().undo();
    expect(useDocumentStore.getState().pipeline!.nodes[1]).toMatchObject({ sql: 'SELECT 1' });
    expect(isTabDirty('a.sluice.yaml')).toBe(false);
  });

  it('inserts new tabs after the active one, cycles with wrap-around, and picks a neighbour when one closes', () => {
    open('a.sluice.yaml');
    open('b.sluice.yaml');
    show('a.sluice.yaml');
    open('c.sluice.yaml');
    expect(useTabsStore.getState().paths).toEqual(['a.sluice.yaml', 'c.sluice.yaml', 'b.sluice.yaml']);
    expect(neighbourTab(1)).toBe('b.sluice.yaml');
    show('b.sluice.yaml');
    expect(neighbourTab(1)).toBe('a.sluice.yaml');
    expect(neighbourTab(-1)).toBe('c.sluice.yaml');

    // Closing the active last tab shows its left neighbour; closing another keeps the active one.
    expect(removeTab('b.sluice.yaml')).toBe('c.sluice.yaml');
    expect(restoreParkedTab('c.sluice.yaml')).toBe(true);
    expect(removeTab('a.sluice.yaml')).toBe('c.sluice.yaml');
    expect(useTabsStore.getState()).toMatchObject({ paths: ['c.sluice.yaml'], active: 'c.sluice.yaml' });
    expect(neighbourTab(1)).toBeNull();
    expect(removeTab('c.sluice.yaml')).toBeNull();
    expect(restoreParkedTab('a.sluice.yaml')).toBe(false);
  });

  it('puts a run\'s node states on its own tab when another tab is on screen', () => {
    open('a.sluice.yaml');
    open('b.sluice.yaml');
    useSessionStore.setState({ nodes: {} });
    const finished = [{ name: 'q', status: 'succeeded' as const, rows: 5, durationMs: 12, cached: false, error: null }];
    updateTabNodes('a.sluice.yaml', (nodes) => withNodeRuns(nodes, finished));
    expect(useSessionStore.getState().nodes.q, 'b is on screen and did not run').toBeUndefined();
    show('a.sluice.yaml');
    expect(useSessionStore.getState().nodes.q).toEqual({ activity: 'succeeded', rows: 5, durationMs: 12, error: null });
    updateTabNodes('a.sluice.yaml', (nodes) => withNodeRuns(nodes, [{ ...finished[0]!, rows: 6 }]));
    expect(useSessionStore.getState().nodes.q?.rows, 'the active tab updates in place').toBe(6);
  });
});
