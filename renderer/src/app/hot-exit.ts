import { create } from 'zustand';
import type { Disposer, Draft } from '../../../common/contract/api';
import type { Pipeline } from '../../../common/pipeline/model';
import { api } from '../api/api';
import { logError } from '../actions/notices';
import { useDocumentStore } from '../state/document-store';
import { useSessionStore } from '../state/session-store';
import { dirtyTabs, openTabsSettingKey, useTabsStore } from '../state/tabs-store';

/**
 * Hot exit, as in VS Code: every unsaved edit is kept as a draft in the app
 * state about a second after it is made, so a crash, a kill or a closed tab
 * loses nothing; after a restart the drafts are offered back.
 */
export const AUTOSAVE_DELAY_MS = 1000;

export type DraftState = 'pending' | 'saved' | 'failed';

interface HotExitState {
  /** Per pipeline path: whether its latest edit is safely kept as a draft. */
  drafts: Record<string, { state: DraftState; savedAt?: string }>;
  /** Drafts found after a start or an open, waiting for Restore or Discard. */
  offers: Draft[];
  /** How many times the host was asked for drafts (a readiness signal: after it, offers are on screen). */
  checks: number;
  /** The open tabs as last written to the settings (what a restart reopens). */
  keptTabs: string[] | null;
}

export const useHotExitStore = create<HotExitState>()(() => ({ drafts: {}, offers: [], checks: 0, keptTabs: null }));

const timers = new Map<string, ReturnType<typeof setTimeout>>();
const latest = new Map<string, Pipeline>();

function setDraftState(path: string, state: DraftState, savedAt?: string): void {
  useHotExitStore.setState((current) => ({ drafts: { ...current.drafts, [path]: { state, ...(savedAt ? { savedAt } : {}) } } }));
}

async function writeDraft(path: string): Promise<void> {
  timers.delete(path);
  const pipeline = latest.get(path);
  if (!pipeline) return;
  try {
    const { savedAt } = await api.autosaveDraft({ path, pipeline });
    // A newer edit that arrived while writing stays pending (its own timer writes it).
    if (latest.get(path) === pipeline) {
      latest.delete(path);
      setDraftState(path, 'saved', savedAt);
    }
  } catch (error) {
    logError(`could not keep the unsaved changes of ${path}`, error);
    if (latest.get(path) === pipeline) setDraftState(path, 'failed');
  }
}

function schedule(path: string, pipeline: Pipeline): void {
  latest.set(path, pipeline);
  clearTimeout(timers.get(path));
  timers.set(path, setTimeout(() => void writeDraft(path), AUTOSAVE_DELAY_MS));
  if (useHotExitStore.getState().drafts[path]?.state !== 'pending') setDraftState(path, 'pending');
}

/** Drops a pending draft write (the file was saved, or the edits were discarded). */
export function cancelAutosave(path: string): void {
  clearTimeout(timers.get(path));
  timers.delete(path);
  latest.delete(path);
  useHotExitStore.setState((current) => {
    if (!(path in current.drafts)) return current;
    const drafts = { ...current.drafts };
    delete drafts[path];
    return { drafts };
  });
}

/**
 * Forgets draft writes not yet sent: the host has already switched to another
 * project (Electron's File menu), where they would land under the wrong folder.
 */
export function dropPendingAutosaves(): string[] {
  const paths = [...timers.keys()];
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
  latest.clear();
  useHotExitStore.setState({ drafts: {} });
  return paths;
}

/** Writes every pending draft now (before the page goes away, or before another project is opened). */
export function flushAutosave(): Promise<void> {
  const paths = [...timers.keys()];
  for (const path of paths) clearTimeout(timers.get(path));
  return Promise.all(paths.map(writeDraft)).then(() => undefined);
}

/** Watches the document store: each edit of a dirty document (re)starts its draft timer. */
export function installAutosave(): Disposer {
  const unsubscribe = useDocumentStore.subscribe((state, previous) => {
    if (!state.path || !state.pipeline) return;
    // A tab switch swaps in another document: nothing was edited.
    if (state.path !== previous.path) return;
    if (state.pipeline === previous.pipeline) return;
    if (state.dirty) schedule(state.path, state.pipeline);
    // Edited back to what is on disk (undo): a kept draft would offer stale edits after a restart.
    else if (state.path in useHotExitStore.getState().drafts) void discardDraft(state.path);
  });
  const disposeTabs = rememberOpenTabs();
  const onHide = () => {
    if (document.visibilityState === 'hidden') void flushAutosave();
  };
  document.addEventListener('visibilitychange', onHide);
  return () => {
    unsubscribe();
    disposeTabs();
    document.removeEventListener('visibilitychange', onHide);
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    latest.clear();
  };
}

// Coalesces the two steps of closing a tab (remove it, show its neighbour) into one write.
const TABS_DELAY_MS = 100;

/** Keeps the open tabs of each project in the settings, so a restart reopens them (VS Code's hot exit restores editors too). */
function rememberOpenTabs(): Disposer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    const { paths, active, restoring } = useTabsStore.getState();
    const project = useSessionStore.getState().project;
    // Mid-reopen, or between projects: the list is not what the user left open.
    if (restoring || !project || useSessionStore.getState().load.state === 'loading') return;
    api.updateSettings({ values: { [openTabsSettingKey(project.path)]: { paths, active } } }).then(
      () => useHotExitStore.setState({ keptTabs: paths }),
      (error) => logError('could not remember the open tabs', error),
    );
  };
  const unsubscribe = useTabsStore.subscribe((state, previous) => {
    if (state.paths === previous.paths && state.active === previous.active) return;
    clearTimeout(timer);
    timer = setTimeout(write, TABS_DELAY_MS);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

/** Asks the host for drafts (of `paths`, or all) and queues them as offers; open tabs with edits are never offered over. */
export async function fetchDraftOffers(options: { paths?: readonly string[]; skip?: (path: string) => boolean } = {}): Promise<void> {
  let drafts: Draft[] = [];
  try {
    drafts = await api.listDrafts({});
  } catch (error) {
    logError('could not look for unsaved changes from an earlier session', error);
  }
  const wanted = drafts.filter((draft) => (!options.paths || options.paths.includes(draft.path)) && !options.skip?.(draft.path));
  useHotExitStore.setState((current) => {
    const known = new Set(current.offers.map((offer) => offer.path));
    return { offers: [...current.offers, ...wanted.filter((draft) => !known.has(draft.path))], checks: current.checks + 1 };
  });
}

export function dropOffer(path: string): void {
  useHotExitStore.setState((current) => ({ offers: current.offers.filter((offer) => offer.path !== path) }));
}

export function clearOffers(): void {
  useHotExitStore.setState({ offers: [] });
}

export async function discardDraft(path: string): Promise<void> {
  cancelAutosave(path);
  dropOffer(path);
  try {
    await api.discardDraft({ path });
  } catch (error) {
    logError(`could not discard the kept changes of ${path}`, error);
  }
}

export const selectOffers = (state: HotExitState) => state.offers;
export const selectDraftStates = (state: HotExitState) => state.drafts;
export const selectDraftChecks = (state: HotExitState) => state.checks;
export const selectKeptTabs = (state: HotExitState) => state.keptTabs;

/** Whether some open pipeline has edits that are not yet kept as a draft (a write pending or failed). */
export function hasUnkeptChanges(): boolean {
  const { drafts } = useHotExitStore.getState();
  return dirtyTabs().some((path) => drafts[path]?.state !== 'saved');
}
