import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures/sluice';
import { WorkbenchPage } from './pages/workbench-page';

const SECOND_PIPELINE = `version: 1
name: Airports
nodes:
  - name: airport_list
    type: source.file
    path: data/airports.csv
`;

test.describe('command palette', () => {
  test.use({ projectFiles: { 'airports.sluice.yaml': SECOND_PIPELINE } });

  test('Ctrl+Shift+P lists commands with categories and shortcuts, filters fuzzily, and runs one with Enter', async ({ app }, testInfo) => {
    const workbench = new WorkbenchPage(app.page);
    await workbench.openCommandPalette();
    const rows = await workbench.paletteRows();
    // Every row reads "Category: Title"; the shell's own commands are there with their shortcuts.
    expect(rows.length).toBeGreaterThan(15);
    for (const row of rows) expect(row.label).toMatch(/^[A-Z][A-Za-z]*: \S/);
    expect(rows).toContainEqual({ id: 'workbench.showCommands', label: 'View: Show all commands', shortcut: 'Ctrl+Shift+P' });
    expect(rows).toContainEqual({ id: 'view.toggleBottomPanel', label: 'View: Toggle bottom panel', shortcut: 'Ctrl+J' });
    expect(rows).toContainEqual({ id: 'pipeline.save', label: 'File: Save pipeline', shortcut: 'Ctrl+S' });
    await app.page.screenshot({ path: testInfo.outputPath('palette.png') });

    // Fuzzy: "tgbtm" finds "Toggle bottom panel"; matched letters are marked.
    await workbench.paletteInput.pressSequentially('tgbtm');
    await expect(workbench.paletteItems.first()).toHaveAttribute('data-item-id', 'view.toggleBottomPanel');
    await expect(workbench.paletteItems.first().locator('mark').first()).toBeVisible();
    await expect(app.previewTab).toBeVisible();
    await app.page.keyboard.press('Enter');
    await expect(workbench.palette).toBeHidden();
    await expect(app.previewTab).toBeHidden();

    // The command just run is listed first next time ("recently used"); arrows move, Enter runs.
    await workbench.openCommandPalette();
    await expect(workbench.paletteItems.first()).toHaveAttribute('data-item-id', 'view.toggleBottomPanel');
    await expect(workbench.palette.getByText('recently used')).toBeVisible();
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowUp');
    await expect(workbench.paletteItems.first()).toHaveAttribute('aria-selected', 'true');
    await app.page.keyboard.press('Enter');
    await expect(app.previewTab).toBeVisible();

    // F1 opens it too; Esc closes it and gives the focus back.
    await app.page.keyboard.press('F1');
    await expect(workbench.palette).toBeVisible();
    await workbench.paletteInput.pressSequentially('no command is called this');
    await expect(workbench.palette.getByText('No matching commands')).toBeVisible();
    await app.page.keyboard.press('Escape');
    await expect(workbench.palette).toBeHidden();

    // The shortcut of a command works without the palette: Ctrl+B hides and shows the file tree.
    await app.canvas.click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('ControlOrMeta+B');
    await expect(workbench.fileTree).toBeHidden();
    await app.page.keyboard.press('ControlOrMeta+B');
    await expect(workbench.fileTree).toBeVisible();
  });

  test('Ctrl+P goes to a pipeline by name; deleting ">" turns the command list into the pipeline list', async ({ app }) => {
    const workbench = new WorkbenchPage(app.page);
    expect(await workbench.tabPaths()).toEqual(['airports.sluice.yaml']);
    await app.page.keyboard.press('ControlOrMeta+P');
    await expect(workbench.palette).toBeVisible();
    await expect(workbench.paletteInput).toHaveValue('');
    expect((await workbench.paletteRows()).map((row) => row.label)).toEqual(['airports.sluice.yaml', 'flights.sluice.yaml']);
    await expect(workbench.paletteItems.first()).toContainText('open');
    await workbench.paletteInput.pressSequentially('flt');
    expect((await workbench.paletteRows()).map((row) => row.label)).toEqual(['flights.sluice.yaml']);
    await app.page.keyboard.press('Enter');
    await workbench.waitForActiveTab('flights.sluice.yaml');
    await expect(app.canvasNodes).toHaveCount(5);

    await workbench.openCommandPalette();
    await app.page.keyboard.press('Backspace');
    await workbench.paletteInput.pressSequentially('airp');
    await app.page.keyboard.press('Enter');
    await workbench.waitForActiveTab('airports.sluice.yaml');
    expect(await workbench.tabPaths()).toEqual(['airports.sluice.yaml', 'flights.sluice.yaml']);

    // Open recent lists this project, marked as open.
    await workbench.runCommand('open recent', 'File: Open recent project…');
    await expect(workbench.palette).toBeVisible();
    await expect(workbench.paletteItems.first()).toContainText('project');
    await expect(workbench.paletteItems.first()).toContainText('(open)');
    await app.page.keyboard.press('Escape');
  });
});

