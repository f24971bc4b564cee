import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../host/version';
import { CliError, ExitCode } from './cli-support';
import { registerRunCommand } from './commands/run';
import { registerCheckCommand } from './commands/check';
import { registerHistoryCommand } from './commands/history';
import { registerPreviewCommand } from './commands/preview';
import { registerServeCommand } from './commands/serve';
import { registerExportCommand } from './commands/export';
import { registerProfileCommand } from './commands/profile';

/** The `sluice` command line: the same engine as the app, without a window. */
export function buildProgram(): Command {
  const program = new Command()
    .name('sluice')
    .description('Sluice: data pipelines on embedded DuckDB, from the terminal')
    .version(APP_VERSION, '-v, --version')
    .showHelpAfterError()
    .exitOverride();
  registerRunCommand(program);
  registerCheckCommand(program);
  registerHistoryCommand(program);
  registerPreviewCommand(program);
  registerServeCommand(program);
  registerExportCommand(program);
  registerProfileCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message.split('\n')[0]}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : ExitCode.failed;
  }
}

