import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeTempProject, removeTempDir, startServe, type ServeProcess } from './fixtures/serve-process';
import { SluicePage } from './pages/sluice-page';
import { WorkbenchPage } from './pages/workbench-page';
import { AIRPORTS_PER_STATE_PIPELINE as AIRPORTS } from './fixtures/pipelines';

const AIRPORTS_EDIT = 'SELECT state, count(*) AS n\nFROM airport_list\nGROUP BY state\nHAVING n > 10';
const FLIGHTS_EDIT = 'SELECT origin, max(delay) AS worst\nFROM flights\nGROUP BY origin';

function childProcessIds(pid: number): number[] {
  const out = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout;
  return out.split('\n').map((line) => Number(line.trim())).filter((id) => id > 0);
}

/** SIGKILL: no shutdown handler runs, nothing is flushed; only what reached SQLite before counts. */
async function kill(server: ServeProcess): Promise<void> {
  const children = childProcessIds(server.pid);
  process.kill(server.pid, 'SIGKILL');
  await server.stop();
  for (const child of children) {
    try {
      process.kill(child, 'SIGKILL');
    } catch {
      // The engine already exited with its parent.
    }
  }
}

test('hot exit: unsaved edits in two pipelines survive a SIGKILL of the server and are restored after a restart', async ({ page }, testInfo) => {
  const { root, projectDir, userDataDir } = await makeTempProject();
  await writeFile(path.join(projectDir, 'airports.sluice.yaml'), AIRPORTS, 'utf8');
  const flightsOnDisk = await readFile(path.join(projectDir, 'flights.sluice.yaml'), 'utf8');
  let server = await startServe(projectDir, userDataDir);
  try {
    const app = new SluicePage(page);
    const workbench = new WorkbenchPage(page);
    await app.open(server.url);

    await app.selectNode('per_state');
    await app.replaceSql(AIRPORTS_EDIT);
    await expect(workbench.tab('airports.sluice.yaml')).toHaveAttribute('data-dirty', 'true');
    await workbench.waitForDraftKept();

    await workbench.treeItem('flights.sluice.yaml').click();
    await workbench.waitForActiveTab('flights.sluice.yaml');
    await app.selectNode('delayed_flights');
    await app.replaceSql(FLIGHTS_EDIT);
    await expect(workbench.tab('flights.sluice.yaml')).toHaveAttribute('data-dirty', 'true');
    await workbench.waitForDraftKept();
    await workbench.waitForTabsKept(['airports.sluice.yaml', 'flights.sluice.yaml']);

    await kill(server);
    // Nothing was saved to the files: the edits exist only as drafts in the app state.
    expect(await readFile(path.join(projectDir, 'airports.sluice.yaml'), 'utf8')).toBe(AIRPORTS);
    expect(await readFile(path.join(projectDir, 'flights.sluice.yaml'), 'utf8')).toBe(flightsOnDisk);

    server = await startServe(projectDir, userDataDir);
    await app.open(server.url);
    // Both tabs reopen as on disk (flights in front, as it was); both drafts are offered, one after the other.
    expect(await workbench.tabPaths()).toEqual(['airports.sluice.yaml', 'flights.sluice.yaml']);
    await expect(workbench.activeTab()).toHaveAttribute('data-path', 'flights.sluice.yaml');
    await expect(workbench.restoreBanner).toHaveAttribute('data-path', 'airports.sluice.yaml');
    await expect(workbench.restoreBanner).toContainText('1 more');
    await page.screenshot({ path: testInfo.outputPath('restore-offer.png') });
    await workbench.restoreBanner.getByTestId('restore-draft').click();
    await workbench.waitForActiveTab('airports.sluice.yaml');
    await expect(workbench.tab('airports.sluice.yaml')).toHaveAttribute('data-dirty', 'true');
    await app.selectNode('per_state');
    await expect.poll(() => app.sqlText()).toBe(AIRPORTS_EDIT);

    await expect(workbench.restoreBanner).toHaveAttribute('data-path', 'flights.sluice.yaml');
    await workbench.restoreBanner.getByTestId('restore-draft').click();
    await workbench.waitForActiveTab('flights.sluice.yaml');
    await expect(workbench.tab('flights.sluice.yaml')).toHaveAttribute('data-dirty', 'true');
    await app.selectNode('delayed_flights');
    await expect.poll(() => app.sqlText()).toBe(FLIGHTS_EDIT);
    await expect(workbench.restoreBanner).toBeHidden();
    // The restored SQL is the document's: a preview runs it.
    await app.previewButton.click();
    await expect.poll(() => app.columnNames()).toEqual(['origin', 'worst']);

    // Saving one and closing the other (discarding) leaves no draft to offer after the next kill.
    await app.saveWithKeyboard();
    await expect(workbench.tab('flights.sluice.yaml')).toHaveAttribute('data-dirty', 'false');
    page.once('dialog', (dialog) => void dialog.accept());
    await workbench.tab('airports.sluice.yaml').hover();
    await workbench.tab('airports.sluice.yaml').getByTestId('editor-tab-close').click();
    await expect.poll(() => workbench.tabPaths()).toEqual(['flights.sluice.yaml']);
    await workbench.waitForTabsKept(['flights.sluice.yaml']);
    await kill(server);
    expect(await readFile(path.join(projectDir, 'flights.sluice.yaml'), 'utf8')).toContain('max(delay) AS worst');
    expect(await readFile(path.join(projectDir, 'airports.sluice.yaml'), 'utf8')).toBe(AIRPORTS);

    server = await startServe(projectDir, userDataDir);
    await app.open(server.url);
    // The tabs left open come back (only flights: airports was closed), with nothing to restore.
    expect(await workbench.tabPaths()).toEqual(['flights.sluice.yaml']);
    await expect(workbench.tab('flights.sluice.yaml')).toHaveAttribute('data-dirty', 'false');
    await workbench.waitForDraftCheck(1);
    await expect(workbench.restoreBanner).toBeHidden();
    await workbench.treeItem('airports.sluice.yaml').click();
    await workbench.waitForActiveTab('airports.sluice.yaml');
    await workbench.waitForDraftCheck(2);
    await expect(workbench.restoreBanner).toBeHidden();
    await expect(workbench.tab('airports.sluice.yaml')).toHaveAttribute('data-dirty', 'false');
  } finally {
    await server.stop();
    await removeTempDir(root);
  }
});
