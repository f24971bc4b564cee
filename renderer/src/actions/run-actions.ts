import type { NodeRun } from '../../../common/contract/api';
import { upstreamClosure } from '../../../common/pipeline/graph';
import { api } from '../api/api';
import { useDocumentStore } from '../state/document-store';
import { summarizeRun, useSessionStore } from '../state/session-store';
import { logError, logInfo, logWarning } from './notices';
import { newRequestId } from './request-id';

/** Runs the whole document (unsaved edits included), or one node and what it reads; per-node status arrives as events and with the report. */
export async function runPipeline(scope: { node?: string } = {}): Promise<void> {
  const { pipeline, path } = useDocumentStore.getState();
  const session = useSessionStore.getState();
  if (!pipeline || session.run?.status === 'running') return;
  const requestId = newRequestId('run');
  const covered = scope.node ? upstreamClosure(pipeline, scope.node) : pipeline.nodes;
  const queued = covered.map((node): NodeRun => ({ name: node.name, status: 'queued', rows: null, durationMs: null, cached: false, error: null }));
  session.setRun(summarizeRun(requestId, 'running', queued));
  session.applyNodeRuns(queued);
  try {
    const report = await api.runPipeline({ requestId, path, pipeline, ...(scope.node ? { node: scope.node } : {}) });
    useSessionStore.getState().applyNodeRuns(report.nodes);
    useSessionStore.getState().setRun(summarizeRun(requestId, report.status, report.nodes));
    const seconds = ((report.durationMs ?? 0) / 1000).toFixed(1);
    if (report.status === 'succeeded') logInfo(`run succeeded in ${seconds} s`);
    else logWarning(`run ${report.status} after ${seconds} s`);
  } catch (error) {
    const body = logError('run failed', error);
    const run = useSessionStore.getState().run;
    if (run?.requestId === requestId) useSessionStore.getState().setRun({ ...run, status: body.code === 'cancelled' ? 'cancelled' : 'failed' });
    if (body.node) useSessionStore.getState().patchNode(body.node, { activity: 'failed', error: { message: body.message, ...(body.line ? { line: body.line } : {}) } });
    // Nodes the failed call never reached must not stay "queued" forever.
    const nodes = useSessionStore.getState().nodes;
    for (const node of covered) {
      const activity = nodes[node.name]?.activity;
      if (activity === 'queued' || activity === 'running') useSessionStore.getState().patchNode(node.name, { activity: 'cancelled' });
    }
  }
}

export function cancelRun(): void {
  const run = useSessionStore.getState().run;
  if (run?.status !== 'running') return;
  api.cancelRequest({ requestId: run.requestId }).catch((error) => logError('could not cancel the run', error));
}
