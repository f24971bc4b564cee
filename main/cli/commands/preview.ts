import type { Command } from 'commander';
import { ApiError } from '../../../common/contract/envelope';
import { Engine } from '../../engine/engine';
import { CliError, columnsToRows, ExitCode, formatTable, interruptSignal, loadPipelineForCli, parsePositiveInt, writeJson } from '../cli-support';

export function registerPreviewCommand(program: Command): void {
  program
    .command('preview')
    .description("print the first rows of one node's result")
    .argument('<pipeline-file>', 'a *.sluice.yaml file')
    .argument('<node>', 'the node to preview')
    .option('--limit <n>', 'how many rows', '20')
    .option('--json', 'print one JSON object (docs/cli.md) instead of a table')
    .action(async (file: string, nodeName: string, options: { limit: string; json?: boolean }) => {
      const limit = parsePositiveInt(options.limit, '--limit');
      const { pipeline, baseDir } = await loadPipelineForCli(file);
      if (!pipeline.nodes.some((n) => n.name === nodeName)) {
        throw new CliError(`no node named "${nodeName}" in ${file} (nodes: ${pipeline.nodes.map((n) => n.name).join(', ')})`, ExitCode.usage);
      }
      const engine = await Engine.create();
      const interrupt = interruptSignal();
      try {
        const preview = await engine.preview({ pipeline, node: nodeName, limit, projectDir: baseDir, countRows: true }, { signal: interrupt.signal });
        const rows = columnsToRows(preview.columnData, preview.rowCount);
        if (options.json) {
          writeJson({ node: preview.node, columns: preview.columns, rows, totalRows: preview.totalRows });
        } else {
          process.stdout.write(`${formatTable(preview.columns.map((c) => `${c.name} (${c.type})`), rows)}\n`);
          process.stdout.write(`${preview.rowCount} of ${preview.totalRows ?? '?'} rows\n`);
        }
      } catch (error) {
        if (error instanceof ApiError && error.code === 'cancelled') throw new CliError('cancelled', ExitCode.cancelled);
        throw new CliError((error as Error).message, ExitCode.failed);
      } finally {
        interrupt.dispose();
        await engine.close();
      }
    });
}
