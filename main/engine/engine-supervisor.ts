import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../common/contract/envelope';
import type { EngineStatus, Preview, RowsPage, RunReport } from '../../common/contract/api';
import type { EngineReply, EngineRequest, EngineSpawner, EngineTransport, ExportGenerateRequest } from './engine-protocol';
import type { GeneratedExport } from '../export/generate';
import type { Profile } from '../../common/profile/profile-schema';
import type { ProfileCallOptions, ProfileRequest } from '../profile/profile-request';
import type { CheckSqlResult, CompleteSqlRequest, CompleteSqlResult, DescribeNodeRequest, DescribeNodeResult, SqlTextRequest } from './sql-assist';
import type { ColumnLineageResult } from './lineage';
import type { PipelineRequest } from './engine-types';
import type { CallOptions, CountRowsRequest, EngineApi, NodeRelation, NodeRelationRequest, PreviewRequest, ReadRowsRequest, RowCount, RunOptions, RunRequest } from './engine-types';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  onProgress?: (report: RunReport) => void;
  onProfileStage?: (profile: Profile) => void;
}

/** The engine process's entry: the built .js beside this bundle, or the .ts source under tsx in tests. */
export function engineEntryPath(): string {
  const self = fileURLToPath(import.meta.url);
  return self.endsWith('.ts') ? fileURLToPath(new URL('./engine-process.ts', import.meta.url)) : fileURLToPath(new URL('./engine-process.js', import.meta.url));
}

