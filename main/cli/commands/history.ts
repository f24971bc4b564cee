import path from 'node:path';
import type { Command } from 'commander';
import type { RunSummary } from '../../../common/contract/api';
import { AppStore } from '../../store/app-store';
import { defaultUserDataDir, stateDatabasePath } from '../../host/paths';
import { CliError, ExitCode, formatTable, parsePositiveInt, writeJson } from '../cli-support';

/** The pipeline file a run was of, whether the app (relative to its project) or the CLI (absolute) recorded it. */
function runFile(run: RunSummary): string | null {
  return run.pipelinePath === null ? null : path.resolve(run.projectPath ?? '', run.pipelinePath);
}

function counts(run: RunSummary): string {
  const by = (predicate: (n: RunSummary['nodes'][number]) => boolean) => run.nodes.filter(predicate).length;
  const parts = [`${run.nodes.length} nodes`];
  const cached = by((n) => n.cached);
  const failed = by((n) => n.status === 'failed');
  const checks = by((n) => n.status === 'check-failed');
  if (cached) parts.push(`${cached} cached`);
  if (failed) parts.push(`${failed} failed`);
  if (checks) parts.push(`${checks} checks failed`);
  return parts.join(', ');
}

function printRun(run: RunSummary): void {
  process.stdout.write(`run ${run.runId}: ${run.status}, started ${run.startedAt} by ${run.requestedBy ?? 'unknown'}, ${Math.round(run.durationMs ?? 0)} ms\n`);
  process.stdout.write(`pipeline ${runFile(run) ?? '(unsaved)'}\n`);
  if (run.params && Object.keys(run.params).length > 0) process.stdout.write(`params ${Object.entries(run.params).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
  if (run.scope && Object.keys(run.scope).length > 0) process.stdout.write(`scope ${JSON.stringify(run.scope)}\n`);
  const rows = run.nodes.map((n) => [
    n.name,
    n.status,
    n.rows ?? '',
    n.durationMs === null ? '' : Math.round(n.durationMs),
    n.check ? (n.check.passed ? 'passed' : `${n.check.failingRows} failing (${n.check.severity})`) : n.error ? n.error.message : '',
  ]);
  process.stdout.write(`${formatTable(['node', 'status', 'rows', 'ms', 'check / error'], rows, 60)}\n`);
}

export function registerHistoryCommand(program: Command): void {
  program
    .command('history')
    .description('list recorded runs (newest first): status, duration, nodes, checks')
    .argument('[pipeline-file]', 'only runs of this pipeline file')
    .option('--limit <n>', 'how many runs', '20')
    .option('--run <id>', 'show one run node by node')
    .option('--json', 'print JSON (the run summaries) instead of a table')
    .action(async (file: string | undefined, options: { limit: string; run?: string; json?: boolean }) => {
      const limit = parsePositiveInt(options.limit, '--limit');
      const store = new AppStore(stateDatabasePath(defaultUserDataDir()));
      let runs: RunSummary[];
      try {
        runs = store.listRuns({ limit: options.run || file ? 10_000 : limit });
      } finally {
        store.close();
      }
      if (options.run) {
        const run = runs.find((r) => r.runId === options.run || r.runId.startsWith(options.run!));
        if (!run) throw new CliError(`no recorded run ${options.run}`, ExitCode.usage);
        if (options.json) writeJson(run);
        else printRun(run);
        return;
      }
      if (file) {
        const wanted = path.resolve(file);
        runs = runs.filter((r) => runFile(r) === wanted).slice(0, limit);
      }
      if (options.json) {
        writeJson(runs);
        return;
      }
      if (runs.length === 0) {
        process.stdout.write('no runs recorded yet\n');
        return;
      }
      const rows = runs.map((r) => [r.startedAt.replace('T', ' ').slice(0, 19), r.runId.slice(0, 8), r.status, `${Math.round(r.durationMs ?? 0)} ms`, counts(r), r.requestedBy ?? '', runFile(r) ?? '(unsaved)']);
      process.stdout.write(`${formatTable(['started (UTC)', 'run', 'status', 'duration', 'nodes', 'by', 'pipeline'], rows, 70)}\n`);
    });
}
