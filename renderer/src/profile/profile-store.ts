import { useSyncExternalStore } from 'react';
import type { ApiErrorBody } from '../../../common/contract/envelope';
import type { Profile, ProfileStage } from '../../../common/profile/profile-schema';

/**
 * Profiles of nodes live here, not in zustand (like preview rows): one entry
 * per node of a pipeline file, replaced as a whole on every change, read by the
 * profile tab and by the preview grid's column headers.
 */
export type ChunkState = 'running' | 'done' | 'cancelled' | 'failed';

/** One profile request; a wide table is profiled in two (the visible columns first). */
export interface ProfileChunk {
  requestId: string;
  /** null: every column. */
  columns: string[] | null;
  /** The last stage that arrived for this request. */
  stage: ProfileStage | null;
  state: ChunkState;
  cached: boolean;
  profile: Profile | null;
}

export type NodeProfileStatus = 'loading' | 'ready' | 'cancelled' | 'error';

export interface NodeProfileEntry {
  node: string;
  /** The node and what it reads, as they were when profiled: a different one makes the profile stale. */
  signature: string;
  status: NodeProfileStatus;
  /** Every column of the node's result once the metadata arrived, in order. */
  columnNames: string[] | null;
  chunks: ProfileChunk[];
  /** The chunks merged into one profile (the least advanced stage of them); null before the first stage. */
  profile: Profile | null;
  /** Columns of `profile` known only from the metadata so far (a wide table's later request). */
  pendingColumns: string[];
  error: ApiErrorBody | null;
  /** Why the last run was cancelled, for the tab and the log. */
  cancelReason: string | null;
  /** The last full profile of another fingerprint held in memory: "before" for the comparison. */
  previous: Profile | null;
}

const entries = new Map<string, NodeProfileEntry>();
const listeners = new Set<() => void>();

/** Entries are per pipeline file: two open pipelines may have nodes of the same name. */
export function profileKey(documentPath: string | null, node: string): string {
  return `${documentPath ?? ''}\u0000${node}`;
}

export function getNodeProfile(key: string): NodeProfileEntry | undefined {
  return entries.get(key);
}

export function setNodeProfile(key: string, entry: NodeProfileEntry): void {
  entries.set(key, entry);
  for (const listener of listeners) listener();
}

export function updateNodeProfile(key: string, update: (entry: NodeProfileEntry) => NodeProfileEntry): void {
  const entry = entries.get(key);
  if (entry) setNodeProfile(key, update(entry));
}

export function clearProfileStore(): void {
  entries.clear();
  for (const listener of listeners) listener();
}

export function subscribeProfiles(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders when the node's entry is replaced. */
export function useNodeProfile(key: string | null): NodeProfileEntry | undefined {
  return useSyncExternalStore(subscribeProfiles, () => (key === null ? undefined : entries.get(key)));
}
