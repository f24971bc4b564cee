import { rename, rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ApiError } from '../../common/contract/envelope';
import type { NodeRun, Preview, RunReport } from '../../common/contract/api';
import { findGraphProblems, topologicalOrder, upstreamClosure } from '../../common/pipeline/graph';
import { nodeInputs, type Pipeline, type PipelineNode } from '../../common/pipeline/model';
import { compileRelation, compileSinkCopy, nodeFile, resolveSinkPath, type CompileContext } from './compiler';
import { isInterruptError, nodeError } from './errors';
import { quoteIdentifier } from './sql-text';
import { toJsonValue } from './values';
import type { CallOptions, EngineApi, PreviewRequest, RunOptions, RunRequest } from './engine-types';

export interface EngineOptions {
  /** DuckDB memory limit, e.g. '4GB'. Defaults to half of this machine's RAM. */
  memoryLimit?: string;
  /** Where DuckDB spills when a query outgrows memory. */
  tempDirectory?: string;
  threads?: number;
}

function defaultMemoryLimit(): string {
  return `${Math.max(1, Math.floor(os.totalmem() / 2 / 1024 ** 3))}GB`;
}

/** The pipeline engine on embedded DuckDB. Runs in whatever process creates it. */
export class Engine implements EngineApi {
  private constructor(private readonly instance: DuckDBInstance) {}

  static async create(options: EngineOptions = {}): Promise<Engine> {
    const settings: Record<string, string> = { memory_limit: options.memoryLimit ?? defaultMemoryLimit() };
    settings.temp_directory = options.tempDirectory ?? path.join(os.tmpdir(), 'sluice-duckdb-spill');
    if (options.threads) settings.threads = String(options.threads);
    const instance = await DuckDBInstance.create(':memory:', settings);
    return new Engine(instance);
  }

  async close(): Promise<void> {
    this.instance.closeSync();
  }

  private async withConnection<T>(signal: AbortSignal | undefined, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (signal?.aborted) throw new ApiError({ code: 'cancelled', message: 'cancelled' });
    const connection = await this.instance.connect();
    const onAbort = () => connection.interrupt();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await work(connection);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      connection.closeSync();
    }
  }

  /** Streams the first rows of one node, over views of its upstream nodes. */
  async preview(request: PreviewRequest, options: CallOptions = {}): Promise<Preview> {
    const started = performance.now();
    assertValidGraph(request.pipeline);
    const ctx: CompileContext = { projectDir: request.projectDir };
    const closure = upstreamClosure(request.pipeline, request.node);
    return this.withConnection(options.signal, async (connection) => {
      for (const node of closure) {
        if (node.type === 'sink.file') continue;
        await defineView(connection, node, ctx, options.signal);
      }
      const target = closure[closure.length - 1]!;
      // A sink previews the rows it would write.
      const relation = target.type === 'sink.file' ? quoteIdentifier(target.inputs[0]!) : quoteIdentifier(target.name);
      const reader = await guard(target, () =>
        connection.streamAndReadUntil(`SELECT * FROM ${relation} LIMIT ${request.limit}`, request.limit),
      );
      const names = reader.columnNames();
      const types = reader.columnTypes().map((t) => t.toString());
      const columnData = reader.getColumns().map((column) => column.map(toJsonValue));
      const count = await guard(target, () => connection.runAndReadAll(`SELECT count(*) FROM ${relation}`));
      const totalRows = Number(count.getColumns()[0]?.[0] ?? 0);
      return {
        node: request.node,
        columns: names.map((name, i) => ({ name, type: types[i] ?? 'UNKNOWN' })),
        columnData,
        rowCount: reader.currentRowCount,
        totalRows,
        durationMs: performance.now() - started,
      };
    });
  }

  /** Runs every node in dependency order; a failed node skips what reads it. */
  async run(request: RunRequest, options: RunOptions = {}): Promise<RunReport> {
    const startedAt = new Date();
    assertValidGraph(request.pipeline);
    const ctx: CompileContext = { projectDir: request.projectDir };
    const order = topologicalOrder(request.pipeline);
    const runs = new Map<string, NodeRun>(
      order.map((node) => [node.name, { name: node.name, status: 'queued', rows: null, durationMs: null, cached: false, error: null }]),
    );
    const report = (): RunReport => ({
      runId: request.runId,
      pipelinePath: request.pipelinePath,
      status: 'running',
      startedAt: startedAt.toISOString(),
      finishedAt: null,
      durationMs: null,
      nodes: order.map((node) => ({ ...runs.get(node.name)! })),
    });
    const update = (name: string, patch: Partial<NodeRun>) => {
      runs.set(name, { ...runs.get(name)!, ...patch });
      options.onProgress?.(report());
    };

    let cancelled = false;
    await this.withConnection(options.signal, async (connection) => {
      for (const node of order) {
        if (cancelled || options.signal?.aborted) {
          cancelled = true;
          update(node.name, { status: 'cancelled' });
          continue;
        }
        const blocked = nodeInputs(node).some((input) => runs.get(input)?.status !== 'succeeded');
        if (blocked) {
          update(node.name, { status: 'skipped' });
          continue;
        }
        update(node.name, { status: 'running' });
        const nodeStarted = performance.now();
        try {
          const rows = await runNode(connection, node, ctx, options.signal);
          update(node.name, { status: 'succeeded', rows, durationMs: performance.now() - nodeStarted });
        } catch (error) {
          const failure = error instanceof ApiError ? error : nodeError(node.name, error, nodeFile(node));
          if (failure.code === 'cancelled' || options.signal?.aborted) {
            cancelled = true;
            update(node.name, { status: 'cancelled', durationMs: performance.now() - nodeStarted });
            continue;
          }
          const { message, file, line, column } = failure.body;
          update(node.name, {
            status: 'failed',
            durationMs: performance.now() - nodeStarted,
            error: { message, ...(file ? { file } : {}), ...(line ? { line } : {}), ...(column ? { column } : {}) },
          });
        }
      }
    }).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'cancelled') cancelled = true;
      else throw error;
    });

    const finishedAt = new Date();
    const nodes = order.map((node) => runs.get(node.name)!);
    const status = cancelled ? 'cancelled' : nodes.some((n) => n.status === 'failed') ? 'failed' : 'succeeded';
    const final: RunReport = {
      ...report(),
      status,
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
    };
    options.onProgress?.(final);
    return final;
  }
}

