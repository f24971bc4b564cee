import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parsePipelineFile } from '../../common/pipeline/pipeline-file';
import type { Pipeline } from '../../common/pipeline/model';
import type { Profile } from '../../common/profile/profile-schema';
import { Engine } from '../engine/engine';
import { childProcessSpawner, EngineSupervisor } from '../engine/engine-supervisor';
import { quoteLiteral } from '../engine/sql-text';
import { copySampleProject, makeTempDir, VEGA_DATA } from '../test-support/temp';
import { verifyProfile } from './verify-profile';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let projectDir: string;
let pipeline: Pipeline;
let engine: Engine;

beforeAll(async () => {
  temp = await makeTempDir();
  projectDir = await copySampleProject(temp.dir);
  const parsed = parsePipelineFile(await readFile(path.join(projectDir, 'flights.sluice.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error('sample must parse');
  pipeline = parsed.pipeline;
  engine = await Engine.create({ threads: 2 });
});
afterAll(async () => {
  await engine.close();
  await temp.dispose();
});

/** An independent DuckDB over the same data: checks a node's profile against the node's own query. */
async function verifyNode(profile: Profile, nodePipeline: Pipeline, node: string): Promise<string[]> {
  const relation = await engine.nodeRelation({ pipeline: nodePipeline, projectDir, node });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const statement of relation.setup) await connection.run(statement);
    return await verifyProfile(connection, `(${relation.sql})`, profile);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('profiles through the engine', () => {
  it('profiles a node not yet computed: sample over its query, then full over its cached result', async () => {
    const stages: Profile[] = [];
    const request = { kind: 'node' as const, pipeline, projectDir, node: 'delayed_flights', pipelinePath: 'flights.sluice.yaml' };
    const full = await engine.profile(request, { onStage: (p) => stages.push(p) });
    expect(stages.map((s) => s.stage)).toEqual(['metadata', 'sample', 'full']);
    expect(stages[1]!.sample?.method).toBe('head');
    expect(full.target).toEqual({ kind: 'node', node: 'delayed_flights', pipelinePath: 'flights.sluice.yaml' });
    expect(full.fingerprint).toBe(await engine.profileFingerprint(request));
    expect(await verifyNode(full, pipeline, 'delayed_flights')).toEqual([]);
    expect(full.columns.find((c) => c.name === 'delay')!.min).toBe(16);

    // Now cached: every stage reads the cached Parquet (footer row count, spread sample).
    const again: Profile[] = [];
    await engine.profile(request, { onStage: (p) => again.push(p) });
    expect(again[0]!.rowCount).toBe(full.rowCount);
    expect(again[0]!.rowCountExact).toBe(true);
    expect(again[1]!.sample?.method).toBe('row-groups');
    expect(again[2]!.fingerprint).toBe(full.fingerprint);

    // An edit upstream changes the fingerprint; the sink is profiled as the rows it writes.
    const edited: Pipeline = { ...pipeline, nodes: pipeline.nodes.map((n) => (n.name === 'delayed_flights' && n.type === 'transform.sql' ? { ...n, sql: n.sql.replace('delay > 15', 'delay > 60') } : n)) };
    const editedRequest = { ...request, pipeline: edited };
    expect(await engine.profileFingerprint(editedRequest)).not.toBe(full.fingerprint);
    const sink = await engine.profile({ ...editedRequest, node: 'delays_by_state_file', stage: 'full' });
    expect(sink.columns.map((c) => c.name)).toEqual(['state', 'delayed_flights', 'avg_delay_minutes']);
    expect(await verifyNode(sink, edited, 'delays_by_state')).toEqual([]);
  });

  it('reports a broken node on that node', async () => {
    const broken: Pipeline = { ...pipeline, nodes: pipeline.nodes.map((n) => (n.name === 'delayed_flights' && n.type === 'transform.sql' ? { ...n, sql: 'SELECT nope FROM flights' } : n)) };
    await expect(engine.profile({ kind: 'node', pipeline: broken, projectDir, node: 'delays_by_state', pipelinePath: null })).rejects.toMatchObject({ body: { node: 'delayed_flights' } });
  });

  it('profiles a file, and names a missing one', async () => {
    const file = path.join(VEGA_DATA, 'seattle-weather.csv');
    const profile = await engine.profile({ kind: 'file', path: file, label: 'seattle-weather.csv', stage: 'full' });
    expect(profile.target).toEqual({ kind: 'file', path: 'seattle-weather.csv', format: 'csv' });
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    expect(await verifyProfile(connection, `read_csv(${quoteLiteral(file)})`, profile)).toEqual([]);
    connection.closeSync();
    instance.closeSync();
    await expect(engine.profile({ kind: 'file', path: path.join(temp.dir, 'missing.csv'), label: 'missing.csv' })).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('missing.csv') });
  });
});

describe('profiles through the engine process', () => {
  it('streams stages across the process boundary and cancels a profile in flight', async () => {
    const supervisor = new EngineSupervisor(childProcessSpawner());
    try {
      const stages: string[] = [];
      const profile = await supervisor.profile({ kind: 'node', pipeline, projectDir, node: 'flights', pipelinePath: 'flights.sluice.yaml' }, { onStage: (p) => stages.push(p.stage) });
      expect(stages).toEqual(['metadata', 'sample', 'full']);
      expect(profile.rowCount).toBe(3_000_000);

      const controller = new AbortController();
      const big: Pipeline = {
        version: 1,
        name: 'big',
        nodes: [{ type: 'source.sql', name: 'numbers', sql: 'SELECT i, md5(i::VARCHAR) AS s FROM range(300000000) t(i)' } as Pipeline['nodes'][number]],
      };
      const run = supervisor.profile({ kind: 'node', pipeline: big, projectDir, node: 'numbers', pipelinePath: null }, {
        signal: controller.signal,
        onStage: (p) => {
          if (p.stage === 'sample') setTimeout(() => controller.abort(), 200);
        },
      });
      await expect(run).rejects.toMatchObject({ code: 'cancelled' });
      // The engine is still there and answers.
      await supervisor.ping();
    } finally {
      await supervisor.close();
    }
  });
});
