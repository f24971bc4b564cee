import { fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../common/contract/envelope';
import type { Pipeline } from '../../common/pipeline/model';
import { parsePipelineFile } from '../../common/pipeline/pipeline-file';
import { EngineSupervisor } from '../engine/engine-supervisor';
import { copySampleProject, makeTempDir } from '../test-support/temp';
import { utilityProcessSpawner, type UtilityProcessLike } from './engine-transport';

const childEntry = fileURLToPath(new URL('./test-support/parent-port-child.ts', import.meta.url));

/** Node's child process dressed as Electron's UtilityProcess (postMessage, kill(), exit with a code). */
function forkLikeUtilityProcess(): UtilityProcessLike {
  const child = fork(childEntry, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    postMessage: (message: unknown) => {
      // With a callback, a send racing the child's death is dropped instead of thrown.
      if (child.connected) child.send(message as object, () => undefined);
    },
    kill: () => child.kill('SIGKILL'),
    get pid() {
      return child.pid;
    },
    on: ((event: 'message' | 'exit', listener: (value: unknown) => void) => {
      if (event === 'message') child.on('message', listener);
      else child.on('exit', (code) => listener(code ?? -1));
      return child;
    }) as UtilityProcessLike['on'],
  };
}

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let projectDir: string;
let pipeline: Pipeline;
let supervisor: EngineSupervisor;

beforeEach(async () => {
  temp = await makeTempDir('sluice-utility-');
  projectDir = await copySampleProject(temp.dir);
  const parsed = parsePipelineFile(await readFile(path.join(projectDir, 'flights.sluice.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error('the sample pipeline must parse');
  pipeline = parsed.pipeline;
  supervisor = new EngineSupervisor(utilityProcessSpawner(forkLikeUtilityProcess));
});

afterEach(async () => {
  await supervisor.close();
  await temp.dispose();
});

describe('engine over a utility-process transport', () => {
  it('previews a node through process.parentPort', async () => {
    await supervisor.start();
    const preview = await supervisor.preview({ pipeline, projectDir, node: 'airports', limit: 3 });
    expect(preview.rowCount).toBe(3);
    expect(preview.totalRows).toBe(3376);
  });

  it('reports progress and a finished run', async () => {
    const statuses: string[] = [];
    const report = await supervisor.run(
      { runId: 'u1', pipeline, pipelinePath: 'flights.sluice.yaml', projectDir },
      { onProgress: (progress) => statuses.push(progress.status) },
    );
    expect(report.status).toBe('succeeded');
    expect(statuses.length).toBeGreaterThan(0);
  });

  it('fails the call in flight with engine-crashed when the process dies, then serves the next call', async () => {
    await supervisor.start();
    const firstPid = supervisor.pid;
    const run = supervisor.run({ runId: 'u2', pipeline, pipelinePath: null, projectDir });
    supervisor.killProcess();
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('engine-crashed');
    expect((error as ApiError).message).toMatch(/exited with code/);
    const preview = await supervisor.preview({ pipeline, projectDir, node: 'airports', limit: 1 });
    expect(preview.rowCount).toBe(1);
    expect(supervisor.pid).not.toBe(firstPid);
    expect(supervisor.getStatus()).toMatchObject({ state: 'ready', restarts: 1 });
  });
});
