import { spawnSync } from 'node:child_process';
import { expect, test } from './fixtures/sluice';

/** The engine is the serve process's child process (DuckDB runs there, not in the server). */
function engineProcessIds(serverPid: number): number[] {
  // ps exits with 1 when there is no such process, e.g. between the crash and the restart.
  const out = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(serverPid)], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .filter((line) => line.includes('engine-process'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

test('the app survives an engine crash and previews again after the restart', async ({ app, server }) => {
  await app.selectNode('airports');
  await app.waitForPreviewOf('airports');
  const [enginePid] = engineProcessIds(server.pid);
  expect(enginePid, 'engine process of the server').toBeGreaterThan(0);

  process.kill(enginePid!, 'SIGKILL');
  // The status may pass through "restarting" faster than a poll; the new process id proves the restart.
  await expect
    .poll(() => engineProcessIds(server.pid).some((pid) => pid !== enginePid), { timeout: 30_000, message: 'a new engine process' })
    .toBe(true);
  await expect(app.engineStatus).toHaveAttribute('data-state', 'ready');

  await app.selectNode('delays_by_state');
  await app.waitForPreviewOf('delays_by_state');
  await expect(app.node('delays_by_state')).toHaveAttribute('data-status', 'previewed');
  await expect(app.gridRows.first()).toBeVisible();
});
