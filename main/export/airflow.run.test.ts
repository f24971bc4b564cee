import { afterAll, expect } from 'vitest';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describeExportRuns, exportEnv, PIPELINE_CASES, RUN_DATE, runCommand, type RunContext } from './run-support';
import { venvBin } from './python-venv';
import { makeTempDir, REPO_ROOT } from '../test-support/temp';

// `airflow db migrate` once; each run gets a copy of the migrated SQLite database.
const template = await makeTempDir('sluice-airflow-template-');
afterAll(() => template.dispose());
const airflow = venvBin(REPO_ROOT, 'airflow', 'airflow');

function airflowEnv(home: string, dags: string): NodeJS.ProcessEnv {
  return {
    AIRFLOW_HOME: home,
    AIRFLOW__CORE__DAGS_FOLDER: dags,
    AIRFLOW__CORE__LOAD_EXAMPLES: 'false',
    AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: `sqlite:///${path.join(home, 'airflow.db')}`,
    SLUICE_RETRIES: '0',
  };
}

async function migrate(): Promise<void> {
  const result = await runCommand(airflow, ['db', 'migrate'], {
    cwd: template.dir,
    env: { ...process.env, ...airflowEnv(template.dir, path.join(template.dir, 'dags')) },
    timeoutMs: 10 * 60_000,
  });
  process.stdout.write(`[export-run] airflow db migrate: exit ${String(result.code)} in ${(result.ms / 1000).toFixed(1)} s\n`);
  expect(result.code, result.output.slice(-4000)).toBe(0);
}

async function dagsTest({ exportDir, project, runDir, prepared }: RunContext) {
  const home = path.join(runDir, 'airflow-home');
  await mkdir(home, { recursive: true });
  await copyFile(path.join(template.dir, 'airflow.db'), path.join(home, 'airflow.db'));
  return runCommand(airflow, ['dags', 'test', prepared.plan.id, '-c', JSON.stringify({ run_date: RUN_DATE })], {
    cwd: exportDir,
    env: exportEnv(project, runDir, airflowEnv(home, path.join(exportDir, 'dags'))),
    timeoutMs: 10 * 60_000,
  });
}

describeExportRuns('airflow', dagsTest, { setup: migrate });
describeExportRuns('airflow', dagsTest, {
  title: 'airflow export (one task per pipeline), run for real',
  exportOptions: { granularity: 'pipeline' },
  cases: PIPELINE_CASES.filter((c) => c.label.startsWith('join')),
  setup: async () => {
    // The first describe's migration may not have run (a filter can select this one alone).
    const { existsSync } = await import('node:fs');
    if (!existsSync(path.join(template.dir, 'airflow.db'))) await migrate();
  },
});
