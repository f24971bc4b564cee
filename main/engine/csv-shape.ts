import type { DuckDBConnection } from '@duckdb/node-api';
import { ApiError } from '../../common/contract/envelope';
import type { NodeOfType, PipelineNode } from '../../common/pipeline/model';
import { filePathSql, type CompileContext } from './compiler';
import { fileSourceFormat, isGlob } from './nodes/sources';
import { nodeError } from './errors';
import { quoteLiteral } from './sql-text';

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * DuckDB's sniffer reads a ragged or oddly delimited CSV as one wide column
 * named like `a,b,c` rather than failing. That is never what the user meant:
 * turn it into an error on the node, with the line DuckDB reports when the
 * file is read again with the delimiter the header suggests.
 */
export async function assertCsvShape(
  connection: DuckDBConnection,
  node: PipelineNode,
  columnNames: readonly string[],
  ctx: CompileContext,
): Promise<void> {
  if (node.type !== 'source.file' || columnNames.length !== 1) return;
  const format = fileSourceFormat(node);
  if (format !== 'csv' && format !== 'tsv') return;
  const header = columnNames[0]!;
  const set = node.delimiter ?? (format === 'tsv' ? '\t' : undefined);
  const suggested = DELIMITERS.find((d) => d !== set && header.includes(d));
  if (!suggested || node.header === false) return;
  const shown = JSON.stringify(suggested);
  if (set !== undefined) {
    throw new ApiError({
      code: 'node-failed',
      node: node.name,
      file: node.path,
      message: `${node.name}: delimiter ${JSON.stringify(set)} does not split the header ${JSON.stringify(header.slice(0, 80))}; the file looks ${shown}-delimited`,
    });
  }
  if (!isGlob(node.path)) await probeWithDelimiter(connection, node, header.split(suggested), suggested, ctx);
  throw new ApiError({
    code: 'node-failed',
    node: node.name,
    file: node.path,
    message: `${node.name}: DuckDB's CSV sniffer read one column named ${JSON.stringify(header.slice(0, 80))}; set delimiter: ${shown} on the node`,
  });
}

async function probeWithDelimiter(
  connection: DuckDBConnection,
  node: NodeOfType<'source.file'>,
  names: string[],
  delimiter: string,
  ctx: CompileContext,
): Promise<void> {
  const seen = new Set<string>();
  const columns = names.map((name, i) => {
    const unique = seen.has(name) || name === '' ? `column${i}` : name;
    seen.add(unique);
    return `${quoteLiteral(unique)}: 'VARCHAR'`;
  });
  const options = [`delim = ${quoteLiteral(delimiter)}`, 'header = true', 'auto_detect = false', `columns = {${columns.join(', ')}}`];
  if (node.encoding) options.push(`encoding = ${quoteLiteral(node.encoding)}`);
  if (node.quote !== undefined) options.push(`quote = ${quoteLiteral(node.quote)}`);
  try {
    await connection.run(`SELECT count(*) FROM read_csv(${filePathSql(ctx, node.path)}, ${options.join(', ')})`);
  } catch (error) {
    throw nodeError(node.name, error, node.path);
  }
}
