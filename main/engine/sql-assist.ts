import type { DuckDBConnection } from '@duckdb/node-api';
import type { Column } from '../../common/contract/api';
import { ApiError } from '../../common/contract/envelope';
import { nodeInputs } from '../../common/pipeline/model';
import type { ResultCache } from './cache';
import type { CallOptions, PipelineRequest } from './engine-types';
import type { EngineParts } from './node-runner';
import { resolveParams } from './params';
import { assertValidGraph } from './prepare';
import { withSession } from './session';
import { completePaths, openStringLiteral } from './sql-path-complete';
import { bindNodes, ColumnMemo, preparedColumns, type BoundNode } from './sql-assist-views';
import { byteOffsetToIndex, caretPosition, diagnosticAt, positionOf, type SqlDiagnostic } from './sql-assist-diagnostics';

export type { SqlDiagnostic } from './sql-assist-diagnostics';

export interface DescribeNodeRequest extends PipelineRequest {
  node: string;
}
export interface DescribeNodeResult {
  node: string;
  columns: Column[];
  fingerprint: string | null;
}

/** The SQL text being edited for `node` (not yet in the pipeline, or newer than it). */
export interface SqlTextRequest extends PipelineRequest {
  node: string;
  sql: string;
}

export interface UpstreamRelation {
  node: string;
  /** Null when the input cannot be bound; `error` says why. */
  columns: Column[] | null;
  error: string | null;
}

export interface CheckSqlResult {
  diagnostics: SqlDiagnostic[];
  /** The result's columns when the text binds. */
  columns: Column[] | null;
  inputs: UpstreamRelation[];
}

export interface CompleteSqlRequest extends SqlTextRequest {
  /** Cursor, as a character offset into `sql`. */
  offset: number;
}
export interface SqlSuggestion {
  text: string;
  kind: string;
  /** Character offset where the replaced word starts. */
  start: number;
}
export interface CompleteSqlResult {
  suggestions: SqlSuggestion[];
  inputs: UpstreamRelation[];
  /** 'string' inside a string literal, where the suggestions are file and folder names. */
  context: 'sql' | 'string';
}

const MAX_SUGGESTIONS = 200;

function upstream(bound: Map<string, BoundNode>, names: readonly string[]): UpstreamRelation[] {
  return names.map((name) => {
    const node = bound.get(name);
    return { node: name, columns: node?.columns ?? null, error: node?.error?.message ?? (node ? null : `no node named "${name}"`) };
  });
}

/**
 * The SQL pane's helpers: completion (DuckDB's sql_auto_complete over the
 * node's inputs), as-you-type checks (parse, then bind against the inputs'
 * column types) and a node's output columns. Inputs are bound as empty typed
 * tables (sql-assist-views), so none of this reads data.
 */
export class SqlAssist {
  readonly memo = new ColumnMemo();

  constructor(
    private readonly parts: EngineParts,
    private readonly cacheFor: (request: PipelineRequest) => ResultCache,
  ) {}

  /** Runs `work` on a connection where `names` (and what they read) are bound. */
  async withBound<T>(request: PipelineRequest, names: readonly string[], options: CallOptions, work: (connection: DuckDBConnection, bound: Map<string, BoundNode>) => Promise<T>): Promise<T> {
    assertValidGraph(request.pipeline);
    const params = resolveParams(request.pipeline, request.params);
    const signal = options.signal;
    return withSession(this.parts.instance, { projectDir: request.projectDir, params, ...(signal ? { signal } : {}) }, async (connection) => {
      const bound = await bindNodes(
        { parts: this.parts, cache: this.cacheFor(request), connection, ctx: { projectDir: request.projectDir }, params, memo: this.memo, ...(signal ? { signal } : {}) },
        request.pipeline,
        names,
      );
      return work(connection, bound);
    });
  }

  async describeNode(request: DescribeNodeRequest, options: CallOptions = {}): Promise<DescribeNodeResult> {
    return this.withBound(request, [request.node], options, async (_connection, bound) => {
      const node = bound.get(request.node)!;
      if (!node.columns) throw new ApiError(node.error ?? { code: 'node-failed', node: request.node, message: `${request.node}: cannot be described` });
      return { node: request.node, columns: node.columns, fingerprint: node.fingerprint };
    });
  }

