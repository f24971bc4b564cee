import { create } from 'zustand';
import type { ProjectFileEntry } from '../../../common/contract/api';
import { api } from '../api/api';
import { logError } from '../actions/notices';

/** The project's files as the side bar shows them; refreshed on demand and after every save. */
interface FilesState {
  entries: ProjectFileEntry[];
  truncated: boolean;
  loading: boolean;
  error: string | null;
  /** Folders the user opened (all start closed, except the ones holding pipelines). */
  expanded: Record<string, boolean>;
}

export const useFilesStore = create<FilesState>()(() => ({ entries: [], truncated: false, loading: false, error: null, expanded: {} }));

const FILE_LIMIT = 5000;
let request = 0;

export async function refreshFiles(): Promise<void> {
  const id = ++request;
  useFilesStore.setState({ loading: true });
  try {
    const { entries, truncated } = await api.listProjectFiles({ depth: 8, limit: FILE_LIMIT });
    if (id !== request) return;
    useFilesStore.setState((state) => ({ entries, truncated, loading: false, error: null, expanded: withPipelineFolders(state.expanded, entries) }));
  } catch (error) {
    if (id !== request) return;
    const body = logError('could not list the project files', error);
    useFilesStore.setState({ loading: false, error: body.message });
  }
}

/** Forgets the previous project's tree (its folders, what was open). */
export function resetFiles(): void {
  request++;
  useFilesStore.setState({ entries: [], truncated: false, loading: false, error: null, expanded: {} });
}

export function toggleFolder(path: string): void {
  useFilesStore.setState((state) => ({ expanded: { ...state.expanded, [path]: !state.expanded[path] } }));
}

export function setAllFolders(open: boolean): void {
  useFilesStore.setState((state) => ({ expanded: Object.fromEntries(state.entries.filter((e) => e.kind === 'folder').map((e) => [e.path, open])) }));
}

/** Folders on the way to a pipeline start open the first time they are seen, so pipelines are one click away. */
function withPipelineFolders(expanded: Record<string, boolean>, entries: readonly ProjectFileEntry[]): Record<string, boolean> {
  const next = { ...expanded };
  for (const entry of entries) {
    if (entry.kind !== 'pipeline') continue;
    const parts = entry.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (!(folder in next)) next[folder] = true;
    }
  }
  return next;
}

export const selectFileEntries = (state: FilesState) => state.entries;
export const selectExpanded = (state: FilesState) => state.expanded;
