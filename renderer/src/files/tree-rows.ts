import type { ProjectFileEntry } from '../../../common/contract/api';

export interface TreeRow {
  entry: ProjectFileEntry;
  depth: number;
  /** For folders: whether its children follow. */
  open: boolean;
}

/**
 * The visible rows of a depth-first entry list (as project:list-files sends it):
 * an entry shows when every folder above it is open.
 */
export function visibleRows(entries: readonly ProjectFileEntry[], expanded: Readonly<Record<string, boolean>>): TreeRow[] {
  const rows: TreeRow[] = [];
  for (const entry of entries) {
    const parts = entry.path.split('/');
    let hidden = false;
    for (let i = 1; i < parts.length && !hidden; i++) hidden = !expanded[parts.slice(0, i).join('/')];
    if (hidden) continue;
    rows.push({ entry, depth: parts.length - 1, open: entry.kind === 'folder' && Boolean(expanded[entry.path]) });
  }
  return rows;
}

/** `1536` → `1.5 KB`, for the tree's tooltips. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
