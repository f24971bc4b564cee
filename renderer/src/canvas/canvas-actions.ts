import type { ReactFlowInstance } from '@xyflow/react';
import { z } from 'zod';
import { NodePositionSchema, PipelineNodeSchema, type NodePosition, type NodeType, type PipelineNode } from '../../../common/pipeline/model';
import { previewNode } from '../actions/preview-actions';
import { runPipeline } from '../actions/run-actions';
import { inputArity, uniqueName } from '../state/document-edits';
import { useDocumentStore } from '../state/document-store';
import { categoryOf } from '../state/node-kinds';
import { useUiStore } from '../state/ui-store';
import { layoutWithElk } from './auto-layout';
import { useCanvasStore, type CanvasClipboard } from './canvas-store';
import { splitEdgeId, type PipelineFlowEdge, type PipelineFlowNode } from './flow-graph';
import { baseName, newNode } from './node-templates';

/**
 * What the canvas does, callable from the command registry, the context menu
 * and the palette alike. The React Flow instance is set while the canvas is
 * mounted (for screen ↔ canvas coordinates and zoom).
 */
let flow: ReactFlowInstance<PipelineFlowNode, PipelineFlowEdge> | null = null;
let clipboard: CanvasClipboard | null = null;
let pasteCount = 0;

export function setFlowInstance(instance: ReactFlowInstance<PipelineFlowNode, PipelineFlowEdge> | null): void {
  flow = instance;
}

export const hasPipeline = () => useDocumentStore.getState().pipeline !== null;

/** Selected node names: the canvas selection, or the node the side panel shows. */
export function selectedNames(): string[] {
  const { selection } = useCanvasStore.getState();
  if (selection.length > 0) return selection;
  const single = useUiStore.getState().selectedNode;
  return single ? [single] : [];
}

export function selectOnly(names: string[]): void {
  useCanvasStore.getState().setSelection(names, []);
  useUiStore.getState().selectNode(names.length === 1 ? names[0]! : null);
}

function positionsOf(names: readonly string[]): Record<string, NodePosition> {
  const positions: Record<string, NodePosition> = {};
  for (const name of names) {
    const node = flow?.getNode(name);
    const saved = useDocumentStore.getState().pipeline?.layout?.[name];
    const at = node?.position ?? saved;
    if (at) positions[name] = at;
  }
  return positions;
}

/** The middle of the visible canvas, in canvas coordinates. */
function visibleCenter(): NodePosition {
  const element = document.querySelector('[data-testid="canvas"]');
  if (!flow || !element) return { x: 0, y: 0 };
  const box = element.getBoundingClientRect();
  const at = flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
  return { x: at.x - 110, y: at.y - 30 };
}

export function screenToCanvas(point: { x: number; y: number }): NodePosition {
  return flow ? flow.screenToFlowPosition(point) : point;
}

/**
 * Adds a node of a type at a point (a drop) or next to the selected node. A
 * node that reads inputs reads the selected node when it can.
 */
export function addNodeOfType(type: NodeType, at?: NodePosition): string | null {
  const { pipeline } = useDocumentStore.getState();
  if (!pipeline) return null;
  const name = uniqueName(baseName(type), new Set(pipeline.nodes.map((node) => node.name)));
  const selected = useUiStore.getState().selectedNode;
  const from = selected ? pipeline.nodes.find((node) => node.name === selected) : undefined;
  const input = from && categoryOf(type) !== 'source' && categoryOf(from.type) !== 'sink' ? from.name : null;
  let position = at;
  if (!position) {
    const fromAt = input ? positionsOf([input])[input] : undefined;
    position = fromAt ? { x: fromAt.x + 280, y: fromAt.y } : visibleCenter();
  }
  useDocumentStore.getState().addNodes([newNode(type, name, input)], { [name]: position });
  selectOnly([name]);
  // The file format needs a reader's inputs: saving and running the whole pipeline wait for them (autosave and previews of other nodes do not).
  const { min } = inputArity(type);
  const has = input ? 1 : 0;
  if (has < min) useCanvasStore.getState().say('warn', `Connect ${min - has === 1 ? 'an input' : `${min - has} inputs`} to ${name}: until then the pipeline cannot be saved or run (unsaved edits are still kept).`);
  return name;
}

/** Adds ready-made nodes (a file source from a dropped file). */
export function addNodeAt(node: PipelineNode, at: NodePosition): void {
  useDocumentStore.getState().addNodes([node], { [node.name]: at });
  selectOnly([node.name]);
}

export function deleteSelection(): void {
  const names = selectedNames();
  const edges = useCanvasStore.getState().selectedEdges;
  const store = useDocumentStore.getState();
  if (names.length > 0) store.removeNodes(names);
  // Edges between deleted nodes went with them; the rest are disconnected one by one.
  const gone = new Set(names);
  for (const id of edges) {
    const [source, target] = splitEdgeId(id);
    if (!gone.has(source) && !gone.has(target)) store.disconnect(source, target);
  }
  selectOnly([]);
}

