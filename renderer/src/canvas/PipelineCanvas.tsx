import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  ReactFlow,
  applyNodeChanges,
  type NodeMouseHandler,
  type OnNodeDrag,
  type OnNodesChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import { previewNode } from '../actions/preview-actions';
import { useDocumentStore } from '../state/document-store';
import { useSessionStore, type SessionState } from '../state/session-store';
import { selectSelectedNode, useUiStore } from '../state/ui-store';
import { buildFlowEdges, buildFlowNodes, selectGraphShape, type PipelineFlowNode } from './flow-graph';
import { nodeTypes } from './node-cards';

// Below 0.8 the node text is too small to read; a wide pipeline then pans instead.
const FIT_VIEW_OPTIONS = { padding: 0.08, minZoom: 0.8, maxZoom: 1 };
const PRO_OPTIONS = { hideAttribution: false };

// Edges into a running node animate; computed as a string so it only changes when the set does.
const selectRunningNodes = (state: SessionState) =>
  Object.entries(state.nodes)
    .filter(([, node]) => node.activity === 'running' || node.activity === 'previewing')
    .map(([name]) => name)
    .sort()
    .join('\u0000');

/** The pipeline as a graph. Positions follow the drag locally and reach the document when the drag ends. */
export function PipelineCanvas({ onReady }: { onReady: () => void }) {
  const shape = useDocumentStore(selectGraphShape);
  const selected = useUiStore(selectSelectedNode);
  const running = useSessionStore(selectRunningNodes);
  const [nodes, setNodes] = useState<PipelineFlowNode[]>(() => {
    const { pipeline } = useDocumentStore.getState();
    return pipeline ? buildFlowNodes(pipeline, useUiStore.getState().selectedNode) : [];
  });

  useEffect(() => {
    const { pipeline } = useDocumentStore.getState();
    setNodes(pipeline ? buildFlowNodes(pipeline, useUiStore.getState().selectedNode) : []);
  }, [shape]);

  useEffect(() => {
    setNodes((current) => current.map((node) => (node.selected === (node.id === selected) ? node : { ...node, selected: node.id === selected })));
  }, [selected]);

  const edges = useMemo(() => {
    const { pipeline } = useDocumentStore.getState();
    const active = new Set(running.split('\u0000'));
    return pipeline ? buildFlowEdges(pipeline).map((edge) => ({ ...edge, animated: active.has(edge.target) })) : [];
  }, [shape, running]);

  const onNodesChange: OnNodesChange<PipelineFlowNode> = useCallback((changes) => setNodes((current) => applyNodeChanges(changes, current)), []);

  const onNodeClick: NodeMouseHandler<PipelineFlowNode> = useCallback((_event, node) => {
    useUiStore.getState().selectNode(node.id);
    void previewNode(node.id);
  }, []);

  const onNodeDragStop: OnNodeDrag<PipelineFlowNode> = useCallback((_event, _node, dragged) => {
    useDocumentStore.getState().setNodePositions(Object.fromEntries(dragged.map((node) => [node.id, node.position])));
  }, []);

  const onPaneClick = useCallback(() => useUiStore.getState().selectNode(null), []);

  return (
    <div className="canvas" data-testid="canvas">
      <ReactFlow<PipelineFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        onNodeDragStop={onNodeDragStop}
        onPaneClick={onPaneClick}
        onInit={onReady}
        nodesConnectable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        multiSelectionKeyCode={null}
        selectionKeyCode={null}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.2}
        maxZoom={2}
        colorMode="system"
        proOptions={PRO_OPTIONS}
        attributionPosition="bottom-left"
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1} />
        <Controls showInteractive={false} position="bottom-right" orientation="horizontal" />
      </ReactFlow>
    </div>
  );
}
