import type { ApiErrorBody } from '../../common/contract/envelope';
import type { Preview, RowsPage, RunReport } from '../../common/contract/api';
import type { Profile } from '../../common/profile/profile-schema';
import type { ProfileRequest } from '../profile/profile-request';
import type { ExportOptions } from '../export/common';
import type { GeneratedExport } from '../export/generate';
import type { ExportTarget } from '../export/targets';
import type { Pipeline } from '../../common/pipeline/model';
import type { CheckSqlResult, CompleteSqlRequest, CompleteSqlResult, DescribeNodeRequest, DescribeNodeResult, SqlTextRequest } from './sql-assist';
import type { ColumnLineageResult } from './lineage';
import type { PipelineRequest } from './engine-types';
import type { CountRowsRequest, NodeRelation, NodeRelationRequest, PreviewRequest, ReadRowsRequest, RowCount, RunRequest } from './engine-types';

/** Export generation parses SQL with DuckDB, so it runs in the engine process too. */
export interface ExportGenerateRequest {
  pipeline: Pipeline;
  target: ExportTarget;
  options: ExportOptions;
}

/** Messages between a host and its engine process (structured clone over IPC). */
export type EngineRequest =
  | { type: 'request'; id: string; method: 'preview'; params: PreviewRequest }
  | { type: 'request'; id: string; method: 'run'; params: RunRequest }
  | { type: 'request'; id: string; method: 'read-rows'; params: ReadRowsRequest }
  | { type: 'request'; id: string; method: 'count-rows'; params: CountRowsRequest }
  | { type: 'request'; id: string; method: 'clear-cache'; params: { cacheDir: string } }
  | { type: 'request'; id: string; method: 'node-relation'; params: NodeRelationRequest }
  | { type: 'request'; id: string; method: 'profile'; params: ProfileRequest }
  | { type: 'request'; id: string; method: 'profile-fingerprint'; params: ProfileRequest }
  | { type: 'request'; id: string; method: 'ping'; params: Record<string, never> }
  | { type: 'request'; id: string; method: 'describe-node'; params: DescribeNodeRequest }
  | { type: 'request'; id: string; method: 'check-sql'; params: SqlTextRequest }
  | { type: 'request'; id: string; method: 'complete-sql'; params: CompleteSqlRequest }
  | { type: 'request'; id: string; method: 'column-lineage'; params: PipelineRequest }
  | { type: 'request'; id: string; method: 'export-generate'; params: ExportGenerateRequest }
  | { type: 'cancel'; id: string };

export type EngineReply =
  | { type: 'ready'; pid: number }
  | { type: 'response'; id: string; ok: true; value: Preview | RunReport | RowsPage | RowCount | NodeRelation | Profile | { fingerprint: string } | { removedBytes: number } | { pong: true } | GeneratedExport | DescribeNodeResult | CheckSqlResult | CompleteSqlResult | ColumnLineageResult }
  | { type: 'response'; id: string; ok: false; error: ApiErrorBody }
  | { type: 'progress'; id: string; report: RunReport }
  | { type: 'profile-stage'; id: string; profile: Profile };

/** How a host talks to an engine process; Node's child_process and Electron's utilityProcess both fit. */
export interface EngineTransport {
  send(message: EngineRequest): void;
  onMessage(listener: (message: EngineReply) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
  readonly pid: number | undefined;
}

export type EngineSpawner = () => EngineTransport;
