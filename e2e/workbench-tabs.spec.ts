import { expect, test } from './fixtures/sluice';
import { WorkbenchPage } from './pages/workbench-page';
import { AIRPORTS_PER_STATE_PIPELINE as SMALL_PIPELINE } from './fixtures/pipelines';

test.describe('a project with two pipelines', () => {
  test.use({ projectFiles: { 'airports.sluice.yaml': SMALL_PIPELINE } });

  test('the file tree opens pipelines in tabs; edits survive switching tabs; closing a dirty tab asks first', async ({ app }, testInfo) => {
    const workbench = new WorkbenchPage(app.page);
    // The first pipeline (sorted) opens at start, laid out automatically (no layout in the file).
    expect(await workbench.tabPaths()).toEqual(['airports.sluice.yaml']);
    await expect(app.canvasNodes).toHaveCount(2);
    await expect(workbench.treeItem('flights.sluice.yaml')).toHaveAttribute('data-kind', 'pipeline');
    await expect(workbench.treeItem('data')).toHaveAttribute('data-kind', 'folder');

    await app.selectNode('per_state');
    await app.waitForPreviewOf('per_state');
    expect(await app.columnNames()).toEqual(['state', 'airports']);
    await app.replaceSql('SELECT state FROM airport_list');
    await expect(workbench.tab('airports.sluice.yaml')).toHaveAttribute('data-dirty', 'true');

    // A click in the tree opens the second pipeline beside the first; nothing is asked, nothing is lost.
    await workbench.treeItem('flights.sluice.yaml').click();
    await workbench.waitForActiveTab('flights.sluice.yaml');
    expect(await workbench.tabPaths()).toEqual(['airports.sluice.yaml', 'flights.sluice.yaml']);
    await expect(app.canvasNodes).toHaveCount(5);
    await expect(workbench.tab('airports.sluice.yaml')).toHaveAttribute('data-dirty', 'true');
    await expect(workbench.tab('flights.sluice.yaml')).toHaveAttribute('data-dirty', 'false');
    await expect(workbench.treeItem('flights.sluice.yaml')).toHaveAttribute('aria-selected', 'true');

    await app.selectNode('delayed_flights');
    await app.replaceSql('SELECT origin, delay FROM flights WHERE delay > 120');
    await expect(workbench.tab('flights.sluice.yaml')).toHaveAttribute('data-dirty', 'true');
    await expect(workbench.tab('flights.sluice.yaml').getByText('●')).toBeVisible();
    // The tree marks both unsaved pipelines too.
    await expect(workbench.treeItem('flights.sluice.yaml').getByTestId('tree-item-dirty')).toBeVisible();
    await expect(workbench.treeItem('airports.sluice.yaml').getByTestId('tree-item-dirty')).toBeVisible();
    await app.page.screenshot({ path: testInfo.outputPath('two-dirty-tabs.png') });

    // Back to the first tab (a click), and its edit is there.
    await workbench.tab('airports.sluice.yaml').click();
    await workbench.waitForActiveTab('airports.sluice.yaml');
    await expect(app.canvasNodes).toHaveCount(2);
    await app.selectNode('per_state');
    await expect.poll(() => app.sqlText()).toBe('SELECT state FROM airport_list');

    // And to the second with the keyboard: its edit and selection came along.
    await app.canvas.click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('Control+PageDown');
    await workbench.waitForActiveTab('flights.sluice.yaml');
    await expect(app.page.getByTestId('panel-node-name')).toHaveText('delayed_flights');
    await expect.poll(() => app.sqlText()).toBe('SELECT origin, delay FROM flights WHERE delay > 120');
    await app.page.keyboard.press('Control+PageUp');
    await workbench.waitForActiveTab('airports.sluice.yaml');

    // Closing a tab with unsaved edits asks; cancelling keeps it.
    app.page.once('dialog', (dialog) => void dialog.dismiss());
    await workbench.tab('flights.sluice.yaml').hover();
    await workbench.tab('flights.sluice.yaml').getByTestId('editor-tab-close').click();
    expect(await workbench.tabPaths()).toEqual(['airports.sluice.yaml', 'flights.sluice.yaml']);

    // Mod+W closes the active tab; agreeing discards its edits and shows the neighbour.
    await app.page.keyboard.press('Control+PageDown');
    await workbench.waitForActiveTab('flights.sluice.yaml');
    app.page.once('dialog', (dialog) => void dialog.accept());
    await app.page.keyboard.press('ControlOrMeta+W');
    await expect.poll(() => workbench.tabPaths()).toEqual(['airports.sluice.yaml']);
    await workbench.waitForActiveTab('airports.sluice.yaml');
    await expect(workbench.tab('airports.sluice.yaml')).toHaveAttribute('data-dirty', 'true');

    // Reopened (Ctrl+Shift+T, as in VS Code), the closed pipeline is as on disk.
    await app.canvas.click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('ControlOrMeta+Shift+T');
    await workbench.waitForActiveTab('flights.sluice.yaml');
    await app.selectNode('delayed_flights');
    await expect.poll(() => app.sqlText()).toContain('WHERE delay > 15');
    await expect(workbench.tab('flights.sluice.yaml')).toHaveAttribute('data-dirty', 'false');
    // Its discarded edits are not offered back.
    await workbench.waitForDraftCheck(3);
    await expect(workbench.restoreBanner).toBeHidden();
  });
});

