import { useSyncExternalStore } from 'react';
import { pipelineForNode } from '../../../common/pipeline/graph';
import type { Pipeline } from '../../../common/pipeline/model';
import type { ColumnProfile, Profile } from '../../../common/profile/profile-schema';
import { api } from '../api/api';
import { newRequestId } from '../actions/request-id';
import { nodeSignature } from './profile-model';
import { getNodeProfile, profileKey, subscribeProfiles } from './profile-store';

/**
 * Sample-stage profiles for the preview grid's column headers, asked for in the
 * background once a preview has arrived, so the headers show distributions
 * without a visit to the Profile tab (Data Wrangler draws them with the rows).
 * One request at a time: the next preview cancels it.
 */

interface HeaderProfile {
  signature: string;
  profile: Profile;
}

const profiles = new Map<string, HeaderProfile>();
const listeners = new Set<() => void>();
let inFlight: { key: string; signature: string; requestId: string } | null = null;

function notify(): void {
  for (const listener of listeners) listener();
}

/** Stops the header profile in flight, if any (a newer preview wants the engine). */
export function cancelHeaderProfile(): void {
  const current = inFlight;
  if (!current) return;
  inFlight = null;
  api.cancelRequest({ requestId: current.requestId }).catch(() => {
    // It may have finished meanwhile.
  });
}

/** Profiles `node` at the sample stage for the headers, unless a profile of the node as it is now is at hand. */
export async function requestHeaderProfile(pipeline: Pipeline, path: string | null, node: string): Promise<void> {
  const key = profileKey(path, node);
  const signature = signatureOf(pipeline, node);
  const entry = getNodeProfile(key);
  if (entry?.signature === signature && entry.profile && entry.profile.stage !== 'metadata') return;
  if (profiles.get(key)?.signature === signature) return;
  if (inFlight?.key === key && inFlight.signature === signature) return;
  cancelHeaderProfile();
  const requestId = newRequestId('profile');
  inFlight = { key, signature, requestId };
  try {
    const profile = await api.profileNode({ requestId, path, pipeline: pipelineForNode(pipeline, node), node, stage: 'sample', refresh: false });
    profiles.set(key, { signature, profile });
    notify();
  } catch {
    // Cancelled, or the node cannot be profiled: the headers stay bare, and the preview shows any real error.
  } finally {
    if (inFlight?.requestId === requestId) inFlight = null;
  }
}

export function clearHeaderProfiles(): void {
  cancelHeaderProfile();
  profiles.clear();
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const disposeProfiles = subscribeProfiles(listener);
  return () => {
    listeners.delete(listener);
    disposeProfiles();
  };
}

const signatures = new WeakMap<Pipeline, Map<string, string>>();

/** nodeSignature, computed once per document version and node (every header cell asks). */
export function signatureOf(pipeline: Pipeline, node: string): string {
  let byNode = signatures.get(pipeline);
  if (!byNode) signatures.set(pipeline, (byNode = new Map()));
  let signature = byNode.get(node);
  if (signature === undefined) byNode.set(node, (signature = nodeSignature(pipeline, node)));
  return signature;
}

/**
 * The column's profile for a header: the Profile tab's (any stage past the
 * metadata) or else the header's own sample, and only when made from the node
 * as `signature` says it was when the grid's rows were read.
 */
export function useHeaderColumnProfile(key: string, signature: string | null, column: string): ColumnProfile | undefined {
  return useSyncExternalStore(subscribe, () => {
    if (signature === null) return undefined;
    const entry = getNodeProfile(key);
    const main = entry?.signature === signature ? entry.profile : null;
    const profile = main && main.stage !== 'metadata' ? main : profiles.get(key)?.signature === signature ? profiles.get(key)!.profile : null;
    return profile?.columns.find((c) => c.name === column);
  });
}
