import { pipelineForNode } from '../../../common/pipeline/graph';
import type { PipelineNode } from '../../../common/pipeline/model';
import { toErrorBody } from '../../../common/contract/envelope';
import { api } from '../api/api';
import { cancelCurrentPreview, PREVIEW_LIMIT } from '../actions/preview-actions';
import { logError } from '../actions/notices';
import { newRequestId } from '../actions/request-id';
import { useDocumentStore } from '../state/document-store';
import { setPreviewEntry } from '../state/preview-cache';
import { useUiStore } from '../state/ui-store';
import type { RunTarget } from './sql-ranges';

let current: string | null = null;

/** A name no node of the pipeline has, for the temporary node of a partial run. */
function temporaryName(existing: readonly PipelineNode[], node: string, label: string): string {
  const names = new Set(existing.map((n) => n.name));
  const base = `${node} · ${label}`.slice(0, 120);
  let name = base;
  for (let i = 2; names.has(name); i++) name = `${base} ${i}`;
  return name;
}

/**
 * Previews part of a node's SQL in the grid through the ordinary preview
 * path: a temporary SQL node with the same inputs is added to a copy of the
 * pipeline (never to the document), so upstream results come from the cache.
 */
export async function previewPart(node: string, target: RunTarget): Promise<void> {
  const { pipeline, path } = useDocumentStore.getState();
  const owner = pipeline?.nodes.find((n) => n.name === node);
  if (!pipeline || !owner) return;
  const inputs = 'inputs' in owner ? [...owner.inputs] : [];
  const name = temporaryName(pipeline.nodes, node, target.label);
  const temporary = (inputs.length > 0 ? { name, type: 'transform.sql', inputs, sql: target.sql } : { name, type: 'source.sql', sql: target.sql }) as PipelineNode;
  cancelCurrentPreview();
  if (current) api.cancelRequest({ requestId: current }).catch(() => undefined);
  const requestId = newRequestId('preview');
  current = requestId;
  setPreviewEntry(requestId, { status: 'loading', node: name, startedAt: performance.now() });
  useUiStore.getState().showPreview(requestId);
  useUiStore.getState().setBottomTab('preview');
  // What the node reads, not the whole canvas: an unfinished node elsewhere does not block the run.
  const needed = pipelineForNode(pipeline, node);
  try {
    const preview = await api.previewNode({ requestId, path, pipeline: { ...needed, nodes: [...needed.nodes, temporary] }, node: name, limit: PREVIEW_LIMIT });
    setPreviewEntry(requestId, { status: 'ready', node: name, preview, sql: null });
  } catch (error) {
    const body = toErrorBody(error);
    if (body.code === 'cancelled') setPreviewEntry(requestId, { status: 'cancelled', node: name });
    else {
      setPreviewEntry(requestId, { status: 'error', node: name, error: body });
      logError(`preview of ${target.label} of ${node} failed`, error);
    }
  } finally {
    if (current === requestId) current = null;
  }
}
