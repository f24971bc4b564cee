import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Preview, RowsPage, RunReport } from '../../common/contract/api';
import { DEFAULT_CACHE_MAX_BYTES, projectCacheDir, ResultCache } from './cache';
import { FingerprintMemo } from './fingerprint';
import type { EngineParts } from './node-runner';
import { executeReadRows, stopViewWrites, viewWritesSettled } from './paging';
import { executeCountRows, executeNodeRelation, executePreview } from './preview';
import { executeRun } from './run';
import type { Profile } from '../../common/profile/profile-schema';
import { executeProfile, profileFingerprint } from '../profile/engine-profile';
import type { ProfileCallOptions, ProfileRequest } from '../profile/profile-request';
import { SqlAssist, type CheckSqlResult, type CompleteSqlRequest, type CompleteSqlResult, type DescribeNodeRequest, type DescribeNodeResult, type SqlTextRequest } from './sql-assist';
import { executeColumnLineage, type ColumnLineageResult } from './lineage';
import type { CallOptions, CountRowsRequest, EngineApi, NodeRelation, NodeRelationRequest, PipelineRequest, PreviewRequest, ReadRowsRequest, RowCount, RunOptions, RunRequest } from './engine-types';

export interface EngineOptions {
  /** DuckDB memory limit, e.g. '4GB'. Defaults to half of this machine's RAM. */
  memoryLimit?: string;
  /** Where DuckDB spills when a query outgrows memory. */
  tempDirectory?: string;
  threads?: number;
  /** Size cap of each project's result cache (default 5 GiB, or $SLUICE_CACHE_MAX_BYTES). */
  cacheMaxBytes?: number;
}

function defaultMemoryLimit(): string {
  return `${Math.max(1, Math.floor(os.totalmem() / 2 / 1024 ** 3))}GB`;
}

function defaultCacheMaxBytes(): number {
  const fromEnv = Number(process.env.SLUICE_CACHE_MAX_BYTES);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_CACHE_MAX_BYTES;
}

/**
 * The pipeline engine on embedded DuckDB. Runs in whatever process creates it
 * (the engine process in the app and serve mode, in process for the CLI and tests).
 */
export class Engine implements EngineApi {
  private readonly parts: EngineParts;
  private readonly caches = new Map<string, ResultCache>();
  private readonly assist: SqlAssist;

  private constructor(
    instance: DuckDBInstance,
    private readonly cacheMaxBytes: number,
  ) {
    this.parts = { instance, memo: new FingerprintMemo(), inflight: new Map(), inPlaceCounts: new Map() };
    this.assist = new SqlAssist(this.parts, (request) => this.cacheFor(request));
  }

  static async create(options: EngineOptions = {}): Promise<Engine> {
    const settings: Record<string, string> = { memory_limit: options.memoryLimit ?? defaultMemoryLimit() };
    settings.temp_directory = options.tempDirectory ?? path.join(os.tmpdir(), 'sluice-duckdb-spill');
    if (options.threads) settings.threads = String(options.threads);
    const instance = await DuckDBInstance.create(':memory:', settings);
    return new Engine(instance, options.cacheMaxBytes ?? defaultCacheMaxBytes());
  }

  /** The result cache of a request's project (one object per folder, so eviction sees every writer). */
  cacheFor(request: Pick<PipelineRequest, 'cacheDir' | 'projectDir'>): ResultCache {
    const dir = path.resolve(request.cacheDir ?? projectCacheDir(request.projectDir));
    let cache = this.caches.get(dir);
    if (!cache) {
      cache = new ResultCache(dir, this.cacheMaxBytes);
      this.caches.set(dir, cache);
    }
    return cache;
  }

  async close(): Promise<void> {
    await stopViewWrites(this.parts);
    this.parts.instance.closeSync();
  }

  /** Resolves once the sorted or filtered views being written after a fast first page are done. */
  backgroundWritesSettled(): Promise<void> {
    return viewWritesSettled(this.parts);
  }

  /** Streams the first rows of one node; upstream results come from the cache when they are fresh. */
  preview(request: PreviewRequest, options: CallOptions = {}): Promise<Preview> {
    return executePreview(this.parts, this.cacheFor(request), request, options);
  }

  readRows(request: ReadRowsRequest, options: CallOptions = {}): Promise<RowsPage> {
    return executeReadRows(this.parts, this.cacheFor(request), request, options);
  }

  countRows(request: CountRowsRequest, options: CallOptions = {}): Promise<RowCount> {
    return executeCountRows(this.parts, this.cacheFor(request), request, options);
  }

  /** Runs the planned nodes (all, one with its upstream, or from one downstream), reusing cached results. */
  run(request: RunRequest, options: RunOptions = {}): Promise<RunReport> {
    return executeRun(this.parts, this.cacheFor(request), request, options);
  }

  nodeRelation(request: NodeRelationRequest, options: CallOptions = {}): Promise<NodeRelation> {
    return executeNodeRelation(this.parts, this.cacheFor(request), request, options);
  }

  profile(request: ProfileRequest, options: ProfileCallOptions = {}): Promise<Profile> {
    return executeProfile(this.parts, (r) => this.cacheFor(r), request, options);
  }

  profileFingerprint(request: ProfileRequest): Promise<string> {
    return profileFingerprint(this.parts, request);
  }

  describeNode(request: DescribeNodeRequest, options: CallOptions = {}): Promise<DescribeNodeResult> {
    return this.assist.describeNode(request, options);
  }

  checkSql(request: SqlTextRequest, options: CallOptions = {}): Promise<CheckSqlResult> {
    return this.assist.checkSql(request, options);
  }

  completeSql(request: CompleteSqlRequest, options: CallOptions = {}): Promise<CompleteSqlResult> {
    return this.assist.completeSql(request, options);
  }

  columnLineage(request: PipelineRequest, options: CallOptions = {}): Promise<ColumnLineageResult> {
    return executeColumnLineage(this.assist, request, options);
  }

  async clearCache(cacheDir: string): Promise<{ removedBytes: number }> {
    const cache = this.cacheFor({ cacheDir, projectDir: cacheDir });
    const removedBytes = await cache.size();
    await cache.clear();
    return { removedBytes };
  }
}
