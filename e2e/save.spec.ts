import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { expect, test } from './fixtures/sluice';

const PIPELINE_FILE = 'flights.sluice.yaml';

test('a saved SQL edit is on disk and survives a reload', async ({ app, server }, testInfo) => {
  await app.selectNode('delayed_flights');
  await app.replaceSql('SELECT date, delay, origin\nFROM flights\nWHERE delay > 60');
  await expect(app.dirtyIndicator).toBeVisible();
  await app.saveWithKeyboard();
  await expect(app.dirtyIndicator).toBeHidden();

  const saved = parse(await readFile(path.join(server.projectDir, PIPELINE_FILE), 'utf8')) as { nodes: { name: string; sql?: string }[] };
  const node = saved.nodes.find((n) => n.name === 'delayed_flights');
  expect(node?.sql?.trim()).toBe('SELECT date, delay, origin\nFROM flights\nWHERE delay > 60');

  await app.reload();
  await app.selectNode('delayed_flights');
  await expect.poll(() => app.sqlText()).toContain('WHERE delay > 60');
  await app.waitForPreviewOf('delayed_flights');
  expect(await app.columnNames()).toEqual(['date', 'delay', 'origin']);
  await app.page.screenshot({ path: testInfo.outputPath('after-reload.png') });
});

test('the Save button writes a moved node position to the layout', async ({ app, server }) => {
  const node = app.node('airports');
  const before = await node.boundingBox();
  expect(before).not.toBeNull();
  await app.page.mouse.move(before!.x + 60, before!.y + 12);
  await app.page.mouse.down();
  await app.page.mouse.move(before!.x + 90, before!.y + 80, { steps: 8 });
  await app.page.mouse.up();
  await expect(app.dirtyIndicator).toBeVisible();
  await app.saveButton.click();
  await expect(app.dirtyIndicator).toBeHidden();

  const saved = parse(await readFile(path.join(server.projectDir, PIPELINE_FILE), 'utf8')) as { layout: Record<string, { x: number; y: number }> };
  expect(saved.layout.airports!.y).toBeGreaterThan(200);
  expect(saved.layout.airports!.x).toBeGreaterThan(0);
  expect(saved.layout.flights).toEqual({ x: 0, y: 0 });
});
