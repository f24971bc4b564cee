import type { NodePosition, Pipeline, PipelineNode } from '../../../common/pipeline/model';

/**
 * What one edit changed in a pipeline, as in tldraw's history: the records that
 * were added, removed or updated, never a copy of the whole document. Node
 * objects are shared with the pipelines (they are immutable), so a diff costs
 * what the edit touched. Edits never reorder surviving nodes, which is what lets
 * the indices below be applied in one pass.
 */
export interface PipelineDiff {
  /** Indices into the nodes before the edit. */
  removed: { index: number; node: PipelineNode }[];
  /** Indices into the nodes after the edit. */
  added: { index: number; node: PipelineNode }[];
  /** Same name on both sides; `from` indexes the nodes before, `to` the nodes after. */
  updated: { from: number; to: number; before: PipelineNode; after: PipelineNode }[];
  /** Canvas positions by node name: [before, after]; undefined when absent. */
  layout: Record<string, [NodePosition | undefined, NodePosition | undefined]>;
  /** The pipeline's own fields (name, description, params, groups): [before, after]. */
  fields: Record<string, [unknown, unknown]>;
}

const FIELDS = ['version', 'name', 'description', 'params', 'groups'] as const;

export function isEmptyDiff(diff: PipelineDiff): boolean {
  return diff.removed.length === 0 && diff.added.length === 0 && diff.updated.length === 0 && Object.keys(diff.layout).length === 0 && Object.keys(diff.fields).length === 0;
}

/** Whether the diff adds or removes nodes (then indices shift and it cannot be squashed). */
export function changesMembership(diff: PipelineDiff): boolean {
  return diff.removed.length > 0 || diff.added.length > 0;
}

/** The diff that turns `before` into `after`. O(nodes + layout keys); unchanged nodes are compared by reference. */
export function diffPipelines(before: Pipeline, after: Pipeline): PipelineDiff {
  const diff: PipelineDiff = { removed: [], added: [], updated: [], layout: {}, fields: {} };
  for (const field of FIELDS) {
    if (before[field] !== after[field]) diff.fields[field] = [before[field], after[field]];
  }
  if (before.nodes !== after.nodes) diffNodes(before.nodes, after.nodes, diff);
  if (before.layout !== after.layout) {
    const from = before.layout ?? {};
    const to = after.layout ?? {};
    for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
      const a = from[key];
      const b = to[key];
      if (a === b || (a && b && a.x === b.x && a.y === b.y)) continue;
      diff.layout[key] = [a, b];
    }
  }
  return diff;
}

function diffNodes(before: readonly PipelineNode[], after: readonly PipelineNode[], diff: PipelineDiff): void {
  const beforeIndex = uniqueIndex(before);
  const afterIndex = uniqueIndex(after);
  if (beforeIndex && afterIndex && survivorsKeepOrder(before, afterIndex)) {
    before.forEach((node, index) => {
      const to = afterIndex.get(node.name);
      if (to === undefined) diff.removed.push({ index, node });
      else if (after[to] !== node) diff.updated.push({ from: index, to, before: node, after: after[to]! });
    });
    after.forEach((node, index) => {
      if (!beforeIndex.has(node.name)) diff.added.push({ index, node });
    });
    return;
  }
  // Duplicate names (a broken file) or a reordering: record the node list as replaced.
  before.forEach((node, index) => diff.removed.push({ index, node }));
  after.forEach((node, index) => diff.added.push({ index, node }));
}

function uniqueIndex(nodes: readonly PipelineNode[]): Map<string, number> | null {
  const index = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) {
    if (index.has(nodes[i]!.name)) return null;
    index.set(nodes[i]!.name, i);
  }
  return index;
}

function survivorsKeepOrder(before: readonly PipelineNode[], afterIndex: Map<string, number>): boolean {
  let last = -1;
  for (const node of before) {
    const to = afterIndex.get(node.name);
    if (to === undefined) continue;
    if (to < last) return false;
    last = to;
  }
  return true;
}

