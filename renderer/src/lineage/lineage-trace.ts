import type { NodeLineage } from '../../../common/contract/api';

export type Transform = NodeLineage['columns'][number]['transform'];

/** One column on a lineage path, `depth` steps from the column that was clicked. */
export interface TraceStep {
  node: string;
  column: string;
  type: string;
  transform: Transform;
  depth: number;
  /** The columns one step nearer the clicked column that this one is reached through. */
  via: { node: string; column: string }[];
}

export interface ColumnTrace {
  upstream: TraceStep[];
  downstream: TraceStep[];
}

const key = (node: string, column: string) => `${node}\u0000${column.toLowerCase()}`;

/**
 * Where a column comes from (its sources, their sources, …) and what it
 * feeds (every column computed from it, transitively), across the pipeline.
 */
export function traceColumn(nodes: readonly NodeLineage[], node: string, column: string): ColumnTrace {
  const columns = new Map<string, { node: string; column: NodeLineage['columns'][number] }>();
  const readers = new Map<string, { node: string; column: string }[]>();
  for (const n of nodes) {
    for (const c of n.columns) {
      columns.set(key(n.node, c.name), { node: n.node, column: c });
      for (const source of c.sources) {
        const list = readers.get(key(source.node, source.column)) ?? [];
        list.push({ node: n.node, column: c.name });
        readers.set(key(source.node, source.column), list);
      }
    }
  }
  const walk = (next: (at: { node: string; column: string }) => { node: string; column: string }[]): TraceStep[] => {
    const steps = new Map<string, TraceStep>();
    let frontier = [{ node, column }];
    for (let depth = 1; frontier.length > 0; depth++) {
      const following: { node: string; column: string }[] = [];
      for (const at of frontier) {
        for (const target of next(at)) {
          const k = key(target.node, target.column);
          if (k === key(node, column)) continue;
          const existing = steps.get(k);
          if (existing) {
            if (existing.depth === depth) existing.via.push(at);
            continue;
          }
          const known = columns.get(k)?.column;
          steps.set(k, { node: target.node, column: known?.name ?? target.column, type: known?.type ?? '', transform: known?.transform ?? 'unknown', depth, via: [at] });
          following.push(target);
        }
      }
      frontier = following;
    }
    return [...steps.values()];
  };
  return {
    upstream: walk((at) => columns.get(key(at.node, at.column))?.column.sources ?? []),
    downstream: walk((at) => readers.get(key(at.node, at.column)) ?? []),
  };
}

/** The nodes a trace touches and their columns on it, for the canvas highlight. */
export function tracedNodes(trace: ColumnTrace): { upstream: string[]; downstream: string[]; columns: Record<string, string[]> } {
  const columns: Record<string, string[]> = {};
  for (const step of [...trace.upstream, ...trace.downstream]) (columns[step.node] ??= []).push(step.column);
  return { upstream: [...new Set(trace.upstream.map((s) => s.node))], downstream: [...new Set(trace.downstream.map((s) => s.node))], columns };
}
