import * as monaco from 'monaco-editor/editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { effectiveTheme, onDidChangeTheme } from '../app/theme';
import 'monaco-editor/languages/definitions/sql/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/suggest/register';
// 0.57's features/suggest/register brings only the inline-completion glue; the suggest widget is this
// controller. Imported here, before the theme is applied: colors registered later get no CSS variables.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';

/**
 * Monaco with only the features the SQL pane uses (a smaller bundle than
 * `editor.main`). The editor worker is bundled by Vite, so no blob or CDN URL
 * is needed under the CSP.
 */
(self as unknown as { MonacoEnvironment: { getWorker(workerId: string, label: string): Worker } }).MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

// Same backgrounds as the panels around the editor (app.css), so the pane reads as one surface.
monaco.editor.defineTheme('sluice-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#ffffff', 'editorGutter.background': '#ffffff', 'editorLineNumber.foreground': '#9a9a9a' },
});
monaco.editor.defineTheme('sluice-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#1f1f1f', 'editorGutter.background': '#1f1f1f', 'editorLineNumber.foreground': '#6e7681' },
});

// The app's theme (the OS's, or the one picked in settings), not the OS's alone.
const applyTheme = () => monaco.editor.setTheme(effectiveTheme() === 'dark' ? 'sluice-dark' : 'sluice-light');
applyTheme();
onDidChangeTheme(applyTheme);

export { monaco };
