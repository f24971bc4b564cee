import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures/sluice';
import { ExportPage } from './pages/export-page';
import { WorkbenchPage } from './pages/workbench-page';

const REPO = path.resolve(import.meta.dirname, '..');

async function tree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), await readFile(full, 'utf8'));
  }
  return files;
}

test('the Export dialog shows each target’s files and writes the same export as the CLI', async ({ app, server }, testInfo) => {
  const exportPage = new ExportPage(app.page);
  const out = await mkdtemp(path.join(tmpdir(), 'sluice-e2e-export-'));
  try {
    await exportPage.open();
    await exportPage.waitForFilesOf('airflow');
    // The DAG file is shown first, highlighted as Python in a read-only Monaco.
    await expect(exportPage.code).toHaveAttribute('data-path', 'dags/flight_delays_by_state_dag.py');
    await expect.poll(() => exportPage.visibleCode()).toContain('from airflow.sdk import');
    await expect(exportPage.code).toHaveAttribute('data-language', 'python');
    await expect.poll(() => exportPage.tokenKinds()).toBeGreaterThan(2);
    await app.page.screenshot({ path: testInfo.outputPath('export-airflow.png') });

    await exportPage.chooseTarget('dbt');
    expect(await exportPage.filePaths()).toEqual(expect.arrayContaining(['dbt_project.yml', 'models/delays_by_state.sql', 'models/schema.yml']));
    await expect(exportPage.warnings).toContainText('DuckDB-only SQL');
    await exportPage.showFile('dbt_project.yml');
    await expect(exportPage.code).toHaveAttribute('data-language', 'yaml');
    await expect.poll(() => exportPage.tokenKinds()).toBeGreaterThan(1);

    await exportPage.chooseTarget('python');
    expect(await exportPage.filePaths()).toContain('run.py');
    await expect(exportPage.warnings).toBeHidden();

    await exportPage.chooseTarget('airflow');
    const folder = path.join(out, 'from-dialog');
    await exportPage.write(folder);
    await expect(exportPage.success).toContainText(`to ${folder}`);
    await expect(exportPage.success).toContainText('Wrote 13 files');

    // What the dialog wrote is byte for byte what `sluice export` writes for the same file.
    const cli = path.join(out, 'from-cli');
    execFileSync(process.execPath, [path.join(REPO, 'bin', 'sluice.js'), 'export', path.join(server.projectDir, 'flights.sluice.yaml'), '--target', 'airflow', '--out', cli]);
    const written = await tree(folder);
    expect([...written.keys()].sort()).toEqual(await exportPage.filePaths());
    expect(written).toEqual(await tree(cli));
    expect(written.get('dags/flight_delays_by_state_dag.py')).toContain('from airflow.sdk import');
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('writing into a folder that is not empty asks first, then overwrites; Esc closes the dialog', async ({ app, server }, testInfo) => {
  const exportPage = new ExportPage(app.page);
  // The command palette opens it too (export.openDialog).
  await new WorkbenchPage(app.page).runCommand('export pipeline', 'Export: Export pipeline…');
  await expect(exportPage.dialog).toBeVisible();
  await exportPage.chooseTarget('prefect');
  // A relative folder is inside the project: write once, then again into the same folder.
  await exportPage.write('exports/prefect');
  const folder = path.join(server.projectDir, 'exports', 'prefect');
  await expect(exportPage.success).toContainText(folder);
  const readme = path.join(folder, 'README.md');
  const before = await readFile(readme, 'utf8');

  await exportPage.dialog.getByTestId('export-retries').fill('2');
  await exportPage.waitForFilesOf('prefect');
  await exportPage.writeButton.click();
  await expect(exportPage.notEmpty).toContainText(`The folder ${folder} is not empty`);
  await expect(exportPage.notEmpty).toContainText('README.md');
  await app.page.screenshot({ path: testInfo.outputPath('export-not-empty.png') });
  expect(await readFile(readme, 'utf8')).toBe(before);

  await exportPage.overwriteButton.click();
  await expect(exportPage.success).toContainText(folder);
  expect(await readFile(path.join(folder, 'flow.py'), 'utf8')).toContain('"SLUICE_RETRIES", "2"');

  // A folder that is a file: a clear error naming it.
  await exportPage.write('flights.sluice.yaml');
  await expect(exportPage.writeError).toHaveText(`"${path.join(server.projectDir, 'flights.sluice.yaml')}" is a file, not a folder; choose a folder to export into`);

  // Bad options are caught as they are typed, next to the field.
  await exportPage.dialog.getByTestId('export-retries').fill('many');
  await expect(exportPage.dialog.getByTestId('export-error-retries')).toHaveText('retries is a whole number, 0 or more');
  await expect(exportPage.writeButton).toBeDisabled();

  // Focus stays in the dialog: Shift+Tab from its first control wraps to its last.
  await exportPage.dialog.getByTestId('export-close').focus();
  await app.page.keyboard.press('Shift+Tab');
  await expect(exportPage.dialog.locator(':focus')).toHaveCount(1);
  await app.page.keyboard.press('Tab');
  await expect(exportPage.dialog.getByTestId('export-close')).toBeFocused();

  await app.page.keyboard.press('Escape');
  await expect(exportPage.dialog).toBeHidden();
});

test('the toolbar button opens the dialog and Esc gives the focus back to it', async ({ app }) => {
  const exportPage = new ExportPage(app.page);
  await exportPage.open();
  await expect(exportPage.dialog.getByTestId('export-target-airflow')).toBeFocused();
  await app.page.keyboard.press('Escape');
  await expect(exportPage.dialog).toBeHidden();
  await expect(exportPage.openButton).toBeFocused();
});

test('“Export up to here” on a node exports that node and what it reads, nothing downstream', async ({ app }) => {
  const exportPage = new ExportPage(app.page);
  await app.node('delayed_flights').click({ button: 'right' });
  await app.page.getByRole('menuitem', { name: 'Export up to here…' }).click();
  await expect(exportPage.dialog).toBeVisible();
  await expect(exportPage.dialog.getByTestId('export-up-to')).toHaveText(' up to delayed_flights');
  await exportPage.chooseTarget('dbt');
  const files = await exportPage.filePaths();
  expect(files).toEqual(expect.arrayContaining(['models/delayed_flights.sql']));
  expect(files.filter((file) => /delays_by_state|airports/.test(file))).toEqual([]);
});
