import { expect, test } from './fixtures/sluice';

const SAMPLE_NODES = ['flights', 'airports', 'delayed_flights', 'delays_by_state', 'delays_by_state_file'];

test('opens the sample project and shows its five nodes', async ({ app }, testInfo) => {
  await expect(app.projectName).toHaveText('project');
  await expect(app.canvasNodes).toHaveCount(SAMPLE_NODES.length);
  for (const name of SAMPLE_NODES) await expect(app.node(name)).toBeVisible();
  await expect(app.node('flights')).toContainText('data/flights-3m.parquet');
  await expect(app.node('delays_by_state_file')).toContainText('out/delays_by_state.parquet');
  await expect(app.engineStatus).toHaveAttribute('data-state', 'ready');
  await app.page.screenshot({ path: testInfo.outputPath('opened.png') });
});

test('clicking a node previews its rows in the grid', async ({ app }, testInfo) => {
  await app.selectNode('airports');
  await app.waitForPreviewOf('airports');
  expect(await app.columnNames()).toEqual(['iata', 'name', 'city', 'state', 'country', 'latitude', 'longitude']);
  await expect(app.gridColumns.first()).toContainText('VARCHAR');
  await expect(app.gridRows.first()).toBeVisible();
  expect(await app.rowValues(0)).toEqual(['00M', 'Thigpen', 'Bay Springs', 'MS', 'USA', '31.95376472', '-89.23450472']);
  // 3,376 airports: the preview brings the first 1,000, the grid pages through all of them.
  await expect(app.previewStatus).toContainText('3,376 rows');
  await expect(app.node('airports').getByTestId('node-rows')).toContainText('3,376 rows');

  await app.selectNode('delays_by_state');
  await app.waitForPreviewOf('delays_by_state');
  expect(await app.columnNames()).toEqual(['state', 'delayed_flights', 'avg_delay_minutes']);
  await expect(app.gridRows.first()).toBeVisible();
  await expect(app.node('delays_by_state')).toHaveAttribute('data-status', 'previewed');
  await app.page.screenshot({ path: testInfo.outputPath('preview.png') });
});

test('the grid scrolls through all rows without rendering them all', async ({ app }) => {
  await app.selectNode('flights');
  await app.waitForPreviewOf('flights');
  await expect(app.previewStatus).toContainText('3,000,000 rows');
  const rendered = await app.gridRows.count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(200);
  await app.grid.evaluate((element) => (element.scrollTop = element.scrollHeight));
  await expect(app.grid.locator('[aria-rowindex="3000001"]')).toBeVisible();
});

test('Run shows every node succeed and writes the sink file', async ({ app, server }, testInfo) => {
  await app.runButton.click();
  for (const name of SAMPLE_NODES) await expect(app.node(name)).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
  await expect(app.node('delays_by_state').getByTestId('node-rows')).toContainText('rows');
  await expect(app.page.getByTestId('run-summary')).toContainText('Run succeeded: 5 of 5 ok');
  // Host log lines arrive over the event socket.
  await app.logTab.click();
  await expect(app.logPanel).toContainText(/run run-\S+ succeeded/);
  const { stat } = await import('node:fs/promises');
  const written = await stat(`${server.projectDir}/out/delays_by_state.parquet`);
  expect(written.size).toBeGreaterThan(0);
  await app.page.screenshot({ path: testInfo.outputPath('run.png') });
});

test('follows the dark colour scheme', async ({ app }, testInfo) => {
  const background = () => app.page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
  const light = await background();
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).not.toBe(light);
  await app.selectNode('delays_by_state');
  await app.waitForPreviewOf('delays_by_state');
  await expect(app.sqlEditor.locator('.monaco-editor.vs-dark')).toBeVisible();
  await app.page.screenshot({ path: testInfo.outputPath('dark.png') });
});
