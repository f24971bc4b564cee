import { useEffect, useRef, useState } from 'react';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/markdown/register';
import { monaco } from '../editor/monaco';
import { languageForPath } from './export-model';

/** A read-only Monaco view of one generated file; one editor, one model per shown file. */
export function CodeView({ path, contents }: { path: string; contents: string }) {
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const [language, setLanguage] = useState('');

  useEffect(() => {
    const editor = monaco.editor.create(container.current!, {
      model: null,
      readOnly: true,
      domReadOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 12,
      lineHeight: 18,
      fontFamily: 'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      scrollBeyondLastLine: false,
      renderLineHighlight: 'none',
      padding: { top: 8, bottom: 8 },
      lineNumbersMinChars: 3,
      overviewRulerBorder: false,
      scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
      ariaLabel: 'Generated file (read-only)',
    });
    editorRef.current = editor;
    return () => {
      editor.getModel()?.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const previous = editor.getModel();
    const model = monaco.editor.createModel(contents, languageForPath(path));
    editor.setModel(model);
    previous?.dispose();
    setLanguage(model.getLanguageId());
  }, [path, contents]);

  return <div ref={container} className="export-code nokey" data-testid="export-code" data-path={path} data-language={language} />;
}
