import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ApiError } from '../../common/contract/envelope';
import { quoteIdentifier, quoteLiteral } from '../engine/sql-text';
import type { ExportNode, ExportPlan, NodeRef } from './plan';

// Reads node SQL through DuckDB's own parser (json_serialize_sql), never with
// regexes: which names are upstream nodes (not CTEs, not schema-qualified
// tables), where they are in the text, and which DuckDB-only features appear.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface ReferenceTemplate {
  /** The node's SQL with each reference to an upstream node replaced by its placeholder. */
  text: string;
  refs: { placeholder: string; node: NodeRef }[];
  /**
   * `locations`: the author's text is kept and only the names are swapped (checked by
   * re-parsing); `deparsed`: DuckDB printed the rewritten tree (json_deserialize_sql).
   */
  method: 'locations' | 'deparsed';
}

export interface SqlAnalysis {
  templates: Map<string, ReferenceTemplate>;
  /** Per node id: DuckDB-specific functions and syntax, for the warehouse notes. */
  duckdbOnly: Map<string, string[]>;
}

const NO_LOCATION = 2 ** 63;

// Functions and table functions that exist in DuckDB but not, under that name, in
// the common warehouses (Snowflake, BigQuery, Spark, Postgres).
const DUCKDB_ONLY_FUNCTIONS = new Set([
  'getvariable', 'parquet_scan', 'read_csv', 'read_csv_auto', 'read_json', 'read_json_auto', 'read_ndjson',
  'read_ndjson_auto', 'read_parquet', 'read_text', 'read_blob', 'glob', 'struct_pack', 'struct_extract',
  'struct_insert', 'list_value', 'list_extract', 'list_element', 'list_transform', 'list_filter', 'list_reduce',
  'list_sort', 'list_distinct', 'list_contains', 'list_aggregate', 'list_concat', 'list_slice', 'string_split',
  'string_split_regex', 'str_split', 'regexp_matches', 'regexp_full_match', 'strftime', 'strptime', 'epoch_ms',
  'epoch_us', 'epoch_ns', 'make_date', 'make_time', 'make_timestamp', 'arg_max', 'arg_min', 'argmax', 'argmin',
  'histogram', 'list', 'range', 'try_strptime', 'strip_accents', 'nfc_normalize', 'md5_number',
]);

export const REF_PLACEHOLDER_PREFIX = '__sluice_ref_';

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

async function serialize(connection: DuckDBConnection, node: ExportNode, sql: string): Promise<JsonObject> {
  const reader = await connection.runAndReadAll(`SELECT json_serialize_sql(${quoteLiteral(sql)})`);
  const parsed = JSON.parse(String(reader.getColumns()[0]![0])) as JsonObject;
  if (parsed.error === true) {
    throw new ApiError({ code: 'node-failed', node: node.name, message: `${node.name}: DuckDB cannot parse this SQL: ${String(parsed.error_message)}` });
  }
  const statements = parsed.statements as Json[];
  if (statements.length !== 1) {
    throw new ApiError({ code: 'node-failed', node: node.name, message: `${node.name}: a node's SQL is one SELECT statement, found ${statements.length}` });
  }
  return parsed;
}

interface CteEntry {
  name: string;
  body: Json;
  recursive: boolean;
}

function cteEntries(value: JsonObject): CteEntry[] {
  const cteMap = value.cte_map ?? null;
  const entries = isObject(cteMap) ? (cteMap.map ?? null) : null;
  if (!Array.isArray(entries)) return [];
  return entries.filter(isObject).map((entry) => {
    const body = entry.value ?? null;
    const queryHolder = isObject(body) ? (body.query ?? null) : null;
    const query = isObject(queryHolder) ? (queryHolder.node ?? null) : null;
    return { name: String(entry.key), body, recursive: isObject(query) && query.type === 'RECURSIVE_CTE_NODE' };
  });
}

/** Every BASE_TABLE that names an upstream node: not schema-qualified and not shadowed by a CTE. */
function upstreamReferences(tree: Json, resolve: (name: string) => NodeRef | undefined): { table: JsonObject; node: NodeRef }[] {
  const hits: { table: JsonObject; node: NodeRef }[] = [];
  const visit = (value: Json, scope: ReadonlySet<string>) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, scope);
      return;
    }
    if (!isObject(value)) return;
    const ctes = cteEntries(value);
    const names = ctes.map((c) => c.name.toLowerCase());
    const inner = names.length > 0 ? new Set([...scope, ...names]) : scope;
    for (const cte of ctes) {
      const own = cte.name.toLowerCase();
      visit(cte.body, new Set([...scope, ...names.filter((n) => n !== own || cte.recursive)]));
    }
    if (value.type === 'BASE_TABLE' && value.schema_name === '' && value.catalog_name === '' && typeof value.table_name === 'string') {
      const node = inner.has(value.table_name.toLowerCase()) ? undefined : resolve(value.table_name);
      if (node) hits.push({ table: value, node });
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'cte_map') visit(child, inner);
  };
  visit(tree, new Set());
  return hits;
}

/** DuckDB resolves unquoted and quoted names case-insensitively; an exact match wins. */
function resolverFor(node: ExportNode): (name: string) => NodeRef | undefined {
  return (name) => {
    const exact = node.upstream.find((n) => n.name === name);
    if (exact) return exact;
    const folded = node.upstream.filter((n) => n.name.toLowerCase() === name.toLowerCase());
    return folded.length === 1 ? folded[0] : undefined;
  };
}

