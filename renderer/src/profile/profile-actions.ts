import { pipelineForNode } from '../../../common/pipeline/graph';
import type { Disposer } from '../../../common/contract/api';
import { toErrorBody } from '../../../common/contract/envelope';
import type { Profile, ProfileStage } from '../../../common/profile/profile-schema';
import { api } from '../api/api';
import { newRequestId } from '../actions/request-id';
import { logError, logInfo } from '../actions/notices';
import { useDocumentStore } from '../state/document-store';
import { mergeProfiles, nodeSignature, planChunks, stageIndex } from './profile-model';
import { getNodeProfile, profileKey, setNodeProfile, updateNodeProfile, type NodeProfileEntry, type ProfileChunk } from './profile-store';

/**
 * Requests a node's profile through the API and keeps the profile store up to
 * date as stages arrive. One profile is in flight at a time: a new one, another
 * node, an edit or leaving the tab cancels the one before (Rill: the superseded
 * query is cancelled).
 */

interface Running {
  key: string;
  node: string;
  signature: string;
  requestIds: Set<string>;
  /** Set when cancelled, so the awaiting code stops and logs why. */
  cancelReason: string | null;
}

let running: Running | null = null;
const stageHandlers = new Map<string, (profile: Profile, cached: boolean) => void>();
let disposeStages: Disposer | null = null;
/** The profile tab tells which columns are on screen, so a wide table profiles those first. */
let visibleColumns: (names: readonly string[]) => string[] = () => [];

export function setVisibleColumnsProvider(provider: (names: readonly string[]) => string[]): void {
  visibleColumns = provider;
}

/** Stage events are routed by request id; one subscription serves every request. */
function ensureSubscribed(): void {
  disposeStages ??= api.onDidProfileStage(({ requestId, profile, cached }) => stageHandlers.get(requestId)?.(profile, cached));
}

export function disposeProfileEvents(): void {
  disposeStages?.();
  disposeStages = null;
}

/** Whether the profile of `node` in flight is for the node as it is now. */
export function isProfiling(node: string): boolean {
  const { pipeline, path } = useDocumentStore.getState();
  return running !== null && pipeline !== null && running.key === profileKey(path, node) && running.signature === nodeSignature(pipeline, node);
}

/** Cancels the profile in flight; `reason` ends up in the log and the tab ("another node was selected"). */
export function cancelNodeProfile(reason: string): void {
  const current = running;
  if (!current) return;
  running = null;
  current.cancelReason = reason;
  for (const requestId of current.requestIds) {
    api.cancelRequest({ requestId }).catch(() => {
      // It may have finished meanwhile: nothing to cancel then.
    });
  }
  updateNodeProfile(current.key, (entry) => ({ ...entry, cancelReason: reason }));
}

function recompute(entry: NodeProfileEntry, metadata: Profile | null): NodeProfileEntry {
  const parts = entry.chunks.flatMap((c) => (c.profile ? [c.profile] : []));
  const merged = mergeProfiles(parts, metadata, entry.columnNames);
  return { ...entry, profile: merged?.profile ?? null, pendingColumns: merged?.pending ?? [] };
}

