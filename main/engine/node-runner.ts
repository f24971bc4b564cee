import { lstat, mkdir, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Column, JsonValue } from '../../common/contract/api';
import { isCheckNode, type NodeOfType, type PipelineNode } from '../../common/pipeline/model';
import { compileDuckdbSink, compileSinkCopy, DEFAULT_CHECK_SAMPLE, resolveSinkTarget, type CompileContext } from './compiler';
import type { CacheEntry, CachedCheck, ResultCache } from './cache';
import type { FingerprintMemo } from './fingerprint';
import type { PreparedNode } from './prepare';
import type { ResolvedParam } from './params';
import { ApiError } from '../../common/contract/envelope';
import { assertCsvShape } from './csv-shape';
import { cancelledError, isInterruptError, nodeError } from './errors';
import { defineView, onNode, openSession, parquetRelation } from './session';
import { quoteIdentifier, quoteLiteral } from './sql-text';
import { toJsonValue } from './values';

/** What every node execution needs from the engine. */
export interface EngineParts {
  instance: DuckDBInstance;
  memo: FingerprintMemo;
  /** Results being computed right now, by fingerprint: a second request waits for the first. */
  inflight: Map<string, Promise<CacheEntry>>;
  /** Row counts of Parquet sources read in place, by fingerprint (which covers the files' stamps). */
  inPlaceCounts: Map<string, number>;
}

export interface ExecutionScope {
  ctx: CompileContext;
  params: readonly ResolvedParam[];
  cache: ResultCache;
  signal?: AbortSignal;
  /** Called with each connection a node runs on (progress polling). */
  onConnection?: (node: string, connection: DuckDBConnection | null) => void;
}

/** Where a finished node's rows can be read: its cache file, or its source file in place. */
export type NodeResult = { kind: 'cache'; entry: CacheEntry } | { kind: 'in-place'; relation: string; rows: number | null };

export function resultRelation(result: NodeResult): string {
  return result.kind === 'cache' ? parquetRelation(result.entry.file) : result.relation;
}

export function resultRows(result: NodeResult): number | null {
  return result.kind === 'cache' ? result.entry.rows : result.rows;
}

