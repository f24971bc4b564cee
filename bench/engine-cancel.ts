// Cancel latency of a long aggregate: the time from abort() to the run's report
// saying "cancelled", in process and through the engine process (IPC), against
// raw @duckdb/node-api connection.interrupt() on the same query. Target < 100 ms.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { PipelineSchema } from '../common/pipeline/model';
import type { RunReport } from '../common/contract/api';
import { Engine } from '../main/engine/engine';
import { childProcessSpawner, EngineSupervisor } from '../main/engine/engine-supervisor';
import type { EngineApi } from '../main/engine/engine-types';
import { fmt, machine, median, report, type Figure } from './engine-bench-support';

const FLIGHTS = path.resolve('node_modules/vega-datasets/data/flights-3m.parquet');

/** Aggregates that each take seconds on two cores; DuckDB checks for interrupts differently in each. */
const AGGREGATES = {
  'count distinct': 'SELECT count(DISTINCT md5(repeat(origin || delay, 100))) AS n FROM flights',
  'group by 3M groups': 'SELECT md5(origin || date || delay || distance) AS k, count(*) AS n, avg(delay) AS d FROM flights, range(3) GROUP BY k',
  'sorted window': 'SELECT *, sum(delay) OVER (PARTITION BY origin ORDER BY md5(CAST(date AS VARCHAR) || distance)) AS s FROM flights, range(3)',
};

const DELAYS_MS = [150, 400, 800];

async function engineLatency(engine: EngineApi, projectDir: string, sql: string, delay: number): Promise<number> {
  const pipeline = PipelineSchema.parse({
    version: 1,
    name: 'cancel',
    nodes: [
      { name: 'flights', type: 'source.file', path: 'flights-3m.parquet' },
      { name: 'long', type: 'transform.sql', inputs: ['flights'], sql },
    ],
  });
  const controller = new AbortController();
  let abortedAt = 0;
  let timer: NodeJS.Timeout | undefined;
  const run = engine.run(
    { runId: `cancel-${Math.random()}`, pipeline, pipelinePath: null, projectDir, scope: { force: true } },
    {
      signal: controller.signal,
      onProgress: (r: RunReport) => {
        if (!timer && r.nodes.find((n) => n.name === 'long')?.status === 'running') {
          timer = setTimeout(() => {
            abortedAt = performance.now();
            controller.abort();
          }, delay);
        }
      },
    },
  );
  const result = await run;
  const latency = performance.now() - abortedAt;
  if (!abortedAt || result.status !== 'cancelled') throw new Error(`the run ended ${result.status} before the cancel (raise the query's cost)`);
  return latency;
}

async function rawLatency(instance: DuckDBInstance, sql: string, delay: number): Promise<number> {
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE OR REPLACE TEMP VIEW flights AS SELECT * FROM read_parquet('${FLIGHTS}')`);
    const query = connection.run(`COPY (${sql}) TO '${path.join(os.tmpdir(), 'sluice-bench-raw-cancel.parquet')}' (FORMAT parquet)`).then(
      () => 'finished',
      () => 'interrupted',
    );
    await new Promise((resolve) => setTimeout(resolve, delay));
    const at = performance.now();
    connection.interrupt();
    const outcome = await query;
    if (outcome !== 'interrupted') throw new Error('the raw query finished before the interrupt');
    return performance.now() - at;
  } finally {
    connection.closeSync();
  }
}

export async function benchCancel(): Promise<Figure[]> {
  const projectDir = mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-cancel-'));
  mkdirSync(projectDir, { recursive: true });
  cpSync(FLIGHTS, path.join(projectDir, 'flights-3m.parquet'));
  const engine = await Engine.create();
  const supervisor = new EngineSupervisor(childProcessSpawner());
  await supervisor.start();
  const raw = await DuckDBInstance.create(':memory:');
  const figures: Figure[] = [];
  const all = { engine: [] as number[], process: [] as number[], raw: [] as number[] };
  for (const [label, sql] of Object.entries(AGGREGATES)) {
    const measured = { engine: [] as number[], process: [] as number[], raw: [] as number[] };
    for (const delay of DELAYS_MS) {
      measured.raw.push(await rawLatency(raw, sql, delay));
      measured.engine.push(await engineLatency(engine, projectDir, sql, delay));
      measured.process.push(await engineLatency(supervisor, projectDir, sql, delay));
    }
    for (const key of ['engine', 'process', 'raw'] as const) all[key].push(...measured[key]);
    const worst = Math.max(...measured.process, ...measured.engine);
    figures.push({
      bench: `cancel ${label}`,
      measure: `abort → run reported cancelled, worst of ${DELAYS_MS.length} (in process / engine process)`,
      value: `${fmt(Math.max(...measured.engine))} / ${fmt(Math.max(...measured.process))}`,
      baseline: `raw interrupt worst ${fmt(Math.max(...measured.raw))}`,
      target: '< 100 ms',
      pass: worst < 100,
    });
  }
  figures.push({
    bench: 'cancel, all aggregates',
    measure: 'median in process / engine process',
    value: `${fmt(median(all.engine))} / ${fmt(median(all.process))}`,
    baseline: `raw interrupt median ${fmt(median(all.raw))}`,
    ratio: `${(median(all.process) / Math.max(0.1, median(all.raw))).toFixed(1)}x (engine process vs raw)`,
  });
  await supervisor.close();
  await engine.close();
  raw.closeSync();
  rmSync(projectDir, { recursive: true, force: true });
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(machine());
  report(await benchCancel());
}
