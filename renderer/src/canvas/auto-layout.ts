import { nodeInputs, type NodePosition, type Pipeline } from '../../../common/pipeline/model';

export const COLUMN_WIDTH = 280;
export const ROW_HEIGHT = 130;

/**
 * Positions for every node: the saved layout where there is one, else a column
 * per dependency depth (sources left, sinks right), placed below anything that
 * would overlap.
 */
export function layoutPipeline(pipeline: Pipeline): Record<string, NodePosition> {
  const saved = pipeline.layout ?? {};
  const depth = dependencyDepths(pipeline);
  const positions: Record<string, NodePosition> = {};
  const taken: NodePosition[] = [];
  for (const node of pipeline.nodes) {
    const position = saved[node.name];
    if (position) {
      positions[node.name] = position;
      taken.push(position);
    }
  }
  for (const node of pipeline.nodes) {
    if (positions[node.name]) continue;
    const x = (depth.get(node.name) ?? 0) * COLUMN_WIDTH;
    let y = 0;
    while (taken.some((p) => Math.abs(p.x - x) < COLUMN_WIDTH - 40 && Math.abs(p.y - y) < ROW_HEIGHT - 20)) y += ROW_HEIGHT;
    positions[node.name] = { x, y };
    taken.push({ x, y });
  }
  return positions;
}

/** Longest path from a source; nodes on a cycle or reading missing nodes get what can be computed. */
function dependencyDepths(pipeline: Pipeline): Map<string, number> {
  const byName = new Map(pipeline.nodes.map((n) => [n.name, n]));
  const depths = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (name: string): number => {
    const known = depths.get(name);
    if (known !== undefined) return known;
    const node = byName.get(name);
    if (!node || visiting.has(name)) return -1;
    visiting.add(name);
    const inputs = nodeInputs(node);
    const depth = inputs.length === 0 ? 0 : Math.max(...inputs.map(depthOf)) + 1;
    visiting.delete(name);
    depths.set(name, depth);
    return depth;
  };
  for (const node of pipeline.nodes) depthOf(node.name);
  return depths;
}
