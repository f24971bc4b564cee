import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { expect, test } from './fixtures/sluice';
import { CanvasPage } from './pages/canvas-page';

const PIPELINE_FILE = 'flights.sluice.yaml';
const SAMPLE = ['airports', 'delayed_flights', 'delays_by_state', 'delays_by_state_file', 'flights'];

test('dragging a type from the palette creates a node at the drop point; undo and redo', async ({ app, page }, testInfo) => {
  const canvas = new CanvasPage(page);
  await canvas.openPalette();
  await canvas.paletteSearch.fill('lim');
  await expect(canvas.palette.getByRole('button', { name: 'Limit' })).toBeVisible();
  await expect(canvas.paletteItem('transform.filter')).toBeHidden();
  await canvas.dragFromPalette('transform.limit', { x: 300, y: 420 });
  await expect(canvas.node('limit')).toBeVisible();
  await expect(canvas.node('limit')).toHaveAttribute('data-type', 'transform.limit');
  // Dropped where the pointer was: the card's header is under it.
  const pane = (await canvas.pane.boundingBox())!;
  const card = (await canvas.node('limit').boundingBox())!;
  expect(Math.abs(card.x + card.width / 2 - (pane.x + 300))).toBeLessThan(40);
  expect(Math.abs(card.y - (pane.y + 420))).toBeLessThan(40);
  await expect(app.dirtyIndicator).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('palette-drop.png') });

  await canvas.press('ControlOrMeta+Z');
  await expect(canvas.node('limit')).toHaveCount(0);
  await expect(app.dirtyIndicator).toBeHidden();
  await canvas.press('ControlOrMeta+Shift+Z');
  await expect(canvas.node('limit')).toBeVisible();
  await canvas.undoButton.click();
  await expect(canvas.node('limit')).toHaveCount(0);
  await canvas.press('ControlOrMeta+Y');
  await expect(canvas.node('limit')).toBeVisible();
});

test('clicking a palette entry adds a node that reads the selected one, and it saves', async ({ app, page, server }) => {
  const canvas = new CanvasPage(page);
  await app.selectNode('delays_by_state');
  await canvas.openPalette();
  await canvas.paletteItem('check.row_count').click();
  await expect(canvas.node('row_count_check')).toBeVisible();
  await expect(canvas.edge('delays_by_state', 'row_count_check')).toHaveCount(1);
  await app.saveWithKeyboard();
  await expect(app.dirtyIndicator).toBeHidden();
  const saved = parse(await readFile(path.join(server.projectDir, PIPELINE_FILE), 'utf8')) as { nodes: { name: string; inputs?: string[]; min?: number }[] };
  expect(saved.nodes.find((n) => n.name === 'row_count_check')).toMatchObject({ inputs: ['delays_by_state'], min: 1 });
});

test('connecting two nodes adds an input; a cycle is refused with the reason; an edge deletes and undoes', async ({ app, page }, testInfo) => {
  const canvas = new CanvasPage(page);
  await canvas.openPalette();
  await canvas.paletteItem('transform.sql').click();
  await expect(canvas.node('query')).toBeVisible();
  await canvas.closePalette();
  await canvas.connect('airports', 'query');
  await expect(canvas.edge('airports', 'query')).toHaveCount(1);

  await canvas.connect('delays_by_state', 'delayed_flights');
  await expect(canvas.message).toContainText('cycle');
  await expect(canvas.message).toContainText('delayed_flights → delays_by_state → delayed_flights');
  await expect(canvas.edge('delays_by_state', 'delayed_flights')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('refused-cycle.png') });

  await canvas.connect('flights', 'delays_by_state_file');
  await expect(canvas.message).toContainText('reads exactly one input');

  await canvas.edge('airports', 'query').click();
  await canvas.press('Delete');
  await expect(canvas.edge('airports', 'query')).toHaveCount(0);
  await canvas.press('ControlOrMeta+Z');
  await expect(canvas.edge('airports', 'query')).toHaveCount(1);
  void app;
});

test('delete with the keyboard and undo brings the node and its edges back', async ({ app, page }) => {
  const canvas = new CanvasPage(page);
  await app.selectNode('delayed_flights');
  await canvas.press('Delete');
  await expect(canvas.node('delayed_flights')).toHaveCount(0);
  await expect(canvas.edge('flights', 'delayed_flights')).toHaveCount(0);
  await canvas.press('ControlOrMeta+Z');
  await expect(canvas.node('delayed_flights')).toBeVisible();
  await expect(canvas.edge('flights', 'delayed_flights')).toHaveCount(1);
  await expect(canvas.edge('delayed_flights', 'delays_by_state')).toHaveCount(1);
  await expect(app.dirtyIndicator).toBeHidden();
  expect(await canvas.nodeNames()).toEqual(SAMPLE);
});

