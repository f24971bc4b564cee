import type { Draft, ProjectInfo, Settings } from '../../../common/contract/api';
import type { Pipeline } from '../../../common/pipeline/model';
import { toErrorBody, unwrap, type Envelope } from '../../../common/contract/envelope';
import { api } from '../api/api';
import { takeEarlyOpen, type EarlyOpen } from '../app/early-open';
import { savedTabs } from '../state/open-tabs-setting';
import { cancelAutosave, clearOffers, discardDraft, dropOffer, dropPendingAutosaves, fetchDraftOffers, flushAutosave } from '../app/hot-exit';
import { refreshFiles, resetFiles } from '../files/files-store';
import { useDocumentStore } from '../state/document-store';
import { clearPreviewCache } from '../state/preview-cache';
import { useSessionStore } from '../state/session-store';
import {
  adoptLoadedDocument,
  closeAllTabs,
  dirtyTabs,
  freshGeneration,
  isTabDirty,
  isTabOpen,
  neighbourTab,
  parkActiveTab,
  removeTab,
  restoreParkedTab,
  useTabsStore,
} from '../state/tabs-store';
import { useUiStore } from '../state/ui-store';
import { logError, logInfo, logWarning } from './notices';
import { cancelCurrentPreview } from './preview-actions';
import { cancelNodeProfile } from '../profile/profile-actions';
import { clearHeaderProfiles } from '../profile/header-profiles';
import { clearProfileStore } from '../profile/profile-store';

// Each load bumps this; a slower, older load that finishes later is ignored.
let loadGeneration = 0;

/** First thing the window does: show the host's current project, its first pipeline, and unsaved drafts to restore. */
export async function startApp(): Promise<void> {
  useSessionStore.getState().setLoad({ state: 'loading' });
  try {
    api.getEngineStatus({}).then(
      (status) => useSessionStore.getState().setEngine(status),
      (error) => logError('could not read the engine status', error),
    );
    // The window's first calls went out before the app's code ran (early-open); later starts ask again.
    const early = takeEarlyOpen();
    // Asked beside the project, not after it: the tabs to reopen are in the settings, and the first pipeline waits for both.
    const settings = early ? early.settings.then(unwrap) : api.getSettings({});
    settings.catch(() => undefined);
    const project = early ? unwrap(await early.project) : await api.getCurrentProject({});
    await showProject(project, settings, early?.firstPipeline);
  } catch (error) {
    failLoad('could not open the project', error);
  }
}

/** Shows a project the host has opened (at start, or from the File menu): its first pipeline in a tab. */
export async function showProject(project: ProjectInfo | null, settings?: Promise<Settings>, firstPipeline?: EarlyOpen['firstPipeline']): Promise<void> {
  const generation = ++loadGeneration;
  const session = useSessionStore.getState();
  session.setProject(project);
  closeAllTabs();
  closedTabs = [];
  clearOffers();
  resetView({ dropPreviews: true });
  // Profiles are kept by pipeline path and node name: another project's would match by name alone.
  cancelNodeProfile('another project was opened');
  clearProfileStore();
  clearHeaderProfiles();
  useDocumentStore.getState().close();
  resetFiles();
  if (!project) {
    session.setLoad({ state: 'loaded' });
    return;
  }
  // The tabs of the last session in this project (hot exit), else its first pipeline.
  const saved = await readOpenTabs(project, settings ?? api.getSettings({}));
  if (generation !== loadGeneration) return;
  const paths = saved.paths.length > 0 ? saved.paths : project.pipelines.slice(0, 1);
  useTabsStore.setState({ restoring: true });
  try {
    if (paths.length === 0) void refreshFiles();
    for (const [index, path] of paths.entries()) {
      // The first pipeline may be on its way already (early-open), if it is this one.
      const early = index === 0 && firstPipeline ? firstPipeline.then((first) => (first?.path === path ? first.reply : null)) : undefined;
      const loading = loadIntoNewTab(path, generation, early);
      // The file tree is asked for once the first pipeline is on its way: the host reads that file first.
      if (index === 0) void refreshFiles();
      await loading;
      if (generation !== loadGeneration) return;
    }
    if (saved.active && saved.active !== useTabsStore.getState().active && isTabOpen(saved.active)) {
      parkActiveTab();
      restoreParkedTab(saved.active);
    }
  } finally {
    useTabsStore.setState({ restoring: false });
  }
  // One tab that could not be opened is a notice; none at all is the error screen.
  if (useTabsStore.getState().paths.length > 0 || useSessionStore.getState().load.state !== 'error') session.setLoad({ state: 'loaded' });
  await fetchDraftOffers({ skip: isTabDirty });
}

