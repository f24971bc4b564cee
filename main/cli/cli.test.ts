import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { copySampleProject, makeTempDir, REPO_ROOT } from '../test-support/temp';

const CLI = path.join(REPO_ROOT, 'main', 'cli', 'cli.ts');

function sluice(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let projectDir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  temp = await makeTempDir();
  projectDir = await copySampleProject(temp.dir);
  env = { SLUICE_USER_DATA_DIR: path.join(temp.dir, 'user-data') };
});
afterAll(() => temp.dispose());

describe('sluice CLI', () => {
  it('prints its version', async () => {
    const { code, stdout } = await sluice(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('runs the sample pipeline, writes its sink and prints JSON', async () => {
    const { code, stdout } = await sluice(['run', path.join(projectDir, 'flights.sluice.yaml'), '--json'], env);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.status).toBe('succeeded');
    expect(result.nodes.map((n: { name: string }) => n.name)).toEqual(['flights', 'airports', 'delayed_flights', 'delays_by_state', 'delays_by_state_file']);
    expect(result.nodes[0]).toMatchObject({ name: 'flights', status: 'succeeded', rows: 3_000_000, cached: false, error: null });
    const sink = path.join(projectDir, 'out', 'delays_by_state.parquet');
    expect(existsSync(sink)).toBe(true);
    // The sink's rows, checked by an independent DuckDB query over the source files.
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    const written = await connection.runAndReadAll(`SELECT state, delayed_flights FROM '${sink}' ORDER BY state`);
    const expected = await connection.runAndReadAll(
      `SELECT a.state, count(*) FROM '${path.join(projectDir, 'data', 'flights-3m.parquet')}' f JOIN '${path.join(projectDir, 'data', 'airports.csv')}' a ON a.iata = f.origin WHERE f.delay > 15 GROUP BY a.state ORDER BY a.state`,
    );
    expect(written.getRowsJson()).toEqual(expected.getRowsJson());
    connection.closeSync();
  });

  it('previews a node as JSON rows in column order', async () => {
    const { code, stdout } = await sluice(['preview', path.join(projectDir, 'flights.sluice.yaml'), 'flights', '--limit', '2', '--json'], env);
    expect(code).toBe(0);
    const preview = JSON.parse(stdout);
    expect(preview.node).toBe('flights');
    expect(preview.columns).toEqual([
      { name: 'date', type: 'TIMESTAMP' },
      { name: 'delay', type: 'BIGINT' },
      { name: 'distance', type: 'BIGINT' },
      { name: 'origin', type: 'VARCHAR' },
      { name: 'destination', type: 'VARCHAR' },
    ]);
    expect(preview.rows).toEqual([
      ['2001-01-01 00:01:00', 33, 2176, 'LAS', 'PHL'],
      ['2001-01-01 00:01:00', 19, 215, 'ATL', 'SAV'],
    ]);
    expect(preview.totalRows).toBe(3_000_000);
  });

  it('exits non-zero with a one-line error for a missing node, a missing file and bad SQL', async () => {
    const missingNode = await sluice(['preview', path.join(projectDir, 'flights.sluice.yaml'), 'nope'], env);
    expect(missingNode.code).toBe(2);
    expect(missingNode.stderr.trim().split('\n')).toHaveLength(1);
    expect(missingNode.stderr).toContain('no node named "nope"');

    const missingFile = await sluice(['run', path.join(projectDir, 'missing.sluice.yaml')], env);
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toMatch(/^error: cannot read .*missing\.sluice\.yaml/);

    const bad = path.join(projectDir, 'bad.sluice.yaml');
    await writeFile(bad, 'version: 1\nname: bad\nnodes:\n  - name: airports\n    type: source.file\n    path: data/airports.csv\n  - name: broken\n    type: transform.sql\n    inputs: [ airports ]\n    sql: |\n      SELECT\n        no_such_column\n      FROM airports\n');
    const failed = await sluice(['preview', bad, 'broken', '--json'], env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error: broken: Binder Error: Referenced column "no_such_column" not found/);
  });

  it('reports a bad pipeline file with its line and field', async () => {
    const broken = path.join(projectDir, 'broken.sluice.yaml');
    await writeFile(broken, 'version: 1\nname: x\nnodes:\n  - name: a\n    type: source.file\n');
    const result = await sluice(['run', broken], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('broken.sluice.yaml:4');
    expect(result.stderr).toContain('nodes[0]');
  });
});
