import path from 'node:path';
import type { Command } from 'commander';
import { ApiError } from '../../../common/contract/envelope';
import { EXPORT_TARGETS, generateExport, isExportTarget, prepareExport, type ExportOptions } from '../../export/index';
import { writeExport } from '../../export/writer';
import { CliError, ExitCode, loadPipelineForCli, parsePositiveInt, writeJson } from '../cli-support';

interface ExportCommandOptions {
  target: string;
  out: string;
  granularity: string;
  dataRoot?: string;
  outputRoot?: string;
  workRoot?: string;
  retries?: string;
  json?: boolean;
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export a pipeline as a project an orchestrator runs (docs/export.md)')
    .argument('<pipeline-file>', 'a *.sluice.yaml file')
    .requiredOption('-t, --target <target>', `one of ${EXPORT_TARGETS.join(', ')}`)
    .requiredOption('-o, --out <dir>', 'folder to write the export into (created if missing)')
    .option('--granularity <granularity>', 'node: one task or asset per node; pipeline: one for the whole pipeline', 'node')
    .option('--data-root <path>', 'default data root baked into the export (relative to the export folder, or absolute, or s3://…)')
    .option('--output-root <path>', 'default output root for sinks (default: the data root)')
    .option('--work-root <path>', 'default folder for intermediates (default: .sluice-work in the export)')
    .option('--retries <n>', 'default task retries (default 0)')
    .option('--json', 'print one JSON object with the files written')
    .action(async (file: string, options: ExportCommandOptions) => {
      if (!isExportTarget(options.target)) throw new CliError(`--target must be one of ${EXPORT_TARGETS.join(', ')}, got "${options.target}"`, ExitCode.usage);
      if (options.granularity !== 'node' && options.granularity !== 'pipeline') {
        throw new CliError(`--granularity must be node or pipeline, got "${options.granularity}"`, ExitCode.usage);
      }
      const { pipeline } = await loadPipelineForCli(file);
      const exportOptions: ExportOptions = {
        granularity: options.granularity,
        ...(options.dataRoot !== undefined ? { dataRoot: options.dataRoot } : {}),
        ...(options.outputRoot !== undefined ? { outputRoot: options.outputRoot } : {}),
        ...(options.workRoot !== undefined ? { workRoot: options.workRoot } : {}),
        ...(options.retries !== undefined ? { retries: options.retries === '0' ? 0 : parsePositiveInt(options.retries, '--retries') } : {}),
      };
      const outDir = path.resolve(options.out);
      let written: string[];
      try {
        const files = generateExport(options.target, await prepareExport(pipeline), exportOptions);
        written = await writeExport(files, outDir);
      } catch (error) {
        if (error instanceof ApiError) throw new CliError(error.message, error.code === 'forbidden' ? ExitCode.usage : ExitCode.failed);
        throw error;
      }
      if (options.json) {
        writeJson({ target: options.target, out: outDir, files: written.map((f) => path.relative(outDir, f)) });
        return;
      }
      process.stdout.write(`wrote ${written.length} files for ${options.target} to ${outDir}\n`);
      process.stdout.write(`see ${path.join(outDir, 'README.md')} for how to run it\n`);
    });
}
