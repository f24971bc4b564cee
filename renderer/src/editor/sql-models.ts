import { useDocumentStore } from '../state/document-store';
import { nodeSql } from '../state/node-kinds';
import { withoutNodePrefix } from '../state/node-error-text';
import { useSessionStore, type NodeError } from '../state/session-store';
import { monaco } from './monaco';
import { attachAssist, CHECK_MARKER_OWNER } from './sql-assist';
import { registerDuckdbSql } from './sql-language';

/**
 * One Monaco model per SQL node, so each node keeps its own undo history and
 * cursor. Models write through to the document store; the document writes back
 * only when it changes from elsewhere (a reload). Node errors become markers.
 */
const models = new Map<string, monaco.editor.ITextModel>();
const MARKER_OWNER = 'sluice';
let applyingDocument = false;
let subscribed = false;

export function sqlModelFor(nodeName: string): monaco.editor.ITextModel | null {
  subscribeOnce();
  registerDuckdbSql();
  const existing = models.get(nodeName);
  if (existing) return existing;
  const node = useDocumentStore.getState().pipeline?.nodes.find((n) => n.name === nodeName);
  const sql = node ? nodeSql(node) : null;
  if (sql === null) return null;
  const model = monaco.editor.createModel(sql, 'sql', monaco.Uri.from({ scheme: 'sluice-node', path: `/${encodeURIComponent(nodeName)}.sql` }));
  model.updateOptions({ tabSize: 2, insertSpaces: true });
  model.onDidChangeContent(() => {
    if (!applyingDocument) useDocumentStore.getState().updateNode(nodeName, { sql: model.getValue() });
  });
  models.set(nodeName, model);
  attachAssist(model, nodeName, () => applyMarkers(model, nodeName, useSessionStore.getState().nodes[nodeName]?.error ?? null));
  applyMarkers(model, nodeName, useSessionStore.getState().nodes[nodeName]?.error ?? null);
  return model;
}

function subscribeOnce(): void {
  if (subscribed) return;
  subscribed = true;
  useDocumentStore.subscribe((state, previous) => {
    if (state.generation !== previous.generation) {
      for (const model of models.values()) model.dispose();
      models.clear();
      return;
    }
    if (state.pipeline === previous.pipeline || !state.pipeline) return;
    for (const node of state.pipeline.nodes) {
      const model = models.get(node.name);
      const sql = nodeSql(node);
      if (sql === null || !model || model.getValue() === sql) continue;
      applyingDocument = true;
      try {
        // An edit operation rather than setValue, so the change can be undone in the editor.
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text: sql }], () => null);
      } finally {
        applyingDocument = false;
      }
    }
  });
  useSessionStore.subscribe((state, previous) => {
    if (state.nodes === previous.nodes) return;
    for (const [name, model] of models) {
      const error = state.nodes[name]?.error ?? null;
      if (error !== (previous.nodes[name]?.error ?? null)) applyMarkers(model, name, error);
    }
  });
}

function applyMarkers(model: monaco.editor.ITextModel, nodeName: string, error: NodeError | null): void {
  // Errors that point into a data file (error.file) have no place in the SQL.
  if (!error || error.file || !error.line) {
    monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
    return;
  }
  const line = Math.min(Math.max(1, error.line), model.getLineCount());
  // The as-you-type check already marks this line (usually the same error): one squiggle, not two.
  if (monaco.editor.getModelMarkers({ resource: model.uri, owner: CHECK_MARKER_OWNER }).some((m) => m.startLineNumber === line)) {
    monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
    return;
  }
  const startColumn = error.column ? Math.min(error.column, model.getLineMaxColumn(line)) : Math.max(1, model.getLineFirstNonWhitespaceColumn(line));
  monaco.editor.setModelMarkers(model, MARKER_OWNER, [
    {
      severity: monaco.MarkerSeverity.Error,
      message: withoutNodePrefix(error.message, nodeName),
      startLineNumber: line,
      startColumn,
      endLineNumber: line,
      endColumn: Math.max(startColumn + 1, model.getLineMaxColumn(line)),
      source: 'DuckDB',
    },
  ]);
}
