import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir, REPO_ROOT, VEGA_DATA } from '../../test-support/temp';

const CLI = path.join(REPO_ROOT, 'main', 'cli', 'cli.ts');

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let file: string;
let env: NodeJS.ProcessEnv;

function sluice(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const PIPELINE = `version: 1
name: weather checks
params:
  wettest: { type: number, default: 60 }
nodes:
  - name: weather
    type: source.file
    path: data/seattle-weather.csv
  - name: rainy
    type: transform.filter
    inputs: [ weather ]
    where: weather = 'rain'
  - name: per_year
    type: transform.aggregate
    inputs: [ rainy ]
    group_by: [ year ]
    aggregates:
      - { name: days, function: count }
  - name: not too wet
    type: check.sql
    inputs: [ weather ]
    sql: |
      SELECT * FROM weather WHERE precipitation > getvariable('wettest')
  - name: known weather
    type: check.accepted_values
    severity: warn
    inputs: [ weather ]
    column: weather
    values: [ rain, sun, fog, drizzle ]
  - name: out
    type: sink.file
    inputs: [ per_year ]
    path: out/per_year.csv
`;

beforeAll(async () => {
  temp = await makeTempDir();
  await mkdir(path.join(temp.dir, 'project', 'data'), { recursive: true });
  await cp(path.join(VEGA_DATA, 'seattle-weather.csv'), path.join(temp.dir, 'project', 'data', 'seattle-weather.csv'));
  file = path.join(temp.dir, 'project', 'weather.sluice.yaml');
  await writeFile(file, PIPELINE.replace('group_by: [ year ]', 'group_by: [ weather ]'));
  env = { SLUICE_USER_DATA_DIR: path.join(temp.dir, 'user-data') };
});
afterAll(() => temp.dispose());

describe('sluice run, check and history', () => {
  it('exit codes tell success, failed checks and errors apart; flags pick nodes and parameters', async () => {
    // The wettest day had 55.9 mm: with a 55 mm bound the error check fails → exit 3.
    const failedCheck = await sluice(['run', file, '--json', '--param', 'wettest=55']);
    expect(failedCheck.code).toBe(3);
    const report = JSON.parse(failedCheck.stdout);
    expect(report.params).toEqual({ wettest: '55' });
    const byName = Object.fromEntries(report.nodes.map((n: { name: string }) => [n.name, n]));
    expect(byName['not too wet']).toMatchObject({ status: 'check-failed', check: { passed: false, severity: 'error', failingRows: 1 } });
    expect(byName['known weather']).toMatchObject({ status: 'check-failed', check: { severity: 'warn' } });
    expect(byName.out).toMatchObject({ status: 'succeeded', rows: 1, rowsIn: 1 });

    const ok = await sluice(['run', file, '--json']);
    expect(ok.code).toBe(0);
    const statuses = JSON.parse(ok.stdout).nodes.map((n: { name: string; status: string }) => `${n.name}:${n.status}`);
    expect(statuses).toEqual(['weather:cached', 'rainy:cached', 'per_year:cached', 'not too wet:succeeded', 'known weather:check-failed', 'out:succeeded']);

    const one = await sluice(['run', file, '--json', '--node', 'rainy', '--force']);
    expect(JSON.parse(one.stdout).nodes.map((n: { name: string; status: string }) => `${n.name}:${n.status}`)).toEqual(['weather:succeeded', 'rainy:succeeded']);

    const usage = await sluice(['run', file, '--param', 'wetest=1']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('error: unknown parameter "wetest"; this pipeline declares: wettest\n');
  });

  it('a failing node exits 1 with the node named; check runs only what checks read', async () => {
    const broken = path.join(temp.dir, 'project', 'broken.sluice.yaml');
    await writeFile(broken, PIPELINE);
    const failed = await sluice(['run', broken]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error: per_year: Binder Error: Referenced column "year" not found/);
    expect(failed.stdout).toMatch(/^skipped\s+out/m);

    const checked = await sluice(['check', broken, '--param', 'wettest=55']);
    expect(checked.code).toBe(3);
    expect(checked.stdout).toContain('FAIL  not too wet: 1 failing rows');
    expect(checked.stdout).toContain('warn  known weather');
    expect(checked.stdout).toContain('2 checks, 1 failed, 1 warnings');
    const json = JSON.parse((await sluice(['check', broken, '--json'])).stdout);
    expect(json.nodes.map((n: { name: string }) => n.name)).toEqual(['weather', 'not too wet', 'known weather']);
    expect(json.status).toBe('succeeded');
  });

  it('history lists every run of a pipeline with its checks', async () => {
    const listed = await sluice(['history', file, '--json']);
    expect(listed.code).toBe(0);
    const runs = JSON.parse(listed.stdout);
    expect(runs).toHaveLength(3);
    expect(runs.map((r: { scope?: unknown }) => r.scope ?? null)).toEqual([{ node: 'rainy', force: true }, null, null]);
    expect(runs[2].nodes.find((n: { name: string }) => n.name === 'not too wet').check).toMatchObject({ passed: false, failingRows: 1 });
    expect(runs[2].requestedBy).toMatch(/\(cli\)$/);
    const shown = await sluice(['history', '--run', runs[2].runId.slice(0, 8)]);
    expect(shown.stdout).toContain('params wettest=55');
    expect(shown.stdout).toMatch(/not too wet\s+check-failed\s+1\s+\d+\s+1 failing \(error\)/);
    const table = await sluice(['history']);
    expect(table.stdout.split('\n').filter((line) => line.includes('weather.sluice.yaml'))).toHaveLength(3);
  });
});
