import { useEffect, useState } from 'react';
import type { NodeLineage } from '../../../common/contract/api';
import { toErrorBody } from '../../../common/contract/envelope';
import type { Pipeline } from '../../../common/pipeline/model';
import { api } from '../api/api';

export type LineageState = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; nodes: NodeLineage[] } | { status: 'error'; message: string };

/** Edits come in bursts (typing); the lineage is asked for once they pause. */
export const LINEAGE_DELAY_MS = 250;

// One answer per pipeline object: the document store replaces the object on every edit.
const answers = new WeakMap<Pipeline, NodeLineage[]>();
let counter = 0;

/** Column lineage of the open pipeline, re-asked when it changes; the superseded request is cancelled. */
export function usePipelineLineage(pipeline: Pipeline | null, path: string | null): LineageState {
  const known = pipeline ? answers.get(pipeline) : undefined;
  const [state, setState] = useState<LineageState>(known ? { status: 'ready', nodes: known } : { status: 'idle' });
  useEffect(() => {
    if (!pipeline) {
      setState({ status: 'idle' });
      return;
    }
    const cached = answers.get(pipeline);
    if (cached) {
      setState({ status: 'ready', nodes: cached });
      return;
    }
    let requestId: string | null = null;
    let done = false;
    const timer = setTimeout(() => {
      counter += 1;
      const id = `lineage-${Date.now().toString(36)}-${counter.toString(36)}`;
      requestId = id;
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
      api
        .columnLineage({ requestId: id, path, pipeline })
        .then((result) => {
          answers.set(pipeline, result.nodes);
          if (!done) setState({ status: 'ready', nodes: result.nodes });
        })
        .catch((error: unknown) => {
          const body = toErrorBody(error);
          if (!done && body.code !== 'cancelled') setState({ status: 'error', message: body.message });
        })
        .finally(() => {
          if (requestId === id) requestId = null;
        });
    }, LINEAGE_DELAY_MS);
    return () => {
      done = true;
      clearTimeout(timer);
      if (requestId) api.cancelRequest({ requestId }).catch(() => undefined);
    };
  }, [pipeline, path]);
  return state;
}
