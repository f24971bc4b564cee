import type { ProjectInfo } from '../../../common/contract/api';
import { toErrorBody } from '../../../common/contract/envelope';
import { api } from '../api/api';
import { useDocumentStore } from '../state/document-store';
import { clearPreviewCache } from '../state/preview-cache';
import { useSessionStore } from '../state/session-store';
import { useUiStore } from '../state/ui-store';
import { logError, logInfo } from './notices';
import { cancelCurrentPreview } from './preview-actions';

// Each load bumps this; a slower, older load that finishes later is ignored.
let loadGeneration = 0;

/** First thing the window does: show the host's current project and its first pipeline. */
export async function startApp(): Promise<void> {
  useSessionStore.getState().setLoad({ state: 'loading' });
  try {
    api.getEngineStatus({}).then(
      (status) => useSessionStore.getState().setEngine(status),
      (error) => logError('could not read the engine status', error),
    );
    await showProject(await api.getCurrentProject({}));
  } catch (error) {
    failLoad('could not open the project', error);
  }
}

/** Shows a project the host has opened (at start, or from the File menu). */
export async function showProject(project: ProjectInfo | null): Promise<void> {
  const generation = ++loadGeneration;
  const session = useSessionStore.getState();
  session.setProject(project);
  const path = project?.pipelines[0];
  if (!project || !path) {
    resetDocument();
    useDocumentStore.getState().close();
    session.setLoad({ state: 'loaded' });
    return;
  }
  await loadPipeline(path, generation);
}

/** Switches to another pipeline file of the open project. */
export async function openPipeline(path: string): Promise<void> {
  if (!confirmDiscard()) return;
  await loadPipeline(path, ++loadGeneration);
}

async function loadPipeline(path: string, generation: number): Promise<void> {
  useSessionStore.getState().setLoad({ state: 'loading' });
  try {
    const { pipeline } = await api.loadPipeline({ path });
    if (generation !== loadGeneration) return;
    resetDocument();
    useDocumentStore.getState().load(path, pipeline);
    useSessionStore.getState().setLoad({ state: 'loaded' });
    logInfo(`opened ${path}`);
  } catch (error) {
    if (generation === loadGeneration) failLoad(`could not open ${path}`, error);
  }
}

/** Asks before throwing away unsaved edits. */
export function confirmDiscard(): boolean {
  const { dirty, path } = useDocumentStore.getState();
  return !dirty || window.confirm(`${path ?? 'The pipeline'} has unsaved changes. Discard them?`);
}

/** The File menu opened a folder. If the user keeps unsaved edits, the host goes back to the folder they belong to. */
export async function onProjectOpenedByHost(project: ProjectInfo): Promise<void> {
  const shown = useSessionStore.getState().project;
  const { pipeline, path } = useDocumentStore.getState();
  if (shown?.path === project.path && pipeline && path && project.pipelines.includes(path)) {
    useSessionStore.getState().setProject(project);
    return;
  }
  if (shown && !confirmDiscard()) {
    try {
      await api.openProject({ path: shown.path });
    } catch (error) {
      logError(`could not reopen ${shown.path}`, error);
    }
    return;
  }
  await showProject(project);
}

/** Writes the document to its file. Edits made while saving keep the document dirty. */
export async function savePipeline(): Promise<void> {
  const { path, pipeline } = useDocumentStore.getState();
  const session = useSessionStore.getState();
  if (!path || !pipeline || session.saving) return;
  session.setSaving(true);
  try {
    const result = await api.savePipeline({ path, pipeline });
    useDocumentStore.getState().markSaved(pipeline);
    useSessionStore.getState().setNotice(null);
    logInfo(`saved ${result.path} (${result.bytes} bytes)`);
  } catch (error) {
    const body = logError(`could not save ${path}`, error);
    useSessionStore.getState().setNotice({ level: 'error', message: `Could not save ${path}: ${body.message}` });
  } finally {
    useSessionStore.getState().setSaving(false);
  }
}

function resetDocument(): void {
  cancelCurrentPreview();
  clearPreviewCache();
  useSessionStore.getState().resetNodes();
  useUiStore.getState().selectNode(null);
  useUiStore.getState().showPreview(null);
}

function failLoad(context: string, error: unknown): void {
  const body = toErrorBody(error);
  logError(context, error);
  // The heading already says what could not be opened; the message names the file and line.
  useSessionStore.getState().setLoad({ state: 'error', message: body.message });
}
