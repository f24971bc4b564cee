import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures/sluice';
import { CanvasPage } from './pages/canvas-page';

const CSV = 'city,visits\nSeattle,3\nPortland,5\n';

test('a data file dropped from the OS becomes a File source, copied into data/ (serve mode has no paths)', async ({ app, page, server }, testInfo) => {
  const canvas = new CanvasPage(page);
  await canvas.dropFile('City Visits.csv', CSV, { x: 260, y: 380 });
  await expect(canvas.node('city_visits')).toBeVisible();
  await expect(canvas.node('city_visits')).toHaveAttribute('data-type', 'source.file');
  await expect(canvas.node('city_visits')).toContainText('data/City Visits.csv');
  await expect(canvas.message).toContainText('Copied City Visits.csv into the project as data/City Visits.csv');
  expect(await readFile(path.join(server.projectDir, 'data', 'City Visits.csv'), 'utf8')).toBe(CSV);

  await app.selectNode('city_visits');
  await app.waitForPreviewOf('city_visits');
  expect(await app.columnNames()).toEqual(['city', 'visits']);
  expect(await app.rowValues(1)).toEqual(['Portland', '5']);
  await page.screenshot({ path: testInfo.outputPath('file-drop.png') });

  // The same file again is reused, not copied twice.
  await canvas.dropFile('City Visits.csv', CSV, { x: 260, y: 520 });
  await expect(canvas.node('city_visits_2')).toBeVisible();
  await expect(canvas.message).toContainText('already in the project as data/City Visits.csv');

  await canvas.dropFile('notes.md', '# not data', { x: 300, y: 300 });
  await expect(canvas.message).toContainText('notes.md is not a data file');
});

test('a previewed node turns stale when it or what it reads changes, and fresh again on undo', async ({ app, page }) => {
  const canvas = new CanvasPage(page);
  await app.selectNode('delayed_flights');
  await app.waitForPreviewOf('delayed_flights');
  await expect(canvas.node('delayed_flights')).toHaveAttribute('data-status', 'previewed');
  await expect(canvas.node('delayed_flights').getByTestId('node-status')).toHaveText('ok');

  await canvas.rename('flights', 'all_flights');
  await expect(canvas.node('delayed_flights')).toHaveAttribute('data-stale', 'true');
  await expect(canvas.node('delayed_flights').getByTestId('node-status')).toHaveText('stale');
  await canvas.pane.click({ position: { x: 30, y: 30 } });
  await canvas.press('ControlOrMeta+Z');
  await expect(canvas.node('delayed_flights')).not.toHaveAttribute('data-stale', 'true');
  await expect(canvas.node('delayed_flights').getByTestId('node-status')).toHaveText('ok');
});

test('auto-layout is one undo step; the minimap is drawn', async ({ app, page }) => {
  const canvas = new CanvasPage(page);
  await expect(canvas.minimap).toBeVisible();
  await expect(canvas.minimap.locator('.react-flow__minimap-node')).toHaveCount(5);
  const before = await canvas.node('airports').boundingBox();
  await canvas.layoutButton.click();
  await expect(app.dirtyIndicator).toBeVisible();
  await expect.poll(async () => JSON.stringify(await canvas.node('airports').boundingBox())).not.toBe(JSON.stringify(before));
  await canvas.undoButton.click();
  await expect(app.dirtyIndicator).toBeHidden();
});

test('SQL typed in the editor is one undo step on the canvas', async ({ app, page }) => {
  const canvas = new CanvasPage(page);
  await app.selectNode('delayed_flights');
  // Monaco loads after the panel shows the node: read the SQL once it is on screen.
  await expect.poll(() => app.sqlText()).toContain('WHERE delay > 15');
  const original = await app.sqlText();
  await app.sqlEditor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('SELECT 1 AS one');
  await expect(app.dirtyIndicator).toBeVisible();
  await canvas.pane.click({ position: { x: 30, y: 30 } });
  await canvas.press('ControlOrMeta+Z');
  await expect(app.dirtyIndicator).toBeHidden();
  await app.selectNode('delayed_flights');
  await expect.poll(() => app.sqlText()).toBe(original);
  await canvas.press('ControlOrMeta+Shift+Z');
  await expect.poll(() => app.sqlText()).toBe('SELECT 1 AS one');
});

