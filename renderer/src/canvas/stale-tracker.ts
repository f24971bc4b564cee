import { create } from 'zustand';
import { nodeInputs, type Pipeline, type PipelineNode } from '../../../common/pipeline/model';
import { useDocumentStore } from '../state/document-store';
import { useSessionStore } from '../state/session-store';

/**
 * Which node settings produced the result a node shows. Node objects are
 * immutable and undo restores the same objects, so "changed since its result"
 * is a reference comparison, and undoing an edit makes the node fresh again.
 * A node is stale when it or anything it reads changed since its result.
 */
const FINISHED = new Set<string>(['succeeded', 'cached', 'previewed', 'check-failed']);

interface ResultState {
  producedBy: ReadonlyMap<string, PipelineNode>;
}

export const useResultStore = create<ResultState>()(() => ({ producedBy: new Map() }));

let installed = false;

/** Starts recording results as the session store reports them; idempotent. */
export function trackResults(): void {
  if (installed) return;
  installed = true;
  useSessionStore.subscribe((state, previous) => {
    if (state.nodes === previous.nodes) return;
    const pipeline = useDocumentStore.getState().pipeline;
    if (!pipeline) return;
    let next: Map<string, PipelineNode> | null = null;
    for (const [name, session] of Object.entries(state.nodes)) {
      if (session === previous.nodes[name] || !FINISHED.has(session.activity)) continue;
      const node = pipeline.nodes.find((n) => n.name === name);
      if (!node) continue;
      next ??= new Map(useResultStore.getState().producedBy);
      next.set(name, node);
    }
    if (next) useResultStore.setState({ producedBy: next });
  });
  // A reset (another pipeline loaded) forgets every result.
  useSessionStore.subscribe((state, previous) => {
    if (Object.keys(state.nodes).length === 0 && Object.keys(previous.nodes).length > 0) useResultStore.setState({ producedBy: new Map() });
  });
}

/** Names of stale nodes, sorted and joined: a string, so selectors compare it cheaply. */
export function staleKey(pipeline: Pipeline | null, producedBy: ReadonlyMap<string, PipelineNode>): string {
  if (!pipeline || producedBy.size === 0) return '';
  const byName = new Map(pipeline.nodes.map((node) => [node.name, node]));
  const changed = new Map<string, boolean>();
  const visiting = new Set<string>();
  const isChanged = (name: string): boolean => {
    const known = changed.get(name);
    if (known !== undefined) return known;
    const node = byName.get(name);
    if (!node || visiting.has(name)) return false;
    visiting.add(name);
    const produced = producedBy.get(name);
    const result = (produced !== undefined && produced !== node) || nodeInputs(node).some(isChanged);
    visiting.delete(name);
    changed.set(name, result);
    return result;
  };
  const stale: string[] = [];
  for (const node of pipeline.nodes) if (producedBy.has(node.name) && isChanged(node.name)) stale.push(node.name);
  return stale.sort().join('\u0000');
}
