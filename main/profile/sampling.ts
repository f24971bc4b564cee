import { open, rm, stat, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { SampleInfo } from '../../common/profile/profile-schema';
import { csvWithDialect, isGlobPath, selectColumns, sourceFormat, sourceRelation, type CsvDialect, type ProfileSource } from './profile-source';
import type { ColumnInfo } from './column-kinds';

/** Rows the sample stage aims for. */
export const SAMPLE_ROWS = 10_000;
/** Row ranges read from a Parquet file; each costs one row group's pages per column. */
const PARQUET_RANGES = 2;
/** Places a CSV file is read at, and bytes read at each. */
const CSV_CHUNKS = 8;
const CSV_CHUNK_BYTES = 128 * 1024;

export interface SamplePlan {
  /** A SELECT that yields the sample's rows. */
  sql: string;
  info: Omit<SampleInfo, 'rows'>;
  /** Estimates the source's row count from the rows the sample turned out to have. */
  estimateRows?: (sampleRows: number) => number;
  dispose: () => Promise<void>;
}

const nothing = async () => undefined;

/**
 * How the sample stage reads a source cheaply: Parquet by row ranges spread
 * through the file (DuckDB skips the other row groups), a CSV by lines from
 * evenly spread byte offsets, anything else by its first rows.
 */
export async function planSample(source: ProfileSource, columns: readonly ColumnInfo[], known: { rowCount: number | null; dialect: CsvDialect | null }): Promise<SamplePlan> {
  const select = selectColumns(columns);
  const relation = sourceRelation(source);
  const head: SamplePlan = {
    sql: `SELECT ${select} FROM ${relation} LIMIT ${SAMPLE_ROWS}`,
    info: { method: 'head', description: `the first rows` },
    dispose: nothing,
  };
  if (source.kind !== 'file' || isGlobPath(source.path)) return head;
  const format = sourceFormat(source);
  if (format === 'parquet' && known.rowCount !== null) {
    const rows = known.rowCount;
    if (rows <= SAMPLE_ROWS * 2) return { sql: `SELECT ${select} FROM ${relation}`, info: { method: 'all', description: 'every row' }, dispose: nothing };
    const chunk = Math.ceil(SAMPLE_ROWS / PARQUET_RANGES);
    const ranges = Array.from({ length: PARQUET_RANGES }, (_, i) => {
      const start = Math.max(0, Math.min(rows - chunk, Math.floor(((i + 0.5) * rows) / PARQUET_RANGES - chunk / 2)));
      return `SELECT ${select} FROM ${relation} WHERE file_row_number BETWEEN ${start} AND ${start + chunk - 1}`;
    });
    return { sql: ranges.join(' UNION ALL '), info: { method: 'row-groups', description: `${PARQUET_RANGES} row ranges spread through the file` }, dispose: nothing };
  }
  if ((format === 'csv' || format === 'tsv') && known.dialect && !/\.(gz|zst)$/i.test(source.path)) {
    return csvSpreadSample(source.path, known.dialect, select);
  }
  return head;
}

/** The first `count` lines of a buffer of whole lines. */
function firstLines(data: Buffer<ArrayBuffer>, count: number): Buffer<ArrayBuffer> {
  let end = 0;
  for (let line = 0; line < count; line++) {
    const next = data.indexOf(0x0a, end);
    if (next < 0) return data;
    end = next + 1;
  }
  return data.subarray(0, end);
}

async function csvSpreadSample(file: string, dialect: CsvDialect, select: string): Promise<SamplePlan> {
  const size = (await stat(file)).size;
  if (size <= CSV_CHUNKS * CSV_CHUNK_BYTES * 2) {
    return { sql: `SELECT ${select} FROM ${csvWithDialect(file, dialect)}`, info: { method: 'all', description: 'every row' }, dispose: nothing };
  }
  const handle = await open(file, 'r');
  const pieces: Buffer[] = [];
  let bodyBytes = 0;
  try {
    for (let i = 0; i < CSV_CHUNKS; i++) {
      const offset = i === 0 ? 0 : Math.floor((i * (size - CSV_CHUNK_BYTES)) / (CSV_CHUNKS - 1));
      const buffer = Buffer.alloc(CSV_CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CSV_CHUNK_BYTES, offset);
      let data = buffer.subarray(0, bytesRead);
      // Keep whole lines only: drop the partial line at each end (the first chunk keeps its header).
      if (i > 0) data = data.subarray(data.indexOf(0x0a) + 1);
      if (offset + bytesRead < size) data = data.subarray(0, data.lastIndexOf(0x0a) + 1);
      // Short lines: no more than this place's share of the sample's rows (the first place also keeps the lines before its data).
      data = firstLines(data, Math.ceil(SAMPLE_ROWS / CSV_CHUNKS) + (i === 0 ? dialect.skipRows + (dialect.header ? 1 : 0) : 0));
      pieces.push(data);
      bodyBytes += data.length;
    }
  } finally {
    await handle.close();
  }
  const temp = path.join(os.tmpdir(), `sluice-profile-sample-${randomUUID()}.csv`);
  await writeFile(temp, Buffer.concat(pieces));
  // A chunk may start inside a quoted field that spans lines; such rows are skipped, not fatal.
  const relation = csvWithDialect(temp, dialect, ['ignore_errors = true', 'null_padding = true']);
  return {
    sql: `SELECT ${select} FROM ${relation}`,
    info: { method: 'spread', description: `lines from ${CSV_CHUNKS} places spread through the file` },
    estimateRows: (sampleRows) => (bodyBytes > 0 ? Math.round((sampleRows * size) / bodyBytes) : 0),
    dispose: () => rm(temp, { force: true }),
  };
}
