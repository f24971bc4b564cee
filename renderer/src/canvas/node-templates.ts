import { inferFileFormat, NODE_TYPE_LABELS, type NodeType, type PipelineNode } from '../../../common/pipeline/model';
import { categoryOf, type NodeCategory } from '../state/node-kinds';

export interface PaletteEntry {
  type: NodeType;
  label: string;
  category: NodeCategory;
}

const CATEGORY_TITLES: Record<NodeCategory, string> = { source: 'Sources', transform: 'Transforms', check: 'Checks', sink: 'Sinks' };
const ORDER: NodeCategory[] = ['source', 'transform', 'check', 'sink'];

/** Every node type of the catalog, grouped by category, filtered by a search over label and type. */
export function paletteGroups(search: string): { category: NodeCategory; title: string; entries: PaletteEntry[] }[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const entries = (Object.keys(NODE_TYPE_LABELS) as NodeType[])
    .map((type) => ({ type, label: NODE_TYPE_LABELS[type], category: categoryOf(type) }))
    .filter((entry) => words.every((word) => `${entry.label} ${entry.type}`.toLowerCase().includes(word)));
  return ORDER.map((category) => ({ category, title: CATEGORY_TITLES[category], entries: entries.filter((e) => e.category === category) })).filter(
    (group) => group.entries.length > 0,
  );
}

/** The name a new node of this type starts with: "filter", "not_null", "file_source". */
export function baseName(type: NodeType): string {
  const [head, tail] = type.split('.') as [string, string];
  if (head === 'transform') return tail === 'sql' ? 'query' : tail;
  if (head === 'check') return `${tail}_check`;
  return `${tail}_${head}`;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A new node whose settings pass the schema once its inputs are connected;
 * `input` is the node it reads when one was selected. Column names are
 * placeholders the user replaces in the side panel.
 */
export function newNode(type: NodeType, name: string, input: string | null): PipelineNode {
  const inputs = input ? [input] : [];
  const from = input ? quote(input) : 'input';
  switch (type) {
    case 'source.file':
      return { name, type, path: 'data/file.csv' };
    case 'source.duckdb':
      return { name, type, path: 'data/database.duckdb', table: 'table_name' };
    case 'source.sql':
      return { name, type, sql: "SELECT 42 AS answer, 'hello' AS greeting" };
    case 'transform.sql':
      return { name, type, inputs, sql: `SELECT *\nFROM ${from}` };
    case 'transform.filter':
      return { name, type, inputs, where: 'true' };
    case 'transform.select':
      return { name, type, inputs, columns: ['column_name'] };
    case 'transform.derive':
      return { name, type, inputs, columns: [{ name: 'new_column', expression: '1' }] };
    case 'transform.join':
      return { name, type, inputs, how: 'inner', on: ['id'] };
    case 'transform.aggregate':
      return { name, type, inputs, aggregates: [{ name: 'row_count', function: 'count' }] };
    case 'transform.union':
      return { name, type, inputs, by_name: true };
    case 'transform.sort':
      return { name, type, inputs, by: ['column_name'] };
    case 'transform.limit':
      return { name, type, inputs, rows: 100 };
    case 'transform.sample':
      return { name, type, inputs, rows: 100, seed: 42 };
    case 'transform.deduplicate':
      return { name, type, inputs, keys: ['id'] };
    case 'transform.pivot':
      return { name, type, inputs, on: 'column_name', values: ['value'], using: [{ name: 'row_count', function: 'count' }] };
    case 'transform.unpivot':
      return { name, type, inputs, columns: ['column_name'] };
    case 'transform.window':
      return { name, type, inputs, columns: [{ name: 'row_number', function: 'row_number' }] };
    case 'check.not_null':
      return { name, type, inputs, columns: ['id'] };
    case 'check.unique':
      return { name, type, inputs, columns: ['id'] };
    case 'check.accepted_values':
      return { name, type, inputs, column: 'status', values: ['active'] };
    case 'check.row_count':
      return { name, type, inputs, min: 1 };
    case 'check.freshness':
      return { name, type, inputs, column: 'updated_at', max_age: '1 day' };
    case 'check.schema':
      return { name, type, inputs, columns: [{ name: 'id' }] };
    case 'check.sql':
      return { name, type, inputs, sql: `-- rows returned here fail the check\nSELECT *\nFROM ${from}\nWHERE false` };
    case 'sink.file':
      return { name, type, inputs, path: `out/${name}.parquet` };
    case 'sink.duckdb':
      return { name, type, inputs, path: 'out/warehouse.duckdb', table: name };
  }
}

/** A file source for a data file; the node name comes from the file name. */
export function fileSourceNode(name: string, path: string): PipelineNode {
  const format = inferFileFormat(path);
  return format ? { name, type: 'source.file', path } : { name, type: 'source.file', path, format: 'csv' };
}

/** "Flights 2024.csv" → "flights_2024". */
export function nameFromFile(file: string): string {
  const stem = file.replace(/^.*[\\/]/, '').replace(/\.(gz|zst)$/i, '').replace(/\.[^.]+$/, '');
  const name = stem.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return name || 'data';
}
