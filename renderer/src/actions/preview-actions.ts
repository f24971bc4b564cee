import { toErrorBody } from '../../../common/contract/envelope';
import { pipelineForNode, upstreamClosure } from '../../../common/pipeline/graph';
import { api } from '../api/api';
import { cancelHeaderProfile, requestHeaderProfile } from '../profile/header-profiles';
import { useDocumentStore } from '../state/document-store';
import { nodeSql } from '../state/node-kinds';
import { getPreviewEntry, setPreviewEntry } from '../state/preview-cache';
import { useSessionStore, type NodeError } from '../state/session-store';
import { useUiStore } from '../state/ui-store';
import { logError } from './notices';
import { newRequestId } from './request-id';

/** Rows fetched with the preview; the grid reads further pages with pipeline:read-rows as it scrolls. */
export const PREVIEW_LIMIT = 1000;

let current: { requestId: string; node: string } | null = null;

/** Cancels the preview in flight, if any (Rill: the superseded query is cancelled). */
export function cancelCurrentPreview(): void {
  if (!current) return;
  const { requestId } = current;
  current = null;
  api.cancelRequest({ requestId }).catch(() => {
    // The request may have finished meanwhile; nothing to cancel then.
  });
}

/** Previews a node of the open document, with its current (maybe unsaved) SQL, and shows it in the grid. */
export async function previewNode(name: string): Promise<void> {
  const { pipeline, path } = useDocumentStore.getState();
  const node = pipeline?.nodes.find((n) => n.name === name);
  if (!pipeline || !node) return;
  cancelCurrentPreview();
  cancelHeaderProfile();
  const session = useSessionStore.getState();
  const before = session.nodes[name];
  const requestId = newRequestId('preview');
  current = { requestId, node: name };
  setPreviewEntry(requestId, { status: 'loading', node: name, startedAt: performance.now() });
  useUiStore.getState().showPreview(requestId);
  session.patchNode(name, { activity: 'previewing' });
  try {
    // Only what the node reads: an unfinished node elsewhere on the canvas does not block this preview.
    const needed = pipelineForNode(pipeline, name);
    const preview = await api.previewNode({ requestId, pipeline: needed, node: name, limit: PREVIEW_LIMIT });
    setPreviewEntry(requestId, { status: 'ready', node: name, preview, sql: nodeSql(node), pipeline: needed });
    // Everything this node reads compiled and ran, so their old errors are gone.
    for (const upstream of upstreamClosure(pipeline, name)) {
      const state = useSessionStore.getState().nodes[upstream.name];
      if (upstream.name !== name && state?.error) useSessionStore.getState().patchNode(upstream.name, { error: null, activity: 'idle' });
    }
    useSessionStore.getState().patchNode(name, {
      activity: 'previewed',
      rows: preview.totalRows ?? preview.rowCount,
      durationMs: preview.durationMs,
      error: null,
    });
    // The grid's column headers draw the node's distributions from a sample profile, asked for after the rows.
    void requestHeaderProfile(pipeline, path, name);
  } catch (error) {
    const body = toErrorBody(error);
    if (body.code === 'cancelled') {
      setPreviewEntry(requestId, { status: 'cancelled', node: name });
      // A newer preview of the same node owns its status now.
      if (current?.node !== name) useSessionStore.getState().patchNode(name, { activity: before?.activity ?? 'idle' });
      return;
    }
    setPreviewEntry(requestId, { status: 'error', node: name, error: body });
    logError(`preview of ${name} failed`, error);
    const failed = body.node && pipeline.nodes.some((n) => n.name === body.node) ? body.node : name;
    const nodeError: NodeError = { message: body.message };
    if (body.file !== undefined) nodeError.file = body.file;
    if (body.line !== undefined) nodeError.line = body.line;
    if (body.column !== undefined) nodeError.column = body.column;
    if (body.code === 'engine-crashed') {
      useSessionStore.getState().patchNode(name, { activity: before?.activity ?? 'idle' });
      return;
    }
    useSessionStore.getState().patchNode(failed, { activity: 'failed', rows: null, error: nodeError });
    if (failed !== name) useSessionStore.getState().patchNode(name, { activity: 'skipped', rows: null, error: null });
  } finally {
    if (current?.requestId === requestId) current = null;
  }
}

/** After an engine restart, repeats the preview that the crash interrupted. */
export function retryPreviewAfterCrash(): void {
  const entry = getPreviewEntry(useUiStore.getState().activePreview);
  if (entry?.status === 'error' && entry.error.code === 'engine-crashed') void previewNode(entry.node);
}
