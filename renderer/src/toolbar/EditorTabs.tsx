import { memo, type MouseEvent } from 'react';
import { activateTab, closeTab } from '../actions/project-actions';
import { formatKeybinding } from '../commands/registry';
import { selectDirty, useDocumentStore } from '../state/document-store';
import { selectActiveTab, selectInactiveDirty, selectTabPaths, useTabsStore } from '../state/tabs-store';
import './editor-tabs.css';

/** One tab per open pipeline, as VS Code's editor tabs: ● while unsaved, × to close, middle click closes too. */
export function EditorTabs() {
  const paths = useTabsStore(selectTabPaths);
  const active = useTabsStore(selectActiveTab);
  const inactiveDirty = useTabsStore(selectInactiveDirty);
  const activeDirty = useDocumentStore(selectDirty);
  if (paths.length === 0) return null;
  return (
    <div className="editor-tabs" role="tablist" aria-label="Open pipelines" data-testid="editor-tabs">
      {paths.map((path) => (
        <EditorTab key={path} path={path} active={path === active} dirty={path === active ? activeDirty : Boolean(inactiveDirty[path])} />
      ))}
    </div>
  );
}

const EditorTab = memo(function EditorTab({ path, active, dirty }: { path: string; active: boolean; dirty: boolean }) {
  const name = path.split('/').pop()!.replace(/\.sluice\.yaml$/, '');
  const onMouseDown = (event: MouseEvent) => {
    if (event.button === 1) {
      event.preventDefault();
      closeTab(path);
    }
  };
  return (
    <div
      className={`editor-tab${active ? ' editor-tab--active' : ''}${dirty ? ' editor-tab--dirty' : ''}`}
      role="tab"
      aria-selected={active}
      tabIndex={active ? 0 : -1}
      title={dirty ? `${path} (unsaved changes)` : path}
      data-testid="editor-tab"
      data-path={path}
      data-active={active}
      data-dirty={dirty}
      onClick={() => activateTab(path)}
      onMouseDown={onMouseDown}
    >
      <svg className="editor-tab__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <circle cx="4" cy="4" r="2" fill="currentColor" />
        <circle cx="12" cy="8" r="2" fill="currentColor" />
        <circle cx="4" cy="12" r="2" fill="currentColor" />
        <path d="M6 4.5 10 7.5M6 11.5l4-3" stroke="currentColor" strokeWidth="1.2" fill="none" />
      </svg>
      <span className="editor-tab__name">{name}</span>
      {dirty && (
        <span className="editor-tab__dirty" data-testid={active ? 'dirty-indicator' : undefined} aria-label="unsaved changes">
          ●
        </span>
      )}
      <button
        type="button"
        className="editor-tab__close"
        aria-label={`Close ${path}`}
        title={`Close (${formatKeybinding('Mod+W')})`}
        data-testid="editor-tab-close"
        onClick={(event) => {
          event.stopPropagation();
          closeTab(path);
        }}
      >
        ×
      </button>
    </div>
  );
});
