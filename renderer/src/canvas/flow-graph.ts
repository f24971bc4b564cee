import { applyNodeChanges, Position, type Edge, type Node, type NodeChange, type NodeHandle } from '@xyflow/react';
import { nodeInputs, type Pipeline } from '../../../common/pipeline/model';
import type { DocumentState } from '../state/document-store';
import { categoryOf, nodeDetail, type NodeCategory } from '../state/node-kinds';
import type { SessionState } from '../state/session-store';
import { layoutPipeline } from './auto-layout';

export type PipelineNodeData = {
  name: string;
  /** The node's type in the pipeline ("transform.sql"); the flow node's own type is its category. */
  nodeType: string;
  /** What the card shows under the name: the file a source reads or a sink writes, the inputs of a SQL node. */
  detail: string;
  /** Its settings (or an upstream node's) changed since the result it shows. */
  stale: boolean;
  /** Group frames and cards: where the card was drawn, so a drag can move the members by as much. */
  origin?: { x: number; y: number };
  /** Open group frames: the cards they surround, followed while they are dragged. */
  members?: string[];
};
export type FlowNodeKind = NodeCategory | 'groupFrame' | 'groupCard';
export type PipelineFlowNode = Node<PipelineNodeData, FlowNodeKind>;

/** Group nodes' ids start with a control character no node name can hold. */
export const GROUP_ID_PREFIX = '\u001egroup:';
export const isGroupId = (id: string) => id.startsWith(GROUP_ID_PREFIX);
export const groupIdOf = (group: string) => `${GROUP_ID_PREFIX}${group}`;
export const groupOfId = (id: string) => id.slice(GROUP_ID_PREFIX.length);

/** Member → the collapsed group's card id that stands for it. */
export function collapsedMembers(pipeline: Pipeline): Map<string, string> {
  const members = new Map<string, string>();
  for (const [group, spec] of Object.entries(pipeline.groups ?? {})) {
    if (spec.collapsed) for (const name of spec.nodes) if (!members.has(name)) members.set(name, groupIdOf(group));
  }
  return members;
}
export type PipelineFlowEdge = Edge<{ rows: number | null }>;

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
      pipeline.groups ?? {},
    ]);
    shapes.set(pipeline, shape);
  }
  return shape;
}

/**
 * Flow nodes for the pipeline. A node equal to one in `previous` is that same
 * object, so React Flow and the memoized cards skip it: a move or an edit
 * re-renders the nodes it touched, not all 500.
 */
export function buildFlowNodes(pipeline: Pipeline, selected: ReadonlySet<string>, stale: ReadonlySet<string>, previous: readonly PipelineFlowNode[] = []): PipelineFlowNode[] {
  const positions = layoutPipeline(pipeline);
  const before = new Map(previous.map((node) => [node.id, node]));
  const hidden = collapsedMembers(pipeline);
  const nodes = pipeline.nodes.map((node): PipelineFlowNode => {
    const position = positions[node.name] ?? { x: 0, y: 0 };
    const type = categoryOf(node.type);
    const detail = nodeDetail(node, nodeInputs(node));
    const isSelected = selected.has(node.name);
    const isStale = stale.has(node.name);
    const old = before.get(node.name);
    if (
      old &&
      old.type === type &&
      old.position.x === position.x &&
      old.position.y === position.y &&
      old.data.nodeType === node.type &&
      old.data.detail === detail &&
      old.data.stale === isStale &&
      Boolean(old.selected) === isSelected &&
      Boolean(old.hidden) === hidden.has(node.name)
    ) {
      return old;
    }
    const flowNode: PipelineFlowNode = { id: node.name, type, position, data: { name: node.name, nodeType: node.type, detail, stale: isStale }, selected: isSelected };
    if (hidden.has(node.name)) flowNode.hidden = true;
    else if (!old?.measured) declareCardSize(flowNode, type !== 'source', type !== 'sink');
    return flowNode;
  });
  return [...groupNodes(pipeline, positions, selected, before), ...nodes];
}

/** A plain card as drawn (canvas.css): 220 px wide, its 9 px handles centred on the left and right sides. */
const CARD_SIZE = { width: 220, height: 50 };
const HANDLE_SIZE = 9;

/**
 * Gives a card not yet measured its size and handles. Without them React Flow
 * draws every unmeasured node, on screen or not, to measure it (500 cards laid
 * out to keep 40): with them it draws only what is on screen, and edges to cards
 * off screen still end at their handles. A drawn card is measured as usual, and
 * its measured size and handles replace these.
 */
