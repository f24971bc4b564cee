import { nodeInputs, NodeNameSchema, type NodePosition, type Pipeline, type PipelineNode } from '../../../common/pipeline/model';
import { categoryOf } from './node-kinds';

/**
 * Graph edits as pure functions from one pipeline to the next. The document
 * store records the difference as one undo step; the canvas asks the `can...`
 * functions first to show why an edit is refused.
 */

/** How many inputs a node type reads: sources none, most transforms and checks one, a join two. */
export function inputArity(type: string): { min: number; max: number } {
  const category = categoryOf(type);
  if (category === 'source') return { min: 0, max: 0 };
  if (type === 'transform.join') return { min: 2, max: 2 };
  if (type === 'transform.union') return { min: 2, max: Infinity };
  if (type === 'transform.sql' || type === 'check.sql') return { min: 1, max: Infinity };
  return { min: 1, max: 1 };
}

/** Why `source → target` cannot be added, or null when it can. */
export function connectionProblem(pipeline: Pipeline, source: string, target: string): string | null {
  const byName = new Map(pipeline.nodes.map((node) => [node.name, node]));
  const from = byName.get(source);
  const to = byName.get(target);
  if (!from || !to) return `no node named "${!from ? source : target}"`;
  if (source === target) return `"${target}" cannot read itself`;
  if (categoryOf(from.type) === 'sink') return `"${source}" is a sink: it writes a file and has no output to read`;
  const arity = inputArity(to.type);
  if (arity.max === 0) return `"${target}" is a source: it reads no inputs`;
  const inputs = nodeInputs(to);
  if (inputs.includes(source)) return `"${target}" already reads "${source}"`;
  if (inputs.length >= arity.max) {
    const what = arity.max === 1 ? 'one input' : `${arity.max} inputs`;
    return `"${target}" reads exactly ${what} (${inputs.join(', ')}); disconnect one first`;
  }
  const path = pathBetween(byName, target, source);
  if (path) return `that would make a cycle: ${[...path, target].join(' → ')}`;
  return null;
}

/** A downstream path from `from` to `to` (following who reads whom), or null. */
function pathBetween(byName: Map<string, PipelineNode>, from: string, to: string): string[] | null {
  const readers = new Map<string, string[]>();
  for (const node of byName.values()) {
    for (const input of nodeInputs(node)) readers.set(input, [...(readers.get(input) ?? []), node.name]);
  }
  const previous = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (name === to) {
      const path = [name];
      for (let at = name; at !== from; ) path.unshift((at = previous.get(at)!));
      return path;
    }
    for (const reader of readers.get(name) ?? []) {
      if (seen.has(reader)) continue;
      seen.add(reader);
      previous.set(reader, name);
      queue.push(reader);
    }
  }
  return null;
}

function withInputs(node: PipelineNode, inputs: string[]): PipelineNode {
  return { ...node, inputs } as PipelineNode;
}

export function connect(pipeline: Pipeline, source: string, target: string): Pipeline {
  const problem = connectionProblem(pipeline, source, target);
  if (problem) throw new Error(problem);
  return { ...pipeline, nodes: pipeline.nodes.map((node) => (node.name === target ? withInputs(node, [...nodeInputs(node), source]) : node)) };
}

export function disconnect(pipeline: Pipeline, source: string, target: string): Pipeline {
  return {
    ...pipeline,
    nodes: pipeline.nodes.map((node) => (node.name === target && nodeInputs(node).includes(source) ? withInputs(node, nodeInputs(node).filter((i) => i !== source)) : node)),
  };
}

/** Removes nodes, their positions, and the inputs of other nodes that read them. */
export function removeNodes(pipeline: Pipeline, names: readonly string[]): Pipeline {
  const gone = new Set(names);
  const nodes = pipeline.nodes
    .filter((node) => !gone.has(node.name))
    .map((node) => (nodeInputs(node).some((i) => gone.has(i)) ? withInputs(node, nodeInputs(node).filter((i) => !gone.has(i))) : node));
  const next: Pipeline = { ...pipeline, nodes };
  if (pipeline.layout) next.layout = Object.fromEntries(Object.entries(pipeline.layout).filter(([name]) => !gone.has(name)));
  if (pipeline.groups) setGroups(next, mapGroupMembers(pipeline.groups, (name) => (gone.has(name) ? null : name)));
  return next;
}

type Groups = NonNullable<Pipeline['groups']>;

/** Groups with members renamed (or dropped, for null); a group left empty goes. Same object when nothing changed. */
function mapGroupMembers(groups: Groups, rename: (name: string) => string | null): Groups {
  let changed = false;
  const out: Groups = {};
  for (const [name, group] of Object.entries(groups)) {
    const nodes = group.nodes.flatMap((member) => {
      const to = rename(member);
      if (to !== member) changed = true;
      return to === null ? [] : [to];
    });
    if (nodes.length > 0) out[name] = { ...group, nodes };
  }
  return changed ? out : groups;
}

function setGroups(pipeline: Pipeline, groups: Groups): void {
  if (Object.keys(groups).length > 0) pipeline.groups = groups;
  else delete pipeline.groups;
}

