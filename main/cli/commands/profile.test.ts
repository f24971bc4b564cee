import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { PipelineNodeSchema } from '../../../common/pipeline/model';
import { ProfileSchema } from '../../../common/profile/profile-schema';
import { copySampleProject, makeTempDir, REPO_ROOT, VEGA_DATA } from '../../test-support/temp';

const CLI = path.join(REPO_ROOT, 'main', 'cli', 'cli.ts');

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let projectDir: string;
let env: NodeJS.ProcessEnv;

function sluice(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  temp = await makeTempDir();
  projectDir = await copySampleProject(temp.dir);
  env = { SLUICE_USER_DATA_DIR: path.join(temp.dir, 'user-data') };
});
afterAll(() => temp.dispose());

describe('sluice profile', () => {
  it('profiles a Parquet file as JSON, then answers from the profile cache', async () => {
    const file = path.join(VEGA_DATA, 'flights-3m.parquet');
    const first = await sluice(['profile', file, '--json']);
    expect(first.code).toBe(0);
    const profile = ProfileSchema.parse(JSON.parse(first.stdout));
    expect(profile).toMatchObject({ stage: 'full', rowCount: 3_000_000, rowCountExact: true });
    expect(profile.columns.map((c) => c.name)).toEqual(['date', 'delay', 'distance', 'origin', 'destination']);
    const delay = profile.columns[1]!;
    expect(delay.histogram!.reduce((s, b) => s + b.count, 0)).toBe(3_000_000);
    expect(Object.keys(delay.quantiles!)).toEqual(['p1', 'p5', 'p25', 'p50', 'p75', 'p95', 'p99']);

    const again = await sluice(['profile', file, '--json']);
    expect(JSON.parse(again.stdout).createdAt).toBe(profile.createdAt);
    const fresh = await sluice(['profile', file, '--json', '--no-cache', '--columns', 'origin']);
    expect(JSON.parse(fresh.stdout).columns.map((c: { name: string }) => c.name)).toEqual(['origin']);
  });

  it('profiles a node of a pipeline file, a sample when asked, with suggested checks', async () => {
    const target = `${path.join(projectDir, 'flights.sluice.yaml')}#airports`;
    const sample = await sluice(['profile', target, '--sample', '--json']);
    expect(sample.code).toBe(0);
    expect(JSON.parse(sample.stdout)).toMatchObject({ stage: 'sample', target: { kind: 'node', node: 'airports' } });

    const full = await sluice(['profile', target, '--json', '--checks']);
    const result = JSON.parse(full.stdout);
    expect(result.stage).toBe('full');
    expect(result.rowCount).toBe(3376);
    expect(result.suggestedChecks.length).toBeGreaterThan(0);
    for (const check of result.suggestedChecks) expect(PipelineNodeSchema.safeParse(check.node).success).toBe(true);
    expect(result.suggestedChecks.map((c: { id: string }) => c.id)).toContain('unique:iata');

    const human = await sluice(['profile', target, '--checks']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^3,376 rows, 7 columns — full/);
    expect(human.stdout).toContain('latitude');
    expect(human.stdout).toMatch(/[▁▂▃▄▅▆▇█]{5}/);
    expect(human.stdout).toContain('type: check.unique');
  });

  it('says what is wrong with exit code 2', async () => {
    const unknown = await sluice(['profile', `${path.join(projectDir, 'flights.sluice.yaml')}#nope`]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no node named "nope"');
    const missing = await sluice(['profile', path.join(temp.dir, 'missing.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('file not found');
    const both = await sluice(['profile', path.join(VEGA_DATA, 'airports.csv'), '--sample', '--full']);
    expect(both.code).toBe(2);
    const column = await sluice(['profile', path.join(VEGA_DATA, 'airports.csv'), '--columns', 'nope']);
    expect(column.code).toBe(2);
    expect(column.stderr).toContain('no column named "nope"');
  });
});
