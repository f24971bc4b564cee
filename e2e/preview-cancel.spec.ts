import { expect, test } from './fixtures/sluice';

test('a newer preview supersedes and cancels a slow one', async ({ app }) => {
  await app.selectNode('delayed_flights');
  await app.waitForPreviewOf('delayed_flights');
  // A trillion-row cross join: minutes of work unless it is interrupted.
  await app.replaceSql('SELECT sum(a.range * b.range) AS s\nFROM range(1000000) AS a, range(1000000) AS b');
  await app.previewButton.click();
  await expect(app.node('delayed_flights')).toHaveAttribute('data-status', 'previewing');
  await expect(app.previewStatus).toHaveAttribute('data-state', 'loading');

  const cancelled = app.page.waitForResponse((response) => response.url().includes('/api/engine:cancel-request'));
  await app.selectNode('airports');
  // The host found the slow request still running and interrupted it.
  expect(await (await cancelled).json()).toEqual({ ok: true, value: { cancelled: true } });
  await app.waitForPreviewOf('airports');
  await expect(app.gridRows.first()).toBeVisible();
  // The superseded preview is gone from the canvas, not left spinning or marked failed.
  await expect(app.node('delayed_flights')).not.toHaveAttribute('data-status', /previewing|failed/);

  // The engine is free again: the next preview of the big file is quick.
  await app.selectNode('flights');
  await app.waitForPreviewOf('flights');
  await expect(app.previewStatus).toContainText('3,000,000 rows');
});
