import type { NodeRun } from '../../../common/contract/api';
import { upstreamClosure } from '../../../common/pipeline/graph';
import { api } from '../api/api';
import { useDocumentStore } from '../state/document-store';
import { summarizeRun, useSessionStore, withNodeRuns, type NodeSession } from '../state/session-store';
import { updateTabNodes } from '../state/tabs-store';
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
  runPaths.set(requestId, path);
  session.applyNodeRuns(queued);
  try {
    const report = await api.runPipeline({ requestId, path, pipeline, ...(scope.node ? { node: scope.node } : {}) });
    applyRunNodes(requestId, report.nodes);
    useSessionStore.getState().setRun(summarizeRun(requestId, report.status, report.nodes));
    const seconds = ((report.durationMs ?? 0) / 1000).toFixed(1);
    if (report.status === 'succeeded') logInfo(`run succeeded in ${seconds} s`);
    else logWarning(`run ${report.status} after ${seconds} s`);
  } catch (error) {
    const body = logError('run failed', error);
    const run = useSessionStore.getState().run;
    if (run?.requestId === requestId) useSessionStore.getState().setRun({ ...run, status: body.code === 'cancelled' ? 'cancelled' : 'failed' });
    updateTabNodes(path, (nodes) => {
      const next = { ...nodes };
      if (body.node) next[body.node] = { ...(next[body.node] ?? IDLE), activity: 'failed', error: { message: body.message, ...(body.line ? { line: body.line } : {}) } };
      // Nodes the failed call never reached must not stay "queued" forever.
      for (const node of covered) {
        const activity = next[node.name]?.activity;
        if (activity === 'queued' || activity === 'running') next[node.name] = { ...next[node.name]!, activity: 'cancelled' };
      }
      return next;
    });
  } finally {
    runPaths.delete(requestId);
  }
}

const IDLE: NodeSession = { activity: 'idle', rows: null, durationMs: null, error: null };

/** The pipeline file each run in flight belongs to: its node states go to that tab, even when another one is on screen. */
const runPaths = new Map<string, string | null>();

/** Applies a run's node states (from its report or a progress event) to the tab of the pipeline it runs. */
export function applyRunNodes(requestId: string, runs: readonly NodeRun[]): void {
  updateTabNodes(runPaths.get(requestId) ?? null, (nodes) => withNodeRuns(nodes, runs));
}

export function cancelRun(): void {
  const run = useSessionStore.getState().run;
  if (run?.status !== 'running') return;
  api.cancelRequest({ requestId: run.requestId }).catch((error) => logError('could not cancel the run', error));
}
