import type { RowsPage } from '../../common/contract/api';
import { ApiError } from '../../common/contract/envelope';
import { isSinkNode, nodeInputs } from '../../common/pipeline/model';
import type { CacheEntry, ResultCache } from './cache';
import { fingerprintOf } from './fingerprint';
import { cancelledError, nodeError } from './errors';
import { readColumnar, resultRelation, resultRows, type EngineParts, type NodeResult } from './node-runner';
import { filterSql, sortSql } from './paging-sql';
import { assertValidGraph, closureOf, prepareNodes } from './prepare';
import { resolveParams, type ResolvedParam } from './params';
import { schedule } from './scheduler';
import { withSession } from './session';
import { quoteLiteral } from './sql-text';
import type { CallOptions, ReadRowsRequest } from './engine-types';

/**
 * A sorted or filtered view of a result, written once to the cache in that
 * order: every later page is a streaming scan of one file, so paging deep
 * into 10M rows does not sort again or hold more than a page in memory.
 */
async function orderedView(parts: EngineParts, cache: ResultCache, params: readonly ResolvedParam[], request: ReadRowsRequest, base: NodeResult, baseKey: string, signal?: AbortSignal): Promise<CacheEntry> {
  const key = fingerprintOf({ type: 'view', tree: JSON.stringify({ sort: request.sort ?? [], filters: request.filters ?? [] }), params: {}, inputs: [baseKey], files: [] });
  const hit = await cache.lookup(key);
  if (hit) return hit;
  const running = parts.inflight.get(key);
  if (running) return running;
  const work = withSession(parts.instance, { projectDir: request.projectDir, params, ...(signal ? { signal } : {}) }, async (connection) => {
    const temp = await cache.tempFile(key);
    try {
      const sql = `SELECT * FROM (${resultRelation(base)})${filterSql(request.filters ?? [])}${sortSql(request.sort ?? [])}`;
      const result = await connection.run(`COPY (${sql}) TO ${quoteLiteral(temp)} (FORMAT parquet, COMPRESSION snappy)`);
      const described = await connection.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(temp)}))`);
      const columns = described.getRows().map(([name, type]) => ({ name: String(name), type: String(type) }));
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
  const view = shaped ? await orderedView(parts, cache, params, request, base, prepared.get(pageNode)!.fingerprint!, signal) : undefined;
  const relation = view ? `SELECT * FROM read_parquet(${quoteLiteral(view.file)})` : resultRelation(base);
  return withSession(parts.instance, { projectDir: request.projectDir, params, ...(signal ? { signal } : {}) }, async (connection) => {
    const page = await readColumnar(connection, `${relation} LIMIT ${request.limit} OFFSET ${request.offset}`, request.limit).catch((error: unknown) => {
      throw nodeError(request.node, error);
    });
    const totalRows = view?.rows ?? resultRows(base) ?? 0;
    return { node: request.node, columns: page.columns, columnData: page.columnData, offset: request.offset, rowCount: page.rowCount, totalRows, durationMs: performance.now() - started };
  });
}
