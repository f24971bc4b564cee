import { memo, useCallback, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { withoutNodePrefix } from '../state/node-error-text';
import { typeLabel, type NodeCategory } from '../state/node-kinds';
import { selectNodeSession, useSessionStore } from '../state/session-store';
import { selectLineageRole, useUiStore } from '../state/ui-store';
import { commitRename, startRename } from './canvas-actions';
import { useCanvasStore } from './canvas-store';
import type { PipelineFlowNode } from './flow-graph';
import { GroupCard, GroupFrame } from './group-cards';

// Keyed by string: the contract adds run statuses over time, and an unknown one shows as itself.
const ACTIVITY_LABELS: Record<string, string | null> = {
  idle: null,
  queued: 'queued',
  running: 'running',
  previewing: 'loading',
  previewed: 'ok',
  succeeded: 'ok',
  cached: 'cached',
  failed: 'failed',
  'check-failed': 'check failed',
  cancelled: 'cancelled',
  skipped: 'skipped',
};

const rowFormat = new Intl.NumberFormat('en-US');

interface CardProps {
  category: NodeCategory;
  type: string;
  name: string;
  detail: string;
  selected: boolean;
  stale: boolean;
  icon: ReactNode;
}

// A stale badge replaces these: the result they announce is out of date.
const FINISHED = new Set(['previewed', 'succeeded', 'cached', 'check-failed']);
const renamingThis = (name: string) => (state: { renaming: string | null }) => state.renaming === name;

function NodeCard({ category, type, name, detail, selected, stale, icon }: CardProps) {
  const session = useSessionStore(selectNodeSession(name));
  // Set by the lineage tab (renderer/src/lineage): styled there, by this attribute.
  const lineage = useUiStore(selectLineageRole(name));
  const renaming = useCanvasStore(useCallback(renamingThis(name), [name]));
  const activity = session?.activity ?? 'idle';
  const isStale = stale && FINISHED.has(activity);
  const badge = isStale ? 'stale' : activity in ACTIVITY_LABELS ? ACTIVITY_LABELS[activity] : activity;
  const error = session?.error ?? null;
  return (
    <div
      className={`flow-node flow-node--${category}${selected ? ' is-selected' : ''}${error ? ' has-error' : ''}${isStale ? ' is-stale' : ''}`}
      data-testid={`node-${name}`}
      data-lineage={lineage ?? undefined}
      data-status={activity}
      data-stale={isStale ? 'true' : undefined}
      data-type={type}
    >
      {category !== 'source' && <Handle type="target" position={Position.Left} />}
      <div className="flow-node__header">
        <span className="flow-node__icon" aria-hidden="true">
          {icon}
        </span>
        {renaming ? (
          <RenameInput name={name} />
        ) : (
          <span className="flow-node__name" title={`${name} (double-click or F2 to rename)`} data-testid="node-name" onDoubleClick={() => startRename(name)}>
            {name}
          </span>
        )}
        {badge && (
          <span className={`status-badge status-badge--${isStale ? 'stale' : activity}`} data-testid="node-status">
            {badge}
          </span>
        )}
      </div>
      <div className="flow-node__meta">
        <span className="flow-node__type">{typeLabel(type)}</span>
        <span className="flow-node__detail" title={detail}>
          {detail}
        </span>
      </div>
      {session?.rows !== null && session?.rows !== undefined && !error && (
        <div className="flow-node__rows" data-testid="node-rows">
          {rowFormat.format(session.rows)} {session.rows === 1 ? 'row' : 'rows'}
          {session.durationMs !== null && <span className="flow-node__duration"> · {formatDuration(session.durationMs)}</span>}
        </div>
      )}
      {error && (
        <div className="flow-node__error" data-testid="node-error" title={withoutNodePrefix(error.message, name)}>
          <span className="flow-node__error-icon" aria-hidden="true">
            !
          </span>
          <span className="flow-node__error-text">
            {error.line ? `line ${error.line}: ` : ''}
            {withoutNodePrefix(error.message, name)}
          </span>
        </div>
      )}
      {category !== 'sink' && <Handle type="source" position={Position.Right} />}
    </div>
  );
}

/** The name as a text field: Enter renames, Escape or leaving with the old name cancels; a bad name says why. */
function RenameInput({ name }: { name: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (value: string) => setProblem(commitRename(name, value));
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    event.stopPropagation();
    if (event.key === 'Enter') submit(event.currentTarget.value);
    else if (event.key === 'Escape') useCanvasStore.getState().startRename(null);
  };
  return (
    <span className="flow-node__rename">
      <input
        className="flow-node__rename-input nodrag nokey"
        data-testid="rename-input"
        aria-label={`New name for ${name}`}
        defaultValue={name}
        autoFocus
        onFocus={(event) => event.currentTarget.select()}
        onKeyDown={onKeyDown}
        onBlur={(event) => {
          if (commitRename(name, event.currentTarget.value) !== null) useCanvasStore.getState().startRename(null);
        }}
      />
      {problem && (
        <span className="flow-node__rename-problem" role="alert" data-testid="rename-problem">
          {problem}
        </span>
      )}
    </span>
  );
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

const SourceIcon = (
  <svg viewBox="0 0 16 16" width="14" height="14">
    <ellipse cx="8" cy="3.5" rx="5.5" ry="2" fill="none" stroke="currentColor" strokeWidth="1.3" />
    <path d="M2.5 3.5v9c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2v-9M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2" fill="none" stroke="currentColor" strokeWidth="1.3" />
  </svg>
);
const SqlIcon = (
  <svg viewBox="0 0 16 16" width="14" height="14">
    <path d="M5.5 3 2 8l3.5 5M10.5 3 14 8l-3.5 5" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);
const SinkIcon = (
  <svg viewBox="0 0 16 16" width="14" height="14">
    <path d="M8 2v8M4.5 6.5 8 10l3.5-3.5M2.5 11.5v2h11v-2" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

const CheckIcon = (
  <svg viewBox="0 0 16 16" width="14" height="14">
    <path d="M3 8.5 6.5 12 13 4.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

const SourceNode = memo(function SourceNode({ data, selected }: NodeProps<PipelineFlowNode>) {
  return <NodeCard category="source" type={data.nodeType} name={data.name} detail={data.detail} selected={selected} stale={data.stale} icon={SourceIcon} />;
});
const TransformNode = memo(function TransformNode({ data, selected }: NodeProps<PipelineFlowNode>) {
  return <NodeCard category="transform" type={data.nodeType} name={data.name} detail={data.detail} selected={selected} stale={data.stale} icon={SqlIcon} />;
});
const CheckNode = memo(function CheckNode({ data, selected }: NodeProps<PipelineFlowNode>) {
  return <NodeCard category="check" type={data.nodeType} name={data.name} detail={data.detail} selected={selected} stale={data.stale} icon={CheckIcon} />;
});
const SinkNode = memo(function SinkNode({ data, selected }: NodeProps<PipelineFlowNode>) {
  return <NodeCard category="sink" type={data.nodeType} name={data.name} detail={data.detail} selected={selected} stale={data.stale} icon={SinkIcon} />;
});

/** Defined once at module level: a new object per render would remount every node. Keyed by category, so new node types draw without a new component. */
export const nodeTypes = {
  source: SourceNode,
  transform: TransformNode,
  check: CheckNode,
  sink: SinkNode,
  groupFrame: GroupFrame,
  groupCard: GroupCard,
} satisfies NodeTypes;
