import { useEffect, useState } from 'react';
import type { ExportOptionsInput, ExportTarget, MethodOutput } from '../../../common/contract/api';
import type { Pipeline } from '../../../common/pipeline/model';
import { toErrorBody } from '../../../common/contract/envelope';
import { api } from '../api/api';

export type GeneratedExport = MethodOutput<'generateExport'>;

export interface GenerationState {
  status: 'loading' | 'ready' | 'error';
  /** The last files generated; kept while the next ones load so the view does not flash. */
  result: GeneratedExport | null;
  error: { message: string; node?: string } | null;
}

// Typing in a root field regenerates once the typing pauses, not on every key.
const TYPING_PAUSE_MS = 200;

/** Regenerates the export whenever the pipeline, the target or the options change; late replies of superseded requests are dropped. */
export function useGeneratedExport(pipeline: Pipeline | null, path: string | null, target: ExportTarget, options: ExportOptionsInput | null): GenerationState {
  const [state, setState] = useState<GenerationState>({ status: 'loading', result: null, error: null });
  const optionsKey = options ? JSON.stringify(options) : null;

  useEffect(() => {
    if (!pipeline || !optionsKey) return;
    let current = true;
    setState((previous) => ({ ...previous, status: 'loading' }));
    const timer = window.setTimeout(() => {
      api
        .generateExport({ pipeline, path, target, options: JSON.parse(optionsKey) as ExportOptionsInput })
        .then((result) => {
          if (current) setState({ status: 'ready', result, error: null });
        })
        .catch((error: unknown) => {
          if (!current) return;
          const body = toErrorBody(error);
          setState({ status: 'error', result: null, error: { message: body.message, ...(body.node ? { node: body.node } : {}) } });
        });
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [pipeline, path, target, optionsKey]);

  return state;
}
