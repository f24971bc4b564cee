import { stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { inferFileFormat, type FileFormat } from '../../common/pipeline/model';
import { quoteIdentifier, quoteLiteral } from '../engine/sql-text';
import { classifyColumn, type ColumnInfo } from './column-kinds';
import { readRows, toNumber, toScalar } from './duck-values';
import type { ScalarValue } from '../../common/profile/profile-schema';

/** What to profile: a file (or glob) read by DuckDB, or a relation already defined on the connection. */
export type ProfileSource =
  | { kind: 'file'; path: string; format?: FileFormat }
  | { kind: 'relation'; sql: string; label: string };

export function isGlobPath(path: string): boolean {
  return /[*?[]/.test(path);
}

export function sourceFormat(source: ProfileSource): FileFormat | 'relation' {
  if (source.kind === 'relation') return 'relation';
  const format = source.format ?? inferFileFormat(source.path);
  if (!format) throw new Error(`cannot tell the format of "${source.path}" from its name; give the format (csv, tsv, parquet, json, ndjson)`);
  return format;
}

/** The FROM item that reads the source with DuckDB's defaults (the same reader a file source node uses). */
export function sourceRelation(source: ProfileSource): string {
  if (source.kind === 'relation') return `(${source.sql})`;
  const literal = quoteLiteral(source.path);
  switch (sourceFormat(source)) {
    case 'parquet':
      return `read_parquet(${literal})`;
    case 'csv':
      return `read_csv(${literal})`;
    case 'tsv':
      return `read_csv(${literal}, delim = '\t')`;
    case 'ndjson':
      return `read_json_auto(${literal}, format = 'newline_delimited')`;
    default:
      return `read_json_auto(${literal})`;
  }
}

export async function describeRelation(connection: DuckDBConnection, relation: string): Promise<ColumnInfo[]> {
  const { rows } = await readRows(connection, `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${relation})`);
  return rows.map(([name, type]) => classifyColumn(String(name), String(type)));
}

/** What a Parquet footer tells about a column without reading its data. */
export interface FooterColumn {
  nullCount: number | null;
  min: ScalarValue;
  max: ScalarValue;
  minExact: boolean;
  maxExact: boolean;
}

export interface ParquetFooter {
  rowCount: number;
  columns: Map<string, FooterColumn>;
}

const FOOTER_KINDS = new Set(['numeric', 'temporal', 'string', 'boolean']);

/**
 * Row count, null counts and min/max from Parquet footers (every file of a
 * glob): milliseconds, whatever the file size. Statistics a writer left out stay null.
 * One query for everything (the sample stage's budget is ~100 ms, and each round trip costs several).
 */
export async function readParquetFooter(connection: DuckDBConnection, path: string, columns: readonly ColumnInfo[]): Promise<ParquetFooter> {
  const literal = quoteLiteral(path);
  const wanted = columns.filter((c) => FOOTER_KINDS.has(c.kind));
  // Footer statistics are text: each is cast to its column's type so numbers compare as numbers,
  // one min and one max per type (a grouped query stays fast however wide the file is).
  const types = [...new Set(wanted.map((c) => c.type))];
  const typeOf = new Map(wanted.map((c) => [c.name, types.indexOf(c.type)]));
  const inType = (t: number) => wanted.filter((c) => c.type === types[t]).map((c) => quoteLiteral(c.name)).join(', ');
  const typed = types.flatMap((type, t) => [
    `min(TRY_CAST(stats_min_value AS ${type})) FILTER (WHERE path_in_schema IN (${inType(t)})) AS "min${t}"`,
    `max(TRY_CAST(stats_max_value AS ${type})) FILTER (WHERE path_in_schema IN (${inType(t)})) AS "max${t}"`,
  ]);
  // Writers may truncate only text bounds; numbers and dates are exact unless a flag says otherwise.
  const strings = wanted.filter((c) => c.kind === 'string').map((c) => quoteLiteral(c.name));
  const exactByDefault = strings.length > 0 ? `path_in_schema NOT IN (${strings.join(', ')})` : 'true';
  // Every row group has a column 0: its entries' rows add up to the file's (or glob's) rows, in the same query.
  const { names, rows } = await readRows(
    connection,
    `SELECT path_in_schema, sum(stats_null_count), bool_and(stats_null_count IS NOT NULL),
       bool_and(stats_min_value IS NOT NULL AND coalesce(min_is_exact, ${exactByDefault})),
       bool_and(stats_max_value IS NOT NULL AND coalesce(max_is_exact, ${exactByDefault})),
       sum(row_group_num_rows) FILTER (WHERE column_id = 0) AS "rows"${typed.map((t) => `, ${t}`).join('')}
     FROM parquet_metadata(${literal}) GROUP BY path_in_schema`,
  );
  let rowCount = 0;
  const result = new Map<string, FooterColumn>();
  for (const row of rows) {
    rowCount += toNumber(row[5]) ?? 0;
    const name = String(row[0]);
    const t = typeOf.get(name);
    if (t === undefined) continue;
    const minExact = row[3] === true;
    const maxExact = row[4] === true;
    result.set(name, {
      nullCount: row[2] === true ? toNumber(row[1]) : null,
      min: minExact ? toScalar(row[names.indexOf(`min${t}`)]) : null,
      max: maxExact ? toScalar(row[names.indexOf(`max${t}`)]) : null,
      minExact,
      maxExact,
    });
  }
  return { rowCount, columns: result };
}

/** The dialect and columns DuckDB's CSV sniffer finds (the same ones read_csv then uses). */
export interface CsvDialect {
  delimiter: string;
  quote: string;
  escape: string;
  comment: string;
  skipRows: number;
  header: boolean;
  columns: { name: string; type: string }[];
  dateFormat: string | null;
  timestampFormat: string | null;
}

/** Sniffs kept per file stamp (path, size, mtime): the sniffer alone is ~50–100 ms of the sample stage's 100 ms budget. */
const sniffed = new Map<string, CsvDialect>();
const SNIFFS_KEPT = 32;

/** DuckDB's sniffer on a CSV file, remembered until the file changes (size or mtime). */
export async function sniffCsv(connection: DuckDBConnection, path: string): Promise<CsvDialect> {
  const { size, mtimeMs } = await stat(path);
  const key = JSON.stringify([path, size, mtimeMs]);
  const known = sniffed.get(key);
  if (known) return known;
  const dialect = await runSniffer(connection, path);
  if (sniffed.size >= SNIFFS_KEPT) sniffed.delete(sniffed.keys().next().value!);
  sniffed.set(key, dialect);
  return dialect;
}

/** Forgets every remembered sniff (benchmarks measure the first profile of a file). */
export function forgetCsvSniffs(): void {
  sniffed.clear();
}

async function runSniffer(connection: DuckDBConnection, path: string): Promise<CsvDialect> {
  const { names, rows } = await readRows(connection, `SELECT * FROM sniff_csv(${quoteLiteral(path)})`);
  const row = rows[0] ?? [];
  const get = (name: string) => row[names.indexOf(name)];
  const text = (name: string) => {
    const value = get(name);
    return value === null || value === undefined || String(value) === '(empty)' ? '' : String(value);
  };
  const columns = (get('Columns') as { items?: { entries?: Record<string, unknown> }[] } | null)?.items ?? [];
  return {
    delimiter: text('Delimiter'),
    quote: text('Quote'),
    escape: text('Escape'),
    comment: text('Comment'),
    skipRows: toNumber(get('SkipRows')) ?? 0,
    header: get('HasHeader') === true,
    columns: columns.map((c) => ({ name: String(c.entries?.name), type: String(c.entries?.type) })),
    dateFormat: get('DateFormat') ? String(get('DateFormat')) : null,
    timestampFormat: get('TimestampFormat') ? String(get('TimestampFormat')) : null,
  };
}

/** read_csv with the sniffed dialect spelled out: no second sniff, the same columns and types. */
export function csvWithDialect(path: string, dialect: CsvDialect, extra: string[] = []): string {
  const columns = dialect.columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ');
  const options = [
    'auto_detect = false',
    `delim = ${quoteLiteral(dialect.delimiter)}`,
    `quote = ${quoteLiteral(dialect.quote)}`,
    `escape = ${quoteLiteral(dialect.escape)}`,
    `header = ${dialect.header}`,
    `skip = ${dialect.skipRows}`,
    `columns = {${columns}}`,
    ...(dialect.comment ? [`comment = ${quoteLiteral(dialect.comment)}`] : []),
    ...(dialect.dateFormat ? [`dateformat = ${quoteLiteral(dialect.dateFormat)}`] : []),
    ...(dialect.timestampFormat ? [`timestampformat = ${quoteLiteral(dialect.timestampFormat)}`] : []),
    ...extra,
  ];
  return `read_csv(${quoteLiteral(path)}, ${options.join(', ')})`;
}

export function selectColumns(columns: readonly ColumnInfo[]): string {
  return columns.map((c) => quoteIdentifier(c.name)).join(', ');
}
