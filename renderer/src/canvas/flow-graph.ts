import type { Edge, Node } from '@xyflow/react';
import { nodeInputs, type Pipeline } from '../../../common/pipeline/model';
import type { DocumentState } from '../state/document-store';
import { categoryOf, nodeDetail, type NodeCategory } from '../state/node-kinds';
import { layoutPipeline } from './auto-layout';

export type PipelineNodeData = {
  name: string;
  /** The node's type in the pipeline ("transform.sql"); the flow node's own type is its category. */
  nodeType: string;
  /** What the card shows under the name: the file a source reads or a sink writes, the inputs of a SQL node. */
  detail: string;
};
export type PipelineFlowNode = Node<PipelineNodeData, NodeCategory>;

/**
 * The part of the document the canvas draws: names, types, connections, paths
 * and positions, but not SQL text. Typing SQL leaves it unchanged, so the graph
 * is not rebuilt on every keystroke.
 */
const shapes = new WeakMap<Pipeline, string>();
export function selectGraphShape(state: DocumentState): string {
  const { pipeline } = state;
  if (!pipeline) return '';
  let shape = shapes.get(pipeline);
  if (shape === undefined) {
    shape = JSON.stringify([
      pipeline.nodes.map((node) => [node.name, node.type, nodeInputs(node), nodeDetail(node, nodeInputs(node))]),
      pipeline.layout ?? {},
    ]);
    shapes.set(pipeline, shape);
  }
  return shape;
}

export function buildFlowNodes(pipeline: Pipeline, selected: string | null): PipelineFlowNode[] {
  const positions = layoutPipeline(pipeline);
  return pipeline.nodes.map((node) => ({
    id: node.name,
    type: categoryOf(node.type),
    position: positions[node.name] ?? { x: 0, y: 0 },
    data: { name: node.name, nodeType: node.type, detail: nodeDetail(node, nodeInputs(node)) },
    selected: node.name === selected,
  }));
}

export function buildFlowEdges(pipeline: Pipeline): Edge[] {
  const names = new Set(pipeline.nodes.map((n) => n.name));
  return pipeline.nodes.flatMap((node) =>
    nodeInputs(node)
      .filter((input) => names.has(input))
      .map((input) => ({ id: `${input}→${node.name}`, source: input, target: node.name, selectable: false })),
  );
}
