import type { Disposer } from '../../../common/contract/api';
import { api } from '../api/api';
import { summarizeRun, useSessionStore } from '../state/session-store';
import { logInfo, logWarning } from './notices';
import { retryPreviewAfterCrash } from './preview-actions';
import { applyRunNodes } from './run-actions';
import { onProjectOpenedByHost, savePipeline } from './project-actions';

/** Subscribes the stores to every event the host sends; returns one disposer for all. */
export function subscribeToHost(): Disposer {
  const disposers: Disposer[] = [
    api.onDidChangeRunStatus(({ runId, status, nodes }) => {
      const session = useSessionStore.getState();
      if (session.run?.requestId !== runId) return;
      applyRunNodes(runId, nodes);
      session.setRun(summarizeRun(runId, status, nodes));
    }),
    api.onDidChangeEngineStatus((status) => {
      const session = useSessionStore.getState();
      const before = session.engine?.state;
      session.setEngine(status);
      if (status.state === 'restarting') {
        logWarning(`the engine stopped${status.lastCrash ? ` (${status.lastCrash})` : ''}; restarting it`);
        session.setNotice({ level: 'warn', message: 'The engine stopped and is restarting…' });
      } else if (status.state === 'ready' && before && before !== 'ready') {
        logInfo('the engine is ready again');
        if (session.notice?.level === 'warn') session.setNotice(null);
        retryPreviewAfterCrash();
      }
    }),
    api.onDidAppendLog(({ level, message, time }) => useSessionStore.getState().appendLog(level, message, time)),
    api.onDidOpenProject((project) => void onProjectOpenedByHost(project)),
    api.onDidRequestSave(() => void savePipeline()),
  ];
  return () => {
    for (const dispose of disposers) dispose();
  };
}
