import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EngineStatus } from '../../common/contract/api';
import { ApiError } from '../../common/contract/envelope';
import { parsePipelineFile } from '../../common/pipeline/pipeline-file';
import type { Pipeline } from '../../common/pipeline/model';
import { childProcessSpawner, EngineSupervisor } from './engine-supervisor';
import { copySampleProject, makeTempDir } from '../test-support/temp';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let projectDir: string;
let pipeline: Pipeline;
let supervisor: EngineSupervisor;
const statuses: EngineStatus[] = [];

beforeEach(async () => {
  temp = await makeTempDir();
  projectDir = await copySampleProject(temp.dir);
  const parsed = parsePipelineFile(await readFile(path.join(projectDir, 'flights.sluice.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error('sample must parse');
  pipeline = parsed.pipeline;
  statuses.length = 0;
  supervisor = new EngineSupervisor(childProcessSpawner(), { onStatus: (s) => statuses.push(s) });
  await supervisor.start();
});

afterEach(async () => {
  await supervisor.close();
  await temp.dispose();
});

describe('engine supervisor', () => {
  it('previews through the engine process', async () => {
    const preview = await supervisor.preview({ pipeline, projectDir, node: 'airports', limit: 3 });
    expect(preview.columns.map((c) => c.name)).toEqual(['iata', 'name', 'city', 'state', 'country', 'latitude', 'longitude']);
    expect(preview.rowCount).toBe(3);
    // A small CSV is counted right away; a big one only on request (see preview.test.ts).
    expect(preview.totalRows).toBe(3376);
    const count = await supervisor.countRows({ pipeline, projectDir, node: 'airports' });
    expect(count.totalRows).toBe(3376);
    const page = await supervisor.readRows({ pipeline, projectDir, node: 'airports', offset: 3370, limit: 10, sort: [{ column: 'iata' }] });
    expect(page).toMatchObject({ offset: 3370, rowCount: 6, totalRows: 3376 });
    expect(page.columnData[0]).toEqual([...(page.columnData[0] as string[])].sort());
  });

  it('restarts the engine after it is killed, fails the call in flight, and serves the next one', async () => {
    const firstPid = supervisor.pid;
    const slow = supervisor.run({ runId: 'r1', pipeline, pipelinePath: null, projectDir });
    supervisor.killProcess();
    const error = await slow.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('engine-crashed');
    const preview = await supervisor.preview({ pipeline, projectDir, node: 'delays_by_state', limit: 5 });
    expect(preview.rowCount).toBe(5);
    expect(supervisor.pid).not.toBe(firstPid);
    expect(statuses.some((s) => s.state === 'restarting' && s.restarts === 1)).toBe(true);
    expect(supervisor.getStatus()).toMatchObject({ state: 'ready', restarts: 1 });
  });

  it('cancels a run on abort', async () => {
    const controller = new AbortController();
    const run = supervisor.run({ runId: 'r2', pipeline, pipelinePath: null, projectDir }, {
      signal: controller.signal,
      onProgress: (report) => {
        if (report.nodes.some((n) => n.status === 'running')) controller.abort();
      },
    });
    const report = await run;
    expect(report.status).toBe('cancelled');
    expect(report.nodes.some((n) => n.status === 'cancelled')).toBe(true);
  });
});
