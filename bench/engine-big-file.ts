// A 2 GB CSV with one ragged row at its very end: the preview streams the first
// rows at once, and a run that reads the whole file fails on the source node with
// the file and the line, not a crash. (The 2 GB case of issue 3's bad-input list;
// too big for the unit suite.)
import { appendFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { PipelineSchema } from '../common/pipeline/model';
import { ApiError } from '../common/contract/envelope';
import { Engine } from '../main/engine/engine';
import { benchFile, fmt, generateOnce, interleaved, machine, median, report, time, type Figure } from './engine-bench-support';

const ROWS = 30_000_000;

export async function benchBigFile(): Promise<Figure[]> {
  const target = benchFile('ragged-2gb.csv');
  const fresh = !existsSync(target);
  const csv = await generateOnce(target, (out) =>
    `COPY (SELECT i AS id, md5(CAST(i AS VARCHAR)) AS a, md5(CAST(i + 1 AS VARCHAR)) AS b, i % 1000 AS c FROM range(${ROWS}) t(i)) TO '${out}' (HEADER)`,
  );
  if (fresh) appendFileSync(csv, '42,only-two-fields\n');
  const projectDir = mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-big-'));
  const pipeline = PipelineSchema.parse({
    version: 1,
    name: 'big',
    nodes: [
      { name: 'big', type: 'source.file', path: csv },
      { name: 'per_c', type: 'transform.aggregate', inputs: ['big'], group_by: ['c'], aggregates: [{ name: 'n', function: 'count' }] },
    ],
  });
  const engine = await Engine.create();
  const raw = await DuckDBInstance.create(':memory:');
  const enginePreview = () => engine.preview({ pipeline, projectDir, node: 'big', limit: 100 });
  const rawPreview = async () => {
    const connection = await raw.connect();
    await connection.streamAndReadUntil(`SELECT * FROM read_csv('${csv}') LIMIT 100`, 100);
    connection.closeSync();
  };
  await enginePreview();
  await rawPreview();
  const previews = await interleaved(7, enginePreview, rawPreview);
  raw.closeSync();
  const run = await time(() => engine.run({ runId: 'big', pipeline, pipelinePath: null, projectDir }));
  const failed = run.value.nodes.find((n) => n.status === 'failed');
  const downstream = await engine.preview({ pipeline, projectDir, node: 'per_c', limit: 5 }).then(
    () => 'no error',
    (e: unknown) => (e instanceof ApiError ? `${e.body.node} line ${e.body.line}` : String(e)),
  );
  await engine.close();
  rmSync(projectDir, { recursive: true, force: true });
  return [
    {
      bench: `ragged ${(statSync(csv).size / 1024 ** 3).toFixed(1)} GB CSV`,
      measure: 'preview first 100 rows (median of 7)',
      value: fmt(median(previews.a)),
      baseline: `raw LIMIT 100 ${fmt(median(previews.b))}`,
      ratio: `${(median(previews.a) / median(previews.b)).toFixed(2)}x`,
    },
    {
      bench: 'ragged 2 GB CSV',
      measure: 'run until the bad last row',
      value: `${fmt(run.ms)}: ${failed ? `${failed.name} failed at line ${failed.error?.line} (${failed.error?.message.slice(0, 90)}…)` : 'no failure?'}, then ${run.value.nodes.filter((n) => n.status === 'skipped').map((n) => n.name).join(', ')} skipped`,
      target: `error on node "big" at line ${ROWS + 2}`,
      pass: failed?.name === 'big' && failed.error?.line === ROWS + 2,
    },
    { bench: 'ragged 2 GB CSV', measure: 'preview of the aggregate over it', value: downstream },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(machine());
  report(await benchBigFile());
}
