import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Preview, RowFilter } from '../../common/contract/api';
import { ApiError } from '../../common/contract/envelope';
import { isSinkNode, nodeInputs, type PipelineNode } from '../../common/pipeline/model';
import type { CacheEntry, ResultCache } from './cache';
import { resolveFilePath, type CompileContext } from './compiler';
import { assertCsvShape } from './csv-shape';
import { nodeError } from './errors';
import { materialize, readColumnar, type EngineParts } from './node-runner';
import { filterSql } from './paging-sql';
import { assertValidGraph, closureOf, prepareNodes, type PreparedNode } from './prepare';
import { resolveParams, setVariableStatement, type ResolvedParam } from './params';
import { defineView, onNode, parquetRelation, withSession } from './session';
import { quoteIdentifier, quoteLiteral } from './sql-text';
import type { CallOptions, CountRowsRequest, NodeRelation, NodeRelationRequest, PipelineRequest, PreviewRequest, RowCount } from './engine-types';

/** Below this much source data, a preview also counts all rows right away (a count is a full scan). */
export const EAGER_COUNT_MAX_BYTES = 64 * 1024 * 1024;

interface ReadContext {
  connection: DuckDBConnection;
  /** The node whose rows are read: the target, or a sink's input. */
  relationNode: PreparedNode;
  /** Its cache entry, when its rows came from the cache. */
  entry?: CacheEntry;
  ctx: CompileContext;
  prepared: Map<string, PreparedNode>;
  closure: PipelineNode[];
  /** Nodes computed by the query itself (not read from the cache). */
  computed: PreparedNode[];
  /** Each bound node's relation: its cache file, or its compiled SQL over its inputs. */
  relations: Map<string, { sql: string; file?: string }>;
}

/**
 * One query over the bound closure: each node a non-materialized CTE, so
 * DuckDB binds (and sniffs each CSV) once, streams, and pushes the LIMIT down.
 */
function closureQuery(read: ReadContext, select: string): string {
  const ctes = read.closure
    .filter((n) => read.relations.has(n.name))
    .map((n) => `${quoteIdentifier(n.name)} AS NOT MATERIALIZED (\n${read.relations.get(n.name)!.sql}\n)`);
  return `WITH ${ctes.join(',\n')}\n${select}`;
}

/**
 * The query failed: define the closure view by view to find the node whose
 * SQL is wrong (with its own line numbers); failing that, the error is a
 * runtime one (a bad row in a file) and goes to the node that reads the file.
 */
async function explain(read: ReadContext, error: unknown): Promise<ApiError> {
  if (error instanceof ApiError) return error;
  for (const node of read.closure) {
    const relation = read.relations.get(node.name);
    if (!relation) continue;
    try {
      await defineView(read.connection, node.name, relation.sql, relation.file);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code !== 'cancelled') return failure;
      break;
    }
  }
  return attributeError(error, read);
}

async function runOnClosure<T>(read: ReadContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw await explain(read, error);
  }
}

/**
 * Binds each node of the target's closure to the nearest cached results:
 * upstream work already done is read from Parquet, the rest is computed as
 * the query streams.
 */
async function bindClosure(parts: EngineParts, cache: ResultCache, connection: DuckDBConnection, request: PipelineRequest & { node: string }, params: readonly ResolvedParam[], signal?: AbortSignal): Promise<ReadContext> {
  const ctx: CompileContext = { projectDir: request.projectDir };
  const closure = closureOf(request.pipeline, [request.node]);
  const prepared = await prepareNodes(closure, { connection, ctx, params, memo: parts.memo });
  const relations = new Map<string, { sql: string; file?: string }>();
  const entries = new Map<string, CacheEntry>();
  const bind = async (name: string): Promise<void> => {
    if (relations.has(name)) return;
    const p = prepared.get(name)!;
    // Report the cause (a missing file, bad settings), not "input cannot run".
    if (p.error) throw p.blockedBy ? prepared.get(p.blockedBy)!.error! : p.error;
    if (isSinkNode(p.node)) return bind(nodeInputs(p.node)[0]!);
    const entry = p.volatile ? undefined : await cache.lookup(p.fingerprint!);
    if (entry) {
      entries.set(name, entry);
      relations.set(name, { sql: parquetRelation(entry.file) });
      return;
    }
    if (p.compiled!.attached) {
      // A database's query runs inside that database: computed into the cache, then read from there.
      const made = await materialize(parts, { ctx, params, cache, ...(signal ? { signal } : {}) }, p, new Map());
      entries.set(name, made);
      relations.set(name, { sql: parquetRelation(made.file) });
      return;
    }
    for (const input of nodeInputs(p.node)) await bind(input);
    relations.set(name, { sql: p.compiled!.relation, ...(p.compiled!.file ? { file: p.compiled!.file } : {}) });
  };
  await bind(request.node);
  const target = prepared.get(request.node)!;
  const relationNode = isSinkNode(target.node) ? prepared.get(nodeInputs(target.node)[0]!)! : target;
  const entry = entries.get(relationNode.node.name);
  const computed = closure.filter((n) => relations.has(n.name) && !entries.has(n.name)).map((n) => prepared.get(n.name)!);
  return { connection, relationNode, ctx, prepared, closure, computed, relations, ...(entry ? { entry } : {}) };
}