async function readOpenTabs(project: ProjectInfo, settings: Promise<Settings>): Promise<{ paths: string[]; active: string | null }> {
  try {
    return savedTabs(project, await settings);
  } catch (error) {
    logError('could not read the tabs of the last session', error);
    return { paths: [], active: null };
  }
}

/** Opens a pipeline of the project in a tab (or shows its tab), then offers its draft if one was left over. */
export async function openPipeline(path: string): Promise<void> {
  if (isTabOpen(path)) {
    activateTab(path);
    return;
  }
  if (await loadIntoNewTab(path, ++loadGeneration)) await fetchDraftOffers({ paths: [path], skip: isTabDirty });
}

async function loadIntoNewTab(path: string, generation: number, early?: Promise<Envelope<{ pipeline: Pipeline }> | null>): Promise<boolean> {
  const first = useTabsStore.getState().paths.length === 0;
  // With other tabs open the workbench stays up while the file loads; the first one shows the loading screen.
  if (first) useSessionStore.getState().setLoad({ state: 'loading' });
  try {
    const reply = early ? await early : null;
    const { pipeline } = reply ? unwrap(reply) : await api.loadPipeline({ path });
    if (generation !== loadGeneration) return false;
    cancelCurrentPreview();
    parkActiveTab();
    resetView();
    useDocumentStore.getState().load(path, pipeline);
    adoptLoadedDocument(path);
    // While the last session's tabs reopen, the window stays "loading" until the last one is in.
    if (!useTabsStore.getState().restoring) useSessionStore.getState().setLoad({ state: 'loaded' });
    logInfo(`opened ${path}`);
    return true;
  } catch (error) {
    if (generation !== loadGeneration) return false;
    if (useTabsStore.getState().paths.length === 0) failLoad(`could not open ${path}`, error);
    else notifyError(`Could not open ${path}`, error);
    return false;
  }
}

/** Shows an open tab; the one it replaces keeps its document (and undo history) aside. */
export function activateTab(path: string): void {
  const { active, paths } = useTabsStore.getState();
  if (path === active || !paths.includes(path)) return;
  ++loadGeneration;
  cancelCurrentPreview();
  parkActiveTab();
  restoreParkedTab(path);
}

export function showNextTab(offset: 1 | -1): void {
  const next = neighbourTab(offset);
  if (next) activateTab(next);
}

/** Closes a tab (the active one by default); unsaved edits are discarded only after the user agrees. */
export function closeTab(path = useTabsStore.getState().active): void {
  if (!path) return;
  const dirty = isTabDirty(path);
  if (dirty && !window.confirm(`${path} has unsaved changes. Close it and discard them?`)) return;
  const wasActive = useTabsStore.getState().active === path;
  const next = removeTab(path);
  closedTabs = [path, ...closedTabs.filter((other) => other !== path)].slice(0, 20);
  if (dirty) void discardDraft(path);
  else cancelAutosave(path);
  if (!wasActive) return;
  ++loadGeneration;
  resetView();
  if (!next || !restoreParkedTab(next)) useDocumentStore.getState().close();
}

let closedTabs: string[] = [];

/** Reopens the most recently closed tab that is not open again (as on disk: its edits were discarded on close). */
export async function reopenClosedTab(): Promise<void> {
  const project = useSessionStore.getState().project;
  const path = closedTabs.find((closed) => !isTabOpen(closed) && project?.pipelines.includes(closed));
  if (!path) return;
  closedTabs = closedTabs.filter((closed) => closed !== path);
  await openPipeline(path);
}

export function hasClosedTab(): boolean {
  return closedTabs.some((closed) => !isTabOpen(closed));
}

/**
 * The host opened a folder (File menu, recent list). Unsaved edits of the
 * project being left are already drafts; they are offered again when it is reopened.
 */
export async function onProjectOpenedByHost(project: ProjectInfo): Promise<void> {
  const shown = useSessionStore.getState().project;
  if (shown?.path === project.path && useTabsStore.getState().paths.length > 0) {
    useSessionStore.getState().setProject(project);
    return;
  }
  const unsaved = dirtyTabs();
  // Opened from this window, drafts were flushed before asking (openRecentProject); from the
  // host's menu, the host already serves the new project, so late writes would land there.
  const lost = dropPendingAutosaves();
  if (lost.length > 0) logWarning(`the last second of edits to ${lost.join(', ')} was not kept: another project was opened meanwhile`);
  await showProject(project);
  if (shown && unsaved.length > 0) {
    logInfo(`unsaved changes of ${unsaved.join(', ')} in ${shown.name} were kept; they are offered again when that project is reopened`);
  }
}

