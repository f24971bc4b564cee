import { expect, test } from './fixtures/sluice';
import { ProfilePage } from './pages/profile-page';

test('profile tab: stages reach full, a chart per column, a suggested check lands on the canvas', async ({ app, page }) => {
  const profile = new ProfilePage(page);
  await app.selectNode('delays_by_state');
  await profile.open();
  await profile.waitForFull('delays_by_state');
  await expect(profile.stageLabel).toHaveText('full');

  const names = await profile.columns.evaluateAll((cards) => cards.map((card) => card.getAttribute('data-column')));
  expect(names).toEqual(['state', 'delayed_flights', 'avg_delay_minutes']);
  for (const name of names) {
    // echarts draws on a canvas inside the chart box of each card.
    await expect(profile.column(name!).getByTestId('profile-chart').locator('canvas')).toHaveCount(1);
  }
  // Exact numbers of a full profile of a small relation carry no "≈".
  await expect(profile.column('state').locator('dd[data-exact="false"]')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/profile-tab.png' });

  await profile.checksView.click();
  const unique = profile.suggestion('unique:state');
  await expect(unique).toBeVisible();
  await unique.getByTestId('add-check').click();
  await expect(unique.getByTestId('check-added')).toHaveText('added as delays_by_state_unique_state');
  await expect(app.node('delays_by_state_unique_state')).toBeVisible();
  await expect(app.dirtyIndicator).toBeVisible();
});

test('a stage shows as "sample, n rows" before the full profile replaces it', async ({ app, page }) => {
  const profile = new ProfilePage(page);
  await app.selectNode('flights');
  await profile.open();
  // The sample stage of a 3M-row Parquet file arrives first; the label then turns to full.
  await expect(profile.stageLabel).toHaveText(/^sample, [\d,]+ rows$/);
  await expect(profile.column('delay').locator('dd[data-exact="false"]').first()).toBeVisible();
  await profile.waitForFull('flights');
  await expect(profile.stageLabel).toHaveText('full');
  await expect(profile.column('delay').getByTestId('profile-chart').locator('canvas')).toHaveCount(1);
});