test('a data file dragged from the tree onto the canvas becomes a File source', async ({ app }, testInfo) => {
  const workbench = new WorkbenchPage(app.page);
  // Folders without pipelines start closed.
  await expect(workbench.treeItem('data')).toHaveAttribute('aria-expanded', 'false');
  await expect(workbench.treeItem('data/airports.csv')).toBeHidden();
  await workbench.treeItem('data').click();
  await expect(workbench.treeItem('data')).toHaveAttribute('aria-expanded', 'true');
  const csv = workbench.treeItem('data/airports.csv');
  await expect(csv).toHaveAttribute('draggable', 'true');
  await expect(csv).toHaveAttribute('data-kind', 'data');
  // An expression in a string: the e2e tsconfig has no DOM types, the page has DataTransfer and DragEvent.
  const carried: unknown = await app.page.evaluate(`(() => {
    const element = document.querySelector('[data-testid="tree-item"][data-path="data/airports.csv"]');
    const dataTransfer = new DataTransfer();
    element.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer }));
    return { file: dataTransfer.getData('application/x-sluice-file'), text: dataTransfer.getData('text/plain') };
  })()`);
  expect(carried).toEqual({ file: 'data/airports.csv', text: 'data/airports.csv' });
  // Dropped on the canvas, it becomes a File source reading it (a second one: the sample already has airports).
  await csv.dragTo(app.canvas, { targetPosition: { x: 320, y: 460 } });
  await expect(app.canvasNodes).toHaveCount(6);
  await expect(app.node('airports_2')).toHaveAttribute('data-type', 'source.file');
  await expect(app.node('airports_2')).toContainText('data/airports.csv');
  await app.page.keyboard.press('ControlOrMeta+Z');
  await expect(app.canvasNodes).toHaveCount(5);
  // A pipeline is opened by a click, not dragged.
  await expect(workbench.treeItem('flights.sluice.yaml')).not.toHaveAttribute('draggable', 'true');

  // With the last tab closed, the editor area lists the project's pipelines.
  await app.canvas.click({ position: { x: 5, y: 5 } });
  await app.page.keyboard.press('ControlOrMeta+W');
  await expect(workbench.noPipeline).toBeVisible();
  expect(await workbench.tabPaths()).toEqual([]);
  await app.page.screenshot({ path: testInfo.outputPath('no-pipeline.png') });
  await workbench.noPipeline.getByRole('button', { name: 'flights.sluice.yaml' }).click();
  await workbench.waitForActiveTab('flights.sluice.yaml');
  await expect(app.canvasNodes).toHaveCount(5);
});
