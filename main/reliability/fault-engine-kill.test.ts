import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import type { EngineStatus, RunReport, RunSummary } from '../../common/contract/api';
import type { Pipeline } from '../../common/pipeline/model';
import { copySampleProject, makeTempDir } from '../test-support/temp';
import { createRecorder, withTimeout } from './support/record';
import { buildCli, childPids, isAlive, startServeProcess, waitUntil, type BuiltCli, type ServeProcess } from './support/serve-process';

const recorder = createRecorder('fault-engine-kill');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let built: BuiltCli;
let server: ServeProcess;
let projectDir: string;

beforeAll(async () => {
  temp = await makeTempDir('sluice-engine-kill-');
  projectDir = await copySampleProject(temp.dir);
  built = await buildCli();
  server = await startServeProcess({ cli: built.cli, projectDir, userDataDir: path.join(temp.dir, 'user-data') });
});

afterAll(async () => {
  recorder.flush();
  if (server && isAlive(server.pid)) {
    server.child.kill('SIGTERM');
    await withTimeout(server.exited, 10_000, 'serve shutdown').catch(() => server.child.kill('SIGKILL'));
  }
  await built?.dispose();
  await temp?.dispose();
});

/** A node that keeps the engine busy for many seconds: 3M flights times 3000. */
const heavyPipeline: Pipeline = {
  version: 1,
  name: 'heavy',
  nodes: [
    { name: 'flights', type: 'source.file', path: 'data/flights-3m.parquet' },
    { name: 'heavy', type: 'transform.sql', inputs: ['flights'], sql: 'SELECT count(*) AS n, sum(f.distance * t.i) AS s FROM flights AS f, range(3000) AS t(i)' },
    { name: 'heavy_file', type: 'sink.file', inputs: ['heavy'], path: 'out/heavy.parquet' },
  ],
};

describe('fault: the engine process is SIGKILLed mid-run (serve mode, real HTTP)', () => {
  it('fails the running node, keeps the server up, restarts the engine, and the next run succeeds', async () => {
    await recorder.run(
      {
        id: 'F-01',
        area: 'fault',
        title: 'engine process SIGKILLed while a node runs (serve mode over HTTP)',
        expected: 'server survives; the run reports failed on the running node; engine restarts; next run succeeds and is recorded',
      },
      async () => {
        const socket = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}`);
        await withTimeout(new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject)), 10_000, 'WebSocket open');
        const runningSeen = new Promise<void>((resolve) => {
          socket.on('message', (data) => {
            const message = JSON.parse(String(data)) as { channel: string; payload: RunReport };
            if (message.channel === 'run:did-change-status' && message.payload.nodes.some((n) => n.name === 'heavy' && n.status === 'running')) resolve();
          });
        });
        const firstEngine = childPids(server.pid);
        expect(firstEngine).toHaveLength(1);
        const run = server.call<RunReport>('pipeline:run', { requestId: 'crash-run', path: null, pipeline: heavyPipeline }, 60_000);
        await withTimeout(runningSeen, 30_000, 'node "heavy" to start running');
        const killedAt = performance.now();
        process.kill(firstEngine[0]!, 'SIGKILL');
        const crashed = await withTimeout(run, 30_000, 'the crashed run to answer');
        const answeredMs = performance.now() - killedAt;
        socket.close();

        expect(crashed.ok).toBe(true);
        if (!crashed.ok) throw new Error('unreachable');
        const byName = Object.fromEntries(crashed.value.nodes.map((n) => [n.name, n]));
        expect(crashed.value.status).toBe('failed');
        expect(byName.flights?.status).toBe('succeeded');
        expect(byName.heavy?.status).toBe('failed');
        expect(byName.heavy?.error?.message).toMatch(/heavy: the engine process was killed \(SIGKILL\)/);
        expect(byName.heavy_file?.status).toBe('skipped');
        expect(isAlive(server.pid)).toBe(true);

        await waitUntil(async () => {
          const status = await server.call<EngineStatus>('engine:get-status', {});
          return status.ok && status.value.state === 'ready' && status.value.restarts === 1;
        }, 20_000, 'the engine to be ready again');
        const restartedMs = performance.now() - killedAt;
        const secondEngine = childPids(server.pid);
        expect(secondEngine).toHaveLength(1);
        expect(secondEngine[0]).not.toBe(firstEngine[0]);
        expect(isAlive(firstEngine[0]!)).toBe(false);

        const loaded = await server.call<{ pipeline: Pipeline }>('pipeline:load', { path: 'flights.sluice.yaml' });
        if (!loaded.ok) throw new Error(loaded.error.message);
        const nextStarted = performance.now();
        const next = await server.call<RunReport>('pipeline:run', { requestId: 'after-crash', path: 'flights.sluice.yaml', pipeline: loaded.value.pipeline }, 60_000);
        const nextMs = performance.now() - nextStarted;
        expect(next.ok && next.value.status).toBe('succeeded');
        expect(existsSync(path.join(projectDir, 'out', 'delays_by_state.parquet'))).toBe(true);
        expect(existsSync(path.join(projectDir, 'out', 'heavy.parquet'))).toBe(false);

        const history = await server.call<RunSummary[]>('history:list-runs', {});
        expect(history.ok).toBe(true);
        if (!history.ok) throw new Error('unreachable');
        expect(history.value.find((r) => r.runId === 'crash-run')?.status).toBe('failed');
        expect(history.value.find((r) => r.runId === 'after-crash')?.status).toBe('succeeded');
        return (
          `run answered ${Math.round(answeredMs)} ms after the kill: status failed, node heavy failed ("${byName.heavy?.error?.message}"), ` +
          `heavy_file skipped; server pid alive; engine ready again (restarts=1, new pid) ${Math.round(restartedMs)} ms after the kill; ` +
          `next run of the sample succeeded in ${Math.round(nextMs)} ms; history has both runs`
        );
      },
    );
  });
});
