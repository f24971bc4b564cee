import { afterAll } from 'vitest';
import { describeExportRuns, exportEnv, PIPELINE_CASES, RUN_DATE, runCommand, type RunContext } from './run-support';
import { venvPython } from './python-venv';
import { makeTempDir, REPO_ROOT } from '../test-support/temp';

// One Prefect home for the file: the ephemeral server migrates its SQLite database once.
const home = await makeTempDir('sluice-prefect-home-');
afterAll(() => home.dispose());

const runFlow = ({ exportDir, project, runDir }: RunContext) =>
  runCommand(venvPython(REPO_ROOT, 'prefect'), ['flow.py', '--run-date', RUN_DATE], {
    cwd: exportDir,
    env: exportEnv(project, runDir, {
      PREFECT_HOME: home.dir,
      // No PREFECT_API_URL: Prefect runs the flow against a temporary local server.
      PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: '300',
      PREFECT_SERVER_ANALYTICS_ENABLED: 'false',
      PREFECT_LOGGING_LEVEL: 'INFO',
    }),
    timeoutMs: 10 * 60_000,
  });

describeExportRuns('prefect', runFlow);
describeExportRuns('prefect', runFlow, {
  title: 'prefect export (one task per pipeline), run for real',
  exportOptions: { granularity: 'pipeline' },
  cases: PIPELINE_CASES.filter((c) => c.label.startsWith('join')),
});
