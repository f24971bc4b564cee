import { formatDuration } from '../canvas/node-cards';
import { selectDirty, useDocumentStore, type DocumentState } from '../state/document-store';
import { selectNotice, selectRun, selectSaving, useSessionStore, type SessionState } from '../state/session-store';

const selectNodeCount = (state: DocumentState) => state.pipeline?.nodes.length ?? null;

// Sets of strings, so statuses the contract adds later (cached, check-failed) need no type change here.
const DONE = new Set<string>(['succeeded', 'cached']);
const FAILED = new Set<string>(['failed', 'check-failed']);

const selectRunSummary = (state: SessionState): string | null => {
  if (!state.run) return null;
  const nodes = Object.values(state.nodes);
  const done = nodes.filter((n) => DONE.has(n.activity)).length;
  const failed = nodes.filter((n) => FAILED.has(n.activity)).length;
  const time = nodes.reduce((sum, n) => sum + (DONE.has(n.activity) && n.durationMs ? n.durationMs : 0), 0);
  return `Run ${state.run.status}: ${done} ok${failed ? `, ${failed} failed` : ''}${time ? ` · ${formatDuration(time)}` : ''}`;
};

export function StatusBar() {
  const notice = useSessionStore(selectNotice);
  const run = useSessionStore(selectRun);
  const saving = useSessionStore(selectSaving);
  const summary = useSessionStore(selectRunSummary);
  const nodeCount = useDocumentStore(selectNodeCount);
  const dirty = useDocumentStore(selectDirty);
  return (
    <footer className="status-bar" data-testid="status-bar">
      {nodeCount !== null && (
        <span className="status-bar__item">
          {nodeCount} {nodeCount === 1 ? 'node' : 'nodes'} · {saving ? 'saving…' : dirty ? 'unsaved changes' : 'saved'}
        </span>
      )}
      {notice && (
        <button
          type="button"
          className={`status-bar__notice status-bar__notice--${notice.level}`}
          data-testid="notice"
          title="Dismiss"
          onClick={() => useSessionStore.getState().setNotice(null)}
        >
          {notice.message}
        </button>
      )}
      <span className="status-bar__spacer" />
      {summary && (
        <span className={`status-bar__item status-bar__run--${run?.status}`} data-testid="run-summary">
          {summary}
        </span>
      )}
    </footer>
  );
}