test('themes: the OS choice by default, a picked one is kept in the settings across reloads, every panel follows', async ({ app }, testInfo) => {
  const workbench = new WorkbenchPage(app.page);
  await app.page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => workbench.theme()).toBe('light');
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => workbench.theme()).toBe('dark');
  await app.page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => workbench.theme()).toBe('light');

  await app.selectNode('delayed_flights');
  await app.waitForPreviewOf('delayed_flights');
  await app.page.screenshot({ path: testInfo.outputPath('theme-light.png') });

  await workbench.runCommand('color theme', 'Preferences: Color theme…');
  await workbench.paletteInput.pressSequentially('dark');
  await app.page.keyboard.press('Enter');
  await expect.poll(() => workbench.theme()).toBe('dark');
  // The OS says light; the picked theme wins. Monaco follows.
  await expect(app.sqlEditor.locator('.monaco-editor')).toHaveClass(/vs-dark/);
  const background = await app.page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
  expect(background).toBe('rgb(31, 31, 31)');
  await app.page.screenshot({ path: testInfo.outputPath('theme-dark.png') });
  await workbench.openCommandPalette();
  await workbench.paletteInput.pressSequentially('tog');
  await app.page.screenshot({ path: testInfo.outputPath('theme-dark-palette.png') });
  await app.page.keyboard.press('Escape');

  // Kept in SQLite: a reload comes back dark.
  await app.reload();
  await expect.poll(() => workbench.theme()).toBe('dark');
  await workbench.runCommand('toggle light dark', 'View: Toggle light/dark theme');
  await expect.poll(() => workbench.theme()).toBe('light');
  await app.reload();
  await expect.poll(() => workbench.theme()).toBe('light');
  await app.page.emulateMedia({ colorScheme: 'dark' });
  // An explicit light choice is not overridden by the OS.
  await expect.poll(() => workbench.theme()).toBe('light');
});

test('open a folder by path (serve mode), switch back through recent projects; unsaved edits wait as drafts', async ({ app, server }) => {
  const workbench = new WorkbenchPage(app.page);
  const second = path.join(path.dirname(server.projectDir), 'second-project');
  await mkdir(second);
  await writeFile(path.join(second, 'other.sluice.yaml'), SECOND_PIPELINE, 'utf8');

  await app.selectNode('delayed_flights');
  await app.replaceSql('SELECT origin FROM flights');
  await workbench.waitForDraftKept();

  await workbench.runCommand('open folder', 'File: Open folder…');
  await expect(workbench.paletteInput).toHaveValue(server.projectDir);
  await workbench.paletteInput.fill(second);
  await expect(workbench.paletteItems.first()).toContainText('Press Enter to open this folder');
  await app.page.keyboard.press('Enter');
  await expect(app.projectName).toHaveText('second-project');
  await expect.poll(() => workbench.tabPaths()).toEqual(['other.sluice.yaml']);
  await expect(workbench.treeItem('other.sluice.yaml')).toBeVisible();
  await expect(workbench.treeItem('flights.sluice.yaml')).toBeHidden();

  await workbench.runCommand('open recent', 'File: Open recent project…');
  // The list comes after a call to the host.
  await expect(workbench.paletteInput).toHaveAttribute('placeholder', 'Open a recent project');
  await expect.poll(async () => (await workbench.paletteRows()).map((row) => row.label)).toEqual(['second-project', 'project']);
  await workbench.paletteInput.pressSequentially('project');
  await expect(workbench.paletteItems.first()).toContainText(server.projectDir);
  await workbench.paletteItems.filter({ hasText: server.projectDir }).first().click();
  await expect(app.projectName).toHaveText('project');
  await expect.poll(() => workbench.tabPaths()).toEqual(['flights.sluice.yaml']);
  // The edit made before leaving is offered back.
  await expect(workbench.restoreBanner).toHaveAttribute('data-path', 'flights.sluice.yaml');
  await workbench.restoreBanner.getByTestId('restore-draft').click();
  await expect(workbench.tab('flights.sluice.yaml')).toHaveAttribute('data-dirty', 'true');
  await app.selectNode('delayed_flights');
  await expect.poll(() => app.sqlText()).toBe('SELECT origin FROM flights');
});
