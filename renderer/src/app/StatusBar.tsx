import { formatDuration } from '../canvas/node-cards';
import { selectDirty, useDocumentStore, type DocumentState } from '../state/document-store';
import { selectNotice, selectRun, selectSaving, useSessionStore, type SessionState } from '../state/session-store';

const selectNodeCount = (state: DocumentState) => state.pipeline?.nodes.length ?? null;

const selectRunSummary = (state: SessionState): string | null => {
  const { run } = state;
  if (!run) return null;
  if (run.status === 'running') return `Running: ${run.succeeded} of ${run.total} done`;
  const time = run.durationMs ? ` · ${formatDuration(run.durationMs)}` : '';
  return `Run ${run.status}: ${run.succeeded} of ${run.total} ok${run.failed ? `, ${run.failed} failed` : ''}${time}`;
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
