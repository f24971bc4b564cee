import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import type { Column } from '../../common/contract/api';
import { ApiError, toErrorBody, type ApiErrorBody } from '../../common/contract/envelope';
import type { CompileContext } from './compiler';
import type { ResultCache } from './cache';
import { nodeError } from './errors';
import { materialize, type EngineParts } from './node-runner';
import { closureOf, prepareNodes } from './prepare';
import type { ResolvedParam } from './params';
import { parquetRelation } from './session';
import { quoteIdentifier } from './sql-text';

/** What the assist (completion, checks, lineage) knows of one node: its output columns, or why it has none. */
export interface BoundNode {
  name: string;
  columns: Column[] | null;
  error: ApiErrorBody | null;
  fingerprint: string | null;
}

/**
 * Output columns by node fingerprint. A fingerprint covers the node's SQL,
 * its files' stamps and its inputs, so an entry never goes stale; it is only
 * dropped to bound memory.
 */
export class ColumnMemo {
  private readonly entries = new Map<string, Column[]>();
  constructor(private readonly maxEntries = 5000) {}

  get(fingerprint: string): Column[] | undefined {
    return this.entries.get(fingerprint);
  }

  set(fingerprint: string, columns: Column[]): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(fingerprint, columns);
  }
}

export function preparedColumns(statement: DuckDBPreparedStatement): Column[] {
  const columns: Column[] = [];
  for (let i = 0; i < statement.columnCount; i++) {
    const type = statement.columnType(i);
    // JSON and other aliased types print as their storage type unless asked for the alias.
    columns.push({ name: statement.columnName(i), type: type.alias ?? type.toString() });
  }
  return columns;
}

/**
 * Makes each node readable by name as an EMPTY table with the node's column
 * types: a query over it binds exactly as over the real rows (same names,
 * types, candidate hints), but binding never reaches back into upstream files
 * (a view chain would re-sniff every CSV at every level).
 */
async function defineTypedTable(connection: DuckDBConnection, name: string, columns: Column[], relation: string): Promise<void> {
  const unique = new Set(columns.map((c) => c.name.toLowerCase())).size === columns.length;
  if (unique && columns.length > 0) {
    const list = columns.map((c) => `${quoteIdentifier(c.name)} ${c.type}`).join(', ');
    try {
      await connection.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(name)} (${list})`);
      return;
    } catch {
      // A type whose printed form does not parse back: the node's own relation still binds the same.
    }
  }
  await connection.run(`CREATE OR REPLACE TEMP VIEW ${quoteIdentifier(name)} AS ${relation}`);
}

export interface BindScope {
  parts: EngineParts;
  cache: ResultCache;
  connection: DuckDBConnection;
  ctx: CompileContext;
  params: readonly ResolvedParam[];
  memo: ColumnMemo;
  signal?: AbortSignal;
}

/**
 * Binds the named nodes and everything they read, in order, on one
 * connection. A node that cannot be bound keeps its error and the nodes
 * reading it are left unbound; nothing is thrown for them.
 */
export async function bindNodes(scope: BindScope, pipeline: Parameters<typeof closureOf>[0], names: readonly string[]): Promise<Map<string, BoundNode>> {
  const { connection, ctx, params, memo, parts, cache } = scope;
  const closure = closureOf(pipeline, names);
  const prepared = await prepareNodes(closure, { connection, ctx, params, memo: parts.memo });
  const bound = new Map<string, BoundNode>();
  for (const node of closure) {
    const p = prepared.get(node.name)!;
    const fingerprint = p.fingerprint ?? null;
    if (p.error) {
      bound.set(node.name, { name: node.name, columns: null, error: toErrorBody(p.error), fingerprint });
      continue;
    }
    const upstreamFailed = (p.node as { inputs?: string[] }).inputs?.find((input) => bound.get(input)?.columns === null);
    if (upstreamFailed) {
      bound.set(node.name, { name: node.name, columns: null, error: { code: 'node-failed', node: node.name, message: `${node.name}: input "${upstreamFailed}" cannot run` }, fingerprint });
      continue;
    }
    try {
      let relation = p.compiled!.relation;
      const entry = p.volatile ? undefined : await cache.lookup(fingerprint!);
      if (entry) relation = parquetRelation(entry.file);
      else if (p.compiled!.attached) {
        // A database's query only binds inside that database: compute it into the cache (as previews do).
        const made = await materialize(parts, { ctx, params, cache, ...(scope.signal ? { signal: scope.signal } : {}) }, p, new Map());
        relation = parquetRelation(made.file);
      }
      let columns = p.volatile ? undefined : memo.get(fingerprint!);
      if (!columns) {
        columns = entry ? entry.columns : preparedColumns(await connection.prepare(relation));
        if (!p.volatile) memo.set(fingerprint!, columns);
      }
      await defineTypedTable(connection, node.name, columns, relation);
      bound.set(node.name, { name: node.name, columns, error: null, fingerprint });
    } catch (error) {
      const failure = error instanceof ApiError ? error : nodeError(node.name, error, p.compiled?.file, p.compiled?.relation);
      bound.set(node.name, { name: node.name, columns: null, error: failure.body, fingerprint });
    }
  }
  return bound;
}
