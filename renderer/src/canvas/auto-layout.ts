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

/**
 * A layered left-to-right layout of the whole graph (ELK), for the Auto-layout
 * command: it untangles crossings the saved positions may have. ELK is loaded
 * on first use; it is large and most sessions never call it.
 */
export async function layoutWithElk(pipeline: Pipeline, sizes: ReadonlyMap<string, { width: number; height: number }>): Promise<Record<string, NodePosition>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const names = new Set(pipeline.nodes.map((node) => node.name));
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: pipeline.nodes.map((node) => ({ id: node.name, width: sizes.get(node.name)?.width ?? 220, height: sizes.get(node.name)?.height ?? 70 })),
    edges: pipeline.nodes.flatMap((node) =>
      nodeInputs(node)
        .filter((input) => names.has(input) && input !== node.name)
        .map((input) => ({ id: `${input}→${node.name}`, sources: [input], targets: [node.name] })),
    ),
  });
  const positions: Record<string, NodePosition> = {};
  for (const child of graph.children ?? []) positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  return positions;
}
