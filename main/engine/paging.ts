import type { DuckDBConnection } from '@duckdb/node-api';
import type { Column, RowsPage } from '../../common/contract/api';
import { ApiError } from '../../common/contract/envelope';
import { isSinkNode, nodeInputs } from '../../common/pipeline/model';
import type { CacheEntry, ResultCache } from './cache';
import { fingerprintOf } from './fingerprint';
import { cancelledError, nodeError } from './errors';
import { describeColumns, readColumnar, resultRelation, resultRows, type EngineParts, type NodeResult } from './node-runner';
import { filterSql, sortSql } from './paging-sql';
import { assertValidGraph, closureOf, prepareNodes } from './prepare';
import { resolveParams, type ResolvedParam } from './params';
import { schedule } from './scheduler';
import { parquetRelation, withSession } from './session';
import { quoteLiteral } from './sql-text';
import type { CallOptions, ReadRowsRequest } from './engine-types';

/** Pages this close to the top of a sorted or filtered result are a top-N query while its view is written. */
export const FAST_PAGE_ROWS = 10_000;

interface ViewWrite {
  key: string;
  controller: AbortController;
  /** A request waits for it: a newer sort of the same node must not abort it then. */
  awaited: boolean;
  done: Promise<unknown>;
}

/** Views written in the background after a fast first page, one per node and base result. */
const viewWrites = new WeakMap<EngineParts, Map<string, ViewWrite>>();

function writesOf(parts: EngineParts): Map<string, ViewWrite> {
  let writes = viewWrites.get(parts);
  if (!writes) viewWrites.set(parts, (writes = new Map()));
  return writes;
}

/** Resolves when no view is being written in the background. */
export async function viewWritesSettled(parts: EngineParts): Promise<void> {
  await Promise.all([...writesOf(parts).values()].map((w) => w.done));
}

/** Stops every background view write (the engine is closing). */
export async function stopViewWrites(parts: EngineParts): Promise<void> {
  for (const write of writesOf(parts).values()) write.controller.abort();
  await viewWritesSettled(parts);
}

function viewKey(request: ReadRowsRequest, baseKey: string): string {
  return fingerprintOf({ type: 'view', tree: JSON.stringify({ sort: request.sort ?? [], filters: request.filters ?? [], order: 'total' }), params: {}, inputs: [baseKey], files: [] });
}

function shapedSql(request: ReadRowsRequest, base: NodeResult, columns: readonly Column[]): string {
  return `SELECT * FROM (${resultRelation(base)})${filterSql(request.filters ?? [])}${sortSql(request.sort ?? [], columns)}`;
}

async function baseColumns(connection: DuckDBConnection, base: NodeResult): Promise<Column[]> {
  return base.kind === 'cache' ? base.entry.columns : describeColumns(connection, resultRelation(base));
}

/**
 * A sorted or filtered view of a result, written once to the cache in that
 * order: every later page is a streaming scan of one file, so paging deep
 * into 10M rows does not sort again or hold more than a page in memory.
 */
async function orderedView(parts: EngineParts, cache: ResultCache, params: readonly ResolvedParam[], request: ReadRowsRequest, base: NodeResult, baseKey: string, signal?: AbortSignal): Promise<CacheEntry> {
  const key = viewKey(request, baseKey);
  const hit = await cache.lookup(key);
  if (hit) return hit;
  const running = parts.inflight.get(key);
  if (running) return running;
  const work = withSession(parts.instance, { projectDir: request.projectDir, params, ...(signal ? { signal } : {}) }, async (connection) => {
    const temp = await cache.tempFile(key);
    try {
      const sql = shapedSql(request, base, await baseColumns(connection, base));
      const result = await connection.run(`COPY (${sql}) TO ${quoteLiteral(temp)} (FORMAT parquet, COMPRESSION snappy)`);
      const columns = await describeColumns(connection, parquetRelation(temp));
      return await cache.commit(temp, { fingerprint: key, node: `${request.node} (sorted/filtered view)`, rows: Number(result.rowsChanged), columns });
    } catch (error) {
      await cache.discard(temp);
      if (signal?.aborted) throw cancelledError(request.node);
      throw nodeError(request.node, error);
    }
  }).finally(() => parts.inflight.delete(key));
  parts.inflight.set(key, work);
  return work;
}

/**
 * Starts writing the view after a fast first page. A newer sort or filter of
 * the same node stops the older write unless a request is waiting for it, so
 * clicking through three sorts does not leave three full sorts running.
 */
