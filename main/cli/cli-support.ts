import path from 'node:path';
import { ApiError } from '../../common/contract/envelope';
import type { Pipeline } from '../../common/pipeline/model';
import { loadPipelineFile } from '../project/project-files';

/** Exit codes of every command (docs/cli.md). */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  checkFailed: 3,
  cancelled: 130,
} as const;

/** A failure the CLI reports as one line on stderr with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.failed,
  ) {
    super(message);
  }
}

export interface LoadedPipeline {
  pipeline: Pipeline;
  file: string;
  /** Relative paths in the pipeline resolve against the folder of its file. */
  baseDir: string;
}

export async function loadPipelineForCli(file: string): Promise<LoadedPipeline> {
  const absolute = path.resolve(file);
  try {
    return { pipeline: await loadPipelineFile(absolute), file: absolute, baseDir: path.dirname(absolute) };
  } catch (error) {
    if (error instanceof ApiError) throw new CliError(error.message, ExitCode.usage);
    throw error;
  }
}

export function parsePositiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${name} must be a positive whole number, got "${value}"`, ExitCode.usage);
  return n;
}

/** Transposes the columnar preview into row arrays for JSON and tables. */
export function columnsToRows<T>(columnData: T[][], rowCount: number): T[][] {
  const rows: T[][] = [];
  for (let r = 0; r < rowCount; r++) rows.push(columnData.map((column) => column[r] as T));
  return rows;
}

export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** An AbortSignal that fires on Ctrl+C, so long work is cancelled rather than killed. */
export function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(ExitCode.cancelled);
    process.stderr.write('\ncancelling… (Ctrl+C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}

export function formatTable(columns: string[], rows: unknown[][], maxWidth = 40): string {
  const cell = (v: unknown) => {
    const text = v === null || v === undefined ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return text.length > maxWidth ? `${text.slice(0, maxWidth - 1)}…` : text;
  };
  const body = rows.map((row) => row.map(cell));
  const widths = columns.map((name, i) => Math.max(name.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
