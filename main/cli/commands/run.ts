import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Command } from 'commander';
import type { NodeRun, RunReport, RunScope } from '../../../common/contract/api';
import { ApiError } from '../../../common/contract/envelope';
import { Engine } from '../../engine/engine';
import { projectCacheDir } from '../../engine/cache';
import { requester } from '../../engine/run';
import { AppStore } from '../../store/app-store';
import { defaultUserDataDir, stateDatabasePath } from '../../host/paths';
import { CliError, ExitCode, interruptSignal, loadPipelineForCli, writeJson } from '../cli-support';

/** `--param k=v`, repeatable. */
export function collectParam(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new CliError(`--param takes name=value, got "${value}"`, ExitCode.usage);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

/**
 * The exit code tells outcomes apart (docs/cli.md): 0 success (warnings
 * included), 1 a node failed, 3 only error-severity checks failed, 130 cancelled.
 */
export function exitCodeOf(report: RunReport): number {
  if (report.status === 'cancelled') return ExitCode.cancelled;
  if (report.nodes.some((n) => n.status === 'failed' || n.status === 'skipped')) return ExitCode.failed;
  if (report.nodes.some((n) => n.status === 'check-failed' && n.check?.severity === 'error')) return ExitCode.checkFailed;
  return report.status === 'succeeded' ? ExitCode.ok : ExitCode.failed;
}

/** The cache of the project the pipeline is in: the nearest folder up to two levels up that has one, like the app. */
export function cacheDirFor(baseDir: string): string {
  for (let dir = baseDir, depth = 0; depth <= 2; depth++, dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.sluice'))) return projectCacheDir(dir);
  }
  return projectCacheDir(baseDir);
}

function progressLine(report: RunReport): string {
  const finished = report.nodes.filter((n) => !['queued', 'running'].includes(n.status)).length;
  const running = report.nodes
    .filter((n) => n.status === 'running')
    .map((n) => (typeof n.progress === 'number' ? `${n.name} ${Math.round(n.progress * 100)}%` : n.name));
  return `[${finished}/${report.nodes.length}] ${running.length > 0 ? `running ${running.join(', ')}` : ''}`.slice(0, (process.stderr.columns ?? 100) - 1);
}

export interface CliRunOptions {
  params: Record<string, string>;
  scope: RunScope;
  json: boolean;
  history: boolean;
}

/** Runs a pipeline file with the engine in this process, records it, and returns the report. */
export async function runForCli(file: string, options: CliRunOptions): Promise<RunReport> {
  const { pipeline, file: absolute, baseDir } = await loadPipelineForCli(file);
  const engine = await Engine.create();
  const interrupt = interruptSignal();
  const progress = !options.json && Boolean(process.stderr.isTTY);
  let report: RunReport;
  try {
    report = await engine.run(
      {
        runId: randomUUID(),
        pipeline,
        pipelinePath: absolute,
        projectDir: baseDir,
        cacheDir: cacheDirFor(baseDir),
        params: options.params,
        scope: options.scope,
        requestedBy: requester('cli'),
      },
      {
        signal: interrupt.signal,
        ...(progress ? { onProgress: (r: RunReport) => process.stderr.write(`\r\x1b[K${progressLine(r)}`) } : {}),
      },
    );
    if (progress) process.stderr.write('\r\x1b[K');
  } catch (error) {
    if (progress) process.stderr.write('\r\x1b[K');
    if (error instanceof ApiError && error.code === 'cancelled') throw new CliError('cancelled', ExitCode.cancelled);
    if (error instanceof ApiError && (error.code === 'invalid-input' || error.code === 'pipeline-invalid')) throw new CliError(error.message, ExitCode.usage);
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
  return report;
}

export function nodeJson(n: NodeRun) {
  return {
    name: n.name,
    status: n.status,
    rows: n.rows,
    rowsIn: n.rowsIn ?? null,
    durationMs: n.durationMs,
    cached: n.cached,
    error: n.error?.message ?? null,
    check: n.check ? { passed: n.check.passed, severity: n.check.severity, failingRows: n.check.failingRows } : null,
  };
}

function printHuman(report: RunReport): void {
  for (const node of report.nodes) {
    const rows = node.rows === null ? '' : `${node.rows.toLocaleString('en-US')} rows`;
    const ms = node.durationMs === null ? '' : `${Math.round(node.durationMs)} ms`;
    process.stdout.write(`${node.status.padEnd(12)} ${node.name.padEnd(32)} ${rows.padStart(16)} ${ms.padStart(9)}\n`);
    if (node.check && !node.check.passed) process.stdout.write(`             ${node.check.severity}: ${node.check.failingRows.toLocaleString('en-US')} failing rows\n`);
    if (node.error) process.stdout.write(`             ${node.error.message}\n`);
  }
  const cached = report.nodes.filter((n) => n.cached).length;
  process.stdout.write(`${report.status} in ${Math.round(report.durationMs ?? 0)} ms (${cached} of ${report.nodes.length} nodes from the cache)\n`);
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run a pipeline: nodes in dependency order (independent ones at once), results cached, sinks written atomically')
    .argument('<pipeline-file>', 'a *.sluice.yaml file')
    .option('--param <name=value>', 'set a pipeline parameter (repeatable)', collectParam, {})
    .option('--node <name>', 'run only this node and what it reads')
    .option('--from <name>', 're-run this node and everything downstream of it')
    .option('--force', 'ignore the cache: recompute every node')
    .option('--json', 'print one JSON object (docs/cli.md) instead of a table')
    .option('--no-history', 'do not record the run in the app state database')
    .action(async (file: string, options: { param: Record<string, string>; node?: string; from?: string; force?: boolean; json?: boolean; history: boolean }) => {
      if (options.node && options.from) throw new CliError('--node and --from cannot be combined', ExitCode.usage);
      const scope: RunScope = { ...(options.node ? { node: options.node } : {}), ...(options.from ? { from: options.from } : {}), ...(options.force ? { force: true } : {}) };
      const report = await runForCli(file, { params: options.param, scope, json: Boolean(options.json), history: options.history });
      if (options.json) {
        writeJson({ status: report.status, runId: report.runId, durationMs: report.durationMs, params: report.params ?? {}, nodes: report.nodes.map(nodeJson) });
      } else printHuman(report);
      const failed = report.nodes.find((n) => n.status === 'failed');
      if (failed && !options.json) process.stderr.write(`error: ${failed.error?.message ?? `node ${failed.name} failed`}\n`);
      process.exitCode = exitCodeOf(report);
    });
}
