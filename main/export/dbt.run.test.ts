import { describeExportRuns, exportEnv, runCommand } from './run-support';
import { venvBin } from './python-venv';
import { REPO_ROOT } from '../test-support/temp';

describeExportRuns('dbt', ({ exportDir, project, runDir }) =>
  runCommand(venvBin(REPO_ROOT, 'dbt', 'dbt'), ['build', '--profiles-dir', '.'], {
    cwd: exportDir,
    env: exportEnv(project, runDir, { DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', DBT_USE_COLORS: 'false' }),
    timeoutMs: 10 * 60_000,
  }),
);
