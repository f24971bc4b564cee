import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { RunReport } from '../../../common/contract/api';
import { Engine } from '../../engine/engine';
import { AppStore } from '../../store/app-store';
import { defaultUserDataDir, stateDatabasePath } from '../../host/paths';
import { CliError, ExitCode, interruptSignal, loadPipelineForCli, writeJson } from '../cli-support';

function exitCodeOf(report: RunReport): number {
  if (report.status === 'succeeded') return ExitCode.ok;
  if (report.status === 'cancelled') return ExitCode.cancelled;
  return ExitCode.failed;
}

function printHuman(report: RunReport): void {
  for (const node of report.nodes) {
    const rows = node.rows === null ? '' : `${node.rows.toLocaleString('en-US')} rows`;
    const ms = node.durationMs === null ? '' : `${Math.round(node.durationMs)} ms`;
    process.stdout.write(`${node.status.padEnd(10)} ${node.name.padEnd(32)} ${rows.padStart(16)} ${ms.padStart(9)}\n`);
    if (node.error) process.stdout.write(`           ${node.error.message}\n`);
  }
  process.stdout.write(`${report.status} in ${Math.round(report.durationMs ?? 0)} ms\n`);
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run a pipeline: every node in dependency order, sinks written atomically')
    .argument('<pipeline-file>', 'a *.sluice.yaml file')
    .option('--json', 'print one JSON object (docs/cli.md) instead of a table')
    .option('--no-history', 'do not record the run in the app state database')
    .action(async (file: string, options: { json?: boolean; history: boolean }) => {
      const { pipeline, file: absolute, baseDir } = await loadPipelineForCli(file);
      const engine = await Engine.create();
      const interrupt = interruptSignal();
      let report: RunReport;
      try {
        const progress = !options.json && process.stderr.isTTY;
        report = await engine.run(
          { runId: randomUUID(), pipeline, pipelinePath: absolute, projectDir: baseDir },
          {
            signal: interrupt.signal,
            ...(progress
              ? {
                  onProgress: (r: RunReport) => {
                    const running = r.nodes.find((n) => n.status === 'running');
                    const done = r.nodes.filter((n) => n.status !== 'queued' && n.status !== 'running').length;
                    process.stderr.write(`\r\x1b[K[${done}/${r.nodes.length}] ${running ? `running ${running.name}` : ''}`);
                  },
                }
              : {}),
          },
        );
        if (progress) process.stderr.write('\r\x1b[K');
      } catch (error) {
        throw new CliError((error as Error).message, ExitCode.failed);
      } finally {
        interrupt.dispose();
        await engine.close();
      }
      if (options.history) {
        const store = new AppStore(stateDatabasePath(defaultUserDataDir()));
        try {
          store.recordRun(report, baseDir);
        } finally {
          store.close();
        }
      }
      if (options.json) {
        writeJson({
          status: report.status,
          runId: report.runId,
          durationMs: report.durationMs,
          nodes: report.nodes.map((n) => ({ name: n.name, status: n.status, rows: n.rows, durationMs: n.durationMs, cached: n.cached, error: n.error?.message ?? null })),
        });
      } else printHuman(report);
      const failed = report.nodes.find((n) => n.status === 'failed');
      if (failed && !options.json) process.stderr.write(`error: ${failed.error?.message ?? `node ${failed.name} failed`}\n`);
      process.exitCode = exitCodeOf(report);
    });
}