/** Puts nodes in a new group (taking them out of the groups they were in); returns its name. */
export function groupNodes(pipeline: Pipeline, names: readonly string[]): { pipeline: Pipeline; group: string } {
  const known = new Set(pipeline.nodes.map((node) => node.name));
  const members = names.filter((name) => known.has(name));
  if (members.length === 0) throw new Error('select the nodes to group first');
  const moving = new Set(members);
  const groups = mapGroupMembers(pipeline.groups ?? {}, (name) => (moving.has(name) ? null : name));
  const group = uniqueName('group', new Set(Object.keys(groups)));
  const next: Pipeline = { ...pipeline };
  setGroups(next, { ...groups, [group]: { nodes: members } });
  return { pipeline: next, group };
}

export function ungroup(pipeline: Pipeline, group: string): Pipeline {
  if (!pipeline.groups?.[group]) return pipeline;
  const { [group]: _removed, ...rest } = pipeline.groups;
  const next: Pipeline = { ...pipeline };
  setGroups(next, rest);
  return next;
}

export function setGroupCollapsed(pipeline: Pipeline, group: string, collapsed: boolean): Pipeline {
  const current = pipeline.groups?.[group];
  if (!current || Boolean(current.collapsed) === collapsed) return pipeline;
  const { collapsed: _old, ...rest } = current;
  return { ...pipeline, groups: { ...pipeline.groups, [group]: collapsed ? { ...rest, collapsed: true } : rest } };
}

/** Why `name` cannot be a node's new name, or null. */
export function nameProblem(pipeline: Pipeline, name: string, current?: string): string | null {
  const parsed = NodeNameSchema.safeParse(name);
  if (!parsed.success) return parsed.error.issues[0]!.message;
  if (name !== current && pipeline.nodes.some((node) => node.name === name)) return `a node named "${name}" already exists`;
  return null;
}

/**
 * Renames a node and the `inputs` entries that read it, and moves its position.
 * SQL text is the user's and is left as written: the names of the nodes whose
 * SQL still mentions the old name come back so the UI can say so.
 */
export function renameNode(pipeline: Pipeline, from: string, to: string): { pipeline: Pipeline; sqlMentions: string[] } {
  const problem = nameProblem(pipeline, to, from);
  if (problem) throw new Error(problem);
  if (!pipeline.nodes.some((node) => node.name === from)) throw new Error(`no node named "${from}"`);
  if (from === to) return { pipeline, sqlMentions: [] };
  const mention = new RegExp(`(^|[^A-Za-z0-9_])"?${escapeRegExp(from)}"?($|[^A-Za-z0-9_])`);
  const sqlMentions: string[] = [];
  const nodes = pipeline.nodes.map((node) => {
    let next = node;
    if (node.name === from) next = { ...node, name: to };
    if (nodeInputs(node).includes(from)) {
      next = withInputs(next, nodeInputs(node).map((i) => (i === from ? to : i)));
      const sql = (node as { sql?: unknown }).sql;
      if (typeof sql === 'string' && mention.test(sql)) sqlMentions.push(next.name);
    }
    return next;
  });
  const next: Pipeline = { ...pipeline, nodes };
  if (pipeline.groups) setGroups(next, mapGroupMembers(pipeline.groups, (name) => (name === from ? to : name)));
  if (pipeline.layout && pipeline.layout[from]) {
    next.layout = Object.fromEntries(Object.entries(pipeline.layout).map(([name, position]) => [name === from ? to : name, position]));
  }
  return { pipeline: next, sqlMentions };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `base`, or `base_2`, `base_3`… whichever is free. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(/_\d+$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${stem}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Inserts copies of nodes (a paste or a duplicate) under free names. Inputs
 * between copied nodes follow the copies; inputs to nodes outside the copy
 * stay when that node exists here and are dropped otherwise.
 */
export function insertCopies(
  pipeline: Pipeline,
  copies: readonly PipelineNode[],
  positions: Record<string, NodePosition>,
  offset: NodePosition,
): { pipeline: Pipeline; names: string[] } {
  const taken = new Set(pipeline.nodes.map((node) => node.name));
  const renamed = new Map<string, string>();
  for (const node of copies) {
    const name = uniqueName(node.name, taken);
    taken.add(name);
    renamed.set(node.name, name);
  }
  const existing = new Set(pipeline.nodes.map((node) => node.name));
  const added = copies.map((node) => {
    const next = { ...node, name: renamed.get(node.name)! } as PipelineNode;
    if (!('inputs' in node)) return next;
    const inputs = nodeInputs(node).flatMap((input) => (renamed.has(input) ? [renamed.get(input)!] : existing.has(input) ? [input] : []));
    return withInputs(next, inputs);
  });
  const layout = { ...pipeline.layout };
  for (const node of copies) {
    const at = positions[node.name];
    if (at) layout[renamed.get(node.name)!] = { x: Math.round(at.x + offset.x), y: Math.round(at.y + offset.y) };
  }
  return { pipeline: { ...pipeline, nodes: [...pipeline.nodes, ...added], layout }, names: added.map((node) => node.name) };
}
