import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  type Connection,
  type EdgeChange,
  type NodeMouseHandler,
  type OnNodeDrag,
  type OnNodesChange,
  type OnSelectionChangeFunc,
  type ReactFlowInstance,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import type { NodeType } from '../../../common/pipeline/model';
import { previewNode } from '../actions/preview-actions';
import { useDocumentStore, type DocumentState } from '../state/document-store';
import { useSessionStore, type SessionState } from '../state/session-store';
import { selectSelectedNode, useUiStore } from '../state/ui-store';
import { registerCanvasCommands } from './canvas-commands';
import { addNodeOfType, connectNodes, screenToCanvas, setFlowInstance } from './canvas-actions';
import { useCanvasStore, type CanvasState } from './canvas-store';
import { CanvasMessageBar, CanvasToolbar } from './CanvasOverlays';
import { dropDataFiles, dropProjectFile } from './file-drop';
import { SLUICE_FILE_MIME } from '../files/FileTree';
import { layoutPipeline } from './auto-layout';
import { applyCardChanges, buildFlowEdges, buildFlowNodes, groupOfId, initialViewport, isGroupId, parseRunRows, selectGraphShape, selectRunRows, type PipelineFlowEdge, type PipelineFlowNode } from './flow-graph';
import { nodeTypes } from './node-cards';
import { NodeMenu } from './NodeMenu';
import { NODE_TYPE_MIME, NodePalette } from './NodePalette';
import { staleKey, trackResults, useResultStore } from './stale-tracker';
import { useTheme } from '../app/theme';

const PRO_OPTIONS = { hideAttribution: false };
// Small and bottom-left, where it covers the fewest nodes of a left-to-right graph.
const MINIMAP_STYLE = { width: 150, height: 96 };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
// Past this many nodes React Flow draws only what is on screen.
const VISIBLE_ONLY_ABOVE = 150;
const CATEGORY_COLORS: Record<string, string> = { source: '#2e8b57', transform: '#0078d4', check: '#8a4fb5', sink: '#b35c00' };
const minimapColor = (node: PipelineFlowNode) => CATEGORY_COLORS[node.type ?? 'transform'] ?? '#888888';

// Edges into a running node animate; computed as a string so it only changes when the set does.
const selectRunningNodes = (state: SessionState) =>
  Object.entries(state.nodes)
    .filter(([, node]) => node.activity === 'running' || node.activity === 'previewing')
    .map(([name]) => name)
    .sort()
    .join('\u0000');
const selectSelection = (state: CanvasState) => state.selection;
const selectSelectedEdges = (state: CanvasState) => state.selectedEdges;
const selectProducedBy = (state: { producedBy: ReturnType<typeof useResultStore.getState>['producedBy'] }) => state.producedBy;

// Going to the canvas ends a typing step in the side panel, so the next undo there is its own.
const endTypingStep = () => useDocumentStore.getState().mark();

const toSet = (key: string) => new Set(key ? key.split('\u0000') : []);