test('grouped nodes collapse to one card that takes their edges, saved in the file, and undo', async ({ app, page, server }, testInfo) => {
  const canvas = new CanvasPage(page);
  await app.selectNode('flights');
  await canvas.shiftClick('delayed_flights');
  await canvas.press('ControlOrMeta+G');
  const group = page.getByTestId('group-group');
  await expect(group).toHaveAttribute('data-collapsed', 'false');
  await page.screenshot({ path: testInfo.outputPath('group-open.png') });
  // The frame follows a member while it is dragged, not only once it is dropped.
  await canvas.pane.click({ position: { x: 30, y: 30 } });
  const frameBefore = (await group.boundingBox())!;
  const card = (await canvas.node('flights').boundingBox())!;
  await page.mouse.move(card.x + 60, card.y + 12);
  await page.mouse.down();
  await page.mouse.move(card.x + 60, card.y + 132, { steps: 6 });
  await expect.poll(async () => (await group.boundingBox())!.height).toBeGreaterThan(frameBefore.height + 60);
  await page.screenshot({ path: testInfo.outputPath('group-drag.png') });
  await page.mouse.up();
  await canvas.press('ControlOrMeta+Z');
  await expect.poll(async () => (await group.boundingBox())!.height).toBeCloseTo(frameBefore.height, 0);
  await group.getByTestId('group-collapse').click();
  await expect(group).toHaveAttribute('data-collapsed', 'true');
  await expect(canvas.node('flights')).toBeHidden();
  await expect(canvas.node('delayed_flights')).toBeHidden();
  await expect(group).toContainText('2 nodes');
  await expect(canvas.edge('\u001egroup:group', 'delays_by_state')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('group-collapsed.png') });

  await app.saveWithKeyboard();
  await expect(app.dirtyIndicator).toBeHidden();
  const { readFile: read } = await import('node:fs/promises');
  const text = await read(path.join(server.projectDir, 'flights.sluice.yaml'), 'utf8');
  expect(text).toContain('groups:\n  group:\n    nodes: [ flights, delayed_flights ]\n    collapsed: true\n');

  await canvas.pane.click({ position: { x: 30, y: 30 } });
  await canvas.press('ControlOrMeta+Z');
  await expect(group).toHaveAttribute('data-collapsed', 'false');
  await expect(canvas.node('flights')).toBeVisible();
  await canvas.press('ControlOrMeta+Z');
  await expect(group).toHaveCount(0);
});

test('a Shift+drag box selects the nodes inside it, and Delete removes them in one undo step', async ({ app, page }) => {
  const canvas = new CanvasPage(page);
  const flights = (await canvas.node('flights').boundingBox())!;
  const airports = (await canvas.node('airports').boundingBox())!;
  // Drawn from the bottom-right corner towards the pane's left edge: React Flow pans the view
  // while the pointer is near an edge during a box selection, and a pan at the box's start would
  // move the cards out from under its far corner (the box is anchored in flow coordinates, so a
  // pan at its end only makes it bigger).
  await page.keyboard.down('Shift');
  await page.mouse.move(airports.x + airports.width + 12, airports.y + airports.height + 12);
  await page.mouse.down();
  await page.mouse.move(flights.x - 12, flights.y - 12, { steps: 10 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(canvas.canvas.locator('.react-flow__node.selected')).toHaveCount(2);
  await canvas.press('Delete');
  await expect(canvas.node('flights')).toHaveCount(0);
  await expect(canvas.node('airports')).toHaveCount(0);
  await canvas.press('ControlOrMeta+Z');
  await expect(canvas.node('flights')).toBeVisible();
  await expect(canvas.node('airports')).toBeVisible();
  void app;
});