function assertValidGraph(pipeline: Pipeline): void {
  const problems = findGraphProblems(pipeline);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new ApiError({
      code: 'pipeline-invalid',
      message: problems.map((p) => p.message).join('; '),
      ...(first.node ? { node: first.node } : {}),
    });
  }
}

async function guard<T>(node: PipelineNode, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw nodeError(node.name, error, nodeFile(node));
  }
}

async function defineView(connection: DuckDBConnection, node: PipelineNode, ctx: CompileContext, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw new ApiError({ code: 'cancelled', message: 'cancelled', node: node.name });
  const relation = guardSync(node, () => compileRelation(node, ctx));
  // No newline after AS: DuckDB's "LINE n" then matches the line in the user's SQL.
  await guard(node, () => connection.run(`CREATE OR REPLACE TEMP VIEW ${quoteIdentifier(node.name)} AS ${relation}`));
}

function guardSync<T>(node: PipelineNode, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw nodeError(node.name, error, nodeFile(node));
  }
}

async function runNode(connection: DuckDBConnection, node: PipelineNode, ctx: CompileContext, signal?: AbortSignal): Promise<number> {
  if (node.type !== 'sink.file') {
    const relation = guardSync(node, () => compileRelation(node, ctx));
    await guard(node, () => connection.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(node.name)} AS ${relation}`));
    const count = await guard(node, () => connection.runAndReadAll(`SELECT count(*) FROM ${quoteIdentifier(node.name)}`));
    return Number(count.getColumns()[0]?.[0] ?? 0);
  }
  // Sinks write to a temp file beside the target and rename it on success,
  // so a failed or cancelled run never leaves a half-written output.
  const target = resolveSinkPath(ctx, node);
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.sluice-tmp-${process.pid}-${Date.now()}`;
  try {
    if (signal?.aborted) throw new ApiError({ code: 'cancelled', message: 'cancelled', node: node.name });
    const result = await guard(node, () => connection.run(compileSinkCopy(node, temp)));
    await rename(temp, target);
    return Number(result.rowsChanged);
  } catch (error) {
    await rm(temp, { force: true, recursive: true });
    if (isInterruptError(error)) throw new ApiError({ code: 'cancelled', message: 'cancelled', node: node.name });
    throw error;
  }
}
