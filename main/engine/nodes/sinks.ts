import { createHash } from 'node:crypto';
import { inferSinkFormat, type NodeOfType } from '../../../common/pipeline/model';
import { identifierList, quoteIdentifier, quoteLiteral } from '../sql-text';

type FileSink = NodeOfType<'sink.file'>;
type DuckdbSink = NodeOfType<'sink.duckdb'>;

export function sinkFormat(node: FileSink): 'parquet' | 'csv' | 'json' {
  return node.format ?? inferSinkFormat(node.path);
}

/** The options of a file sink's COPY, e.g. `FORMAT parquet, COMPRESSION 'zstd'` (exporters reuse them). */
export function sinkCopyOptions(node: FileSink): string {
  const format = sinkFormat(node);
  const options = [`FORMAT ${format}`];
  if (format === 'csv') {
    options.push(`HEADER ${node.header ?? true}`);
    if (node.delimiter !== undefined) options.push(`DELIMITER ${quoteLiteral(node.delimiter)}`);
  }
  if (node.compression !== undefined) {
    const name = node.compression === 'none' ? (format === 'parquet' ? 'uncompressed' : 'none') : node.compression;
    options.push(`COMPRESSION ${quoteLiteral(name)}`);
  }
  if (node.partition_by && node.partition_by.length > 0) options.push(`PARTITION_BY (${identifierList(node.partition_by)})`);
  return options.join(', ');
}

/** The COPY statement that writes a file sink's input to `targetPath` (a folder when partitioned). */
export function compileSinkCopy(node: FileSink, targetPath: string): string {
  return `COPY (SELECT * FROM ${quoteIdentifier(node.inputs[0]!)}) TO ${quoteLiteral(targetPath)} (${sinkCopyOptions(node)})`;
}

export function isPartitioned(node: FileSink): boolean {
  return (node.partition_by?.length ?? 0) > 0;
}

export function duckdbSinkAlias(node: DuckdbSink): string {
  return `sluice_sink_${createHash('sha256').update(node.name).digest('hex').slice(0, 12)}`;
}

/**
 * Writes a DuckDB sink in one transaction of the target database: readers
 * see the old table or the new one, never a half-written one.
 */
export function compileDuckdbSink(node: DuckdbSink, databasePath: string): { statements: string[]; rollback: string[] } {
  const alias = quoteIdentifier(duckdbSinkAlias(node));
  const schema = quoteIdentifier(node.schema ?? 'main');
  const table = `${alias}.${schema}.${quoteIdentifier(node.table)}`;
  const input = `SELECT * FROM ${quoteIdentifier(node.inputs[0]!)}`;
  const write = node.mode === 'append'
    ? [`CREATE TABLE IF NOT EXISTS ${table} AS ${input} LIMIT 0`, `INSERT INTO ${table} BY NAME ${input}`]
    : [`CREATE OR REPLACE TABLE ${table} AS ${input}`];
  return {
    statements: [
      `ATTACH ${quoteLiteral(databasePath)} AS ${alias}`,
      'BEGIN TRANSACTION',
      `CREATE SCHEMA IF NOT EXISTS ${alias}.${schema}`,
      ...write,
      'COMMIT',
      `DETACH DATABASE ${alias}`,
    ],
    rollback: ['ROLLBACK', `DETACH DATABASE IF EXISTS ${alias}`],
  };
}
