import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Preview } from '../../common/contract/api';
import type { Profile } from '../../common/profile/profile-schema';
import type { Envelope } from '../../common/contract/envelope';
import type { Pipeline } from '../../common/pipeline/model';
import { copySampleProject, makeTempDir } from '../test-support/temp';
import { createHostHarness, valueOf, type HostHarness } from './support/host-harness';
import { createRecorder, withTimeout } from './support/record';
import { cpuTicks } from './support/serve-process';

const CONCURRENT = 20;
const PROFILES = 5;
const recorder = createRecorder('load');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let projectDir: string;
let harness: HostHarness;

beforeAll(async () => {
  temp = await makeTempDir('sluice-load-');
  projectDir = await copySampleProject(temp.dir);
  harness = await createHostHarness({ userDataDir: path.join(temp.dir, 'user-data'), projectDir });
});
afterAll(async () => {
  recorder.flush();
  await harness?.dispose();
  await temp?.dispose();
});

const query = (sql: string): Pipeline => ({
  version: 1,
  name: 'load',
  nodes: [
    { name: 'flights', type: 'source.file', path: 'data/flights-3m.parquet' },
    { name: 'q', type: 'transform.sql', inputs: ['flights'], sql },
  ],
});
const kSql = (k: number) => `SELECT ${k} AS k, count(*) AS n, sum(distance) AS total_distance FROM flights WHERE distance > ${k * 97} AND delay % 20 <> ${k % 20}`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Engine CPU use over a window, in cores (ticks are 1/100 s on Linux). */
async function coresUsed(pid: number, windowMs: number): Promise<number> {
  const before = cpuTicks(pid);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  return (cpuTicks(pid) - before) / 100 / ((performance.now() - started) / 1000);
}

describe('load against one engine', () => {
  it(`answers ${CONCURRENT} concurrent previews and profiles, each with its own result, none starved`, async () => {
    await recorder.run(
      {
        id: 'L-01',
        area: 'load',
        title: `${CONCURRENT} concurrent requests (${CONCURRENT - PROFILES} previews of different aggregates, ${PROFILES} profiles of different filters) over 3M flights through host.dispatch → supervisor → one engine process`,
        expected: 'every answer equals an independent DuckDB query of its own SQL; all complete (none starved) within the bound',
      },
      async () => {
        const db = await DuckDBInstance.create(':memory:');
        const connection = await db.connect();
        const parquet = path.join(projectDir, 'data', 'flights-3m.parquet').replaceAll("'", "''");
        const expected: unknown[][] = [];
        for (let k = 0; k < CONCURRENT; k++) {
          const result = await connection.runAndReadAll(`WITH flights AS (SELECT * FROM read_parquet('${parquet}')) ${kSql(k)}`);
          expected.push(result.getRowsJson()[0]!.map((v) => Number(v)));
        }
        connection.closeSync();
        db.closeSync();

        const started = performance.now();
        const latencies: number[] = [];
        // The last PROFILES requests profile the filtered rows instead of previewing their aggregate.
        const isProfile = (k: number) => k >= CONCURRENT - PROFILES;
        const profileSql = (k: number) => `SELECT distance FROM flights WHERE distance > ${k * 97} AND delay % 20 <> ${k % 20}`;
        const replies = await withTimeout(
          Promise.all(
            Array.from({ length: CONCURRENT }, async (_, k) => {
              const reply = isProfile(k)
                ? await harness.call<Profile>('pipeline:profile-node', { requestId: `load-${k}`, pipeline: query(profileSql(k)), node: 'q', stage: 'full', columns: ['distance'] })
                : await harness.call<Preview>('pipeline:preview-node', { requestId: `load-${k}`, pipeline: query(kSql(k)), node: 'q', limit: k + 1 });
              latencies[k] = performance.now() - started;
              return reply;
            }),
          ),
          120_000,
          `${CONCURRENT} concurrent previews and profiles`,
        );
        const wall = performance.now() - started;
        replies.forEach((reply: Envelope<Preview | Profile>, k) => {
          const [, n, totalDistance] = expected[k] as number[];
          if (isProfile(k)) {
            const profile = valueOf(reply) as Profile;
            expect(profile.rowCount, `profile ${k}`).toBe(n);
            const distance = profile.columns[0]!;
            expect(distance.count).toBe(n);
            expect(Number(distance.min)).toBeGreaterThan(k * 97);
            expect(Number(distance.mean) * n!).toBeCloseTo(totalDistance!, -2);
            return;
          }
          const preview = valueOf(reply) as Preview;
          expect(preview.columnData.map((column) => Number(column[0])), `preview ${k}`).toEqual(expected[k]);
          expect(preview.rowCount).toBe(1);
        });
        expect(harness.engine.getStatus().restarts).toBe(0);
        return `${CONCURRENT - PROFILES} previews and ${PROFILES} profiles, all ${CONCURRENT} correct; latency min ${Math.round(Math.min(...latencies))} ms, median ${Math.round(median(latencies))} ms, max ${Math.round(Math.max(...latencies))} ms; wall ${Math.round(wall)} ms; 0 engine restarts`;
      },
    );
  });

  it('cancelling a superseded heavy preview frees the engine', async () => {
    await recorder.run(
      {
        id: 'L-02',
        area: 'load',
        title: 'a heavy preview (3M × 100k cross join) superseded by a light one, then cancelled via engine:cancel-request',
        expected: 'the light preview answers while the heavy one runs; the heavy one settles as cancelled within seconds; engine CPU drops to idle; later previews run at baseline speed',
      },
      async () => {
        const pid = harness.engine.pid!;
        const light = async (id: string) => {
          const t = performance.now();
          valueOf(await harness.call<Preview>('pipeline:preview-node', { requestId: id, pipeline: query('SELECT count(*) AS n FROM flights WHERE origin = \'SEA\''), node: 'q' }));
          return performance.now() - t;
        };
        await light('warm');
        const baseline = median([await light('base-1'), await light('base-2'), await light('base-3')]);
        const heavy = harness.call<Preview>('pipeline:preview-node', {
          requestId: 'heavy',
          pipeline: query('SELECT count(*) AS n, sum(f.distance + t.i) AS s FROM flights AS f, range(100000) AS t(i)'),
          node: 'q',
        });
        const busy = await coresUsed(pid, 700);
        const whileBusy = await light('superseding');
        const cancelledAt = performance.now();
        expect(valueOf(await harness.call<{ cancelled: boolean }>('engine:cancel-request', { requestId: 'heavy' }))).toEqual({ cancelled: true });
        const outcome = await withTimeout(heavy, 15_000, 'the cancelled preview to settle');
        const settleMs = performance.now() - cancelledAt;
        expect(outcome).toMatchObject({ ok: false, error: { code: 'cancelled' } });
        const idle = await coresUsed(pid, 700);
        const after = median([await light('after-1'), await light('after-2'), await light('after-3')]);
        // Other test files share the two cores, so "busy" is relative: the cancelled query must stop using them.
        expect(busy).toBeGreaterThan(0.1);
        expect(idle).toBeLessThan(Math.max(0.05, busy / 4));
        expect(harness.engine.getStatus().restarts).toBe(0);
        return (
          `engine busy at ${busy.toFixed(2)} cores during the heavy preview; light preview while it ran ${Math.round(whileBusy)} ms (baseline ${Math.round(baseline)} ms); ` +
          `cancel settled in ${Math.round(settleMs)} ms as "cancelled"; engine at ${idle.toFixed(2)} cores after; light preview after cancel ${Math.round(after)} ms (${(after / baseline).toFixed(2)}× baseline)`
        );
      },
    );
  });
});
