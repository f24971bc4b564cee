import { expect, test } from './fixtures/sluice';

test('editing SQL in Monaco and pressing Ctrl+Enter previews the new SQL', async ({ app }, testInfo) => {
  await app.selectNode('delayed_flights');
  await app.waitForPreviewOf('delayed_flights');
  expect(await app.columnNames()).toEqual(['date', 'delay', 'distance', 'origin', 'destination']);
  await expect(app.dirtyIndicator).toBeHidden();

  await app.replaceSql('SELECT origin, count(*) AS departures\nFROM flights\nGROUP BY origin\nORDER BY departures DESC, origin');
  await expect(app.dirtyIndicator).toBeVisible();
  await expect(app.page.getByText('SQL edited since this preview')).toBeVisible();
  await app.page.keyboard.press('ControlOrMeta+Enter');

  await expect.poll(() => app.columnNames()).toEqual(['origin', 'departures']);
  await expect(app.gridColumns.nth(1)).toContainText('BIGINT');
  const [origin, departures] = await app.rowValues(0);
  expect(origin).toMatch(/^[A-Z]{3}$/);
  expect(Number(departures)).toBeGreaterThan(10_000);
  await expect(app.page.getByText('SQL edited since this preview')).toBeHidden();
  await app.page.screenshot({ path: testInfo.outputPath('edited.png') });

  // The Preview button does the same as the shortcut.
  await app.replaceSql('SELECT origin FROM flights LIMIT 3');
  await app.previewButton.click();
  await expect.poll(() => app.columnNames()).toEqual(['origin']);
  await expect(app.previewStatus).toContainText('3 rows');
});

test('bad SQL shows an error on the node and in the SQL pane, and fixing it recovers', async ({ app }, testInfo) => {
  await app.selectNode('delays_by_state');
  await app.replaceSql('SELECT state,\nno_such_column\nFROM airports');
  await app.page.keyboard.press('ControlOrMeta+Enter');

  await expect(app.node('delays_by_state')).toHaveAttribute('data-status', 'failed');
  await expect(app.nodeError('delays_by_state')).toContainText('no_such_column');
  await expect(app.panelError).toContainText('no_such_column');
  await expect(app.panelError).toContainText('line 2');
  await expect(app.sqlErrorMarkers).toHaveCount(1);
  await expect(app.previewError).toContainText('no_such_column');
  await app.page.screenshot({ path: testInfo.outputPath('sql-error.png') });

  // The rest of the app keeps working.
  await app.selectNode('airports');
  await app.waitForPreviewOf('airports');
  await expect(app.gridRows.first()).toBeVisible();
  await expect(app.nodeError('delays_by_state')).toBeVisible();

  await app.selectNode('delays_by_state');
  await expect(app.panelError).toBeVisible();
  await app.replaceSql('SELECT state, count(*) AS airports\nFROM airports\nGROUP BY state\nORDER BY airports DESC');
  await app.previewButton.click();
  await expect(app.node('delays_by_state')).toHaveAttribute('data-status', 'previewed');
  await expect(app.nodeError('delays_by_state')).toBeHidden();
  await expect(app.panelError).toBeHidden();
  await expect(app.sqlErrorMarkers).toHaveCount(0);
  await expect.poll(() => app.columnNames()).toEqual(['state', 'airports']);
  await app.page.screenshot({ path: testInfo.outputPath('sql-fixed.png') });
});

test('an error in an upstream node is shown on that node', async ({ app }) => {
  await app.selectNode('delayed_flights');
  await app.replaceSql('SELECT delay FROM flights WHERE nonsense > 1');
  await app.selectNode('delays_by_state');
  await expect(app.node('delayed_flights')).toHaveAttribute('data-status', 'failed');
  await expect(app.nodeError('delayed_flights')).toContainText('nonsense');
  await expect(app.nodeError('delays_by_state')).toBeHidden();
  await expect(app.panelError).toContainText('Input "delayed_flights" failed');
});
