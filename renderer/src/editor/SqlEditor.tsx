import { useEffect, useRef } from 'react';
import { previewNode } from '../actions/preview-actions';
import { savePipeline } from '../actions/project-actions';
import { monaco } from './monaco';
import { sqlModelFor } from './sql-models';
import { setActiveSqlEditor } from './sql-commands';
import { formatSql } from './sql-format';
import { runTarget } from './sql-ranges';
import { previewPart } from './run-selection';
import { logError } from '../actions/notices';

/** Shift+Alt+F: the whole text, as one undoable edit. */
function formatEditor(editor: monaco.editor.IStandaloneCodeEditor): void {
  const model = editor.getModel();
  if (!model) return;
  let formatted: string;
  try {
    formatted = formatSql(model.getValue());
  } catch (error) {
    logError('cannot format this SQL', error);
    return;
  }
  if (formatted === model.getValue()) return;
  editor.pushUndoStop();
  editor.executeEdits('sluice.formatSql', [{ range: model.getFullModelRange(), text: formatted }]);
  editor.pushUndoStop();
}

/** Mod+Shift+Enter: the selection, else the CTE under the cursor, else the whole node. */
function runSelection(editor: monaco.editor.IStandaloneCodeEditor, nodeName: string): void {
  const model = editor.getModel();
  const selection = editor.getSelection();
  if (!model || !selection) return;
  const target = runTarget(model.getValue(), model.getOffsetAt(selection.getStartPosition()), model.getOffsetAt(selection.getEndPosition()));
  if (target) void previewPart(nodeName, target);
  else void previewNode(nodeName);
}

/** The Monaco SQL pane of one node. One editor instance; switching nodes switches its model. */
export function SqlEditor({ nodeName }: { nodeName: string }) {
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const nodeRef = useRef(nodeName);
  nodeRef.current = nodeName;

  useEffect(() => {
    const editor = monaco.editor.create(container.current!, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineHeight: 20,
      fontFamily: 'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      fixedOverflowWidgets: true,
      padding: { top: 8, bottom: 8 },
      lineNumbersMinChars: 3,
      folding: false,
      overviewRulerLanes: 1,
      overviewRulerBorder: false,
      hideCursorInOverviewRuler: true,
      scrollBeyondLastColumn: 1,
      scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
      ariaLabel: 'SQL of the selected node',
    });
    // Actions are scoped to this editor (editor.addCommand would be global in standalone Monaco).
    const actions = [
      editor.addAction({
        id: 'sluice.previewNode',
        label: 'Preview node',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
        run: () => void previewNode(nodeRef.current),
      }),
      editor.addAction({
        id: 'sluice.formatSql',
        label: 'Format SQL',
        keybindings: [monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF],
        contextMenuGroupId: '1_modification',
        run: () => formatEditor(editor),
      }),
      editor.addAction({
        id: 'sluice.runSelection',
        label: 'Preview selection (or the CTE under the cursor)',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter],
        contextMenuGroupId: 'navigation',
        run: () => runSelection(editor, nodeRef.current),
      }),
      editor.addAction({
        id: 'sluice.savePipeline',
        label: 'Save pipeline',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS],
        run: () => void savePipeline(),
      }),
    ];
    editorRef.current = editor;
    setActiveSqlEditor({ format: () => formatEditor(editor), runSelection: () => runSelection(editor, nodeRef.current) });
    return () => {
      setActiveSqlEditor(null);
      for (const action of actions) action.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => {
    editorRef.current?.setModel(sqlModelFor(nodeName));
  }, [nodeName]);

  return <div ref={container} className="sql-editor nokey" data-testid="sql-editor" />;
}