test('rename inline rewrites inputs, warns about SQL that still names the node, and undoes', async ({ app, page }, testInfo) => {
  const canvas = new CanvasPage(page);
  await canvas.rename('delayed_flights', 'late_flights');
  await expect(canvas.node('late_flights')).toBeVisible();
  await expect(canvas.edge('late_flights', 'delays_by_state')).toHaveCount(1);
  await expect(canvas.message).toContainText('The SQL of delays_by_state still says delayed_flights');
  await page.screenshot({ path: testInfo.outputPath('rename.png') });

  await app.selectNode('airports');
  await canvas.press('F2');
  const input = canvas.node('airports').getByTestId('rename-input');
  await input.fill('flights');
  await input.press('Enter');
  await expect(canvas.node('airports').getByTestId('rename-problem')).toContainText('already exists');
  await input.press('Escape');

  await canvas.pane.click({ position: { x: 20, y: 20 } });
  await canvas.press('ControlOrMeta+Z');
  await expect(canvas.node('delayed_flights')).toBeVisible();
  await expect(canvas.node('late_flights')).toHaveCount(0);
  void app;
});

test('copy and paste, duplicate, and box plus shift-click selection', async ({ app, page }, testInfo) => {
  const canvas = new CanvasPage(page);
  await app.selectNode('delays_by_state');
  await canvas.press('ControlOrMeta+C');
  await canvas.press('ControlOrMeta+V');
  await expect(canvas.node('delays_by_state_2')).toBeVisible();
  // A pasted node keeps reading the nodes it read.
  await expect(canvas.edge('delayed_flights', 'delays_by_state_2')).toHaveCount(1);

  await canvas.shiftClick('flights');
  await canvas.shiftClick('delayed_flights');
  await expect(canvas.canvas.locator('.react-flow__node.selected')).toHaveCount(3);
  await canvas.press('ControlOrMeta+D');
  await expect(canvas.node('flights_2')).toBeVisible();
  await expect(canvas.node('delayed_flights_2')).toBeVisible();
  // Copies read each other, not the originals.
  await expect(canvas.edge('flights_2', 'delayed_flights_2')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('duplicate.png') });
  await canvas.press('ControlOrMeta+Z');
  await expect(canvas.node('flights_2')).toHaveCount(0);
  await expect(canvas.node('delays_by_state_2')).toBeVisible();
});

test('the context menu previews a node and runs to it', async ({ app, page }, testInfo) => {
  const canvas = new CanvasPage(page);
  await canvas.openMenu('airports');
  await page.screenshot({ path: testInfo.outputPath('context-menu.png') });
  await canvas.menu.getByTestId('node-menu-preview').click();
  await expect(canvas.menu).toBeHidden();
  await app.waitForPreviewOf('airports');
  await expect(canvas.node('airports')).toHaveAttribute('data-status', 'previewed');

  await canvas.openMenu('delayed_flights');
  await canvas.menu.getByTestId('node-menu-run-to-here').click();
  await expect(canvas.node('delayed_flights')).toHaveAttribute('data-status', /succeeded|cached/, { timeout: 60_000 });
  await expect(canvas.node('flights')).toHaveAttribute('data-status', /succeeded|cached/);
  // Only what delayed_flights reads ran.
  await expect(canvas.node('delays_by_state')).toHaveAttribute('data-status', 'idle');
  // In short form, to fit between the cards (the card shows 3,000,000).
  await expect(canvas.edge('flights', 'delayed_flights')).toContainText('3M rows');
  await page.screenshot({ path: testInfo.outputPath('run-to-here.png') });
});

test('a node still without its input does not block previews of the others, and is refused by save with its name', async ({ app, page }) => {
  const canvas = new CanvasPage(page);
  await canvas.openPalette();
  await canvas.dragFromPalette('transform.sql', { x: 300, y: 420 });
  await expect(canvas.node('query')).toBeVisible();
  await canvas.closePalette();
  await app.selectNode('delayed_flights');
  await app.previewButton.click();
  await app.waitForPreviewOf('delayed_flights');
  expect(await app.columnNames()).toEqual(['date', 'delay', 'distance', 'origin', 'destination']);
  await app.saveWithKeyboard();
  await app.logTab.click();
  await expect(app.logPanel).toContainText('node "query"');
  await expect(app.dirtyIndicator).toBeVisible();
  // Autosave keeps the unfinished document all the same (hot exit).
  await expect(page.getByText('changes kept', { exact: true })).toBeVisible();
});