/** A relation's column names and types, from DESCRIBE (nothing is read). */
export async function describeColumns(connection: DuckDBConnection, relation: string): Promise<Column[]> {
  const reader = await connection.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE ${relation})`);
  return reader.getRows().map(([name, type]) => ({ name: String(name), type: String(type) }));
}

export async function readColumnar(connection: DuckDBConnection, sql: string, limit: number): Promise<{ columns: Column[]; columnData: JsonValue[][]; rowCount: number }> {
  const reader = await connection.streamAndReadUntil(sql, limit);
  // JSON and other aliased types print as their storage type (VARCHAR) unless asked for the alias.
  const types = reader.columnTypes().map((t) => t.alias ?? t.toString());
  const columns = reader.columnNames().map((name, i) => ({ name, type: types[i] ?? 'UNKNOWN' }));
  const columnData = reader.getColumns().map((column) => column.slice(0, limit).map(toJsonValue));
  return { columns, columnData, rowCount: Math.min(reader.currentRowCount, limit) };
}

async function checkSample(connection: DuckDBConnection, node: PipelineNode, file: string, failingRows: number): Promise<CachedCheck> {
  const size = isCheckNode(node) ? (node.sample_size ?? DEFAULT_CHECK_SAMPLE) : DEFAULT_CHECK_SAMPLE;
  const { columns, columnData } = await readColumnar(connection, `${parquetRelation(file)} LIMIT ${size}`, size);
  return { failingRows, sample: { columns, columnData } };
}

/** DuckDB sources attach a database under a fixed name; two at once would collide. */
const attachLocks = new Map<string, Promise<unknown>>();
async function underAttachLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = attachLocks.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  attachLocks.set(key, next.catch(() => undefined));
  return next;
}

/**
 * Computes a node's rows into the cache: its inputs as views over their
 * results, its relation copied to a temp Parquet file, renamed into place.
 */
export async function materialize(parts: EngineParts, scope: ExecutionScope, prepared: PreparedNode, inputs: ReadonlyMap<string, NodeResult>): Promise<CacheEntry> {
  const fingerprint = prepared.fingerprint!;
  const running = parts.inflight.get(fingerprint);
  if (running) return running;
  const work = compute(parts, scope, prepared, inputs).finally(() => parts.inflight.delete(fingerprint));
  parts.inflight.set(fingerprint, work);
  return work;
}

async function compute(parts: EngineParts, scope: ExecutionScope, prepared: PreparedNode, inputs: ReadonlyMap<string, NodeResult>): Promise<CacheEntry> {
  const { node, compiled } = prepared;
  const fingerprint = prepared.fingerprint!;
  const file = compiled!.file;
  const { connection, close } = await openSession(parts.instance, { projectDir: scope.ctx.projectDir, params: scope.params, ...(scope.signal ? { signal: scope.signal } : {}) });
  scope.onConnection?.(node.name, connection);
  const temp = await scope.cache.tempFile(fingerprint);
  try {
    for (const [name, result] of inputs) await defineView(connection, name, resultRelation(result));
    const copy = `COPY (${compiled!.relation}) TO ${quoteLiteral(temp)} (FORMAT parquet, COMPRESSION snappy)`;
    const rows = compiled!.attached
      ? await underAttachLock(compiled!.attached.setup[0]!, async () => {
          try {
            for (const statement of compiled!.attached!.setup) await onNode(node.name, file, () => connection.run(statement));
            return Number((await onNode(node.name, file, () => connection.run(copy), compiled!.relation)).rowsChanged);
          } finally {
            for (const statement of compiled!.attached!.teardown) await connection.run(statement).catch(() => undefined);
          }
        })
      : Number((await onNode(node.name, file, () => connection.run(copy), compiled!.relation)).rowsChanged);
    const columns = await onNode(node.name, file, () => describeColumns(connection, parquetRelation(temp)));
    await assertCsvShape(connection, node, columns.map((c) => c.name), scope.ctx);
    const check = isCheckNode(node) ? await checkSample(connection, node, temp, rows) : undefined;
    return await scope.cache.commit(temp, { fingerprint, node: node.name, rows, columns, ...(check ? { check } : {}) });
  } catch (error) {
    await scope.cache.discard(temp);
    if (scope.signal?.aborted || isInterruptError(error)) throw cancelledError(node.name);
    throw nodeError(node.name, error, file);
  } finally {
    scope.onConnection?.(node.name, null);
    close();
  }
}

/** Counts a Parquet source read in place (from its footer: no scan). */
export async function countInPlace(parts: EngineParts, scope: ExecutionScope, prepared: PreparedNode): Promise<number> {
  const known = parts.inPlaceCounts.get(prepared.fingerprint!);
  if (known !== undefined) return known;
  const { connection, close } = await openSession(parts.instance, { projectDir: scope.ctx.projectDir, params: scope.params, ...(scope.signal ? { signal: scope.signal } : {}) });
  try {
    const result = await onNode(prepared.node.name, prepared.compiled!.file, () => connection.runAndReadAll(`SELECT count(*) FROM (${prepared.compiled!.relation})`));
    const rows = Number(result.getColumns()[0]?.[0] ?? 0);
    if (parts.inPlaceCounts.size > 1000) parts.inPlaceCounts.clear();
    parts.inPlaceCounts.set(prepared.fingerprint!, rows);
    return rows;
  } finally {
    close();
  }
}

/**
 * mkdir -p whose error says why: Node's recursive mkdir reports ENOENT on a
 * read-only file system, so retry the first missing folder on its own to get
 * EROFS or EACCES.
 */
export async function ensureFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    let missing = dir;
    while (path.dirname(missing) !== missing && !(await stat(path.dirname(missing)).catch(() => undefined))) missing = path.dirname(missing);
    await mkdir(missing);
    throw error;
  }
}

/**
 * The sink's folder, with symbolic links resolved, must still be inside the
 * project folder, and the target must not be a link: checked before any
 * folder is created, so a link inside the project cannot lead a write outside.
 */
export async function assertSinkStaysInside(projectDir: string, node: { name: string; path: string }, target: string): Promise<void> {
  const refuse = (why: string) => new ApiError({ code: 'node-failed', node: node.name, message: `${node.name}: sink path "${node.path}" ${why}; refusing to write` });
  let existing = path.dirname(target);
  while (path.dirname(existing) !== existing && !(await stat(existing).catch(() => undefined))) existing = path.dirname(existing);
  const root = await realpath(path.resolve(projectDir));
  const folder = path.join(await realpath(existing), path.relative(existing, path.dirname(target)));
  const relative = path.relative(root, folder);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw refuse('leads outside the project folder through a symbolic link');
  if ((await lstat(target).catch(() => undefined))?.isSymbolicLink()) throw refuse('is a symbolic link');
}

async function replaceTarget(temp: string, target: string): Promise<void> {
  const existing = await stat(target).catch(() => undefined);
  if (!existing?.isDirectory()) {
    await rename(temp, target);
    return;
  }
  // A folder cannot be renamed over: move the old one aside first, then drop it.
  const old = `${target}.sluice-old-${process.pid}-${Date.now()}`;
  await rename(target, old);
  try {
    await rename(temp, target);
  } catch (error) {
    await rename(old, target);
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}

async function writeFileSink(connection: DuckDBConnection, node: NodeOfType<'sink.file'>, ctx: CompileContext): Promise<number> {
  const target = resolveSinkTarget(ctx, node);
  await assertSinkStaysInside(ctx.projectDir, node, target);
  await ensureFolder(path.dirname(target));
  // Written beside the target and renamed on success: a failed or cancelled run never leaves half a file.
  const temp = `${target}.sluice-tmp-${process.pid}-${Date.now()}`;
  try {
    const result = await connection.run(compileSinkCopy(node, temp));
    await replaceTarget(temp, target);
    return Number(result.rowsChanged);
  } catch (error) {
    await rm(temp, { force: true, recursive: true });
    throw error;
  }
}

async function writeDuckdbSink(connection: DuckDBConnection, node: NodeOfType<'sink.duckdb'>, ctx: CompileContext): Promise<number> {
  const target = resolveSinkTarget(ctx, node);
  await assertSinkStaysInside(ctx.projectDir, node, target);
  await ensureFolder(path.dirname(target));
  const { statements, rollback } = compileDuckdbSink(node, target);
  const count = await connection.runAndReadAll(`SELECT count(*) FROM ${quoteIdentifier(node.inputs[0]!)}`);
  try {
    for (const statement of statements) await connection.run(statement);
  } catch (error) {
    for (const statement of rollback) await connection.run(statement).catch(() => undefined);
    throw error;
  }
  return Number(count.getColumns()[0]?.[0] ?? 0);
}

/** Writes a sink from its input's result; the write is atomic (temp + rename, or one transaction). */
export async function writeSink(parts: EngineParts, scope: ExecutionScope, prepared: PreparedNode, input: NodeResult): Promise<number> {
  const node = prepared.node as NodeOfType<'sink.file'> | NodeOfType<'sink.duckdb'>;
  const { connection, close } = await openSession(parts.instance, { projectDir: scope.ctx.projectDir, params: scope.params, ...(scope.signal ? { signal: scope.signal } : {}) });
  scope.onConnection?.(node.name, connection);
  try {
    await defineView(connection, node.inputs[0]!, resultRelation(input));
    if (scope.signal?.aborted) throw cancelledError(node.name);
    return node.type === 'sink.file' ? await writeFileSink(connection, node, scope.ctx) : await writeDuckdbSink(connection, node, scope.ctx);
  } catch (error) {
    if (scope.signal?.aborted || isInterruptError(error)) throw cancelledError(node.name);
    throw nodeError(node.name, error, node.path);
  } finally {
    scope.onConnection?.(node.name, null);
    close();
  }
}
