import type { NodeRun, Preview, RunReport } from '../../common/contract/api';
import type { Pipeline } from '../../common/pipeline/model';

export interface PreviewRequest {
  pipeline: Pipeline;
  projectDir: string;
  node: string;
  limit: number;
}

export interface RunRequest {
  runId: string;
  pipeline: Pipeline;
  pipelinePath: string | null;
  projectDir: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface RunOptions extends CallOptions {
  onProgress?: (report: RunReport) => void;
}

/** What every engine offers, in process (CLI, tests) or across a process boundary (app, serve). */
export interface EngineApi {
  preview(request: PreviewRequest, options?: CallOptions): Promise<Preview>;
  run(request: RunRequest, options?: RunOptions): Promise<RunReport>;
  close(): Promise<void>;
}

export type { NodeRun, Preview, RunReport };
