import { useCallback, useEffect, useState } from 'react';
import { subscribeToHost } from '../actions/host-events';
import { openPipeline, startApp } from '../actions/project-actions';
import { BottomPanel } from '../bottom/BottomPanel';
import { registerCoreCommands } from '../commands/core-commands';
import { registerProfileCommands } from '../profile/profile-commands';
import { installKeybindings } from '../commands/registry';
import { registerSqlCommands } from '../editor/sql-commands';
import { PipelineCanvas } from '../canvas/PipelineCanvas';
import { NodePanel, preloadSqlEditor } from '../panels/NodePanel';
import { useDocumentStore, type DocumentState } from '../state/document-store';
import { selectLoad, selectProject, useSessionStore } from '../state/session-store';
import { useUiStore, type UiState } from '../state/ui-store';
import { Toolbar } from '../toolbar/Toolbar';
import { registerExportCommands } from '../export/export-commands';
import { ExportDialogHost } from '../export/ExportDialog';
import { EmptyState } from './EmptyState';
import { Splitter } from './Splitter';
import { StatusBar } from './StatusBar';
import './workbench.css';

const selectHasPipeline = (state: DocumentState) => state.pipeline !== null;
const selectGeneration = (state: DocumentState) => state.generation;
const selectSidePanelWidth = (state: UiState) => state.sidePanelWidth;
const selectBottomPanelHeight = (state: UiState) => state.bottomPanelHeight;

export function App() {
  const load = useSessionStore(selectLoad);
  const project = useSessionStore(selectProject);
  const hasPipeline = useDocumentStore(selectHasPipeline);
  const generation = useDocumentStore(selectGeneration);
  const sideWidth = useUiStore(selectSidePanelWidth);
  const bottomHeight = useUiStore(selectBottomPanelHeight);
  const [readyGeneration, setReadyGeneration] = useState(-1);
  const onCanvasReady = useCallback(() => setReadyGeneration(useDocumentStore.getState().generation), []);

  useEffect(() => {
    const dispose = subscribeToHost();
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
  } else if (hasPipeline) {
    main = (
      <div className="workbench" style={{ gridTemplateColumns: `minmax(0, 1fr) 4px ${sideWidth}px`, gridTemplateRows: `minmax(0, 1fr) 4px ${bottomHeight}px` }}>
        <PipelineCanvas key={generation} onReady={onCanvasReady} />
        <Splitter direction="vertical" start={() => useUiStore.getState().sidePanelWidth} onResize={(w) => useUiStore.getState().setSidePanelWidth(w)} />
        <NodePanel />
        <Splitter direction="horizontal" start={() => useUiStore.getState().bottomPanelHeight} onResize={(h) => useUiStore.getState().setBottomPanelHeight(h)} />
        <BottomPanel />
      </div>
    );
  } else if (load.state === 'loaded') {
    main = <EmptyState hasProject={project !== null} />;
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
      <ExportDialogHost />
    </div>
  );
}

/** Every registered shortcut, plus the unsaved-changes guard of a browser tab. */
function installGlobalShortcuts(): () => void {
  const disposeCommands = registerCoreCommands();
  const disposeExportCommands = registerExportCommands();
  const disposeProfileCommands = registerProfileCommands();
  const disposeSqlCommands = registerSqlCommands();
  const disposeKeys = installKeybindings();
  // Only in a browser tab (serve mode): in Electron a prevented beforeunload silently blocks closing the window.
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!window.sluice && useDocumentStore.getState().dirty) event.preventDefault();
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => {
    disposeCommands();
    disposeExportCommands();
    disposeProfileCommands();
    disposeKeys();
    disposeSqlCommands();
    window.removeEventListener('beforeunload', onBeforeUnload);
  };
}
