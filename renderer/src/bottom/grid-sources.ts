import { api } from '../api/api';
import { newRequestId } from '../actions/request-id';
import { GridSource, type RowsClient, type SeedRows } from './grid-source';
import { viewKey, type GridTarget, type GridView } from './grid-query';

const client: RowsClient = {
  readRows: (input) => api.readRows(input),
  countRows: (input) => api.countRows(input),
  cancelRequest: (input) => api.cancelRequest(input),
  newRequestId: () => newRequestId('preview'),
};

/** A few recent views stay warm, so toggling a sort back and forth reads no page twice. */
const MAX_SOURCES = 4;
const sources = new Map<string, GridSource>();

/**
 * The page cache of one view of one preview (keyed by the preview's request id
 * and the view): a new preview or another sort/filter gets its own pages.
 */
export function gridSourceFor(previewKey: string, target: GridTarget, view: GridView, seed: SeedRows | null): GridSource {
  const key = `${previewKey}\u0000${viewKey(view)}`;
  let source = sources.get(key);
  if (source) {
    sources.delete(key);
    sources.set(key, source);
    return source;
  }
  source = new GridSource(client, target, view, seed);
  sources.set(key, source);
  while (sources.size > MAX_SOURCES) {
    const [oldestKey, oldest] = sources.entries().next().value!;
    sources.delete(oldestKey);
    oldest.dispose();
  }
  return source;
}
