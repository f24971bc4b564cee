import { lazy, Suspense, useCallback, type ChangeEvent } from 'react';
import { inferFileFormat, nodeInputs, type PipelineNode } from '../../../common/pipeline/model';
import { previewNode } from '../actions/preview-actions';
import { ProfileButton } from '../profile/ProfileButton';
import { useDocumentStore, type DocumentState } from '../state/document-store';
import { withoutNodePrefix } from '../state/node-error-text';
import { categoryOf, nodeFormat, nodePath, nodeSql, otherSettings, typeLabel } from '../state/node-kinds';
import { usePreviewEntry } from '../state/preview-cache';
import { selectNodeSession, useSessionStore } from '../state/session-store';
import { selectActivePreview, selectSelectedNode, useUiStore } from '../state/ui-store';

const selectNodes = (state: DocumentState) => state.pipeline?.nodes;

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
      {node.description && <p className="side-panel__description">{node.description}</p>}
      {nodeInputs(node).length > 0 && (
        <div className="field-row">
          <span className="field-row__label">Inputs</span>
          <span className="chips">
            {nodeInputs(node).map((input) => (
              <span key={input} className="chip">
                {input}
              </span>
            ))}
          </span>
        </div>
      )}
      {nodePath(node) !== null && <FileFields node={node} />}
      <OtherSettings node={node} />
      <NodeErrorBox name={node.name} />
      {nodeSql(node) !== null && (
        <Suspense fallback={<div className="sql-editor sql-editor--loading" />}>
          <SqlEditor nodeName={node.name} />
        </Suspense>
      )}
    </aside>
  );
}

const SOURCE_FORMATS = ['csv', 'parquet', 'json'];
const SINK_FORMATS = ['parquet', 'csv'];

function FileFields({ node }: { node: PipelineNode }) {
  const path = nodePath(node) ?? '';
  const format = nodeFormat(node);
  const isSource = categoryOf(node.type) === 'source';
  const formats = isSource ? SOURCE_FORMATS : SINK_FORMATS;
  const inferred = inferFileFormat(path);
  const onPath = useCallback((event: ChangeEvent<HTMLInputElement>) => useDocumentStore.getState().updateNode(node.name, { path: event.target.value }), [node.name]);
  const onFormat = useCallback(
    (event: ChangeEvent<HTMLSelectElement>) => useDocumentStore.getState().updateNode(node.name, { format: event.target.value || undefined }),
    [node.name],
  );
  return (
    <div className="fields">
      <label className="field">
        <span className="field__label">{isSource ? 'File (relative to the project)' : 'Output file (inside the project)'}</span>
        <input className="input" data-testid="node-path" value={path} spellCheck={false} onChange={onPath} />
      </label>
      {(node.type === 'source.file' || node.type === 'sink.file') && (
        <label className="field">
          <span className="field__label">Format</span>
          <select className="input" data-testid="node-format" value={format ?? ''} onChange={onFormat}>
            <option value="">{inferred ? `From extension (${inferred})` : 'From extension'}</option>
            {[...new Set([...formats, ...(format ? [format] : [])])].map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

/** Settings of node types that have no editor here yet, shown as they are in the file. */
function OtherSettings({ node }: { node: PipelineNode }) {
  const settings = otherSettings(node);
  if (settings.length === 0) return null;
  return (
    <dl className="settings" data-testid="node-settings">
      {settings.map(([key, value]) => (
        <div key={key} className="settings__row">
          <dt>{key}</dt>
          <dd title={value}>{value}</dd>
        </div>
      ))}
    </dl>
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