export async function openRecentProject(path: string): Promise<void> {
  try {
    await flushAutosave();
    await onProjectOpenedByHost(await api.openProject({ path }));
  } catch (error) {
    notifyError(`Could not open ${path}`, error);
  }
}

/** The native folder dialog (Electron); serve mode has none, its callers ask for a path instead. */
export async function chooseProjectFolder(): Promise<void> {
  try {
    await flushAutosave();
    const project = await api.chooseProjectFolder({});
    if (project) await onProjectOpenedByHost(project);
  } catch (error) {
    notifyError('Could not open the folder', error);
  }
}

/** Writes the active document to its file. Edits made while saving keep the document dirty. */
export async function savePipeline(): Promise<void> {
  const { path, pipeline } = useDocumentStore.getState();
  const session = useSessionStore.getState();
  if (!path || !pipeline || session.saving) return;
  session.setSaving(true);
  try {
    const result = await api.savePipeline({ path, pipeline });
    useDocumentStore.getState().markSaved(pipeline);
    // The host dropped the draft it held for this exact content.
    if (useDocumentStore.getState().path === path && !useDocumentStore.getState().dirty) cancelAutosave(path);
    useSessionStore.getState().setNotice(null);
    logInfo(`saved ${result.path} (${result.bytes} bytes)`);
    if (!session.project?.pipelines.includes(path)) useSessionStore.getState().setProject(await api.getCurrentProject({}));
    void refreshFiles();
  } catch (error) {
    const body = logError(`could not save ${path}`, error);
    useSessionStore.getState().setNotice({ level: 'error', message: `Could not save ${path}: ${body.message}` });
  } finally {
    useSessionStore.getState().setSaving(false);
  }
}

/** Puts a draft back as the unsaved state of its pipeline, in its tab. */
export async function restoreDraft(draft: Draft): Promise<void> {
  dropOffer(draft.path);
  if (isTabOpen(draft.path)) {
    activateTab(draft.path);
  } else if (draft.fileExists) {
    if (!(await loadIntoNewTab(draft.path, ++loadGeneration))) return;
  } else {
    // The file is gone (or was never saved): the draft becomes a new, unsaved document.
    ++loadGeneration;
    cancelCurrentPreview();
    parkActiveTab();
    resetView();
    useDocumentStore.getState().load(draft.path, documentOfDraft(draft));
    useDocumentStore.setState({ savedPipeline: null, dirty: true });
    adoptLoadedDocument(draft.path);
    logInfo(`restored unsaved ${draft.path} from ${draft.savedAt}`);
    return;
  }
  const document = useDocumentStore.getState();
  if (document.path !== draft.path) return;
  if (document.dirty && !window.confirm(`${draft.path} has newer unsaved changes. Replace them with the ones from ${new Date(draft.savedAt).toLocaleString()}?`)) return;
  resetView();
  // A new generation: the canvas and the SQL editors rebuild from the restored pipeline.
  useDocumentStore.setState({ pipeline: documentOfDraft(draft), dirty: true, generation: freshGeneration() });
  logInfo(`restored unsaved changes of ${draft.path} from ${draft.savedAt}`);
}

/** Clears what the window shows of a document (selection, node states); a new project also drops cached previews. */
function resetView(options: { dropPreviews?: boolean } = {}): void {
  cancelCurrentPreview();
  if (options.dropPreviews) clearPreviewCache();
  useSessionStore.getState().resetNodes();
  useUiStore.getState().selectNode(null);
  useUiStore.getState().showPreview(null);
}

function notifyError(message: string, error: unknown): void {
  const body = logError(message.charAt(0).toLowerCase() + message.slice(1), error);
  useSessionStore.getState().setNotice({ level: 'error', message: `${message}: ${body.message}` });
}

function failLoad(context: string, error: unknown): void {
  const body = toErrorBody(error);
  logError(context, error);
  // The heading already says what could not be opened; the message names the file and line.
  useSessionStore.getState().setLoad({ state: 'error', message: body.message });
}

/**
 * A draft holds the document as it was being edited, which may not be a valid
 * pipeline yet (a node without its inputs). The document store holds such
 * edits too; saving and running check them and name what is missing.
 */
function documentOfDraft(draft: Draft): Pipeline {
  return draft.pipeline as Pipeline;
}
