import { useEffect, useRef } from 'react';
import { previewNode } from '../actions/preview-actions';
import { savePipeline } from '../actions/project-actions';
import { monaco } from './monaco';
import { sqlModelFor } from './sql-models';

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
        id: 'sluice.savePipeline',
        label: 'Save pipeline',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS],
        run: () => void savePipeline(),
      }),
    ];
    editorRef.current = editor;
    return () => {
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
