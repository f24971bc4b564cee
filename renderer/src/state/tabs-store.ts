import { create } from 'zustand';
import { useDocumentStore, type DocumentState } from './document-store';
import { useSessionStore, type NodeSession } from './session-store';
import { useUiStore } from './ui-store';

/**
 * Open pipelines, one tab each. The document store holds only the active one;
 * every other tab keeps its whole document-store state (undo history included)
 * here and gets it back, untouched, when it is activated again.
 */
export interface TabsState {
  /** Pipeline paths in tab order. */
  paths: string[];
  active: string | null;
  /** Unsaved edits of the tabs that are not active (the active one's is the document's). */
  inactiveDirty: Record<string, boolean>;
  /** True while a project's tabs of the last session are being reopened (not a state worth remembering). */
  restoring: boolean;
}

/** What a tab puts aside while another one is shown: its document, and where the user was in it. */
interface ParkedTab {
  document: DocumentState;
  selectedNode: string | null;
  activePreview: string | null;
  nodes: Record<string, NodeSession>;
}

export const useTabsStore = create<TabsState>()(() => ({ paths: [], active: null, inactiveDirty: {}, restoring: false }));

const parked = new Map<string, ParkedTab>();
let pendingSelection: string | null = null;

/** The node that was selected in the tab just restored, once (called when its canvas is ready). */
export function takePendingSelection(): string | null {
  const name = pendingSelection;
  pendingSelection = null;
  return name;
}

// Editors and the canvas remount when the generation changes, so a restored
// document gets a number no document has had: never one another tab saw.
let highestGeneration = useDocumentStore.getState().generation;
useDocumentStore.subscribe((state) => {
  highestGeneration = Math.max(highestGeneration, state.generation);
});

export { openTabsSettingKey } from './open-tabs-setting';

/** A generation no document has had yet, for a document that replaces the shown one. */
export function freshGeneration(): number {
  return highestGeneration + 1;
}

export function isTabOpen(path: string): boolean {
  return useTabsStore.getState().paths.includes(path);
}

export function isTabDirty(path: string): boolean {
  const { active, inactiveDirty } = useTabsStore.getState();
  return path === active ? useDocumentStore.getState().dirty : Boolean(inactiveDirty[path]);
}

export function dirtyTabs(): string[] {
  return useTabsStore.getState().paths.filter(isTabDirty);
}

/** The pipeline (and dirty state) of any open tab, active or parked. */
export function tabDocument(path: string): DocumentState | undefined {
  return path === useTabsStore.getState().active ? useDocumentStore.getState() : parked.get(path)?.document;
}

/** Puts the active document aside, so another one can be loaded into the document store. */
export function parkActiveTab(): void {
  const { active } = useTabsStore.getState();
  if (!active) return;
  const document = useDocumentStore.getState();
  if (document.path !== active) return;
  const ui = useUiStore.getState();
  parked.set(active, { document, selectedNode: ui.selectedNode, activePreview: ui.activePreview, nodes: useSessionStore.getState().nodes });
  useTabsStore.setState((state) => ({ inactiveDirty: { ...state.inactiveDirty, [active]: document.dirty } }));
}

/**
 * Changes the node states of the tab showing `path`: the session store's when
 * it is the active tab, else the parked copy, so a run's progress lands on its
 * own pipeline whichever tab is on screen. A path that is not open (or null,
 * a document never saved) means the document on screen.
 */
export function updateTabNodes(path: string | null, update: (nodes: Record<string, NodeSession>) => Record<string, NodeSession>): void {
  const saved = path === null ? undefined : parked.get(path);
  if (saved && path !== useTabsStore.getState().active) parked.set(path!, { ...saved, nodes: update(saved.nodes) });
  else useSessionStore.setState((state) => ({ nodes: update(state.nodes) }));
}

/** Registers the document just loaded into the document store as the active tab (after `parkActiveTab`). */
export function adoptLoadedDocument(path: string): void {
  useTabsStore.setState((state) => {
    const paths = state.paths.includes(path) ? state.paths : insertAfter(state.paths, state.active, path);
    return { paths, active: path, inactiveDirty: without(state.inactiveDirty, path) };
  });
}

/** Shows a parked tab again: its document state replaces the store's whole state. */
export function restoreParkedTab(path: string): boolean {
  const saved = parked.get(path);
  if (!saved) return false;
  parked.delete(path);
  useDocumentStore.setState({ ...saved.document, generation: freshGeneration() }, true);
  // The selection comes back once the tab's canvas is on screen (takePendingSelection): the canvas
  // keeps its own selection of the previous document until it remounts, and the two must not disagree.
  useUiStore.getState().selectNode(null);
  pendingSelection = saved.selectedNode;
  useUiStore.getState().showPreview(saved.activePreview);
  useSessionStore.setState({ nodes: saved.nodes });
  useTabsStore.setState((state) => ({ active: path, inactiveDirty: without(state.inactiveDirty, path) }));
  return true;
}

/** Forgets a tab; returns the tab to show next (its right neighbour, else its left one), if any. */
export function removeTab(path: string): string | null {
  const { paths, active } = useTabsStore.getState();
  const index = paths.indexOf(path);
  if (index < 0) return active;
  parked.delete(path);
  const rest = paths.filter((p) => p !== path);
  const next = active === path ? (rest[index] ?? rest[index - 1] ?? null) : active;
  useTabsStore.setState((state) => ({ paths: rest, active: active === path ? null : active, inactiveDirty: without(state.inactiveDirty, path) }));
  return next;
}

export function closeAllTabs(): void {
  parked.clear();
  useTabsStore.setState({ paths: [], active: null, inactiveDirty: {} });
}

/** The tab `offset` places from the active one, wrapping around. */
export function neighbourTab(offset: number): string | null {
  const { paths, active } = useTabsStore.getState();
  if (paths.length < 2 || !active) return null;
  const index = paths.indexOf(active);
  return paths[(index + offset + paths.length) % paths.length] ?? null;
}

function insertAfter(paths: string[], anchor: string | null, path: string): string[] {
  const index = anchor ? paths.indexOf(anchor) : -1;
  if (index < 0) return [...paths, path];
  return [...paths.slice(0, index + 1), path, ...paths.slice(index + 1)];
}

function without(record: Record<string, boolean>, key: string): Record<string, boolean> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}

export const selectTabPaths = (state: TabsState) => state.paths;
export const selectActiveTab = (state: TabsState) => state.active;
export const selectInactiveDirty = (state: TabsState) => state.inactiveDirty;
