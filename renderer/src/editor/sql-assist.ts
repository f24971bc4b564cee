import type { Column, SqlDiagnostic, UpstreamRelation } from '../../../common/contract/api';
import { toErrorBody } from '../../../common/contract/envelope';
import { api } from '../api/api';
import { getNodeProfile, profileKey } from '../profile/profile-store';
import { useDocumentStore } from '../state/document-store';
import { monaco } from './monaco';
import { qualifierBefore, qualifierTarget } from './sql-aliases';

/**
 * As-you-type help in the SQL pane, from the engine: markers from sql:check
 * (debounced, the superseded check cancelled), completions from sql:complete,
 * hovers from the columns those calls return.
 */
export const CHECK_DELAY_MS = 300;
export const CHECK_MARKER_OWNER = 'sluice-check';

interface ModelAssist {
  model: monaco.editor.ITextModel;
  node: string;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The check in flight, cancelled when a newer keystroke supersedes it. */
  requestId: string | null;
  inputs: UpstreamRelation[];
  /** The columns of the text as last checked (null while it does not bind). */
  columns: Column[] | null;
  /** Called when the check's markers change (the run-error marker defers to them). */
  onMarkers: () => void;
}

const assists = new Map<string, ModelAssist>();
let counter = 0;

function requestId(kind: string): string {
  counter += 1;
  return `sql-${kind}-${Date.now().toString(36)}-${counter.toString(36)}`;
}

function cancel(id: string | null): void {
  if (id) api.cancelRequest({ requestId: id }).catch(() => undefined);
}

/** Starts checking a node's model as it is edited; the returned function stops it. */
export function attachAssist(model: monaco.editor.ITextModel, node: string, onMarkers: () => void = () => undefined): () => void {
  registerSqlProviders();
  recheckOnPipelineChange();
  const key = model.uri.toString();
  const assist: ModelAssist = { model, node, timer: undefined, requestId: null, inputs: [], columns: null, onMarkers };
  assists.set(key, assist);
  const change = model.onDidChangeContent(() => scheduleCheck(model));
  scheduleCheck(model, 0);
  const stop = () => {
    change.dispose();
    clearTimeout(assist.timer);
    cancel(assist.requestId);
    assists.delete(key);
  };
  model.onWillDispose(stop);
  return stop;
}

let watching = false;
/** An edit elsewhere (an input's SQL, a renamed column, a new input) changes what the text binds against. */
function recheckOnPipelineChange(): void {
  if (watching) return;
  watching = true;
  useDocumentStore.subscribe((state, previous) => {
    if (state.pipeline === previous.pipeline || !state.pipeline) return;
    for (const assist of assists.values()) scheduleCheck(assist.model);
  });
}

export function scheduleCheck(model: monaco.editor.ITextModel, delay = CHECK_DELAY_MS): void {
  const assist = assists.get(model.uri.toString());
  if (!assist) return;
  clearTimeout(assist.timer);
  assist.timer = setTimeout(() => void check(model, assist), delay);
}

async function check(model: monaco.editor.ITextModel, assist: ModelAssist): Promise<void> {
  const { pipeline, path } = useDocumentStore.getState();
  if (!pipeline || model.isDisposed()) return;
  cancel(assist.requestId);
  const id = requestId('check');
  assist.requestId = id;
  const version = model.getVersionId();
  try {
    const result = await api.checkSql({ requestId: id, path, pipeline, node: assist.node, sql: model.getValue() });
    if (model.isDisposed() || model.getVersionId() !== version) return;
    assist.inputs = result.inputs;
    assist.columns = result.columns;
    monaco.editor.setModelMarkers(model, CHECK_MARKER_OWNER, result.diagnostics.map(toMarker));
    assist.onMarkers();
  } catch (error) {
    // Cancelled: a newer check owns the markers. Anything else (an invalid graph) leaves them as they are.
    if (toErrorBody(error).code !== 'cancelled' && !model.isDisposed() && model.getVersionId() === version) monaco.editor.setModelMarkers(model, CHECK_MARKER_OWNER, []);
  } finally {
    if (assist.requestId === id) assist.requestId = null;
  }
}

function toMarker(d: SqlDiagnostic): monaco.editor.IMarkerData {
  return {
    severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: d.message,
    startLineNumber: d.line,
    startColumn: d.column,
    endLineNumber: d.endLine,
    endColumn: d.endColumn,
    source: 'DuckDB',
  };
}

