import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ApiError } from '../../common/contract/envelope';
import { quoteIdentifier, quoteLiteral } from './sql-text';
import { setVariableStatement, type ResolvedParam } from './params';
import { cancelledError, nodeError } from './errors';

export interface SessionOptions {
  projectDir: string;
  params: readonly ResolvedParam[];
  signal?: AbortSignal;
}

/**
 * A connection set up for pipeline SQL: parameters as variables, relative
 * file paths in SQL resolved against the project, query progress tracked.
 * An abort signal interrupts whatever it is running.
 */
export async function openSession(instance: DuckDBInstance, options: SessionOptions): Promise<{ connection: DuckDBConnection; close: () => void }> {
  if (options.signal?.aborted) throw cancelledError();
  const connection = await instance.connect();
  const onAbort = () => connection.interrupt();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const close = () => {
    options.signal?.removeEventListener('abort', onAbort);
    connection.closeSync();
  };
  try {
    // One round trip: connections are opened per node and per preview.
    await connection.run(
      [
        'SET enable_progress_bar = true',
        'SET enable_progress_bar_print = false',
        'SET progress_bar_time = 0',
        `SET file_search_path = ${quoteLiteral(options.projectDir)}`,
      ].join('; '),
    );
    for (const param of options.params) {
      await connection.run(setVariableStatement(param)).catch((error: unknown) => {
        throw new ApiError({ code: 'invalid-input', message: `parameter ${param.name}: DuckDB refuses ${JSON.stringify(String(param.value))}: ${(error as Error).message.split('\n')[0]}` });
      });
    }
  } catch (error) {
    close();
    throw error;
  }
  return { connection, close };
}

export async function withSession<T>(instance: DuckDBInstance, options: SessionOptions, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const { connection, close } = await openSession(instance, options);
  try {
    return await work(connection);
  } catch (error) {
    if (options.signal?.aborted) throw cancelledError();
    throw error;
  } finally {
    close();
  }
}

/** Runs DuckDB work for a node, turning its errors into errors on that node. */
export async function onNode<T>(node: string, file: string | undefined, work: () => Promise<T>, sql?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw nodeError(node, error, file, sql);
  }
}

/** Makes a node readable by name in this connection. No newline after AS: DuckDB's "LINE n" then matches the node's SQL. */
export async function defineView(connection: DuckDBConnection, name: string, relation: string, file?: string): Promise<void> {
  await onNode(name, file, () => connection.run(`CREATE OR REPLACE TEMP VIEW ${quoteIdentifier(name)} AS ${relation}`), relation);
}

export function parquetRelation(file: string): string {
  return `SELECT * FROM read_parquet(${quoteLiteral(file)})`;
}
