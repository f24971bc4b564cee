import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { PipelineSchema, type Pipeline } from '../../common/pipeline/model';
import { makeTempDir, VEGA_DATA } from '../test-support/temp';
import { Engine } from './engine';
import { toJsonValue } from './values';

/** A temp project folder with vega-datasets files copied into data/, and helpers to write more. */
export async function makeProject(files: string[] = []): Promise<{ dir: string; dispose: () => Promise<void>; write: (name: string, content: string | Buffer) => Promise<string> }> {
  const temp = await makeTempDir('sluice-engine-');
  await mkdir(path.join(temp.dir, 'data'), { recursive: true });
  for (const file of files) await cp(path.join(VEGA_DATA, file), path.join(temp.dir, 'data', file));
  return {
    dir: temp.dir,
    dispose: temp.dispose,
    write: async (name, content) => {
      const target = path.join(temp.dir, name);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
      return target;
    },
  };
}

/** A pipeline validated like a loaded file, so tests use exactly what users can write. */
export function pipelineOf(nodes: unknown[], params?: Record<string, unknown>): Pipeline {
  return PipelineSchema.parse({ version: 1, name: 'test', ...(params ? { params } : {}), nodes });
}

export function testEngine(): Promise<Engine> {
  return Engine.create({ threads: 2, memoryLimit: '2GB' });
}

/** An independent DuckDB to compute what a node should give, without the engine. */
export async function independentQuery(sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRows().map((row) => row.map(toJsonValue));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Columnar preview data back to JSON rows, for comparison with independentQuery. */
export function rowsOf(columnData: unknown[][], rowCount: number): unknown[][] {
  return Array.from({ length: rowCount }, (_, r) => columnData.map((column) => column[r]));
}