function nodesNamed(names: readonly string[]): PipelineNode[] {
  const wanted = new Set(names);
  return useDocumentStore.getState().pipeline?.nodes.filter((node) => wanted.has(node.name)) ?? [];
}

export function duplicateSelection(): void {
  const nodes = nodesNamed(selectedNames());
  if (nodes.length === 0) return;
  const names = useDocumentStore.getState().insertCopies(nodes, positionsOf(nodes.map((n) => n.name)), { x: 40, y: 40 }, `duplicate ${nodes.length === 1 ? nodes[0]!.name : `${nodes.length} nodes`}`);
  selectOnly(names);
}

// Only copy and paste read or write YAML: loaded then, it stays out of the bundle every window starts with.
const loadYaml = () => import('yaml');

const ClipboardSchema = z.object({ nodes: z.array(PipelineNodeSchema).min(1), layout: z.record(z.string(), NodePositionSchema).optional() });

/** Copies the selected nodes to the app and, as a pipeline YAML fragment, to the system clipboard. */
export async function copySelection(): Promise<void> {
  const nodes = nodesNamed(selectedNames());
  if (nodes.length === 0) return;
  clipboard = { nodes, positions: positionsOf(nodes.map((n) => n.name)) };
  pasteCount = 0;
  try {
    const { stringify } = await loadYaml();
    await navigator.clipboard.writeText(stringify({ nodes, layout: clipboard.positions }));
  } catch {
    // The system clipboard can be refused (no focus, no permission); the app's own copy still pastes.
  }
  useCanvasStore.getState().say('info', `Copied ${nodes.length === 1 ? nodes[0]!.name : `${nodes.length} nodes`}`);
}

/** Pastes the app's clipboard, or a pipeline YAML fragment (`nodes:` list) from the system clipboard. */
export async function paste(): Promise<void> {
  let source = clipboard;
  if (!source) source = await readSystemClipboard();
  if (!source) {
    useCanvasStore.getState().say('warn', 'Nothing to paste: copy nodes first (or pipeline YAML with a nodes: list)');
    return;
  }
  pasteCount += 1;
  const offset = { x: 40 * pasteCount, y: 40 * pasteCount };
  const names = useDocumentStore.getState().insertCopies(source.nodes, source.positions, offset, `paste ${source.nodes.length === 1 ? source.nodes[0]!.name : `${source.nodes.length} nodes`}`);
  selectOnly(names);
}

async function readSystemClipboard(): Promise<CanvasClipboard | null> {
  let text: string;
  try {
    text = await navigator.clipboard.readText();
  } catch {
    return null;
  }
  try {
    const { parse } = await loadYaml();
    const parsed = ClipboardSchema.safeParse(parse(text));
    if (!parsed.success) return null;
    return { nodes: parsed.data.nodes, positions: parsed.data.layout ?? {} };
  } catch {
    return null;
  }
}

export function startRename(name = selectedNames()[0]): void {
  if (name) useCanvasStore.getState().startRename(name);
}

/** Renames from the inline editor; returns why it failed, or null. */
export function commitRename(from: string, to: string): string | null {
  const name = to.trim();
  if (name === from) {
    useCanvasStore.getState().startRename(null);
    return null;
  }
  try {
    const { sqlMentions } = useDocumentStore.getState().renameNode(from, name);
    useCanvasStore.getState().startRename(null);
    selectOnly([name]);
    if (sqlMentions.length > 0) {
      useCanvasStore.getState().say('warn', `Renamed ${from} to ${name}. The SQL of ${sqlMentions.join(', ')} still says ${from}: edit it to read ${name}.`);
    }
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Connects two nodes, or says on the canvas why not. */
export function connectNodes(source: string, target: string): boolean {
  const problem = useDocumentStore.getState().connect(source, target);
  if (problem) useCanvasStore.getState().say('error', `Cannot connect ${source} → ${target}: ${problem}`);
  return problem === null;
}

export function zoomToFit(): void {
  void flow?.fitView({ padding: 0.1, duration: 200 });
}

/** Lays the whole pipeline out left to right (one undo step) and fits it in view. */
export async function autoLayout(): Promise<void> {
  const { pipeline } = useDocumentStore.getState();
  if (!pipeline) return;
  const sizes = new Map((flow?.getNodes() ?? []).map((node) => [node.id, { width: node.measured?.width ?? 220, height: node.measured?.height ?? 70 }]));
  const positions = await layoutWithElk(pipeline, sizes);
  useDocumentStore.getState().setNodePositions(positions, 'auto-layout');
  requestAnimationFrame(() => zoomToFit());
}

export function runToHere(name: string): void {
  runPipeline({ node: name }).catch((error: unknown) => useCanvasStore.getState().say('error', `Cannot run to ${name}: ${error instanceof Error ? error.message : String(error)}`));
}

export function previewFromCanvas(name: string): void {
  selectOnly([name]);
  void previewNode(name);
}
