import { describeExportRuns, exportEnv, FORMATS_CASE, PIPELINE_CASES, RUN_DATE, runCommand } from './run-support';
import { venvPython } from './python-venv';
import { REPO_ROOT } from '../test-support/temp';

for (const granularity of ['node', 'pipeline'] as const) {
  describeExportRuns(
    'python',
    ({ exportDir, project, runDir }) =>
      runCommand(venvPython(REPO_ROOT, 'python'), ['run.py', '--run-date', RUN_DATE, '--granularity', granularity], {
        cwd: exportDir,
        env: exportEnv(project, runDir),
        timeoutMs: 5 * 60_000,
      }),
    { title: `python export (granularity ${granularity}), run for real`, cases: [...PIPELINE_CASES, FORMATS_CASE] },
  );
}