/** Spawns the engine as a Node child process (serve mode, CLI, tests). */
export function childProcessSpawner(entry = engineEntryPath(), env: NodeJS.ProcessEnv = process.env): EngineSpawner {
  return () => {
    const execArgv = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
    const child = fork(entry, [], { execArgv, env, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const transport: EngineTransport = {
      send: (message) => {
        // A process killed a moment ago can still look connected: the write then fails with EPIPE,
        // which would be an unhandled 'error' event. Its exit fails the calls in flight instead.
        if (child.connected) child.send(message, () => undefined);
      },
      onMessage: (listener) => child.on('message', (message) => listener(message as EngineReply)),
      onExit: (listener) => child.on('exit', (code, signal) => listener(code, signal)),
      kill: () => child.kill('SIGKILL'),
      get pid() {
        return child.pid;
      },
    };
    return transport;
  };
}

export interface SupervisorEvents {
  onStatus?: (status: EngineStatus) => void;
}

/**
 * Owns the engine process: forwards calls, cancels them, and restarts the
 * process when it dies. Calls in flight when it dies fail with
 * `engine-crashed`; the host and its windows keep running.
 */
export class EngineSupervisor implements EngineApi {
  private transport: EngineTransport | undefined;
  private ready: Promise<void> | undefined;
  private readonly pending = new Map<string, Pending>();
  private status: EngineStatus = { state: 'starting', restarts: 0, lastCrash: null };
  private closed = false;

  constructor(
    private readonly spawn: EngineSpawner,
    private readonly events: SupervisorEvents = {},
  ) {}

  getStatus(): EngineStatus {
    return { ...this.status };
  }

  get pid(): number | undefined {
    return this.transport?.pid;
  }

  /** Starts the process if it is not running; resolves when it says it is ready. */
  start(): Promise<void> {
    if (this.closed) return Promise.reject(new ApiError({ code: 'engine-crashed', message: 'the engine has been shut down' }));
    if (this.ready) return this.ready;
    const transport = this.spawn();
    this.transport = transport;
    this.ready = new Promise<void>((resolve, reject) => {
      let isReady = false;
      transport.onMessage((message) => {
        if (message.type === 'ready') {
          isReady = true;
          this.setStatus({ ...this.status, state: 'ready' });
          resolve();
          return;
        }
        const pending = this.pending.get(message.id);
        if (!pending) return;
        if (message.type === 'progress') {
          pending.onProgress?.(message.report);
          return;
        }
        if (message.type === 'profile-stage') {
          pending.onProfileStage?.(message.profile);
          return;
        }
        this.pending.delete(message.id);
        if (message.ok) pending.resolve(message.value);
        else pending.reject(new ApiError(message.error));
      });
      transport.onExit((code, signal) => {
        if (this.transport !== transport) return;
        this.transport = undefined;
        this.ready = undefined;
        const reason = signal ? `the engine process was killed (${signal})` : `the engine process exited with code ${code}`;
        for (const [id, pending] of this.pending) {
          this.pending.delete(id);
          pending.reject(new ApiError({ code: 'engine-crashed', message: `${reason}; it has been restarted, try again` }));
        }
        if (!isReady) reject(new ApiError({ code: 'engine-crashed', message: `${reason} before it was ready` }));
        if (this.closed) {
          this.setStatus({ ...this.status, state: 'stopped' });
          return;
        }
        this.setStatus({ state: 'restarting', restarts: this.status.restarts + 1, lastCrash: reason });
        // Restart right away so the next call finds an engine; a process that
        // cannot start at all is retried on the next call instead of in a loop.
        if (isReady) this.start().catch(() => undefined);
      });
    });
    return this.ready;
  }

  private setStatus(status: EngineStatus): void {
    this.status = status;
    this.events.onStatus?.({ ...status });
  }

  private async call<T>(build: (id: string) => EngineRequest, options: CallOptions & { onProgress?: (r: RunReport) => void; onProfileStage?: (p: Profile) => void }): Promise<T> {
    await this.start();
    const id = randomUUID();
    if (options.signal?.aborted) throw new ApiError({ code: 'cancelled', message: 'cancelled' });
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => this.transport?.send({ type: 'cancel', id });
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (value) => {
          options.signal?.removeEventListener('abort', onAbort);
          resolve(value as T);
        },
        reject: (error) => {
          options.signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.onProfileStage ? { onProfileStage: options.onProfileStage } : {}),
      });
      this.transport!.send(build(id));
    });
  }

  preview(request: PreviewRequest, options: CallOptions = {}): Promise<Preview> {
    return this.call<Preview>((id) => ({ type: 'request', id, method: 'preview', params: request }), options);
  }

  run(request: RunRequest, options: RunOptions = {}): Promise<RunReport> {
    return this.call<RunReport>((id) => ({ type: 'request', id, method: 'run', params: request }), options);
  }

  readRows(request: ReadRowsRequest, options: CallOptions = {}): Promise<RowsPage> {
    return this.call<RowsPage>((id) => ({ type: 'request', id, method: 'read-rows', params: request }), options);
  }

  countRows(request: CountRowsRequest, options: CallOptions = {}): Promise<RowCount> {
    return this.call<RowCount>((id) => ({ type: 'request', id, method: 'count-rows', params: request }), options);
  }

  nodeRelation(request: NodeRelationRequest, options: CallOptions = {}): Promise<NodeRelation> {
    return this.call<NodeRelation>((id) => ({ type: 'request', id, method: 'node-relation', params: request }), options);
  }

  profile(request: ProfileRequest, options: ProfileCallOptions = {}): Promise<Profile> {
    return this.call<Profile>((id) => ({ type: 'request', id, method: 'profile', params: request }), {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onStage ? { onProfileStage: options.onStage } : {}),
    });
  }

  async profileFingerprint(request: ProfileRequest): Promise<string> {
    return (await this.call<{ fingerprint: string }>((id) => ({ type: 'request', id, method: 'profile-fingerprint', params: request }), {})).fingerprint;
  }

  /** An export's files and warnings (main/export/generate.ts), computed in the engine process. */
  generateExport(request: ExportGenerateRequest): Promise<GeneratedExport> {
    return this.call<GeneratedExport>((id) => ({ type: 'request', id, method: 'export-generate', params: request }), {});
  }

  clearCache(cacheDir: string): Promise<{ removedBytes: number }> {
    return this.call<{ removedBytes: number }>((id) => ({ type: 'request', id, method: 'clear-cache', params: { cacheDir } }), {});
  }

  describeNode(request: DescribeNodeRequest, options: CallOptions = {}): Promise<DescribeNodeResult> {
    return this.call<DescribeNodeResult>((id) => ({ type: 'request', id, method: 'describe-node', params: request }), options);
  }

  checkSql(request: SqlTextRequest, options: CallOptions = {}): Promise<CheckSqlResult> {
    return this.call<CheckSqlResult>((id) => ({ type: 'request', id, method: 'check-sql', params: request }), options);
  }

  completeSql(request: CompleteSqlRequest, options: CallOptions = {}): Promise<CompleteSqlResult> {
    return this.call<CompleteSqlResult>((id) => ({ type: 'request', id, method: 'complete-sql', params: request }), options);
  }

  columnLineage(request: PipelineRequest, options: CallOptions = {}): Promise<ColumnLineageResult> {
    return this.call<ColumnLineageResult>((id) => ({ type: 'request', id, method: 'column-lineage', params: request }), options);
  }

  async ping(): Promise<void> {
    await this.call((id) => ({ type: 'request', id, method: 'ping', params: {} }), {});
  }

  /** Kills the process on purpose (tests, fault drills); the supervisor restarts it. */
  killProcess(): void {
    this.transport?.kill();
  }

  async close(): Promise<void> {
    this.closed = true;
    const transport = this.transport;
    if (!transport) return;
    await new Promise<void>((resolve) => {
      transport.onExit(() => resolve());
      transport.kill();
    });
  }
}
