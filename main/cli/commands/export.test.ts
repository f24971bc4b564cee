import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir, REPO_ROOT, SAMPLE_PROJECT } from '../../test-support/temp';

const CLI = path.join(REPO_ROOT, 'main', 'cli', 'cli.ts');

function sluice(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  temp = await makeTempDir('sluice-cli-export-');
});
afterAll(() => temp.dispose());

describe('sluice export', () => {
  it('writes an Airflow project with one task for the pipeline', async () => {
    const out = path.join(temp.dir, 'airflow');
    const { code, stdout } = await sluice(['export', path.join(SAMPLE_PROJECT, 'flights.sluice.yaml'), '--target', 'airflow', '--out', out, '--granularity', 'pipeline', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { files: string[] };
    expect(result.files).toContain('dags/flight_delays_by_state_dag.py');
    expect(result.files).toContain('dags/flight_delays_by_state/sql/delays_by_state.sql');
    const dag = await readFile(path.join(out, 'dags/flight_delays_by_state_dag.py'), 'utf8');
    expect(dag).toContain('@task(task_id="run_pipeline")');
    expect((await readdir(out)).sort()).toEqual(['README.md', 'constraints.txt', 'dags', 'requirements.txt']);
  });

  it('rejects an unknown target and a bad granularity as usage errors', async () => {
    const file = path.join(SAMPLE_PROJECT, 'flights.sluice.yaml');
    const unknown = await sluice(['export', file, '--target', 'luigi', '--out', path.join(temp.dir, 'x')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--target must be one of airflow, dagster, prefect, dbt, python/u);
    const granularity = await sluice(['export', file, '--target', 'python', '--out', path.join(temp.dir, 'x'), '--granularity', 'task']);
    expect(granularity.code).toBe(2);
  });

  it('names the node whose absolute path cannot be exported', async () => {
    const file = path.join(temp.dir, 'abs.sluice.yaml');
    await writeFile(file, 'version: 1\nname: Absolute\nnodes:\n  - name: raw\n    type: source.file\n    path: /srv/data/raw.csv\n');
    const { code, stderr } = await sluice(['export', file, '--target', 'dbt', '--out', path.join(temp.dir, 'abs')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/raw: file "\/srv\/data\/raw.csv" is absolute/u);
  });
});
