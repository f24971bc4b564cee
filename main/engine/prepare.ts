import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ApiError } from '../../common/contract/envelope';
import { findGraphProblems, topologicalOrder } from '../../common/pipeline/graph';
import { isCheckNode, isSinkNode, nodeInputs, type Pipeline, type PipelineNode } from '../../common/pipeline/model';
import { compileNode, resolveFilePath, type CompileContext, type CompiledNode } from './compiler';
import { RUN_DATE_PARAM } from './nodes/checks';
import { fileSourceFormat, isGlob } from './nodes/sources';
import { fingerprintOf, normalizedSql, stampFiles, type FileStamp, type FingerprintMemo } from './fingerprint';
import { paramsUsedBy, type ResolvedParam } from './params';
import { nodeError } from './errors';

export interface PreparedNode {
  node: PipelineNode;
  compiled?: CompiledNode;
  fingerprint?: string;
  /** Why the node cannot run (bad config, missing file, an input that cannot run). */
  error?: ApiError;
  /** Set when the error is only that an input cannot run: the input whose own error is the cause. */
  blockedBy?: string;
  /** Read where it lies instead of being copied into the cache (Parquet files already are columnar). */
  inPlace: boolean;
  /** Its result changes by itself (current time, random), so it is never served from the cache. */
  volatile: boolean;
  /** Bytes of the files it reads (sources). */
  fileBytes: number;
}

export function assertValidGraph(pipeline: Pipeline): void {
  const problems = findGraphProblems(pipeline);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new ApiError({ code: 'pipeline-invalid', message: problems.map((p) => p.message).join('; '), ...(first.node ? { node: first.node } : {}) });
  }
}

/** The named nodes and everything they read, in topological order. */
export function closureOf(pipeline: Pipeline, names: Iterable<string>): PipelineNode[] {
  const byName = new Map(pipeline.nodes.map((n) => [n.name, n]));
  const wanted = new Set<string>();
  const walk = (name: string) => {
    if (wanted.has(name)) return;
    const node = byName.get(name);
    if (!node) throw new ApiError({ code: 'invalid-input', message: `no node named "${name}"` });
    wanted.add(name);
    for (const input of nodeInputs(node)) walk(input);
  };
  for (const name of names) walk(name);
  return topologicalOrder(pipeline).filter((n) => wanted.has(n.name));
}

/** The node and everything that reads it, directly or not. */
export function downstreamOf(pipeline: Pipeline, name: string): Set<string> {
  const found = new Set([name]);
  for (const node of topologicalOrder(pipeline)) {
    if (nodeInputs(node).some((input) => found.has(input))) found.add(node.name);
  }
  return found;
}

const VOLATILE_SQL = /\b(current_timestamp|current_date|current_time|localtimestamp|now|today|random|gen_random_uuid|uuid|get_current_time|get_current_timestamp)\b/i;

function describeFile(stamps: FileStamp[], node: PipelineNode, filePath: string, projectDir: string): ApiError | undefined {
  const shown = path.isAbsolute(filePath) ? filePath : filePath;
  if (stamps.length === 0) return new ApiError({ code: 'node-failed', node: node.name, file: shown, message: `${node.name}: no files match "${filePath}"` });
  const missing = stamps.find((s) => s.missing);
  if (missing) {
    const where = path.relative(projectDir, missing.path);
    return new ApiError({ code: 'node-failed', node: node.name, file: shown, message: `${node.name}: file not found: ${where.startsWith('..') ? missing.path : where}` });
  }
  const special = stamps.find((s) => s.special);
  if (special) {
    return new ApiError({ code: 'node-failed', node: node.name, file: shown, message: `${node.name}: ${special.path} is a named pipe, socket or device, not a file; only files can be read` });
  }
  if (node.type === 'source.file' && stamps.length === 1 && stamps[0]!.size === 0) {
    return new ApiError({ code: 'node-failed', node: node.name, file: shown, message: `${node.name}: file is empty (0 bytes): ${filePath}` });
  }
  return undefined;
}

