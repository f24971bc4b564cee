import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures/sluice';
import { ProfilePage } from './pages/profile-page';

// A node whose every stage must aggregate about a billion rows: its profile is still in flight when the selection moves on.
const sample = readFileSync(path.join(import.meta.dirname, '..', 'resources', 'sample-project', 'flights.sluice.yaml'), 'utf8');
const withSlowNode = sample.replace(
  /\nlayout:\n/,
  `
  - name: slow
    type: transform.sql
    inputs: [ airports ]
    sql: |
      SELECT a.state, sum(hash(a.iata, r.range)) AS h
      FROM airports AS a, range(300000) AS r
      GROUP BY a.state
layout:
  slow: { x: 280, y: 320 }
`,
);

test.use({ projectFiles: { 'flights.sluice.yaml': withSlowNode } });

test('selecting another node cancels the profile in flight', async ({ app, page }) => {
  expect(withSlowNode).toContain('name: slow');
  const profile = new ProfilePage(page);
  await app.selectNode('slow');
  await profile.open();
  // The metadata arrived and the sample stage is running: the request is in flight in the engine.
  await expect(profile.stageStep('metadata')).toHaveAttribute('data-state', 'done');
  await expect(profile.stageStep('sample')).toHaveAttribute('data-state', 'running');

  await app.selectNode('airports');
  await profile.waitForFull('airports');

  // The host answered the superseded request with "cancelled" (the log says so only then).
  await app.logTab.click();
  await expect(app.logPanel).toContainText('profile of slow cancelled: airports was selected');
  await expect(app.logPanel).not.toContainText('profile of slow failed');
});

test('editing the node cancels its profile in flight and marks the profile stale', async ({ app, page }) => {
  const profile = new ProfilePage(page);
  await app.selectNode('slow');
  await profile.open();
  await expect(profile.stageStep('sample')).toHaveAttribute('data-state', 'running');

  await app.replaceSql('SELECT state, count(*) AS airports FROM airports GROUP BY state');
  await expect(profile.stageStep('sample')).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('profile-stale')).toBeVisible();

  await profile.againButton.click();
  await profile.waitForFull('slow');
  await expect(profile.column('airports').getByTestId('profile-chart').locator('canvas')).toHaveCount(1);
  await app.logTab.click();
  await expect(app.logPanel).toContainText('profile of slow cancelled: slow was edited');
});

test('leaving the profile tab cancels the profile in flight', async ({ app, page }) => {
  const profile = new ProfilePage(page);
  await app.selectNode('slow');
  await profile.open();
  await expect(profile.stageStep('sample')).toHaveAttribute('data-state', 'running');

  await app.logTab.click();
  await expect(app.logPanel).toContainText('profile of slow cancelled: the profile tab was closed');
  // Coming back profiles again rather than showing the cancelled state.
  await profile.open();
  await expect(profile.stageStep('sample')).toHaveAttribute('data-state', 'running');
});