function declareCardSize(flowNode: PipelineFlowNode, hasTarget: boolean, hasSource: boolean): void {
  const y = (CARD_SIZE.height - HANDLE_SIZE) / 2;
  const handles: NodeHandle[] = [];
  if (hasTarget) handles.push({ type: 'target', position: Position.Left, x: -HANDLE_SIZE / 2, y, width: HANDLE_SIZE, height: HANDLE_SIZE });
  if (hasSource) handles.push({ type: 'source', position: Position.Right, x: CARD_SIZE.width - HANDLE_SIZE / 2, y, width: HANDLE_SIZE, height: HANDLE_SIZE });
  flowNode.initialWidth = CARD_SIZE.width;
  flowNode.initialHeight = CARD_SIZE.height;
  flowNode.handles = handles;
}

/**
 * React Flow's node changes, after which a card it has measured forgets its
 * declared handles: declared handles would otherwise stand in for the measured
 * ones whenever the node object changes (a card grown by a rows line or an error).
 */
export function applyCardChanges(changes: NodeChange<PipelineFlowNode>[], nodes: PipelineFlowNode[]): PipelineFlowNode[] {
  const next = followGroupFrames(applyNodeChanges(changes, nodes), changes);
  const measured = new Set(changes.filter((change) => change.type === 'dimensions').map((change) => change.id));
  if (measured.size === 0) return next;
  return next.map((node) => {
    if (!measured.has(node.id) || !node.handles || !node.measured) return node;
    const { handles: _handles, initialWidth: _width, initialHeight: _height, ...rest } = node;
    return rest;
  });
}

/** While cards are dragged, the frames of the open groups they belong to follow them (the document moves at the drop). */
function followGroupFrames(nodes: PipelineFlowNode[], changes: NodeChange<PipelineFlowNode>[]): PipelineFlowNode[] {
  const moved = new Set(changes.flatMap((change) => (change.type === 'position' ? [change.id] : [])));
  if (moved.size === 0) return nodes;
  const frames = nodes.filter((node) => node.type === 'groupFrame' && node.data.members?.some((member) => moved.has(member)));
  if (frames.length === 0) return nodes;
  const positions = new Map(nodes.map((node) => [node.id, node.position]));
  const boxes = new Map(frames.map((frame) => [frame.id, frameBox(frame.data.members!.flatMap((member) => positions.get(member) ?? []))]));
  return nodes.map((node) => {
    const box = boxes.get(node.id);
    return box ? { ...node, ...box } : node;
  });
}

const FRAME_PADDING = { side: 16, top: 34, bottom: 44 };

/** Where an open group's frame goes around its members' cards. */
function frameBox(at: readonly { x: number; y: number }[]): { position: { x: number; y: number }; width: number; height: number } {
  const minX = Math.min(...at.map((p) => p.x));
  const minY = Math.min(...at.map((p) => p.y));
  const maxX = Math.max(...at.map((p) => p.x)) + 220;
  const maxY = Math.max(...at.map((p) => p.y)) + 60;
  return {
    position: { x: minX - FRAME_PADDING.side, y: minY - FRAME_PADDING.top },
    width: maxX - minX + 2 * FRAME_PADDING.side,
    height: maxY - minY + FRAME_PADDING.top + FRAME_PADDING.bottom,
  };
}

/** A frame behind each open group's members, a card for each collapsed one (at its members' top-left). */
function groupNodes(pipeline: Pipeline, positions: Record<string, { x: number; y: number }>, selected: ReadonlySet<string>, before: Map<string, PipelineFlowNode>): PipelineFlowNode[] {
  const out: PipelineFlowNode[] = [];
  for (const [group, spec] of Object.entries(pipeline.groups ?? {})) {
    const at = spec.nodes.map((name) => positions[name]).filter((p): p is { x: number; y: number } => p !== undefined);
    if (at.length === 0) continue;
    const minX = Math.min(...at.map((p) => p.x));
    const minY = Math.min(...at.map((p) => p.y));
    const id = groupIdOf(group);
    const detail = `${at.length} ${at.length === 1 ? 'node' : 'nodes'}`;
    if (spec.collapsed) {
      const old = before.get(id);
      if (old && old.type === 'groupCard' && old.position.x === minX && old.position.y === minY && old.data.detail === detail && Boolean(old.selected) === selected.has(id)) {
        out.push(old);
        continue;
      }
      out.push({ id, type: 'groupCard', position: { x: minX, y: minY }, data: { name: group, nodeType: 'group', detail, stale: false, origin: { x: minX, y: minY } }, selected: selected.has(id) });
      continue;
    }
    out.push({
      id,
      type: 'groupFrame',
      ...frameBox(at),
      data: { name: group, nodeType: 'group', detail, stale: false, members: spec.nodes.filter((name) => positions[name] !== undefined) },
      draggable: false,
      selectable: false,
      focusable: false,
      zIndex: -1,
      className: 'group-frame-node',
    });
  }
  return out;
}

