import { nodeInputs, type Pipeline, type PipelineNode } from './model';

export interface GraphProblem {
  node?: string;
  message: string;
}

/** Structural problems a schema cannot see: duplicate names, missing inputs, cycles. */
export function findGraphProblems(pipeline: Pipeline): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const seen = new Set<string>();
  for (const node of pipeline.nodes) {
    if (seen.has(node.name)) problems.push({ node: node.name, message: `duplicate node name "${node.name}"` });
    seen.add(node.name);
  }
  for (const node of pipeline.nodes) {
    for (const input of nodeInputs(node)) {
      if (!seen.has(input)) problems.push({ node: node.name, message: `node "${node.name}" reads "${input}", which does not exist` });
      if (input === node.name) problems.push({ node: node.name, message: `node "${node.name}" reads itself` });
    }
    if (new Set(nodeInputs(node)).size !== nodeInputs(node).length) {
      problems.push({ node: node.name, message: `node "${node.name}" lists the same input twice` });
    }
  }
  if (problems.length === 0) {
    const cycle = findCycle(pipeline);
    if (cycle) problems.push({ node: cycle[0], message: `cycle: ${cycle.join(' → ')}` });
  }
  return problems;
}

function findCycle(pipeline: Pipeline): string[] | undefined {
  const byName = new Map(pipeline.nodes.map((n) => [n.name, n]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    const current = state.get(name);
    if (current === 'done') return undefined;
    if (current === 'visiting') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'visiting');
    stack.push(name);
    for (const input of nodeInputs(byName.get(name)!)) {
      if (!byName.has(input)) continue;
      const cycle = visit(input);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const node of pipeline.nodes) {
    const cycle = visit(node.name);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Nodes ordered so that every node comes after its inputs; stable in file order. */
export function topologicalOrder(pipeline: Pipeline): PipelineNode[] {
  const byName = new Map(pipeline.nodes.map((n) => [n.name, n]));
  const ordered: PipelineNode[] = [];
  const placed = new Set<string>();
  const place = (node: PipelineNode, path: Set<string>) => {
    if (placed.has(node.name)) return;
    if (path.has(node.name)) throw new Error(`cycle through node "${node.name}"`);
    path.add(node.name);
    for (const input of nodeInputs(node)) {
      const upstream = byName.get(input);
      if (!upstream) throw new Error(`node "${node.name}" reads "${input}", which does not exist`);
      place(upstream, path);
    }
    path.delete(node.name);
    placed.add(node.name);
    ordered.push(node);
  };
  for (const node of pipeline.nodes) place(node, new Set());
  return ordered;
}

/** The node and everything it reads from, in topological order. */
export function upstreamClosure(pipeline: Pipeline, nodeName: string): PipelineNode[] {
  const byName = new Map(pipeline.nodes.map((n) => [n.name, n]));
  const wanted = new Set<string>();
  const walk = (name: string) => {
    if (wanted.has(name)) return;
    const node = byName.get(name);
    if (!node) throw new Error(`no node named "${name}"`);
    wanted.add(name);
    for (const input of nodeInputs(node)) walk(input);
  };
  walk(nodeName);
  return topologicalOrder(pipeline).filter((n) => wanted.has(n.name));
}

/**
 * Just what computing one node needs: the node, what it reads, and the
 * pipeline's parameters. A preview or profile of one node then works while an
 * unrelated node is still being written (a node without its inputs yet).
 * Falls back to the whole pipeline when the node's own graph is broken, so
 * the engine reports that problem.
 */
export function pipelineForNode(pipeline: Pipeline, nodeName: string): Pipeline {
  const wanted = new Set<string>();
  const byName = new Map(pipeline.nodes.map((n) => [n.name, n]));
  const walk = (name: string): boolean => {
    if (wanted.has(name)) return true;
    const node = byName.get(name);
    if (!node) return false;
    wanted.add(name);
    return nodeInputs(node).every(walk);
  };
  if (!walk(nodeName)) return pipeline;
  const narrowed: Pipeline = { version: pipeline.version, name: pipeline.name, nodes: pipeline.nodes.filter((n) => wanted.has(n.name)) };
  if (pipeline.params) narrowed.params = pipeline.params;
  return narrowed;
}
