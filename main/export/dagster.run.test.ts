import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describeExportRuns, exportEnv, PIPELINE_CASES, RUN_DATE, runCommand, type RunContext } from './run-support';
import { venvBin } from './python-venv';
import { REPO_ROOT } from '../test-support/temp';

const materialize = async ({ exportDir, project, runDir, prepared }: RunContext) => {
  const home = path.join(runDir, 'dagster-home');
  await mkdir(home, { recursive: true });
  const config = { resources: { sluice: { config: { run_date: RUN_DATE } } } };
  return runCommand(
    venvBin(REPO_ROOT, 'dagster', 'dagster'),
    ['asset', 'materialize', '-m', `${prepared.plan.id}.definitions`, '--select', '*', '--config-json', JSON.stringify(config)],
    { cwd: exportDir, env: exportEnv(project, runDir, { DAGSTER_HOME: home }), timeoutMs: 10 * 60_000 },
  );
};

describeExportRuns('dagster', materialize);
describeExportRuns('dagster', materialize, {
  title: 'dagster export (one asset per pipeline), run for real',
  exportOptions: { granularity: 'pipeline' },
  cases: PIPELINE_CASES.filter((c) => c.label.startsWith('join')),
});