function stripLocations(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripLocations);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) if (key !== 'query_location') out[key] = stripLocations(child);
  return out;
}

/** The end of the identifier token that starts at `start`: a "quoted" name or a bare word. */
function identifierEnd(text: string, start: number): number {
  if (text[start] === '"') {
    let i = start + 1;
    while (i < text.length) {
      if (text[i] === '"') {
        if (text[i + 1] === '"') i += 2;
        else return i + 1;
      } else i++;
    }
    return -1;
  }
  let i = start;
  while (i < text.length && /[\p{L}\p{N}_$]/u.test(text[i]!)) i++;
  return i;
}

function unquote(token: string): string {
  return token.startsWith('"') ? token.slice(1, -1).replaceAll('""', '"') : token;
}

/** DuckDB reports byte offsets into the UTF-8 text. */
function charOffset(text: string, byteOffset: number): number {
  return Buffer.from(text, 'utf8').subarray(0, byteOffset).toString('utf8').length;
}

async function templateFor(connection: DuckDBConnection, node: ExportNode, forceDeparse: boolean): Promise<ReferenceTemplate> {
  const tree = await serialize(connection, node, node.sql);
  const hits = upstreamReferences(tree, resolverFor(node));
  if (hits.length === 0) return { text: node.sql, refs: [], method: 'locations' };
  const refs = hits.map((hit, i) => ({ placeholder: `${REF_PLACEHOLDER_PREFIX}${i}__`, node: hit.node }));

  // The tree we expect after the swap: each reference renamed, and aliased to the
  // name it had so that qualified columns (`flights.delay`) still resolve.
  const renamed = structuredClone(tree);
  const renamedHits = upstreamReferences(renamed, resolverFor(node));
  renamedHits.forEach((hit, i) => {
    if (hit.table.alias === '') hit.table.alias = hit.table.table_name as string;
    hit.table.table_name = refs[i]!.placeholder;
  });

  if (!forceDeparse) {
    const spans = hits.map((hit, i) => {
      const location = Number(hit.table.query_location);
      if (!(location >= 0 && location < NO_LOCATION)) return undefined;
      const start = charOffset(node.sql, location);
      const end = identifierEnd(node.sql, start);
      if (end <= start || unquote(node.sql.slice(start, end)).toLowerCase() !== String(hit.table.table_name).toLowerCase()) return undefined;
      const replacement = hit.table.alias === '' ? `${refs[i]!.placeholder} AS ${quoteIdentifier(String(hit.table.table_name))}` : refs[i]!.placeholder;
      return { start, end, replacement };
    });
    if (spans.every((s) => s !== undefined)) {
      let text = node.sql;
      for (const span of [...spans].sort((a, b) => b.start - a.start)) text = text.slice(0, span.start) + span.replacement + text.slice(span.end);
      const check = await serialize(connection, node, text);
      if (JSON.stringify(stripLocations(check)) === JSON.stringify(stripLocations(renamed))) return { text, refs, method: 'locations' };
    }
  }
  const statement = (renamed.statements as Json[])[0] as JsonObject;
  const json = JSON.stringify({ error: false, statements: [statement] });
  const reader = await connection.runAndReadAll(`SELECT json_deserialize_sql(${quoteLiteral(json)}::JSON)`);
  return { text: String(reader.getColumns()[0]![0]), refs, method: 'deparsed' };
}

function duckdbOnlyFeatures(tree: Json): string[] {
  const found = new Set<string>();
  const visit = (value: Json) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isObject(value)) return;
    if (value.type === 'FUNCTION' && typeof value.function_name === 'string' && DUCKDB_ONLY_FUNCTIONS.has(value.function_name.toLowerCase())) {
      found.add(`${value.function_name.toLowerCase()}()`);
    }
    if (value.type === 'STAR') {
      if (Array.isArray(value.exclude_list) && value.exclude_list.length > 0) found.add('SELECT * EXCLUDE');
      if (Array.isArray(value.replace_list) && value.replace_list.length > 0) found.add('SELECT * REPLACE');
      if (Array.isArray(value.rename_list) && value.rename_list.length > 0) found.add('SELECT * RENAME');
      if (value.columns === true) found.add('COLUMNS(...)');
    }
    if (value.type === 'PIVOT') found.add('PIVOT / UNPIVOT');
    if (value.type === 'LAMBDA') found.add('lambda functions (x -> …)');
    for (const child of Object.values(value)) visit(child);
  };
  visit(tree);
  return [...found].sort();
}

/** Parses every node's SQL once with DuckDB; the generators then stay pure. */
export async function analyzePlanSql(plan: ExportPlan, options: { forceDeparse?: boolean } = {}): Promise<SqlAnalysis> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const templates = new Map<string, ReferenceTemplate>();
    const duckdbOnly = new Map<string, string[]>();
    for (const node of plan.nodes) {
      templates.set(node.id, await templateFor(connection, node, options.forceDeparse ?? false));
      duckdbOnly.set(node.id, duckdbOnlyFeatures(await serialize(connection, node, node.sql)));
    }
    return { templates, duckdbOnly };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
