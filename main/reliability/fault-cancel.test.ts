import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Preview } from '../../common/contract/api';
import type { Pipeline } from '../../common/pipeline/model';
import { makeTempDir } from '../test-support/temp';
import { createHostHarness, valueOf, type HostHarness } from './support/host-harness';
import { createRecorder, oneLine, withTimeout } from './support/record';
import { waitUntil } from './support/serve-process';

const GRACE_MS = 1500;
const recorder = createRecorder('fault-cancel');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let projectDir: string;
let harness: HostHarness;

beforeAll(async () => {
  temp = await makeTempDir('sluice-cancel-');
  projectDir = path.join(temp.dir, 'project');
  await mkdir(projectDir);
  await writeFile(path.join(projectDir, 'n.csv'), 'n\n1\n2\n3\n');
  execFileSync('mkfifo', [path.join(projectDir, 'pipe.csv')]);
  harness = await createHostHarness({ userDataDir: path.join(temp.dir, 'user-data'), projectDir, cancelGraceMs: GRACE_MS });
});
afterAll(async () => {
  recorder.flush();
  await harness?.dispose();
  await temp?.dispose();
});

/** Whether a thread of the process sleeps in the kernel waiting for a FIFO's other end. */
function blockedOnFifo(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/task`).some((task) => /wait_for_partner|pipe_read|pipe_wait/.test(readFileSync(`/proc/${pid}/task/${task}/wchan`, 'utf8')));
  } catch {
    return false;
  }
}

const pipeline = (sql: string): Pipeline => ({
  version: 1,
  name: 'stuck',
  nodes: [
    { name: 'n', type: 'source.file', path: 'n.csv' },
    { name: 'q', type: 'transform.sql', inputs: ['n'], sql },
  ],
});

describe('fault: a cancel the engine cannot honor', () => {
  it('restarts the engine when a cancelled read stays blocked, and serves the next request', async () => {
    await recorder.run(
      {
        id: 'F-11',
        area: 'fault',
        title: "SQL that reads a FIFO with no writer (read_csv('pipe.csv') inside a transform: DuckDB blocks in open(), past its interrupt), then cancelled",
        expected: `the request settles as cancelled within ${GRACE_MS} ms + a restart; the engine is restarted; the next preview answers`,
      },
      async () => {
        await harness.engine.start();
        const pid = harness.engine.pid!;
        const stuck = harness.call<Preview>('pipeline:preview-node', { requestId: 'stuck', pipeline: pipeline(`SELECT * FROM read_csv('${path.join(projectDir, 'pipe.csv')}')`), node: 'q' });
        await waitUntil(() => blockedOnFifo(pid), 20_000, 'the engine to block on the FIFO');
        const cancelledAt = performance.now();
        expect(valueOf(await harness.call<{ cancelled: boolean }>('engine:cancel-request', { requestId: 'stuck' }))).toEqual({ cancelled: true });
        const reply = await withTimeout(stuck, GRACE_MS + 20_000, 'the cancelled request to settle');
        const settledMs = performance.now() - cancelledAt;
        expect(reply).toMatchObject({ ok: false, error: { code: 'cancelled' } });
        expect(settledMs).toBeGreaterThanOrEqual(GRACE_MS - 50);
        await waitUntil(() => harness.engine.getStatus().state === 'ready', 20_000, 'the engine to be ready again');
        expect(harness.engine.getStatus().restarts).toBe(1);
        expect(harness.engine.pid).not.toBe(pid);
        const after = valueOf(await harness.call<Preview>('pipeline:preview-node', { requestId: 'after', pipeline: pipeline('SELECT sum(n) AS total FROM n'), node: 'q' }));
        expect(after.columnData).toEqual([[6]]);
        const warned = harness.events.some((e) => e.event === 'onDidAppendLog' && /did not stop/.test((e.payload as { message: string }).message));
        expect(warned).toBe(true);
        if (reply.ok) throw new Error('unreachable');
        return `engine blocked in open() on the FIFO; cancel → "${oneLine(reply.error.message, 140)}" after ${Math.round(settledMs)} ms; engine restarted (restarts=1, new pid); a warning in the log; next preview = 6`;
      },
    );
  });
});
