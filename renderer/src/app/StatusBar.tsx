import { formatDuration } from '../canvas/node-cards';
import { selectDirty, selectDocumentPath, useDocumentStore, type DocumentState } from '../state/document-store';
import { selectDraftStates, useHotExitStore } from './hot-exit';
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
  const path = useDocumentStore(selectDocumentPath);
  return (
    <footer className="status-bar" data-testid="status-bar">
      {nodeCount !== null && (
        <span className="status-bar__item">
          {nodeCount} {nodeCount === 1 ? 'node' : 'nodes'} · {saving ? 'saving…' : dirty ? 'unsaved changes' : 'saved'}
        </span>
      )}
      {dirty && path && <DraftStatus path={path} />}
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

const DRAFT_LABELS = { pending: 'keeping changes…', saved: 'changes kept', failed: 'changes NOT kept' } as const;

/** Whether the open pipeline's unsaved edits are safe in a draft (hot exit), so a crash would lose nothing. */
function DraftStatus({ path }: { path: string }) {
  const draft = useHotExitStore(selectDraftStates)[path];
  if (!draft) return null;
  const title =
    draft.state === 'saved'
      ? `Unsaved changes are kept as a draft (${new Date(draft.savedAt ?? Date.now()).toLocaleTimeString()}); they come back after a crash or restart`
      : draft.state === 'failed'
        ? 'The unsaved changes could not be kept as a draft; see the log'
        : 'Keeping the unsaved changes as a draft…';
  return (
    <span className={`status-bar__item status-bar__draft--${draft.state}`} data-testid="draft-status" data-state={draft.state} title={title}>
      {DRAFT_LABELS[draft.state]}
    </span>
  );
}
