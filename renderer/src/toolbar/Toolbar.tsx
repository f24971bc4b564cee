import { savePipeline } from '../actions/project-actions';
import { cancelRun, runPipeline } from '../actions/run-actions';
import { formatKeybinding } from '../commands/registry';
import { openExportDialog } from '../export/export-store';
import { PlayIcon } from '../panels/NodePanel';
import { selectDocumentPath, useDocumentStore, type DocumentState } from '../state/document-store';
import { selectEngine, selectProject, selectRun, selectSaving, useSessionStore } from '../state/session-store';

const selectPipelineName = (state: DocumentState) => state.pipeline?.name ?? null;

const ENGINE_LABELS = {
  starting: 'Engine starting',
  ready: 'Engine ready',
  restarting: 'Engine restarting…',
  stopped: 'Engine stopped',
} as const;

export function Toolbar() {
  const project = useSessionStore(selectProject);
  const path = useDocumentStore(selectDocumentPath);
  const pipelineName = useDocumentStore(selectPipelineName);
  const run = useSessionStore(selectRun);
  const saving = useSessionStore(selectSaving);
  const running = run?.status === 'running';
  return (
    <header className="toolbar" data-testid="toolbar">
      <div className="toolbar__brand" aria-label="Sluice">
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <path d="M1 4h5l2 4h7M1 12h5l2-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </div>
      <span className="toolbar__project" data-testid="project-name" title={project?.path}>
        {project?.name ?? 'No project'}
      </span>
      {project && pipelineName && (
        <>
          <span className="toolbar__separator">/</span>
          <span className="toolbar__pipeline" data-testid="pipeline-name" title={path ?? undefined}>
            {pipelineName}
          </span>
        </>
      )}
      <div className="toolbar__spacer" />
      {path && (
        <div className="toolbar__actions">
          {running ? (
            <button type="button" className="button" data-testid="stop-button" onClick={cancelRun}>
              <span className="spinner" aria-hidden="true" /> Stop
            </button>
          ) : (
            <button type="button" className="button button--primary" data-testid="run-button" onClick={() => void runPipeline()} title="Run every node">
              <PlayIcon /> Run
            </button>
          )}
          <button
            type="button"
            className="button"
            data-testid="save-button"
            disabled={saving}
            onClick={() => void savePipeline()}
            title={`Save the pipeline file (${formatKeybinding('Mod+S')})`}
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="button" data-testid="export-button" onClick={() => openExportDialog()} title="Export the pipeline as Airflow, Dagster, Prefect, dbt or Python code">
            Export
          </button>
        </div>
      )}
      <EngineStatus />
    </header>
  );
}

function EngineStatus() {
  const engine = useSessionStore(selectEngine);
  const state = engine?.state ?? 'starting';
  return (
    <span
      className={`engine-status engine-status--${state}`}
      data-testid="engine-status"
      data-state={state}
      title={engine?.lastCrash ? `Last crash: ${engine.lastCrash} (${engine.restarts} restarts)` : undefined}
    >
      <span className="engine-status__dot" aria-hidden="true" />
      {ENGINE_LABELS[state]}
    </span>
  );
}