export function invertDiff(diff: PipelineDiff): PipelineDiff {
  const layout: PipelineDiff['layout'] = {};
  for (const [key, [a, b]] of Object.entries(diff.layout)) layout[key] = [b, a];
  const fields: PipelineDiff['fields'] = {};
  for (const [key, [a, b]] of Object.entries(diff.fields)) fields[key] = [b, a];
  return {
    removed: diff.added,
    added: diff.removed,
    updated: diff.updated.map((u) => ({ from: u.to, to: u.from, before: u.after, after: u.before })),
    layout,
    fields,
  };
}

/** Applies a diff to the pipeline it was computed from (or one equal to it). Throws if the pipeline does not match. */
export function applyDiff(pipeline: Pipeline, diff: PipelineDiff): Pipeline {
  const next: Record<string, unknown> = { ...pipeline };
  for (const [field, [, value]] of Object.entries(diff.fields)) {
    if (value === undefined) delete next[field];
    else next[field] = value;
  }
  if (changesMembership(diff) || diff.updated.length > 0) {
    const nodes = pipeline.nodes.slice();
    for (const u of diff.updated) {
      if (nodes[u.from] !== u.before) throw new Error(`history out of step: node "${u.before.name}" is not where the edit left it`);
      nodes[u.from] = u.after;
    }
    const removed = diff.removed.slice().sort((a, b) => b.index - a.index);
    for (const r of removed) {
      if (nodes[r.index]?.name !== r.node.name) throw new Error(`history out of step: node "${r.node.name}" is not where the edit left it`);
      nodes.splice(r.index, 1);
    }
    const added = diff.added.slice().sort((a, b) => a.index - b.index);
    for (const a of added) nodes.splice(a.index, 0, a.node);
    next.nodes = nodes;
  }
  const layoutKeys = Object.keys(diff.layout);
  if (layoutKeys.length > 0) {
    const layout = { ...pipeline.layout };
    for (const key of layoutKeys) {
      const position = diff.layout[key]![1];
      if (position === undefined) delete layout[key];
      else layout[key] = position;
    }
    if (Object.keys(layout).length === 0 && pipeline.layout === undefined) delete next.layout;
    else next.layout = layout;
  }
  return next as Pipeline;
}

/**
 * One diff doing what `first` then `second` do, or null when that cannot be
 * said without replaying (either adds or removes nodes). Typing and dragging
 * only update, so a gesture squashes into one diff however long it lasts.
 */
export function squashDiffs(first: PipelineDiff, second: PipelineDiff): PipelineDiff | null {
  if (changesMembership(first) || changesMembership(second)) return null;
  const updated = new Map(first.updated.map((u) => [u.to, { ...u }]));
  for (const u of second.updated) {
    const earlier = updated.get(u.from);
    if (earlier) earlier.after = u.after;
    else updated.set(u.from, { ...u });
  }
  const layout: PipelineDiff['layout'] = { ...first.layout };
  for (const [key, [a, b]] of Object.entries(second.layout)) layout[key] = key in layout ? [layout[key]![0], b] : [a, b];
  const fields: PipelineDiff['fields'] = { ...first.fields };
  for (const [key, [a, b]] of Object.entries(second.fields)) fields[key] = key in fields ? [fields[key]![0], b] : [a, b];
  const diff: PipelineDiff = {
    removed: [],
    added: [],
    updated: [...updated.values()].filter((u) => u.before !== u.after).sort((a, b) => a.from - b.from),
    layout: Object.fromEntries(Object.entries(layout).filter(([, [a, b]]) => !samePosition(a, b))),
    fields: Object.fromEntries(Object.entries(fields).filter(([, [a, b]]) => a !== b)),
  };
  return diff;
}

function samePosition(a: NodePosition | undefined, b: NodePosition | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.x === b.x && a.y === b.y);
}

/**
 * Whether two pipelines are the same document: after undoing back to the saved
 * state the node objects are the saved ones again, so comparing them by
 * reference (and positions by value) is exact and cheap.
 */
export function samePipeline(a: Pipeline | null, b: Pipeline | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  for (const field of FIELDS) if (a[field] !== b[field]) return false;
  if (a.nodes.length !== b.nodes.length || a.nodes.some((node, i) => node !== b.nodes[i])) return false;
  const la = a.layout ?? {};
  const lb = b.layout ?? {};
  const keys = Object.keys(la);
  if (keys.length !== Object.keys(lb).length) return false;
  return keys.every((key) => samePosition(la[key], lb[key]));
}
