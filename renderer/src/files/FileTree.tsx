import { memo, useEffect, useMemo, type DragEvent, type KeyboardEvent } from 'react';
import type { ProjectFileEntry } from '../../../common/contract/api';
import { openPipeline } from '../actions/project-actions';
import { selectDirty, selectDocumentPath, useDocumentStore } from '../state/document-store';
import { selectProject, useSessionStore } from '../state/session-store';
import { selectInactiveDirty, useTabsStore } from '../state/tabs-store';
import { refreshFiles, selectExpanded, selectFileEntries, setAllFolders, toggleFolder, useFilesStore } from './files-store';
import { formatBytes, visibleRows } from './tree-rows';
import './file-tree.css';

/**
 * What a dragged data file carries: its path relative to the project folder,
 * under this type (plain text too, for drops outside Sluice). The canvas turns a
 * drop of it into a file source node.
 */
export const SLUICE_FILE_MIME = 'application/x-sluice-file';

export function FileTree() {
  const project = useSessionStore(selectProject);
  const entries = useFilesStore(selectFileEntries);
  const expanded = useFilesStore(selectExpanded);
  const truncated = useFilesStore((state) => state.truncated);
  const loading = useFilesStore((state) => state.loading);
  const error = useFilesStore((state) => state.error);
  const activePath = useDocumentStore(selectDocumentPath);
  const activeDirty = useDocumentStore(selectDirty);
  const inactiveDirty = useTabsStore(selectInactiveDirty);
  const rows = useMemo(() => visibleRows(entries, expanded), [entries, expanded]);

  // A window coming back to the front may find files added outside the app.
  useEffect(() => {
    const onFocus = () => void refreshFiles();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]')];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      items[Math.min(items.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    }
  };

  return (
    <aside className="file-tree" data-testid="file-tree" aria-label="Project files">
      <div className="file-tree__header">
        <span className="file-tree__title" title={project?.path}>
          {project?.name ?? 'No project'}
        </span>
        <button type="button" className="icon-button" title="Collapse folders" aria-label="Collapse folders" onClick={() => setAllFolders(false)}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path d="M4 6h8M4 10h8" stroke="currentColor" strokeWidth="1.3" fill="none" />
            <rect x="2" y="2.5" width="12" height="11" rx="1.5" stroke="currentColor" fill="none" />
          </svg>
        </button>
        <button
          type="button"
          className="icon-button"
          title="Refresh"
          aria-label="Refresh the file tree"
          data-testid="file-tree-refresh"
          onClick={() => void refreshFiles()}
        >
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" className={loading ? 'file-tree__spin' : undefined}>
            <path d="M13 8a5 5 0 1 1-1.5-3.5M13 2.5v3h-3" stroke="currentColor" strokeWidth="1.3" fill="none" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      <div className="file-tree__body" role="tree" aria-label="Files" onKeyDown={onKeyDown} data-testid="file-tree-body">
        {error && (
          <div className="file-tree__message file-tree__message--error" role="alert">
            {error}
          </div>
        )}
        {!error && !loading && entries.length === 0 && <div className="file-tree__message">This folder is empty.</div>}
        {rows.map((row) => (
          <TreeItem
            key={row.entry.path}
            entry={row.entry}
            depth={row.depth}
            open={row.open}
            active={row.entry.path === activePath}
            dirty={row.entry.path === activePath ? activeDirty : Boolean(inactiveDirty[row.entry.path])}
          />
        ))}
        {truncated && <div className="file-tree__message">Only the first {entries.length} entries are shown.</div>}
      </div>
    </aside>
  );
}

const TreeItem = memo(function TreeItem({ entry, depth, open, active, dirty }: { entry: ProjectFileEntry; depth: number; open: boolean; active: boolean; dirty: boolean }) {
  const folder = entry.kind === 'folder';
  const activate = () => {
    if (folder) toggleFolder(entry.path);
    else if (entry.kind === 'pipeline') void openPipeline(entry.path);
  };
  const onDragStart = (event: DragEvent<HTMLDivElement>) => {
    event.dataTransfer.setData(SLUICE_FILE_MIME, entry.path);
    event.dataTransfer.setData('text/plain', entry.path);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <div
      className={`tree-item tree-item--${entry.kind}${active ? ' tree-item--active' : ''}`}
      role="treeitem"
      aria-expanded={folder ? open : undefined}
      aria-selected={active}
      tabIndex={0}
      style={{ paddingLeft: 8 + depth * 12 }}
      title={entry.size !== undefined ? `${entry.path} · ${formatBytes(entry.size)}` : entry.path}
      data-testid="tree-item"
      data-path={entry.path}
      data-kind={entry.kind}
      draggable={entry.kind === 'data'}
      onDragStart={entry.kind === 'data' ? onDragStart : undefined}
      onClick={activate}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          activate();
        } else if (folder && (event.key === 'ArrowRight' || event.key === 'ArrowLeft') && open !== (event.key === 'ArrowRight')) {
          event.preventDefault();
          toggleFolder(entry.path);
        }
      }}
    >
      <span className="tree-item__twistie" aria-hidden="true">
        {folder ? (open ? '▾' : '▸') : ''}
      </span>
      <FileIcon kind={entry.kind} />
      <span className="tree-item__name">{entry.name}</span>
      {dirty && (
        <span className="tree-item__dirty" title="Unsaved changes" data-testid="tree-item-dirty">
          ●
        </span>
      )}
    </div>
  );
});

function FileIcon({ kind }: { kind: ProjectFileEntry['kind'] }) {
  if (kind === 'folder') {
    return (
      <svg className="tree-item__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <path d="M1.5 3.5h5l1.5 1.5h6.5v8h-13z" fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />
      </svg>
    );
  }
  if (kind === 'pipeline') {
    return (
      <svg className="tree-item__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <circle cx="4" cy="4" r="2" fill="currentColor" />
        <circle cx="12" cy="8" r="2" fill="currentColor" />
        <circle cx="4" cy="12" r="2" fill="currentColor" />
        <path d="M6 4.5 10 7.5M6 11.5l4-3" stroke="currentColor" strokeWidth="1.2" fill="none" />
      </svg>
    );
  }
  if (kind === 'data') {
    return (
      <svg className="tree-item__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <ellipse cx="8" cy="4" rx="5" ry="2" fill="none" stroke="currentColor" strokeWidth="1.2" />
        <path d="M3 4v8c0 1.1 2.2 2 5 2s5-.9 5-2V4M3 8c0 1.1 2.2 2 5 2s5-.9 5-2" fill="none" stroke="currentColor" strokeWidth="1.2" />
      </svg>
    );
  }
  return (
    <svg className="tree-item__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path d="M3.5 1.5h6l3 3v10h-9z" fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />
    </svg>
  );
}
