import { useCallback, type ChangeEvent } from 'react';
import { inferFileFormat, type PipelineNode } from '../../../common/pipeline/model';
import { previewNode } from '../actions/preview-actions';
import { SqlEditor } from '../editor/SqlEditor';
import { useDocumentStore, type DocumentState } from '../state/document-store';
import { withoutNodePrefix } from '../state/node-error-text';
import { usePreviewEntry } from '../state/preview-cache';
import { selectNodeSession, useSessionStore } from '../state/session-store';
import { selectActivePreview, selectSelectedNode, useUiStore } from '../state/ui-store';

const selectNodes = (state: DocumentState) => state.pipeline?.nodes;

const TYPE_LABELS: Record<PipelineNode['type'], string> = {
  'source.file': 'File source',
  'transform.sql': 'SQL transform',
  'sink.file': 'File sink',
};

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
          <span className="side-panel__type">{TYPE_LABELS[node.type]}</span>
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
      </header>
      {node.description && <p className="side-panel__description">{node.description}</p>}
      {node.type !== 'source.file' && (
        <div className="field-row">
          <span className="field-row__label">Inputs</span>
          <span className="chips">
            {node.inputs.map((input) => (
              <span key={input} className="chip">
                {input}
              </span>
            ))}
          </span>
        </div>
      )}
      {node.type !== 'transform.sql' && <FileFields node={node} />}
      <NodeErrorBox name={node.name} />
      {node.type === 'transform.sql' && <SqlEditor nodeName={node.name} />}
    </aside>
  );
}

function FileFields({ node }: { node: Exclude<PipelineNode, { type: 'transform.sql' }> }) {
  const formats = node.type === 'source.file' ? ['csv', 'parquet', 'json'] : ['parquet', 'csv'];
  const inferred = inferFileFormat(node.path);
  const onPath = useCallback((event: ChangeEvent<HTMLInputElement>) => useDocumentStore.getState().updateNode(node.name, { path: event.target.value }), [node.name]);
  const onFormat = useCallback(
    (event: ChangeEvent<HTMLSelectElement>) => useDocumentStore.getState().updateNode(node.name, { format: event.target.value || undefined }),
    [node.name],
  );
  return (
    <div className="fields">
      <label className="field">
        <span className="field__label">{node.type === 'source.file' ? 'File (relative to the project)' : 'Output file (inside the project)'}</span>
        <input className="input" data-testid="node-path" value={node.path} spellCheck={false} onChange={onPath} />
      </label>
      <label className="field">
        <span className="field__label">Format</span>
        <select className="input" data-testid="node-format" value={node.format ?? ''} onChange={onFormat}>
          <option value="">{inferred ? `From extension (${inferred})` : 'From extension'}</option>
          {formats.map((format) => (
            <option key={format} value={format}>
              {format}
            </option>
          ))}
        </select>
      </label>
    </div>
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