  async checkSql(request: SqlTextRequest, options: CallOptions = {}): Promise<CheckSqlResult> {
    const inputs = this.inputsOf(request);
    return this.withBound(request, inputs, options, async (connection, bound) => {
      const relations = upstream(bound, inputs);
      const parse = await parseDiagnostics(connection, request.sql);
      if (parse.length > 0) return { diagnostics: parse, columns: null, inputs: relations };
      const failed = relations.filter((r) => r.columns === null);
      if (failed.length > 0) {
        // The text cannot be bound against an input that has no columns; say which, once, and stop there.
        const message = failed.map((r) => `input "${r.node}" cannot be read: ${withoutNode(r.error ?? '', r.node)}`).join('; ');
        return { diagnostics: [diagnosticAt(request.sql, message, null, 'warning')], columns: null, inputs: relations };
      }
      try {
        const columns = preparedColumns(await connection.prepare(request.sql));
        return { diagnostics: [], columns, inputs: relations };
      } catch (error) {
        const message = (error as Error).message;
        if (options.signal?.aborted) throw error;
        return { diagnostics: [diagnosticAt(request.sql, message, caretPosition(message, request.sql))], columns: null, inputs: relations };
      }
    });
  }

  async completeSql(request: CompleteSqlRequest, options: CallOptions = {}): Promise<CompleteSqlResult> {
    const inputs = this.inputsOf(request);
    return this.withBound(request, inputs, options, async (connection, bound) => {
      const before = request.sql.slice(0, Math.max(0, Math.min(request.offset, request.sql.length)));
      const literal = openStringLiteral(before);
      if (literal) return { suggestions: await completePaths(request.projectDir, literal), inputs: upstream(bound, inputs), context: 'string' };
      const reader = await connection.runAndReadAll('SELECT suggestion, suggestion_start, suggestion_type FROM sql_auto_complete(CAST($1 AS VARCHAR)) LIMIT ' + MAX_SUGGESTIONS, [before]);
      const suggestions = reader.getRows().map(([text, start, kind]) => ({
        text: String(text).trimEnd(),
        kind: String(kind),
        start: byteOffsetToIndex(before, Number(start)),
      }));
      return { suggestions, inputs: upstream(bound, inputs), context: 'sql' };
    });
  }

  private inputsOf(request: { pipeline: PipelineRequest['pipeline']; node: string }): string[] {
    const node = request.pipeline.nodes.find((n) => n.name === request.node);
    if (!node) throw new ApiError({ code: 'invalid-input', message: `no node named "${request.node}"` });
    return [...nodeInputs(node)];
  }
}

function withoutNode(message: string, node: string): string {
  return message.startsWith(`${node}: `) ? message.slice(node.length + 2) : message;
}

/** Parse errors (json_serialize_sql reports a byte position) and more than one statement. */
async function parseDiagnostics(connection: DuckDBConnection, sql: string): Promise<SqlDiagnostic[]> {
  if (!sql.trim()) return [diagnosticAt(sql, 'The SQL is empty: write one SELECT query.', null)];
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql(CAST($1 AS VARCHAR))', [sql]);
  const parsed = JSON.parse(String(reader.getColumns()[0]?.[0] ?? '{}')) as { error?: boolean; error_type?: string; error_message?: string; position?: string; statements?: unknown[] };
  if (parsed.error) {
    // PIVOT and other statements parse fine but cannot be serialized: those are for the binder to judge.
    if (parsed.error_type !== 'parser') return [];
    const position = parsed.position !== undefined ? positionOf(sql, byteOffsetToIndex(sql, Number(parsed.position))) : null;
    return [diagnosticAt(sql, `Syntax error: ${parsed.error_message ?? 'cannot parse the SQL'}`, position)];
  }
  const count = parsed.statements?.length ?? 1;
  if (count > 1) {
    return [diagnosticAt(sql, `The SQL holds ${count} statements; a node is one query (remove the others).`, null)];
  }
  return [];
}
