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
 */
export async function readParquetFooter(connection: DuckDBConnection, path: string, columns: readonly ColumnInfo[]): Promise<ParquetFooter> {
  const literal = quoteLiteral(path);
  const count = await readRows(connection, `SELECT sum(num_rows) FROM parquet_file_metadata(${literal})`);
  const rowCount = toNumber(count.rows[0]?.[0]) ?? 0;
  const result = new Map<string, FooterColumn>();
  // One grouped query per column type (footer statistics are text, cast to the type so
  // numbers compare as numbers): a few queries however wide the file is.
  const byType = new Map<string, ColumnInfo[]>();
  for (const column of columns) if (FOOTER_KINDS.has(column.kind)) byType.set(column.type, [...(byType.get(column.type) ?? []), column]);
  for (const [type, group] of byType) {
    // Writers may truncate only text bounds; numbers and dates are exact unless a flag says otherwise.
    const exactByDefault = group[0]!.kind !== 'string';
    const { rows } = await readRows(
      connection,
      `SELECT path_in_schema, sum(stats_null_count), bool_and(stats_null_count IS NOT NULL),
         min(TRY_CAST(stats_min_value AS ${type})), max(TRY_CAST(stats_max_value AS ${type})),
         bool_and(stats_min_value IS NOT NULL AND coalesce(min_is_exact, ${exactByDefault})),
         bool_and(stats_max_value IS NOT NULL AND coalesce(max_is_exact, ${exactByDefault}))
       FROM parquet_metadata(${literal}) WHERE path_in_schema IN (${group.map((c) => quoteLiteral(c.name)).join(', ')}) GROUP BY path_in_schema`,
    );
    for (const [name, nulls, nullsKnown, min, max, minExact, maxExact] of rows) {
      result.set(String(name), {
        nullCount: nullsKnown === true ? toNumber(nulls) : null,
        min: minExact === true ? toScalar(min) : null,
        max: maxExact === true ? toScalar(max) : null,
        minExact: minExact === true,
        maxExact: maxExact === true,
      });
    }
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

export async function sniffCsv(connection: DuckDBConnection, path: string): Promise<CsvDialect> {
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