/** Profiles a node of the open document (with its unsaved edits), stage by stage. */
export async function profileNode(name: string, options: { refresh?: boolean } = {}): Promise<void> {
  const { pipeline, path } = useDocumentStore.getState();
  if (!pipeline || !pipeline.nodes.some((n) => n.name === name)) return;
  const key = profileKey(path, name);
  const signature = nodeSignature(pipeline, name);
  if (!options.refresh && running?.key === key && running.signature === signature) return;
  cancelNodeProfile(`a new profile of ${name} was requested`);
  ensureSubscribed();
  const run: Running = { key, node: name, signature, requestIds: new Set(), cancelReason: null };
  running = run;
  const before = getNodeProfile(key);
  // The last full profile of the node is "before" for the comparison, unless the new one turns out the same.
  const previous = before?.profile?.stage === 'full' && before.pendingColumns.length === 0 ? before.profile : (before?.previous ?? null);
  let metadata: Profile | null = null;
  setNodeProfile(key, {
    node: name,
    signature,
    status: 'loading',
    columnNames: before?.signature === signature ? before.columnNames : null,
    chunks: [],
    profile: null,
    pendingColumns: [],
    error: null,
    cancelReason: null,
    previous,
  });

  const request = async (stage: ProfileStage, columns: string[] | null): Promise<Profile> => {
    const requestId = newRequestId('profile');
    run.requestIds.add(requestId);
    const chunk: ProfileChunk = { requestId, columns, stage: null, state: 'running', cached: false, profile: null };
    const isMetadata = stage === 'metadata';
    if (!isMetadata) updateNodeProfile(key, (entry) => ({ ...entry, chunks: [...entry.chunks, chunk] }));
    const apply = (profile: Profile, cached: boolean) => {
      if (run.cancelReason !== null) return;
      if (isMetadata && profile.stage === 'metadata') {
        metadata = profile;
        updateNodeProfile(key, (entry) => recompute(entry, metadata));
        return;
      }
      updateNodeProfile(key, (entry) => {
        const chunks = entry.chunks.some((c) => c.requestId === requestId) ? entry.chunks : [...entry.chunks, chunk];
        const next = chunks.map((c) => (c.requestId === requestId && stageIndex(profile.stage) >= stageIndex(c.stage) ? { ...c, stage: profile.stage, profile, cached: c.cached || cached } : c));
        return recompute({ ...entry, chunks: next }, metadata);
      });
    };
    stageHandlers.set(requestId, apply);
    const sentAt = Date.now();
    try {
      const profile = await api.profileNode({ requestId, path, pipeline: pipelineForNode(pipeline, name), node: name, stage, refresh: options.refresh ?? false, ...(columns ? { columns } : {}) });
      // Over HTTP the reply can overtake its stage event (WebSocket): a profile made before the request was sent came from the cache.
      apply(profile, Date.parse(profile.createdAt) < sentAt);
      updateNodeProfile(key, (entry) => ({ ...entry, chunks: entry.chunks.map((c) => (c.requestId === requestId ? { ...c, state: 'done' } : c)) }));
      return profile;
    } catch (error) {
      const state = toErrorBody(error).code === 'cancelled' ? 'cancelled' : 'failed';
      updateNodeProfile(key, (entry) => ({ ...entry, chunks: entry.chunks.map((c) => (c.requestId === requestId ? { ...c, state } : c)) }));
      throw error;
    } finally {
      stageHandlers.delete(requestId);
      run.requestIds.delete(requestId);
    }
  };

  try {
    let names = before?.signature === signature ? before.columnNames : null;
    if (!names) {
      const head = await request('metadata', null);
      names = head.columns.map((c) => c.name);
      updateNodeProfile(key, (entry) => ({ ...entry, columnNames: names }));
      // A cached sample answered: show it while the full profile is computed.
      if (head.stage === 'sample') {
        metadata = head;
        updateNodeProfile(key, (entry) => recompute({ ...entry, chunks: [] }, metadata));
      }
    }
    if (getNodeProfile(key)?.profile?.stage !== 'full') {
      const chunks = planChunks(names, visibleColumns(names));
      if (chunks.length > 1) logInfo(`profiling ${name}: the ${chunks[0]!.length} columns on screen first, then all ${names.length}`);
      for (const columns of chunks) {
        if (run.cancelReason !== null) break;
        await request('full', columns);
      }
    }
    if (run.cancelReason !== null) throw new Error('stopped');
    updateNodeProfile(key, (entry) => {
      // The same fingerprint as "before" means nothing changed: keep the older one to compare with.
      const keep = entry.previous && entry.profile && entry.previous.fingerprint === entry.profile.fingerprint ? (before?.previous ?? null) : entry.previous;
      return { ...entry, status: 'ready', previous: keep };
    });
  } catch (error) {
    const body = toErrorBody(error);
    if (run.cancelReason !== null || body.code === 'cancelled') {
      const reason = run.cancelReason ?? 'cancelled';
      updateNodeProfile(key, (entry) => ({ ...entry, status: 'cancelled', cancelReason: reason }));
      // "cancelled" only when the host says it stopped the request; else it had finished and the next one was not sent.
      logInfo(`profile of ${name} ${body.code === 'cancelled' ? 'cancelled' : 'stopped'}: ${reason}`);
    } else {
      updateNodeProfile(key, (entry) => ({ ...entry, status: 'error', error: body }));
      logError(`profile of ${name} failed`, error);
    }
  } finally {
    if (running === run) running = null;
  }
}

/** Earlier profiles of a node from the app's profile cache, newest first. */
export async function loadProfileHistory(name: string): Promise<Profile[]> {
  const { path } = useDocumentStore.getState();
  return api.listProfiles({ target: { kind: 'node', path, node: name }, limit: 10 });
}

/** The tab calls this when the selection moves: a profile of another node in flight is superseded. */
export function cancelProfileUnlessOf(key: string | null, reason: string): void {
  if (running && running.key !== key) cancelNodeProfile(reason);
}

/** The tab calls this when the document changes: a profile of an older version of the node is stale. */
export function cancelProfileIfEdited(key: string, signature: string, reason: string): void {
  if (running && running.key === key && running.signature !== signature) cancelNodeProfile(reason);
}
