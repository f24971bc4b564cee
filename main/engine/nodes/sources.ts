import { createHash } from 'node:crypto';
import { ApiError } from '../../../common/contract/envelope';
import { inferFileFormat, type NodeOfType } from '../../../common/pipeline/model';
import { quoteIdentifier, quoteLiteral, trimStatement } from '../sql-text';
import type { CompileContext } from './context';
import { filePathSql } from './context';

type FileSource = NodeOfType<'source.file'>;
type DuckdbSource = NodeOfType<'source.duckdb'>;

export function fileSourceFormat(node: FileSource): NonNullable<FileSource['format']> {
  const format = node.format ?? inferFileFormat(node.path);
  if (!format) {
    throw new ApiError({
      code: 'node-failed',
      node: node.name,
      file: node.path,
      message: `${node.name}: cannot tell the format of "${node.path}"; set format to csv, tsv, parquet, json or ndjson`,
    });
  }
  return format;
}

/** How deep read_json infers nested types; beyond it a value is kept as JSON. */
export const JSON_MAX_DEPTH = 64;

export function isGlob(filePath: string): boolean {
  return /[*?[]/.test(filePath);
}

function typesStruct(types: Record<string, string>): string {
  return `{${Object.entries(types).map(([column, type]) => `${quoteLiteral(column)}: ${quoteLiteral(type)}`).join(', ')}}`;
}

/** The SELECT that reads a file source: DuckDB's reader with the node's options, sniffer for the rest. */
export function compileFileSource(node: FileSource, ctx: CompileContext): string {
  const format = fileSourceFormat(node);
  const file = filePathSql(ctx, node.path);
  const options: string[] = [];
  if (node.filename_column !== undefined) options.push(`filename = ${quoteLiteral(node.filename_column)}`);
  if (node.union_by_name !== undefined) options.push(`union_by_name = ${node.union_by_name}`);
  switch (format) {
    case 'parquet':
      return `SELECT * FROM read_parquet(${[file, ...options].join(', ')})`;
    case 'csv':
    case 'tsv': {
      const delimiter = node.delimiter ?? (format === 'tsv' ? '\t' : undefined);
      if (delimiter !== undefined) options.push(`delim = ${quoteLiteral(delimiter)}`);
      if (node.header !== undefined) options.push(`header = ${node.header}`);
      if (node.quote !== undefined) options.push(`quote = ${quoteLiteral(node.quote)}`);
      if (node.escape !== undefined) options.push(`escape = ${quoteLiteral(node.escape)}`);
      if (node.encoding !== undefined) options.push(`encoding = ${quoteLiteral(node.encoding)}`);
      if (node.skip_rows !== undefined) options.push(`skip = ${node.skip_rows}`);
      if (node.null_strings !== undefined) options.push(`nullstr = [${node.null_strings.map(quoteLiteral).join(', ')}]`);
      if (node.types !== undefined && Object.keys(node.types).length > 0) options.push(`types = ${typesStruct(node.types)}`);
      return `SELECT * FROM read_csv(${[file, ...options].join(', ')})`;
    }
    case 'json':
    case 'ndjson': {
      if (format === 'ndjson') options.push(`format = 'newline_delimited'`);
      // Unbounded type detection recurses once per nesting level: 10,000 nested arrays
      // crashed the engine process (SIGSEGV). Deeper values stay JSON text.
      options.push(`maximum_depth = ${JSON_MAX_DEPTH}`);
      const read = `read_json(${[file, ...options].join(', ')})`;
      const types = Object.entries(node.types ?? {});
      // read_json's own `columns` would switch detection off for every other column.
      if (types.length === 0) return `SELECT * FROM ${read}`;
      const casts = types.map(([column, type]) => `CAST(${quoteIdentifier(column)} AS ${type}) AS ${quoteIdentifier(column)}`);
      return `SELECT * REPLACE (${casts.join(', ')}) FROM ${read}`;
    }
  }
}

/** The catalog name a DuckDB source's database is attached under: stable per node, so exports read the same. */
export function duckdbSourceAlias(node: DuckdbSource): string {
  return `sluice_db_${createHash('sha256').update(node.name).digest('hex').slice(0, 12)}`;
}

export interface AttachedRelation {
  /** Run before the relation (attach read-only, make it the default catalog). */
  setup: string[];
  relation: string;
  /** Run afterwards, also after a failure. */
  teardown: string[];
}

/** A DuckDB database source: attached read-only; a query sees the database's tables by their own names. */
export function compileDuckdbSource(node: DuckdbSource, ctx: CompileContext): AttachedRelation {
  const alias = quoteIdentifier(duckdbSourceAlias(node));
  const relation = node.query !== undefined
    ? trimStatement(node.query)
    : `SELECT * FROM ${quoteIdentifier(node.schema ?? 'main')}.${quoteIdentifier(node.table!)}`;
  return {
    setup: [`ATTACH ${filePathSql(ctx, node.path)} AS ${alias} (READ_ONLY)`, `USE ${alias}`],
    relation,
    teardown: ['USE memory', `DETACH DATABASE IF EXISTS ${alias}`],
  };
}
