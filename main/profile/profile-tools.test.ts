import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { copyFile } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PipelineNodeSchema, type Pipeline } from '../../common/pipeline/model';
import { compareProfiles } from '../../common/profile/compare';
import { suggestChecks } from '../../common/profile/suggest-checks';
import type { Profile } from '../../common/profile/profile-schema';
import { quoteLiteral } from '../engine/sql-text';
import { Engine } from '../engine/engine';
import { makeTempDir, VEGA_DATA } from '../test-support/temp';
import { profileSource } from './profiler';
import type { ProfileSource } from './profile-source';

let instance: DuckDBInstance;
let connection: DuckDBConnection;
let temp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  connection = await instance.connect();
  temp = await makeTempDir();
});
afterAll(async () => {
  connection.closeSync();
  instance.closeSync();
  await temp.dispose();
});

const FLIGHTS = path.join(VEGA_DATA, 'flights-3m.parquet');

function profile(source: ProfileSource, columns?: string[]): Promise<Profile> {
  return profileSource(connection, source, { target: { kind: 'relation', label: 'test' }, fingerprint: 'test', ...(columns ? { columns } : {}) });
}

describe('comparing profiles', () => {
  it('finds no shift between a node and itself, and a major one after a filter', async () => {
    const all = `SELECT delay, distance, origin FROM read_parquet(${quoteLiteral(FLIGHTS)})`;
    const before = await profile({ kind: 'relation', sql: all, label: 'before' });
    const same = compareProfiles(before, before);
    expect(same.rowDelta).toBe(0);
    for (const column of same.columns) {
      expect(column.status).toBe('same-type');
      expect(column.shift?.level).toBe('none');
      expect(column.shift!.psi).toBeLessThan(1e-9);
    }

    // Keep only late flights from the busiest origins: fewer rows, delays moved right, origins reweighted.
    const after = await profile({ kind: 'relation', sql: `SELECT delay, distance::DOUBLE AS distance, origin, 1 AS extra FROM (${all}) WHERE delay > 30 AND origin IN ('ATL', 'ORD', 'DFW')`, label: 'after' });
    const diff = compareProfiles(before, after);
    expect(diff.rowCountBefore).toBe(3_000_000);
    expect(diff.rowDelta).toBe(after.rowCount! - 3_000_000);
    expect(diff.rowDeltaPercent).toBeLessThan(-80);
    const byName = new Map(diff.columns.map((c) => [c.name, c]));
    expect(byName.get('delay')!.shift).toMatchObject({ basis: 'histogram', level: 'major' });
    expect(byName.get('delay')!.shift!.ks).toBeGreaterThan(0.5);
    expect(byName.get('origin')!.shift).toMatchObject({ basis: 'categories', level: 'major' });
    expect(byName.get('distance')!.status).toBe('type-changed');
    expect(byName.get('extra')!.status).toBe('added');
  });
});

describe('suggesting checks', () => {
  it('suggests checks from birdstrikes.csv that are valid nodes and pass when run on the same file', async () => {
    const projectDir = path.join(temp.dir, 'project');
    const engine = await Engine.create({ threads: 2 });
    try {
      await (await import('node:fs/promises')).mkdir(projectDir, { recursive: true });
      await copyFile(path.join(VEGA_DATA, 'birdstrikes.csv'), path.join(projectDir, 'birdstrikes.csv'));
      await connection.run(`COPY (SELECT range AS id, range % 3 AS shift FROM range(5000)) TO ${quoteLiteral(path.join(projectDir, 'ids.parquet'))} (FORMAT parquet)`);
      const suggestions = [
        ...suggestChecks(await profile({ kind: 'file', path: path.join(projectDir, 'birdstrikes.csv') }), { input: 'birdstrikes', takenNames: ['birdstrikes_not_null'] }),
        ...suggestChecks(await profile({ kind: 'file', path: path.join(projectDir, 'ids.parquet') }), { input: 'ids' }),
      ];
      for (const s of suggestions) expect(PipelineNodeSchema.safeParse(s.node).success).toBe(true);
      const ids = new Map(suggestions.map((s) => [s.id + (s.node.inputs[0] === 'ids' ? '@ids' : ''), s]));
      expect(ids.get('not_null')!.node.name).toBe('birdstrikes_not_null_2');
      expect(ids.get('not_null')!.node).toMatchObject({ type: 'check.not_null' });
      expect((ids.get('not_null')!.node as { columns: string[] }).columns).not.toContain('Speed IAS in knots');
      expect(ids.get('accepted_values:Wildlife Size')!.node).toMatchObject({ column: 'Wildlife Size', values: ['Large', 'Medium', 'Small'] });
      expect(ids.get('unique:id@ids')).toMatchObject({ confidence: 'exact', node: { type: 'check.unique', columns: ['id'] } });
      expect(ids.get('accepted_values:shift@ids')!.node).toMatchObject({ values: [0, 1, 2] });
      expect(ids.get('row_count')!.node).toMatchObject({ type: 'check.row_count', min: 8000, max: 12000 });
      expect(suggestions.some((s) => s.id === 'unique:Airport Name')).toBe(false);

      const pipeline: Pipeline = {
        version: 1,
        name: 'suggested',
        nodes: [
          { type: 'source.file', name: 'birdstrikes', path: 'birdstrikes.csv' },
          { type: 'source.file', name: 'ids', path: 'ids.parquet' },
          ...suggestions.map((s) => s.node),
        ],
      };
      const report = await engine.run({ runId: 'suggested', pipeline, pipelinePath: null, projectDir });
      const checks = report.nodes.filter((n) => n.name !== 'birdstrikes' && n.name !== 'ids');
      expect(checks).toHaveLength(suggestions.length);
      expect(checks.filter((n) => n.status !== 'succeeded')).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
