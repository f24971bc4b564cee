import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describeExportRuns, exportEnv, RUN_DATE, runCommand } from './run-support';
import { venvBin } from './python-venv';
import { REPO_ROOT } from '../test-support/temp';

describeExportRuns('dagster', async ({ exportDir, project, runDir, prepared }) => {
  const home = path.join(runDir, 'dagster-home');
  await mkdir(home, { recursive: true });
  const config = { resources: { sluice: { config: { run_date: RUN_DATE } } } };
  return runCommand(
    venvBin(REPO_ROOT, 'dagster', 'dagster'),
    ['asset', 'materialize', '-m', `${prepared.plan.id}.definitions`, '--select', '*', '--config-json', JSON.stringify(config)],
    { cwd: exportDir, env: exportEnv(project, runDir, { DAGSTER_HOME: home }), timeoutMs: 10 * 60_000 },
  );
});
