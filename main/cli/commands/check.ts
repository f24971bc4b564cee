import type { Command } from 'commander';
import { columnsToRows, ExitCode, formatTable, writeJson } from '../cli-support';
import { collectParam, exitCodeOf, nodeJson, runForCli } from './run';

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description("run a pipeline's checks and only what they read; exit 3 when an error-severity check fails")
    .argument('<pipeline-file>', 'a *.sluice.yaml file')
    .option('--param <name=value>', 'set a pipeline parameter (repeatable)', collectParam, {})
    .option('--force', 'ignore the cache: recompute every node')
    .option('--json', 'print one JSON object (docs/cli.md) instead of a table')
    .option('--no-history', 'do not record the run in the app state database')
    .action(async (file: string, options: { param: Record<string, string>; force?: boolean; json?: boolean; history: boolean }) => {
      const report = await runForCli(file, {
        params: options.param,
        scope: { checksOnly: true, ...(options.force ? { force: true } : {}) },
        json: Boolean(options.json),
        history: options.history,
      });
      const checks = report.nodes.filter((n) => n.check);
      if (options.json) {
        writeJson({ status: report.status, runId: report.runId, durationMs: report.durationMs, checks: report.nodes.filter((n) => n.check).map(nodeJson), nodes: report.nodes.map(nodeJson) });
      } else {
        for (const node of checks) {
          const check = node.check!;
          const verdict = check.passed ? 'pass' : check.severity === 'warn' ? 'warn' : 'FAIL';
          process.stdout.write(`${verdict.padEnd(5)} ${node.name}${check.passed ? '' : `: ${check.failingRows.toLocaleString('en-US')} failing rows`}\n`);
          if (!check.passed && check.sample.columns.length > 0) {
            const sample = columnsToRows(check.sample.columnData, Math.min(3, check.sample.columnData[0]?.length ?? 0));
            const table = formatTable(check.sample.columns.map((c) => c.name), sample);
            process.stdout.write(`${table.replace(/^/gm, '      ')}\n`);
          }
        }
        for (const node of report.nodes.filter((n) => n.error)) process.stdout.write(`error ${node.error!.message}\n`);
        const failed = checks.filter((n) => !n.check!.passed && n.check!.severity === 'error').length;
        process.stdout.write(`${checks.length} checks, ${failed} failed, ${checks.filter((n) => !n.check!.passed).length - failed} warnings, in ${Math.round(report.durationMs ?? 0)} ms\n`);
      }
      process.exitCode = exitCodeOf(report);
      if (process.exitCode === ExitCode.failed && !options.json) process.stderr.write(`error: ${report.nodes.find((n) => n.error)?.error?.message ?? 'a node failed'}\n`);
    });
}
