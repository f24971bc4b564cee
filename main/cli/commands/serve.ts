import type { Command } from 'commander';
import { defaultUserDataDir } from '../../host/paths';
import { startServer } from '../../serve/server';
import { ExitCode, parsePositiveInt } from '../cli-support';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the IDE and its API on 127.0.0.1 with a session token (for remote boxes and tests)')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .option('--project <dir>', 'project folder to open')
    .option('--user-data <dir>', 'app state folder (default: the per-user Sluice folder)')
    .action(async (options: { port: string; project?: string; userData?: string }) => {
      const port = options.port === '0' ? 0 : parsePositiveInt(options.port, '--port');
      const server = await startServer({
        port,
        userDataDir: options.userData ?? defaultUserDataDir(),
        ...(options.project ? { projectDir: options.project } : {}),
      });
      process.stdout.write(`Sluice is serving ${server.url}\n`);
      const stop = () => {
        server.close().then(
          () => process.exit(ExitCode.ok),
          () => process.exit(ExitCode.failed),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
