import { previewNode } from '../actions/preview-actions';
import { savePipeline } from '../actions/project-actions';
import { cancelRun, runPipeline } from '../actions/run-actions';
import { useDocumentStore } from '../state/document-store';
import { useSessionStore } from '../state/session-store';
import { useUiStore } from '../state/ui-store';
import { registerCommands } from './registry';

const hasPipeline = () => useDocumentStore.getState().pipeline !== null;
const isRunning = () => useSessionStore.getState().run?.status === 'running';

/** File and run commands the workbench has had from the start. */
export function registerCoreCommands(): () => void {
  return registerCommands([
    { id: 'pipeline.save', title: 'Save pipeline', category: 'File', keybinding: 'Mod+S', global: true, enabled: hasPipeline, run: () => savePipeline() },
    {
      id: 'node.preview',
      title: 'Preview selected node',
      category: 'Run',
      keybinding: 'Mod+Enter',
      global: true,
      enabled: () => useUiStore.getState().selectedNode !== null,
      run: () => previewNode(useUiStore.getState().selectedNode!),
    },
    { id: 'pipeline.run', title: 'Run pipeline', category: 'Run', keybinding: 'F5', enabled: () => hasPipeline() && !isRunning(), run: () => runPipeline() },
    { id: 'pipeline.cancelRun', title: 'Cancel run', category: 'Run', keybinding: 'Shift+F5', enabled: isRunning, run: () => cancelRun() },
  ]);
}