/** Errors while streaming a downstream node often come from a source file: put them on that source. */
function attributeError(error: unknown, read: ReadContext): ApiError {
  const target = read.relationNode;
  const failure = nodeError(target.node.name, error, target.compiled?.file);
  const file = failure.body.file;
  if (!file) return failure;
  const source = read.closure.find((n) => n.type === 'source.file' && n.name !== target.node.name && (n.path === file || resolveFilePath(read.ctx, n.path) === path.resolve(file)));
  if (!source) return failure;
  return new ApiError({ ...failure.body, node: source.name, message: failure.body.message.replace(`${target.node.name}: `, `${source.name}: `) });
}

async function assertCsvSources(read: ReadContext, skip: string): Promise<void> {
  for (const p of read.computed) {
    const node = p.node;
    if (node.type !== 'source.file' || node.name === skip || p.inPlace) continue;
    const described = await onNode(node.name, node.path, () => read.connection.runAndReadAll(`SELECT column_name FROM (DESCRIBE ${read.relations.get(node.name)!.sql})`));
    await assertCsvShape(read.connection, node, described.getColumns()[0]?.map(String) ?? [], read.ctx);
  }
}

/** The first rows of one node, streamed (DuckDB stops once it has them). */
export async function executePreview(parts: EngineParts, cache: ResultCache, request: PreviewRequest, options: CallOptions = {}): Promise<Preview> {
  const started = performance.now();
  assertValidGraph(request.pipeline);
  const params = resolveParams(request.pipeline, request.params);
  const signal = options.signal;
  return withSession(parts.instance, { projectDir: request.projectDir, params, ...(signal ? { signal } : {}) }, async (connection) => {
    const read = await bindClosure(parts, cache, connection, request, params, signal);
    const name = read.relationNode.node.name;
    const relation = quoteIdentifier(name);
    const page = await runOnClosure(read, () => readColumnar(connection, closureQuery(read, `SELECT * FROM ${relation} LIMIT ${request.limit}`), request.limit));
    if (!read.entry) {
      await assertCsvShape(connection, read.relationNode.node, page.columns.map((c) => c.name), read.ctx);
      await assertCsvSources(read, name);
    }
    let totalRows: number | null = read.entry?.rows ?? null;
    // Counting is cheap over small files (and Parquet footers); SQL sources could generate anything.
    const cheap = read.computed.every((p) => p.node.type !== 'source.sql') && read.computed.reduce((sum, p) => sum + p.fileBytes, 0) <= EAGER_COUNT_MAX_BYTES;
    if (totalRows === null && (request.countRows || read.relationNode.inPlace || cheap)) {
      const count = await runOnClosure(read, () => connection.runAndReadAll(closureQuery(read, `SELECT count(*) FROM ${relation}`)));
      totalRows = Number(count.getColumns()[0]?.[0] ?? 0);
    }
    return {
      node: request.node,
      columns: page.columns,
      columnData: page.columnData,
      rowCount: page.rowCount,
      totalRows,
      durationMs: performance.now() - started,
      cached: Boolean(read.entry),
    };
  });
}

/** The exact row count, from the cache's sidecar when it can, else counted through the views. */
export async function executeCountRows(parts: EngineParts, cache: ResultCache, request: CountRowsRequest, options: CallOptions = {}): Promise<RowCount> {
  const started = performance.now();
  assertValidGraph(request.pipeline);
  const params = resolveParams(request.pipeline, request.params);
  const filters: RowFilter[] = request.filters ?? [];
  return withSession(parts.instance, { projectDir: request.projectDir, params, ...(options.signal ? { signal: options.signal } : {}) }, async (connection) => {
    const read = await bindClosure(parts, cache, connection, request, params, options.signal);
    const cached = Boolean(read.entry);
    if (read.entry && filters.length === 0) return { node: request.node, totalRows: read.entry.rows, cached, durationMs: performance.now() - started };
    const sql = closureQuery(read, `SELECT count(*) FROM ${quoteIdentifier(read.relationNode.node.name)}${filterSql(filters)}`);
    const count = await runOnClosure(read, () => connection.runAndReadAll(sql));
    return { node: request.node, totalRows: Number(count.getColumns()[0]?.[0] ?? 0), cached, durationMs: performance.now() - started };
  });
}

/** The node's rows as one query another connection can run after `setup` (see NodeRelation). */
export async function executeNodeRelation(parts: EngineParts, cache: ResultCache, request: NodeRelationRequest, options: CallOptions = {}): Promise<NodeRelation> {
  assertValidGraph(request.pipeline);
  const params = resolveParams(request.pipeline, request.params);
  return withSession(parts.instance, { projectDir: request.projectDir, params, ...(options.signal ? { signal: options.signal } : {}) }, async (connection) => {
    const read = await bindClosure(parts, cache, connection, request, params, options.signal);
    const sql = closureQuery(read, `SELECT * FROM ${quoteIdentifier(read.relationNode.node.name)}`);
    // Bind it here once, so a broken node fails now, on its node, rather than in the reader.
    await runOnClosure(read, () => connection.run(`DESCRIBE ${sql}`));
    return {
      node: request.node,
      fingerprint: read.prepared.get(request.node)!.fingerprint!,
      setup: [`SET file_search_path = ${quoteLiteral(request.projectDir)}`, ...params.map(setVariableStatement)],
      sql,
      cached: Boolean(read.entry),
    };
  });
}
