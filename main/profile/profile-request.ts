import type { FileFormat } from '../../common/pipeline/model';
import type { Profile, ProfileStage } from '../../common/profile/profile-schema';
import type { PipelineRequest } from '../engine/engine-types';

/** Options of every profile request. */
export interface ProfileRequestOptions {
  /** The last stage to compute (default full). */
  stage?: ProfileStage;
  exactDistinct?: boolean;
  /** Only these columns, in this order. */
  columns?: string[];
}

/** Profile a node's result: read from the result cache when it is there, else computed (and cached) by the engine. */
export interface NodeProfileRequest extends PipelineRequest, ProfileRequestOptions {
  kind: 'node';
  node: string;
  /** The pipeline file, as the profile's target names it. */
  pipelinePath: string | null;
}

/** Profile a data file (absolute path). */
export interface FileProfileRequest extends ProfileRequestOptions {
  kind: 'file';
  path: string;
  format?: FileFormat;
  /** How the profile names the file (a project-relative path); the absolute path when absent. */
  label?: string;
}

export type ProfileRequest = NodeProfileRequest | FileProfileRequest;

export interface ProfileCallOptions {
  signal?: AbortSignal;
  /** Each stage's profile as it completes; the last one is also the call's result. */
  onStage?: (profile: Profile) => void;
}
