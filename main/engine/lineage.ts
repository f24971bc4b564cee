import type { DuckDBConnection } from '@duckdb/node-api';
import type { Column } from '../../common/contract/api';
import { nodeCategory, nodeInputs, type PipelineNode } from '../../common/pipeline/model';
import { compileNode } from './compiler';
import type { CallOptions, PipelineRequest } from './engine-types';
import { queryLineage, type ColumnSource, type LineageItem } from './lineage-sql';
import type { SqlAssist } from './sql-assist';
import type { BoundNode } from './sql-assist-views';

export type { ColumnSource } from './lineage-sql';

/**
 * - copy: the input column as it is; rename: the same values under a new name;
 * - expression: computed from its sources (none: a constant);
 * - origin: read from a file or database by a source node;
 * - unknown: not derivable from the SQL (a table function, an unmatched column).
 */
export type ColumnTransform = 'copy' | 'rename' | 'expression' | 'origin' | 'unknown';

export interface ColumnLineage {
  name: string;
  type: string;
  sources: ColumnSource[];
  transform: ColumnTransform;
}

export interface NodeLineage {
  node: string;
  columns: ColumnLineage[];
  /** Why the node has no columns (it or an input cannot be bound). */
  error: string | null;
}

export interface ColumnLineageResult {
  nodes: NodeLineage[];
}

type Json = Record<string, unknown>;

/** The parse tree of one SELECT, or null when DuckDB cannot serialize it (PIVOT, syntax errors). */
export async function parseTree(connection: DuckDBConnection, sql: string): Promise<Json | null> {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql(CAST($1 AS VARCHAR))', [sql]);
  const parsed = JSON.parse(String(reader.getColumns()[0]?.[0] ?? '{}')) as { error?: boolean; statements?: { node: Json }[] };
  if (parsed.error || parsed.statements?.length !== 1) return null;
  return parsed.statements[0]!.node;
}

function transformOf(item: LineageItem | undefined, name: string): ColumnTransform {
  if (!item) return 'unknown';
  if (item.direct && item.sources.length === 1) return item.sources[0]!.column === name ? 'copy' : 'rename';
  return 'expression';
}

/**
 * Puts the tree's items against the node's real (described) columns: by
 * position when the counts agree (unaliased expressions get DuckDB's names),
 * else by name.
 */
export function matchColumns(columns: Column[], items: LineageItem[] | null): ColumnLineage[] {
  if (items && items.length === columns.length) {
    return columns.map((column, i) => ({ name: column.name, type: column.type, sources: items[i]!.sources, transform: transformOf(items[i], column.name) }));
  }
  return columns.map((column) => {
    const item = items?.find((it) => it.name !== null && it.name.toLowerCase() === column.name.toLowerCase());
    return { name: column.name, type: column.type, sources: item?.sources ?? [], transform: transformOf(item, column.name) };
  });
}

/** PIVOT and UNPIVOT do not serialize to a tree: their lineage comes from the node's settings. */
function configLineage(node: PipelineNode, columns: Column[], inputColumns: string[]): ColumnLineage[] | null {
  const input = nodeInputs(node)[0];
  if (!input) return null;
  const same = (name: string) => inputColumns.find((c) => c.toLowerCase() === name.toLowerCase());
  if (node.type === 'transform.pivot') {
    const groups = new Set((node.group_by ?? []).map((g) => g.toLowerCase()));
    const measured = [node.on, ...node.using.map((u) => u.column).filter((c): c is string => c !== undefined)];
    return columns.map((column) =>
      groups.has(column.name.toLowerCase())
        ? { name: column.name, type: column.type, sources: [{ node: input, column: same(column.name) ?? column.name }], transform: 'copy' }
        : { name: column.name, type: column.type, sources: measured.map((c) => ({ node: input, column: same(c) ?? c })), transform: 'expression' },
    );
  }
  if (node.type === 'transform.unpivot') {
    const unpivoted = node.columns.map((c) => ({ node: input, column: same(c) ?? c }));
    const nameColumn = (node.name_column ?? 'name').toLowerCase();
    const valueColumn = (node.value_column ?? 'value').toLowerCase();
    return columns.map((column) => {
      const key = column.name.toLowerCase();
      if (key === nameColumn || key === valueColumn) return { name: column.name, type: column.type, sources: unpivoted, transform: 'expression' };
      return { name: column.name, type: column.type, sources: [{ node: input, column: same(column.name) ?? column.name }], transform: 'copy' };
    });
  }
  return null;
}

async function lineageOfNode(connection: DuckDBConnection, node: PipelineNode, bound: Map<string, BoundNode>, projectDir: string): Promise<NodeLineage> {
  const self = bound.get(node.name);
  if (!self?.columns) return { node: node.name, columns: [], error: self?.error?.message ?? 'not bound' };
  const columns = self.columns;
  if (node.type === 'source.file' || node.type === 'source.duckdb') {
    return { node: node.name, columns: columns.map((c) => ({ name: c.name, type: c.type, sources: [], transform: 'origin' })), error: null };
  }
  const inputs = nodeInputs(node);
  const byName = new Map(inputs.map((input) => [input.toLowerCase(), input]));
  const tables = (table: string) => {
    const input = byName.get(table.toLowerCase());
    const inputColumns = input ? bound.get(input)?.columns : undefined;
    return input && inputColumns ? { node: input, columns: inputColumns.map((c) => c.name) } : undefined;
  };
  const fromConfig = configLineage(node, columns, inputs[0] ? (bound.get(inputs[0])?.columns ?? []).map((c) => c.name) : []);
  if (fromConfig) return { node: node.name, columns: fromConfig, error: null };
  const relation = compileNode(node, { projectDir }).relation;
  const tree = await parseTree(connection, relation);
  const items = tree ? queryLineage(tree, tables) : null;
  const matched = matchColumns(columns, items);
  // A SQL source's columns come from what it reads, not from another node.
  if (nodeCategory(node.type) === 'source') return { node: node.name, columns: matched.map((c) => (c.sources.length === 0 ? { ...c, transform: 'origin' } : c)), error: null };
  return { node: node.name, columns: matched, error: null };
}

/** Column lineage of every node of the pipeline (docs/sql-editor.md#lineage). */
export async function executeColumnLineage(assist: SqlAssist, request: PipelineRequest, options: CallOptions = {}): Promise<ColumnLineageResult> {
  const names = request.pipeline.nodes.map((n) => n.name);
  return assist.withBound(request, names, options, async (connection, bound) => {
    const nodes: NodeLineage[] = [];
    for (const node of request.pipeline.nodes) {
      try {
        nodes.push(await lineageOfNode(connection, node, bound, request.projectDir));
      } catch (error) {
        nodes.push({ node: node.name, columns: [], error: (error as Error).message });
      }
    }
    return { nodes };
  });
}