/**
 * A node's relation is embedded in CREATE VIEW, COPY and DESCRIBE; DuckDB runs
 * every statement of a multi-statement string, so `SELECT …; COPY … TO '/any/file'`
 * would write wherever it likes on preview. Only one statement passes. Text
 * that does not parse is left to the view, whose error names the line.
 */
async function assertOneStatement(connection: DuckDBConnection, node: PipelineNode, sql: string): Promise<void> {
  const count = await connection.extractStatements(sql).then(
    (statements) => statements.count,
    () => 1,
  );
  if (count !== 1) {
    throw new ApiError({ code: 'node-failed', node: node.name, message: `${node.name}: the SQL holds ${count} statements; a node is one query (remove the others)` });
  }
}

export interface PrepareOptions {
  connection: DuckDBConnection;
  ctx: CompileContext;
  params: readonly ResolvedParam[];
  memo: FingerprintMemo;
}

/**
 * Compiles and fingerprints each node of `nodes` (inputs before readers).
 * A node's fingerprint covers its parse tree, the parameters it reads, its
 * files' stamps and its inputs' fingerprints; a node that cannot be prepared
 * carries its error, and what reads it carries an error naming it.
 */
export async function prepareNodes(nodes: readonly PipelineNode[], options: PrepareOptions): Promise<Map<string, PreparedNode>> {
  const { connection, ctx, params, memo } = options;
  const prepared = new Map<string, PreparedNode>();
  const declared = new Set(params.map((p) => p.name));
  for (const node of nodes) {
    const inPlace = node.type === 'source.file' && safeFormat(node) === 'parquet';
    const entry: PreparedNode = { node, inPlace, volatile: false, fileBytes: 0 };
    prepared.set(node.name, entry);
    const blocked = nodeInputs(node).map((input) => prepared.get(input)).find((input) => !input || input.error);
    if (blocked) {
      entry.error = new ApiError({ code: 'node-failed', node: node.name, message: `${node.name}: input "${blocked.node.name}" cannot run` });
      entry.blockedBy = blocked.blockedBy ?? blocked.node.name;
      continue;
    }
    try {
      entry.compiled = memo.compiledFor(`${ctx.projectDir}\u0000${JSON.stringify(node)}`, () => compileNode(node, ctx));
      const files: FileStamp[] = [];
      if (node.type === 'source.file' || node.type === 'source.duckdb') {
        const absolute = resolveFilePath(ctx, node.path);
        files.push(...(await stampFiles(connection, absolute, node.type === 'source.file' && isGlob(node.path), memo)));
        if (node.type === 'source.duckdb') files.push(...(await stampFiles(connection, `${absolute}.wal`, false, memo)).filter((s) => !s.missing));
        const problem = describeFile(files, node, node.path, ctx.projectDir);
        if (problem) throw problem;
        entry.fileBytes = files.reduce((sum, f) => sum + f.size, 0);
      }
      const sql = entry.compiled.relation;
      await assertOneStatement(connection, node, sql);
      entry.volatile = node.type === 'check.freshness' ? !declared.has(RUN_DATE_PARAM) : VOLATILE_SQL.test(sql);
      const used = paramsUsedBy(sql, params);
      entry.fingerprint = fingerprintOf({
        type: node.type,
        tree: await normalizedSql(connection, sql, memo),
        params: Object.fromEntries(used.map((p) => [p.name, p.sql])),
        inputs: nodeInputs(node).map((input) => prepared.get(input)!.fingerprint!),
        files,
        ...(isCheckNode(node) ? { extra: { severity: node.severity ?? 'error', sample: node.sample_size } } : {}),
        ...(isSinkNode(node) ? { extra: node } : {}),
        ...(entry.volatile ? { nonce: randomUUID() } : {}),
      });
    } catch (error) {
      entry.error = error instanceof ApiError ? error : nodeError(node.name, error, 'path' in node ? node.path : undefined);
    }
  }
  return prepared;
}

function safeFormat(node: Extract<PipelineNode, { type: 'source.file' }>): string | undefined {
  try {
    return fileSourceFormat(node);
  } catch {
    return undefined;
  }
}
