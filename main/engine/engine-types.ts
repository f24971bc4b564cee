import type { NodeRun, ParamValues, Preview, RowFilter, RowSort, RowsPage, RunReport, RunScope } from '../../common/contract/api';
import type { Pipeline } from '../../common/pipeline/model';
import type { Profile } from '../../common/profile/profile-schema';
import type { ProfileCallOptions, ProfileRequest } from '../profile/profile-request';
import type { CheckSqlResult, CompleteSqlRequest, CompleteSqlResult, DescribeNodeRequest, DescribeNodeResult, SqlTextRequest } from './sql-assist';
import type { ColumnLineageResult } from './lineage';

/** What every engine request carries: the pipeline, where its relative paths start, its parameter values. */
export interface PipelineRequest {
  pipeline: Pipeline;
  projectDir: string;
  /** Where results are cached; default `<projectDir>/.sluice/cache`. Hosts pass the project root's. */
  cacheDir?: string;
  params?: ParamValues;
}

export interface PreviewRequest extends PipelineRequest {
  node: string;
  limit: number;
  /** Also count the node's rows exactly (may scan everything); otherwise only when that is cheap. */
  countRows?: boolean;
}

export interface ReadRowsRequest extends PipelineRequest {
  node: string;
  offset: number;
  limit: number;
  sort?: RowSort[];
  filters?: RowFilter[];
}

export interface CountRowsRequest extends PipelineRequest {
  node: string;
  filters?: RowFilter[];
}

export interface RowCount {
  node: string;
  totalRows: number;
  cached: boolean;
  durationMs: number;
}

export interface NodeRelationRequest extends PipelineRequest {
  node: string;
}

/**
 * A node's rows as one self-contained query, for other readers (the profiler):
 * upstream work comes from the cache when fresh, so a source file is parsed once
 * for previews, runs and profiles alike.
 */
export interface NodeRelation {
  node: string;
  /** Key of the node's result: the same as in run reports. */
  fingerprint: string;
  /** Run these on the connection first (parameters as variables, relative paths). */
  setup: string[];
  /** A SELECT of the node's rows (a sink: the rows it writes; a check: its failing rows). */
  sql: string;
  /** True when the rows are read from the cache. */
  cached: boolean;
}

export interface RunRequest extends PipelineRequest {
  runId: string;
  pipelinePath: string | null;
  scope?: RunScope;
  requestedBy?: string;
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
  readRows(request: ReadRowsRequest, options?: CallOptions): Promise<RowsPage>;
  countRows(request: CountRowsRequest, options?: CallOptions): Promise<RowCount>;
  run(request: RunRequest, options?: RunOptions): Promise<RunReport>;
  nodeRelation(request: NodeRelationRequest, options?: CallOptions): Promise<NodeRelation>;
  /** A file's or node's column profile, stage by stage (main/profile). */
  profile(request: ProfileRequest, options?: ProfileCallOptions): Promise<Profile>;
  /** The key that profile would be cached under (file stamp or node fingerprint). */
  profileFingerprint(request: ProfileRequest): Promise<string>;
  clearCache(cacheDir: string): Promise<{ removedBytes: number }>;
  /** The SQL pane's helpers (main/engine/sql-assist.ts): output columns, as-you-type checks, completion. */
  describeNode(request: DescribeNodeRequest, options?: CallOptions): Promise<DescribeNodeResult>;
  checkSql(request: SqlTextRequest, options?: CallOptions): Promise<CheckSqlResult>;
  completeSql(request: CompleteSqlRequest, options?: CallOptions): Promise<CompleteSqlResult>;
  /** Column lineage of every node (main/engine/lineage.ts). */
  columnLineage(request: PipelineRequest, options?: CallOptions): Promise<ColumnLineageResult>;
  close(): Promise<void>;
}

export type { NodeRun, Preview, RowsPage, RunReport };
