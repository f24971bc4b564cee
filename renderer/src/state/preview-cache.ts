import { useSyncExternalStore } from 'react';
import type { Preview } from '../../../common/contract/api';
import type { Pipeline } from '../../../common/pipeline/model';
import type { ApiErrorBody } from '../../../common/contract/envelope';

/**
 * Preview rows live here, not in zustand: a small cache keyed by request id that
 * components read by key. Old entries are dropped so the window does not hold
 * every result it has ever shown.
 */
export type PreviewEntry =
  | { status: 'loading'; node: string; startedAt: number }
  /** `pipeline`: the document as previewed, so the grid pages through the same result (pipeline:read-rows). */
  | { status: 'ready'; node: string; preview: Preview; sql: string | null; pipeline?: Pipeline }
  | { status: 'error'; node: string; error: ApiErrorBody }
  | { status: 'cancelled'; node: string };

const MAX_ENTRIES = 8;
const entries = new Map<string, PreviewEntry>();
const listeners = new Set<() => void>();

export function setPreviewEntry(key: string, entry: PreviewEntry): void {
  entries.delete(key);
  entries.set(key, entry);
  while (entries.size > MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
  for (const listener of listeners) listener();
}

export function getPreviewEntry(key: string | null): PreviewEntry | undefined {
  return key === null ? undefined : entries.get(key);
}

export function clearPreviewCache(): void {
  entries.clear();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders only when the entry under `key` is replaced (entries are immutable). */
export function usePreviewEntry(key: string | null): PreviewEntry | undefined {
  return useSyncExternalStore(subscribe, () => getPreviewEntry(key));
}