function writeViewInBackground(parts: EngineParts, cache: ResultCache, params: readonly ResolvedParam[], request: ReadRowsRequest, base: NodeResult, baseKey: string): void {
  const slot = `${request.projectDir}\u0000${request.node}\u0000${baseKey}`;
  const writes = writesOf(parts);
  const key = viewKey(request, baseKey);
  const previous = writes.get(slot);
  if (previous?.key === key) return;
  if (previous && !previous.awaited) previous.controller.abort();
  if (parts.inflight.has(key)) return;
  const controller = new AbortController();
  const write: ViewWrite = { key, controller, awaited: false, done: Promise.resolve() };
  write.done = orderedView(parts, cache, params, request, base, baseKey, controller.signal)
    .catch(() => {
      // Cancelled, or failed: a request for a deeper page writes it again and reports the error.
    })
    .finally(() => {
      if (writes.get(slot) === write) writes.delete(slot);
    });
  writes.set(slot, write);
}

/** A request is about to wait for the view `key`: a background write of it must now run to the end. */
function awaitingView(parts: EngineParts, key: string): void {
  for (const write of writesOf(parts).values()) if (write.key === key) write.awaited = true;
}

/** Any window of a node's full result: the node is computed into the cache first (or found there). */
export async function executeReadRows(parts: EngineParts, cache: ResultCache, request: ReadRowsRequest, options: CallOptions = {}): Promise<RowsPage> {
  const started = performance.now();
  assertValidGraph(request.pipeline);
  const params = resolveParams(request.pipeline, request.params);
  const target = request.pipeline.nodes.find((n) => n.name === request.node);
  if (!target) throw new ApiError({ code: 'invalid-input', message: `no node named "${request.node}"` });
  // A sink pages through the rows it writes.
  const pageNode = isSinkNode(target) ? nodeInputs(target)[0]! : target.name;
  const ctx = { projectDir: request.projectDir };
  const signal = options.signal;
  const closure = closureOf(request.pipeline, [pageNode]);
  const prepared = await withSession(parts.instance, { projectDir: request.projectDir, params, ...(signal ? { signal } : {}) }, (connection) =>
    prepareNodes(closure, { connection, ctx, params, memo: parts.memo }),
  );
  const outcome = await schedule(parts, { ctx, params, cache, ...(signal ? { signal } : {}) }, closure.map((n) => prepared.get(n.name)!), { forced: new Set() });
  if (outcome.cancelled) throw cancelledError(request.node);
  const base = outcome.results.get(pageNode);
  if (!base) {
    const failed = [...outcome.runs.values()].find((r) => r.status === 'failed');
    throw new ApiError({ code: 'node-failed', message: failed?.error?.message ?? `${pageNode} did not run`, node: failed?.name ?? pageNode, ...(failed?.error?.file ? { file: failed.error.file } : {}), ...(failed?.error?.line ? { line: failed.error.line } : {}) });
  }
  const shaped = (request.sort?.length ?? 0) > 0 || (request.filters?.length ?? 0) > 0;
  const baseKey = prepared.get(pageNode)!.fingerprint!;
  const session = { projectDir: request.projectDir, params, ...(signal ? { signal } : {}) };
  const page = (connection: DuckDBConnection, relation: string) =>
    readColumnar(connection, `${relation} LIMIT ${request.limit} OFFSET ${request.offset}`, request.limit).catch((error: unknown) => {
      throw nodeError(request.node, error);
    });
  const answer = (rows: Awaited<ReturnType<typeof page>>, totalRows: number): RowsPage => ({
    node: request.node,
    columns: rows.columns,
    columnData: rows.columnData,
    offset: request.offset,
    rowCount: rows.rowCount,
    totalRows,
    durationMs: performance.now() - started,
  });
  if (!shaped) return withSession(parts.instance, session, async (connection) => answer(await page(connection, resultRelation(base)), resultRows(base) ?? 0));

  const key = viewKey(request, baseKey);
  if (request.offset + request.limit <= FAST_PAGE_ROWS && !(await cache.lookup(key)) && !parts.inflight.has(key)) {
    // The first screen of a new sort is a top-N query (a tenth of a full sort of 3M rows); the view is written after it.
    const fast = await withSession(parts.instance, session, async (connection) => {
      const columns = await baseColumns(connection, base).catch((error: unknown) => {
        throw nodeError(request.node, error);
      });
      const rows = await page(connection, shapedSql(request, base, columns));
      const filtered = (request.filters?.length ?? 0) > 0;
      const total = filtered || resultRows(base) === null ? await countRows(connection, request, base) : resultRows(base)!;
      return answer(rows, total);
    });
    writeViewInBackground(parts, cache, params, request, base, baseKey);
    return fast;
  }
  awaitingView(parts, key);
  const view = await orderedView(parts, cache, params, request, base, baseKey, signal);
  return withSession(parts.instance, session, async (connection) => answer(await page(connection, parquetRelation(view.file)), view.rows));
}

async function countRows(connection: DuckDBConnection, request: ReadRowsRequest, base: NodeResult): Promise<number> {
  try {
    const reader = await connection.runAndReadAll(`SELECT count(*) FROM (${resultRelation(base)})${filterSql(request.filters ?? [])}`);
    return Number(reader.getRows()[0]![0]);
  } catch (error) {
    throw nodeError(request.node, error);
  }
}
