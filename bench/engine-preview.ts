// Preview of the first 100 rows of a ~1 GB generated CSV: Sluice's engine call
// (Engine.preview, in process: fingerprint, views, streaming read) against raw
// @duckdb/node-api `SELECT * FROM read_csv(...) LIMIT 100`. Target ≤ 1.2x.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { PipelineSchema } from '../common/pipeline/model';
import { Engine } from '../main/engine/engine';
import { childProcessSpawner, EngineSupervisor } from '../main/engine/engine-supervisor';
import { benchFile, fmt, generateOnce, interleaved, machine, median, report, type Figure } from './engine-bench-support';

const ROWS = 15_000_000;

export async function benchPreview(): Promise<Figure[]> {
  const csv = await generateOnce(benchFile('preview-1gb.csv'), (target) =>
    `COPY (SELECT i AS id, 'customer ' || (i % 100003) AS customer, (i * 7919) % 100000 / 100.0 AS amount,
       DATE '2020-01-01' + CAST(i % 1500 AS INTEGER) AS day, md5(CAST(i AS VARCHAR)) AS token
     FROM range(${ROWS}) t(i)) TO '${target}' (HEADER)`,
  );
  const projectDir = mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-preview-'));
  const pipeline = PipelineSchema.parse({ version: 1, name: 'bench', nodes: [{ name: 'orders', type: 'source.file', path: csv }] });

  const raw = await DuckDBInstance.create(':memory:');
  const engine = await Engine.create();
  const rawPreview = async () => {
    const connection = await raw.connect();
    try {
      const reader = await connection.streamAndReadUntil(`SELECT * FROM read_csv('${csv}') LIMIT 100`, 100);
      if (reader.currentRowCount !== 100) throw new Error('raw preview returned the wrong row count');
    } finally {
      connection.closeSync();
    }
  };
  const enginePreview = async () => {
    const preview = await engine.preview({ pipeline, projectDir, node: 'orders', limit: 100 });
    if (preview.rowCount !== 100) throw new Error('engine preview returned the wrong row count');
  };
  // Warm the page cache and both code paths first.
  await rawPreview();
  await enginePreview();
  const { a: rawMs, b: engineMs } = await interleaved(15, rawPreview, enginePreview);

  // The same call through the engine process (what the app and serve mode do).
  const supervisor = new EngineSupervisor(childProcessSpawner());
  await supervisor.start();
  const viaProcess = async () => {
    await supervisor.preview({ pipeline, projectDir, node: 'orders', limit: 100 });
  };
  await viaProcess();
  const { a: rawMs2, b: processMs } = await interleaved(9, rawPreview, viaProcess);
  await supervisor.close();
  await engine.close();
  raw.closeSync();

  const ratio = median(engineMs) / median(rawMs);
  const ratio2 = median(processMs) / median(rawMs2);
  return [
    { bench: 'preview 1 GB CSV', measure: 'Engine.preview first 100 rows (median of 15)', value: fmt(median(engineMs)), baseline: `raw LIMIT 100 ${fmt(median(rawMs))}`, ratio: `${ratio.toFixed(2)}x`, target: '≤ 1.2x', pass: ratio <= 1.2 },
    { bench: 'preview 1 GB CSV', measure: 'through the engine process (IPC, median of 9)', value: fmt(median(processMs)), baseline: `raw ${fmt(median(rawMs2))}`, ratio: `${ratio2.toFixed(2)}x` },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(machine());
  report(await benchPreview());
}