/** The pipeline as a graph. Positions follow the drag locally and reach the document (one undo step) when the drag ends. */
export function PipelineCanvas({ onReady }: { onReady: () => void }) {
  const shape = useDocumentStore(selectGraphShape);
  // The app's theme (OS or settings), so the minimap and controls match the panels around them.
  const theme = useTheme();
  const selectedNode = useUiStore(selectSelectedNode);
  const selection = useCanvasStore(selectSelection);
  const selectedEdges = useCanvasStore(selectSelectedEdges);
  const running = useSessionStore(selectRunningNodes);
  const runRows = useSessionStore(selectRunRows);
  const producedBy = useResultStore(selectProducedBy);
  const stale = useDocumentStore(useCallback((state: DocumentState) => staleKey(state.pipeline, producedBy), [producedBy]));
  const wrapper = useRef<HTMLDivElement>(null);
  const [nodes, setNodes] = useState<PipelineFlowNode[]>(() => {
    const { pipeline } = useDocumentStore.getState();
    const selected = useUiStore.getState().selectedNode;
    return pipeline ? buildFlowNodes(pipeline, new Set(selected ? [selected] : []), new Set()) : [];
  });

  useEffect(() => {
    trackResults();
    // Registered while a canvas is on screen: with no pipeline there is nothing for them to act on.
    return registerCanvasCommands();
  }, []);

  // The side panel's node and the canvas selection follow each other.
  useEffect(() => {
    const { selection: current, setSelection } = useCanvasStore.getState();
    if (selectedNode && !current.includes(selectedNode)) setSelection([selectedNode], []);
    else if (!selectedNode && current.length === 1) setSelection([], useCanvasStore.getState().selectedEdges);
  }, [selectedNode]);

  useEffect(() => {
    const { pipeline } = useDocumentStore.getState();
    setNodes((current) => (pipeline ? buildFlowNodes(pipeline, new Set(selection), toSet(stale), current) : []));
  }, [shape, stale, selection]);

  const edges = useMemo(() => {
    const { pipeline } = useDocumentStore.getState();
    return pipeline ? buildFlowEdges(pipeline, { running: toSet(running), rows: parseRunRows(runRows), selected: new Set(selectedEdges) }) : [];
  }, [shape, running, runRows, selectedEdges]);

  const onNodesChange: OnNodesChange<PipelineFlowNode> = useCallback((changes) => setNodes((current) => applyCardChanges(changes, current)), []);

  const onEdgesChange = useCallback((changes: EdgeChange<PipelineFlowEdge>[]) => {
    const selects = changes.filter((change) => change.type === 'select');
    if (selects.length === 0) return;
    const selected = new Set(useCanvasStore.getState().selectedEdges);
    for (const change of selects) {
      if (change.selected) selected.add(change.id);
      else selected.delete(change.id);
    }
    useCanvasStore.getState().setSelection(useCanvasStore.getState().selection, [...selected]);
  }, []);

  const onSelectionChange: OnSelectionChangeFunc<PipelineFlowNode, PipelineFlowEdge> = useCallback(({ nodes: picked, edges: pickedEdges }) => {
    const names = picked.map((node) => node.id).filter((id) => !isGroupId(id));
    useCanvasStore.getState().setSelection(names, pickedEdges.map((edge) => edge.id));
    if (names.length === 1) useUiStore.getState().selectNode(names[0]!);
    else if (names.length === 0) useUiStore.getState().selectNode(null);
  }, []);

  const onNodeClick: NodeMouseHandler<PipelineFlowNode> = useCallback((event, node) => {
    if (event.shiftKey || event.metaKey || event.ctrlKey || isGroupId(node.id)) return;
    useUiStore.getState().selectNode(node.id);
    void previewNode(node.id);
  }, []);

  const onNodeDragStop: OnNodeDrag<PipelineFlowNode> = useCallback((_event, _node, dragged) => {
    const { pipeline } = useDocumentStore.getState();
    if (!pipeline) return;
    const positions: Record<string, { x: number; y: number }> = {};
    const saved = layoutPipeline(pipeline);
    for (const node of dragged) {
      if (!isGroupId(node.id)) {
        positions[node.id] = node.position;
        continue;
      }
      // A collapsed group's card moves its members by as much as it moved.
      const origin = node.data.origin ?? node.position;
      const dx = node.position.x - origin.x;
      const dy = node.position.y - origin.y;
      for (const member of pipeline.groups?.[groupOfId(node.id)]?.nodes ?? []) {
        const at = saved[member];
        if (at) positions[member] = { x: at.x + dx, y: at.y + dy };
      }
    }
    useDocumentStore.getState().setNodePositions(positions);
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    connectNodes(connection.source, connection.target);
  }, []);

  const onNodeContextMenu: NodeMouseHandler<PipelineFlowNode> = useCallback((event, node) => {
    event.preventDefault();
    if (isGroupId(node.id)) return;
    const box = wrapper.current?.getBoundingClientRect();
    if (!useCanvasStore.getState().selection.includes(node.id)) {
      useCanvasStore.getState().setSelection([node.id], []);
      useUiStore.getState().selectNode(node.id);
    }
    useCanvasStore.getState().openMenu({ node: node.id, x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) });
  }, []);

  const onInit = useCallback(
    (instance: ReactFlowInstance<PipelineFlowNode, PipelineFlowEdge>) => {
      setFlowInstance(instance);
      const { pipeline } = useDocumentStore.getState();
      const box = wrapper.current?.querySelector('.react-flow')?.getBoundingClientRect();
      // Computed from the saved positions, so it needs no measured nodes (500 of them would be measured first).
      if (pipeline && box) void instance.setViewport(initialViewport(Object.values(layoutPipeline(pipeline)), box));
      onReady();
    },
    [onReady],
  );
  useEffect(() => () => setFlowInstance(null), []);

  const onDragOver = useCallback((event: DragEvent<HTMLDivElement>) => {
    const types = event.dataTransfer.types;
    if (!types.includes(NODE_TYPE_MIME) && !types.includes(SLUICE_FILE_MIME) && !types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback((event: DragEvent<HTMLDivElement>) => {
    const type = event.dataTransfer.getData(NODE_TYPE_MIME);
    const projectFile = event.dataTransfer.getData(SLUICE_FILE_MIME);
    const files = [...event.dataTransfer.files];
    if (!type && !projectFile && files.length === 0) return;
    event.preventDefault();
    const at = screenToCanvas({ x: event.clientX, y: event.clientY });
    // The pointer is where the card's header goes, not its corner.
    const position = { x: at.x - 110, y: at.y - 20 };
    if (type) addNodeOfType(type as NodeType, position);
    else if (projectFile) dropProjectFile(projectFile, position);
    else void dropDataFiles(files, position);
  }, []);

  const onPaneClick = useCallback(() => useUiStore.getState().selectNode(null), []);
  const onPaneContextMenu = useCallback((event: ReactMouseEvent | MouseEvent) => event.preventDefault(), []);

  return (
    <div className="canvas" data-testid="canvas" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop} onPointerDownCapture={endTypingStep}>
      <NodePalette />
      <ReactFlow<PipelineFlowNode, PipelineFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onSelectionChange={onSelectionChange}
        onNodeClick={onNodeClick}
        onNodeDragStop={onNodeDragStop}
        onNodeContextMenu={onNodeContextMenu}
        onPaneContextMenu={onPaneContextMenu}
        onConnect={onConnect}
        onPaneClick={onPaneClick}
        onInit={onInit}
        nodesConnectable
        edgesFocusable
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionKeyCode="Shift"
        onlyRenderVisibleElements={nodes.length > VISIBLE_ONLY_ABOVE}
        minZoom={0.1}
        maxZoom={2}
        colorMode={theme}
        proOptions={PRO_OPTIONS}
        attributionPosition="top-right"
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1} />
        <Controls showInteractive={false} position="bottom-right" orientation="horizontal" />
        <MiniMap position="bottom-left" pannable zoomable nodeColor={minimapColor} ariaLabel="Minimap" className="canvas-minimap" style={MINIMAP_STYLE} />
        <CanvasToolbar />
      </ReactFlow>
      <CanvasMessageBar />
      <NodeMenu />
    </div>
  );
}
