import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApiEventName, EventPayload } from '../../common/contract/api';
import type { Envelope } from '../../common/contract/envelope';
import { parsePipelineFile } from '../../common/pipeline/pipeline-file';
import type { Pipeline } from '../../common/pipeline/model';
import type { Profile } from '../../common/profile/profile-schema';
import { compareProfiles } from '../../common/profile/compare';
import { childProcessSpawner, EngineSupervisor } from '../engine/engine-supervisor';
import { createHost, type Host } from '../host/host';
import { AppStore } from '../store/app-store';
import { copySampleProject, makeTempDir } from '../test-support/temp';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let projectDir: string;
let pipeline: Pipeline;
let host: Host;
const stages: EventPayload<'onDidProfileStage'>[] = [];

beforeAll(async () => {
  temp = await makeTempDir();
  projectDir = await copySampleProject(temp.dir);
  const parsed = parsePipelineFile(await readFile(path.join(projectDir, 'flights.sluice.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error('sample must parse');
  pipeline = parsed.pipeline;
  // A real host as Electron and serve mode build it: real SQLite, the engine in a child process.
  host = createHost({
    kind: 'serve',
    userDataDir: path.join(temp.dir, 'user-data'),
    store: new AppStore(path.join(temp.dir, 'user-data', 'state.sqlite3')),
    engine: new EngineSupervisor(childProcessSpawner()),
    emit: <E extends ApiEventName>(event: E, payload: EventPayload<E>) => {
      if (event === 'onDidProfileStage') stages.push(payload as EventPayload<'onDidProfileStage'>);
    },
  });
  await host.openProject(projectDir);
});
afterAll(async () => {
  await host.dispose();
  await temp.dispose();
});

async function call<T>(channel: string, input: unknown): Promise<T> {
  const envelope = (await host.dispatch(channel, input)) as Envelope<T>;
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  return envelope.value;
}

describe('profile methods of the contract', () => {
  it('profiles a node stage by stage, then serves it from the cache until the node changes', async () => {
    const input = { requestId: 'p1', path: 'flights.sluice.yaml', pipeline, node: 'delays_by_state' };
    const first = await call<Profile>('pipeline:profile-node', input);
    expect(stages.filter((s) => s.requestId === 'p1').map((s) => [s.profile.stage, s.cached])).toEqual([
      ['metadata', false],
      ['sample', false],
      ['full', false],
    ]);
    expect(first.stage).toBe('full');
    expect(first.columns.map((c) => c.name)).toEqual(['state', 'delayed_flights', 'avg_delay_minutes']);

    const second = await call<Profile>('pipeline:profile-node', { ...input, requestId: 'p2' });
    expect(second).toEqual(first);
    expect(stages.filter((s) => s.requestId === 'p2').map((s) => [s.profile.stage, s.cached])).toEqual([['full', true]]);

    // Edit the node: a new fingerprint, so a new profile; both are in its history for a comparison.
    const edited: Pipeline = { ...pipeline, nodes: pipeline.nodes.map((n) => (n.name === 'delays_by_state' && n.type === 'transform.sql' ? { ...n, sql: n.sql.replace('GROUP BY a.state', "WHERE a.state <> 'CA' GROUP BY a.state") } : n)) };
    const third = await call<Profile>('pipeline:profile-node', { ...input, requestId: 'p3', pipeline: edited });
    expect(third.fingerprint).not.toBe(first.fingerprint);
    const history = await call<Profile[]>('profile:list-history', { target: { kind: 'node', path: 'flights.sluice.yaml', node: 'delays_by_state' } });
    expect(history.map((p) => p.fingerprint)).toEqual([third.fingerprint, first.fingerprint]);
    expect(compareProfiles(first, third).rowDelta).toBe(-1);
  });

  it('profiles a project file, re-profiles it when it changes, and refuses files outside the project', async () => {
    const csv = path.join(projectDir, 'data', 'small.csv');
    await writeFile(csv, 'a,b\n1,x\n2,y\n');
    const first = await call<Profile>('file:profile', { requestId: 'f1', path: 'data/small.csv' });
    expect(first.target).toEqual({ kind: 'file', path: 'data/small.csv', format: 'csv' });
    expect(first.rowCount).toBe(2);
    await writeFile(csv, 'a,b\n1,x\n2,y\n3,z\n');
    const second = await call<Profile>('file:profile', { requestId: 'f2', path: 'data/small.csv' });
    expect(second.rowCount).toBe(3);
    expect(stages.filter((s) => s.requestId === 'f2').every((s) => !s.cached)).toBe(true);
    await expect(call('file:profile', { requestId: 'f3', path: '../outside.csv' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(call('file:profile', { requestId: 'f4', path: 'data/none.csv' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(call('file:profile', { requestId: 'f5', path: 'data/small.csv', stage: 'everything' })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('cancels a profile in flight through engine:cancel-request', async () => {
    const big: Pipeline = { version: 1, name: 'big', nodes: [{ type: 'source.sql', name: 'numbers', sql: 'SELECT i, md5(i::VARCHAR) AS s FROM range(300000000) t(i)' } as Pipeline['nodes'][number]] };
    const running = call<Profile>('pipeline:profile-node', { requestId: 'big', path: null, pipeline: big, node: 'numbers' });
    // Cancel once the sample has arrived: the full pass is then running.
    await expect.poll(() => stages.some((s) => s.requestId === 'big' && s.profile.stage === 'sample'), { timeout: 30_000 }).toBe(true);
    expect(await call('engine:cancel-request', { requestId: 'big' })).toEqual({ cancelled: true });
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
  });
});