/** Quotes a name only when DuckDB needs it to (spaces, capitals, keywords are left to the user). */
export function identifierText(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

const KINDS: Record<string, monaco.languages.CompletionItemKind> = {
  keyword: monaco.languages.CompletionItemKind.Keyword,
  column: monaco.languages.CompletionItemKind.Field,
  table: monaco.languages.CompletionItemKind.Class,
  scalar_function: monaco.languages.CompletionItemKind.Function,
  aggregate_function: monaco.languages.CompletionItemKind.Function,
  table_function: monaco.languages.CompletionItemKind.Function,
  type: monaco.languages.CompletionItemKind.TypeParameter,
  file_name: monaco.languages.CompletionItemKind.File,
  directory: monaco.languages.CompletionItemKind.Folder,
};

async function provideCompletions(model: monaco.editor.ITextModel, position: monaco.Position, token: monaco.CancellationToken): Promise<monaco.languages.CompletionList | undefined> {
  const assist = assists.get(model.uri.toString());
  const { pipeline, path } = useDocumentStore.getState();
  if (!assist || !pipeline) return undefined;
  const id = requestId('complete');
  const onCancel = token.onCancellationRequested(() => cancel(id));
  try {
    const offset = model.getOffsetAt(position);
    const result = await api.completeSql({ requestId: id, path, pipeline, node: assist.node, sql: model.getValue(), offset });
    assist.inputs = result.inputs;
    const word = model.getWordUntilPosition(position);
    const wordRange = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
    const items: monaco.languages.CompletionItem[] = [];
    const seen = new Set<string>();
    // After `f.` where f is an input or its alias: that input's columns only.
    const qualifier = qualifierBefore(model.getLineContent(position.lineNumber).slice(0, word.startColumn - 1));
    const target = qualifier && result.context === 'sql' ? qualifierTarget(model.getValue(), qualifier, result.inputs.map((i) => i.node)) : null;
    // Inside a string only file and folder names make sense, not columns.
    for (const input of result.context === 'string' ? [] : result.inputs) {
      if (target && input.node !== target) continue;
      for (const column of input.columns ?? []) {
        seen.add(column.name.toLowerCase());
        items.push({
          label: { label: column.name, description: `${column.type} · ${input.node}` },
          kind: monaco.languages.CompletionItemKind.Field,
          detail: `${column.type} — column of ${input.node}`,
          insertText: identifierText(column.name),
          filterText: column.name,
          sortText: `0${column.name}`,
          range: wordRange,
        });
      }
      if (target) continue;
      seen.add(input.node.toLowerCase());
      items.push({
        label: { label: input.node, description: 'node' },
        kind: monaco.languages.CompletionItemKind.Module,
        detail: input.columns ? `input node · ${input.columns.length} columns` : `input node · ${input.error ?? 'cannot be read'}`,
        insertText: identifierText(input.node),
        filterText: input.node,
        sortText: `1${input.node}`,
        range: wordRange,
      });
    }
    result.suggestions.forEach((suggestion, index) => {
      if (target || seen.has(suggestion.text.toLowerCase())) return;
      const start = model.getPositionAt(suggestion.start);
      items.push({
        label: suggestion.text,
        kind: KINDS[suggestion.kind] ?? monaco.languages.CompletionItemKind.Text,
        detail: suggestion.kind.replace('_', ' '),
        insertText: suggestion.text,
        sortText: `2${String(index).padStart(4, '0')}`,
        // A folder is a step on the way to a file: offer what is inside it next.
        ...(suggestion.kind === 'directory' ? { command: { id: 'editor.action.triggerSuggest', title: 'Suggest' } } : {}),
        range: new monaco.Range(start.lineNumber, start.column, position.lineNumber, position.column),
      });
    });
    return { suggestions: items };
  } catch {
    return { suggestions: [] };
  } finally {
    onCancel.dispose();
  }
}

function provideHover(model: monaco.editor.ITextModel, position: monaco.Position): monaco.languages.Hover | null {
  const assist = assists.get(model.uri.toString());
  const word = model.getWordAtPosition(position);
  if (!assist || !word) return null;
  const name = word.word.toLowerCase();
  const { path } = useDocumentStore.getState();
  const lines: string[] = [];
  for (const input of assist.inputs) {
    const column = input.columns?.find((c) => c.name.toLowerCase() === name);
    if (column) lines.push(columnLine(column, input.node, path));
  }
  const own = assist.columns?.find((c) => c.name.toLowerCase() === name);
  if (own && lines.length === 0) lines.push(columnLine(own, assist.node, path));
  if (lines.length === 0) return null;
  return {
    range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
    contents: lines.map((value) => ({ value })),
  };
}

function columnLine(column: Column, node: string, documentPath: string | null): string {
  const profiled = getNodeProfile(profileKey(documentPath, node))?.profile?.columns.find((c) => c.name === column.name);
  const nulls =
    profiled?.nullPercent !== null && profiled?.nullPercent !== undefined
      ? `nulls: ${profiled.nullPercent < 0.1 && profiled.nullPercent > 0 ? '<0.1' : profiled.nullPercent.toFixed(1)}% (profile)`
      : 'nulls: not profiled yet';
  return `**${column.name}** \`${column.type}\` — from \`${node}\` · ${nulls}`;
}

let providers = false;
function registerSqlProviders(): void {
  if (providers) return;
  providers = true;
  monaco.languages.registerCompletionItemProvider('sql', {
    // `/` continues a file path inside a string (the engine lists the project folder there).
    triggerCharacters: ['.', '"', '/'],
    provideCompletionItems: (model, position, _context, token) => provideCompletions(model, position, token),
  });
  monaco.languages.registerHoverProvider('sql', { provideHover: (model, position) => provideHover(model, position) });
}

/** For the run-selection preview: the node a model edits. */
export function nodeOfModel(model: monaco.editor.ITextModel | null): string | null {
  return model ? (assists.get(model.uri.toString())?.node ?? null) : null;
}