/** Rows each node produced in the last run, keyed `name=rows`: edges show what flows along them. */
const RAN = new Set<string>(['succeeded', 'cached', 'check-failed']);
export function selectRunRows(state: SessionState): string {
  const parts: string[] = [];
  for (const [name, session] of Object.entries(state.nodes)) {
    if (RAN.has(session.activity) && session.rows !== null) parts.push(`${name}\u0001${session.rows}`);
  }
  return parts.sort().join('\u0000');
}

export function parseRunRows(key: string): Map<string, number> {
  const rows = new Map<string, number>();
  if (!key) return rows;
  for (const part of key.split('\u0000')) {
    const [name, count] = part.split('\u0001') as [string, string];
    rows.set(name, Number(count));
  }
  return rows;
}

/** Edge labels sit in the gap between two cards: "3M rows", "599.1K rows" (the cards show the exact count). */
const rowFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function buildFlowEdges(pipeline: Pipeline, options: { running: ReadonlySet<string>; rows: ReadonlyMap<string, number>; selected: ReadonlySet<string> }): PipelineFlowEdge[] {
  const names = new Set(pipeline.nodes.map((n) => n.name));
  // Edges of a collapsed group's members end at its card; edges inside it are not drawn.
  const card = collapsedMembers(pipeline);
  const seen = new Set<string>();
  return pipeline.nodes.flatMap((node) =>
    nodeInputs(node)
      .filter((input) => names.has(input))
      .flatMap((input) => {
        const source = card.get(input) ?? input;
        const target = card.get(node.name) ?? node.name;
        const id = edgeId(source, target);
        if (source === target || seen.has(id)) return [];
        seen.add(id);
        const rows = options.rows.get(input);
        const edge: PipelineFlowEdge = { id, source, target, animated: options.running.has(node.name), selected: options.selected.has(id), data: { rows: rows ?? null } };
        if (isGroupId(source) || isGroupId(target)) edge.selectable = false;
        if (rows !== undefined) {
          edge.label = `${rowFormat.format(rows)} ${rows === 1 ? 'row' : 'rows'}`;
          edge.className = 'has-rows';
        }
        return [edge];
      }),
  );
}

/** Node names may hold any printable text, so the id joins them with a control character they cannot contain (not NUL: it ends up in the DOM). */
export function edgeId(source: string, target: string): string {
  return `${source}\u001f${target}`;
}

export function splitEdgeId(id: string): [string, string] {
  const at = id.indexOf('\u001f');
  return [id.slice(0, at), id.slice(at + 1)];
}

/** The card size the initial view assumes (cards are 220 px wide; most are this tall). */
const CARD = { width: 220, height: 64 };
const VIEW_PADDING = 24;
const MIN_INITIAL_ZOOM = 0.5;

/**
 * Where the canvas first looks: the whole graph, centred, at a zoom between
 * 0.5 (with the file tree and the node panel open, the five-node sample must
 * still fit a 1440 px window) and 1. A graph too big for that is shown from its
 * top-left corner, where its sources are, rather than cut on every side.
 */
export function initialViewport(positions: Iterable<{ x: number; y: number }>, size: { width: number; height: number }): { x: number; y: number; zoom: number } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of positions) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + CARD.width);
    maxY = Math.max(maxY, p.y + CARD.height);
  }
  if (minX === Infinity) return { x: 0, y: 0, zoom: 1 };
  const width = maxX - minX;
  const height = maxY - minY;
  const fit = Math.min((size.width - 2 * VIEW_PADDING) / width, (size.height - 2 * VIEW_PADDING) / height);
  const zoom = Math.min(1, Math.max(MIN_INITIAL_ZOOM, fit));
  const place = (extent: number, available: number, min: number) =>
    extent * zoom <= available - 2 * VIEW_PADDING ? (available - extent * zoom) / 2 - min * zoom : VIEW_PADDING - min * zoom;
  return { x: place(width, size.width, minX), y: place(height, size.height, minY), zoom };
}
