import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useDocumentStore } from '../state/document-store';
import type { PipelineFlowNode } from './flow-graph';

const setCollapsed = (group: string, collapsed: boolean) => useDocumentStore.getState().setGroupCollapsed(group, collapsed);

/** The frame behind an open group: its name and a button to collapse it; clicks elsewhere go through to the canvas. */
export const GroupFrame = memo(function GroupFrame({ data }: NodeProps<PipelineFlowNode>) {
  return (
    <div className="group-frame" data-testid={`group-${data.name}`} data-collapsed="false">
      <div className="group-frame__header">
        <span className="group-frame__name">{data.name}</span>
        <span className="group-frame__count">{data.detail}</span>
        <button type="button" className="group-frame__toggle nodrag" data-testid="group-collapse" title="Collapse to one card" onClick={() => setCollapsed(data.name, true)}>
          Collapse
        </button>
      </div>
    </div>
  );
});

/** A collapsed group: one card standing for its members; edges to and from them end here. */
export const GroupCard = memo(function GroupCard({ data, selected }: NodeProps<PipelineFlowNode>) {
  return (
    <div className={`flow-node flow-node--group${selected ? ' is-selected' : ''}`} data-testid={`group-${data.name}`} data-collapsed="true">
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="flow-node__header">
        <span className="flow-node__icon" aria-hidden="true">
          ▣
        </span>
        <span className="flow-node__name" title={data.name}>
          {data.name}
        </span>
        <button type="button" className="group-frame__toggle nodrag" data-testid="group-expand" title="Expand the group" onClick={() => setCollapsed(data.name, false)}>
          Expand
        </button>
      </div>
      <div className="flow-node__meta">
        <span className="flow-node__type">Group</span>
        <span className="flow-node__detail">{data.detail}</span>
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});
