import { useCallback, useEffect, useState } from 'react';
import { subscribeToHost } from '../actions/host-events';
import { openPipeline, startApp } from '../actions/project-actions';
import { registerCoreCommands } from '../commands/core-commands';
import { registerProfileCommands } from '../profile/profile-commands';
import { installKeybindings } from '../commands/registry';
import { registerSqlCommands } from '../editor/sql-commands';
import { CommandPalette } from '../palette/CommandPalette';
import { registerWorkbenchCommands } from '../palette/workbench-commands';
import { preloadSqlEditor } from '../panels/NodePanel';
import { useDocumentStore, type DocumentState } from '../state/document-store';
import { selectLoad, selectProject, useSessionStore } from '../state/session-store';
import { takePendingSelection } from '../state/tabs-store';
import { useUiStore } from '../state/ui-store';
import { Toolbar } from '../toolbar/Toolbar';
import { registerExportCommands } from '../export/export-commands';
import { ExportDialogHost } from '../export/ExportDialog';
import { EmptyState } from './EmptyState';
import { hasUnkeptChanges, installAutosave } from './hot-exit';
import { loadThemeSetting } from './theme';
import { Workbench } from './Workbench';
import { StatusBar } from './StatusBar';
import './workbench.css';

const selectHasPipeline = (state: DocumentState) => state.pipeline !== null;
const selectGeneration = (state: DocumentState) => state.generation;

export function App() {
  const load = useSessionStore(selectLoad);
  const project = useSessionStore(selectProject);
  const hasPipeline = useDocumentStore(selectHasPipeline);
  const generation = useDocumentStore(selectGeneration);
  const [readyGeneration, setReadyGeneration] = useState(-1);
  const onCanvasReady = useCallback(() => {
    const pending = takePendingSelection();
    if (pending && useDocumentStore.getState().pipeline?.nodes.some((node) => node.name === pending)) useUiStore.getState().selectNode(pending);
    setReadyGeneration(useDocumentStore.getState().generation);
  }, []);

  useEffect(() => {
    const dispose = subscribeToHost();
    void loadThemeSetting();
    void startApp();
    return dispose;
  }, []);

  useEffect(() => installGlobalShortcuts(), []);

  // The readiness signal e2e tests wait for: the project and its pipeline are on screen.
  const appState = load.state === 'error' ? 'error' : load.state === 'loaded' && (!hasPipeline || readyGeneration === generation) ? 'loaded' : 'loading';
  useEffect(() => {
    document.documentElement.dataset.appState = appState;
    if (appState === 'loaded') preloadSqlEditor();
  }, [appState]);

  let main;
  if (load.state === 'error') {
    main = (
      <div className="empty-state" data-testid="app-error" role="alert">
        <h1>{project ? 'Sluice could not open this pipeline' : 'Sluice could not open the project'}</h1>
        <pre className="error-box__message">{load.message}</pre>
        <button type="button" className="button button--primary" onClick={() => void startApp()}>
          Try again
        </button>
        {project && project.pipelines.length > 1 && (
          <ul className="empty-state__recent">
            {project.pipelines.map((file) => (
              <li key={file}>
                <button type="button" className="link" onClick={() => void openPipeline(file)}>
                  Open {file}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  } else if (project && (hasPipeline || load.state === 'loaded')) {
    main = <Workbench hasPipeline={hasPipeline} generation={generation} onCanvasReady={onCanvasReady} />;
  } else if (load.state === 'loaded') {
    main = <EmptyState />;
  } else {
    main = (
      <div className="empty-state">
        <span className="spinner" aria-hidden="true" /> Opening…
      </div>
    );
  }
  return (
    <div className="app">
      <Toolbar />
      <main className="app__main">{main}</main>
      <StatusBar />
      <CommandPalette />
      <ExportDialogHost />
    </div>
  );
}

/** Every registered shortcut, autosave, and the unsaved-changes guard of a browser tab. */
function installGlobalShortcuts(): () => void {
  const disposeCommands = registerCoreCommands();
  const disposeWorkbenchCommands = registerWorkbenchCommands();
  const disposeAutosave = installAutosave();
  const disposeExportCommands = registerExportCommands();
  const disposeProfileCommands = registerProfileCommands();
  const disposeSqlCommands = registerSqlCommands();
  const disposeKeys = installKeybindings();
  // Only in a browser tab (serve mode): in Electron a prevented beforeunload silently blocks closing the window.
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    // Edits already kept as drafts come back after a reload (hot exit): only edits not yet kept are asked about.
    if (!window.sluice && hasUnkeptChanges()) event.preventDefault();
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => {
    disposeCommands();
    disposeWorkbenchCommands();
    disposeAutosave();
    disposeExportCommands();
    disposeProfileCommands();
    disposeKeys();
    disposeSqlCommands();
    window.removeEventListener('beforeunload', onBeforeUnload);
  };
}
