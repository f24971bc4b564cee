import { useEffect, useMemo, useState } from 'react';
import type { NodeLineage } from '../../../common/contract/api';
import { selectDocumentPath, selectPipeline, useDocumentStore } from '../state/document-store';
import { selectSelectedNode, useUiStore } from '../state/ui-store';
import { usePipelineLineage } from './lineage-data';
import { traceColumn, tracedNodes, type TraceStep, type Transform } from './lineage-trace';
import './lineage.css';

const TRANSFORM_LABELS: Record<Transform, string> = {
  copy: 'copied',
  rename: 'renamed',
  expression: 'computed',
  origin: 'read from file',
  unknown: 'unknown',
};

/**
 * The bottom panel's Lineage tab: the selected node's columns; clicking one
 * shows where it comes from and what it feeds across the pipeline, and
 * highlights those nodes on the canvas (ui store `lineageHighlight`).
 */
export function LineageTab() {
  const pipeline = useDocumentStore(selectPipeline);
  const path = useDocumentStore(selectDocumentPath);
  const selected = useUiStore(selectSelectedNode);
  const lineage = usePipelineLineage(pipeline, path);
  const [column, setColumn] = useState<string | null>(null);

  useEffect(() => setColumn((current) => (useUiStore.getState().lineageHighlight?.node === selected ? current : null)), [selected]);
  // The highlight belongs to this tab: gone when the tab is.
  useEffect(() => () => useUiStore.getState().setLineageHighlight(null), []);

  const nodes = lineage.status === 'ready' ? lineage.nodes : null;
  const own = nodes?.find((n) => n.node === selected) ?? null;
  const trace = useMemo(() => (nodes && selected && column ? traceColumn(nodes, selected, column) : null), [nodes, selected, column]);

  useEffect(() => {
    if (!trace || !selected || !column) {
      useUiStore.getState().setLineageHighlight(null);
      return;
    }
    const traced = tracedNodes(trace);
    useUiStore.getState().setLineageHighlight({ node: selected, column, ...traced, columns: { ...traced.columns, [selected]: [column] } });
  }, [trace, selected, column]);

  if (!selected) return <div className="pane-message">Select a node to see where its columns come from and what they feed.</div>;
  if (lineage.status === 'error') return <div className="pane-message pane-message--error">{lineage.message}</div>;
  if (!own) {
    return (
      <div className="pane-message">
        <span className="spinner" aria-hidden="true" /> Reading the lineage…
      </div>
    );
  }
  return (
    <div className="lineage" data-testid="lineage-panel" data-node={selected}>
      <ColumnList own={own} column={column} onPick={setColumn} />
      <div className="lineage__paths" data-testid="lineage-paths">
        {own.error ? (
          <div className="pane-message pane-message--error">{own.error}</div>
        ) : !trace || !column ? (
          <div className="pane-message">Click a column to trace it through the pipeline.</div>
        ) : (
          <>
            <PathList title={`${column} comes from`} empty={emptyUpstream(own, column)} steps={trace.upstream} testId="lineage-upstream" />
            <PathList title={`${column} feeds`} empty="No column downstream is computed from it." steps={trace.downstream} testId="lineage-downstream" />
          </>
        )}
      </div>
    </div>
  );
}

function emptyUpstream(own: NodeLineage, column: string): string {
  const transform = own.columns.find((c) => c.name === column)?.transform;
  if (transform === 'origin') return `Read from the file or database of ${own.node}.`;
  if (transform === 'expression') return 'Computed from no input column (a constant or a row count).';
  return 'Its sources could not be told from the SQL.';
}

function ColumnList({ own, column, onPick }: { own: NodeLineage; column: string | null; onPick: (name: string) => void }) {
  return (
    <ul className="lineage__columns" aria-label={`Columns of ${own.node}`}>
      {own.columns.map((c) => (
        <li key={c.name}>
          <button
            type="button"
            className={`lineage__column${c.name === column ? ' is-active' : ''}`}
            data-testid="lineage-column"
            data-column={c.name}
            aria-pressed={c.name === column}
            onClick={() => onPick(c.name)}
          >
            <span className="lineage__column-name">{c.name}</span>
            <span className="lineage__column-type">{c.type}</span>
            <span className={`lineage__badge lineage__badge--${c.transform}`}>{TRANSFORM_LABELS[c.transform]}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function PathList({ title, steps, empty, testId }: { title: string; steps: TraceStep[]; empty: string; testId: string }) {
  return (
    <section className="lineage__path" data-testid={testId}>
      <h3 className="lineage__title">{title}</h3>
      {steps.length === 0 ? (
        <p className="lineage__empty">{empty}</p>
      ) : (
        <ol>
          {steps.map((step) => (
            <li key={`${step.node}\u0000${step.column}`} className="lineage__step" style={{ paddingLeft: `${(step.depth - 1) * 16}px` }} data-testid="lineage-step" data-node={step.node} data-column={step.column}>
              <button type="button" className="lineage__node" title="Select this node" onClick={() => useUiStore.getState().selectNode(step.node)}>
                {step.node}
              </button>
              <span className="lineage__dot">.</span>
              <span className="lineage__column-name">{step.column}</span>
              <span className="lineage__column-type">{step.type}</span>
              <span className={`lineage__badge lineage__badge--${step.transform}`}>{TRANSFORM_LABELS[step.transform]}</span>
              {step.depth > 1 && <span className="lineage__via">via {step.via.map((v) => `${v.node}.${v.column}`).join(', ')}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
