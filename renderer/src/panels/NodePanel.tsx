import { lazy, Suspense } from 'react';
import { previewNode } from '../actions/preview-actions';
import { ProfileButton } from '../profile/ProfileButton';
import { useDocumentStore, type DocumentState } from '../state/document-store';
import { withoutNodePrefix } from '../state/node-error-text';
import { nodeSql, typeLabel } from '../state/node-kinds';
import { usePreviewEntry } from '../state/preview-cache';
import { selectNodeSession, useSessionStore } from '../state/session-store';
import { selectActivePreview, selectSelectedNode, useUiStore } from '../state/ui-store';
import { NodeForm } from './NodeForm';

const selectNodes = (state: DocumentState) => state.pipeline?.nodes;
const selectGeneration = (state: DocumentState) => state.generation;

// Monaco is most of the bundle; loading it on first use lets the canvas appear sooner.
const loadSqlEditor = () => import('../editor/SqlEditor');
const SqlEditor = lazy(() => loadSqlEditor().then((module) => ({ default: module.SqlEditor })));

/** Fetches Monaco in the background once the window is up, so the first SQL node opens without a wait. */
export function preloadSqlEditor(): void {
  loadSqlEditor().catch(() => {
    // Loading again on first use reports the failure where it matters.
  });
}

/** The right-hand panel: what the selected node is and how to edit it. */
export function NodePanel() {
  const selected = useUiStore(selectSelectedNode);
  const nodes = useDocumentStore(selectNodes);
  const node = selected ? nodes?.find((n) => n.name === selected) : undefined;
  const generation = useDocumentStore(selectGeneration);
  if (!node) {
    return (
      <aside className="side-panel side-panel--empty" data-testid="node-panel">
        <p>Select a node on the canvas to see its settings and preview its rows.</p>
      </aside>
    );
  }
  return (
    <aside className="side-panel" data-testid="node-panel" data-node={node.name}>
      <header className="side-panel__header">
        <div className="side-panel__title">
          <span className="side-panel__name" data-testid="panel-node-name">
            {node.name}
          </span>
          <span className="side-panel__type">{typeLabel(node.type)}</span>
        </div>
        <button
          type="button"
          className="button button--primary"
          data-testid="preview-button"
          title="Preview this node (Ctrl+Enter)"
          onClick={() => void previewNode(node.name)}
        >
          <PlayIcon /> Preview
        </button>
        <ProfileButton node={node.name} />
      </header>
      <NodeForm key={`${generation}:${node.name}`} node={node} />
      <NodeErrorBox name={node.name} />
      {nodeSql(node) !== null && (
        <Suspense fallback={<div className="sql-editor sql-editor--loading" />}>
          <SqlEditor nodeName={node.name} />
        </Suspense>
      )}
    </aside>
  );
}

function NodeErrorBox({ name }: { name: string }) {
  const session = useSessionStore(selectNodeSession(name));
  const entry = usePreviewEntry(useUiStore(selectActivePreview));
  const error = session?.error;
  if (error) {
    const where = [error.file, error.line ? `line ${error.line}` : null, error.column ? `column ${error.column}` : null].filter(Boolean).join(', ');
    return (
      <div className="error-box" role="alert" data-testid="panel-error">
        <div className="error-box__title">{where ? `Error at ${where}` : 'Error'}</div>
        <pre className="error-box__message">{withoutNodePrefix(error.message, name)}</pre>
      </div>
    );
  }
  if (entry?.status === 'error' && entry.node === name) {
    const upstream = entry.error.node && entry.error.node !== name ? entry.error.node : null;
    return (
      <div className="error-box" role="alert" data-testid="panel-error">
        <div className="error-box__title">{upstream ? `Input "${upstream}" failed` : 'Preview failed'}</div>
        <pre className="error-box__message">{entry.error.message}</pre>
      </div>
    );
  }
  return null;
}

export function PlayIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
    </svg>
  );
}
