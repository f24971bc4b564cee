import { expect, test } from './fixtures/sluice';
import { ProfilePage } from './pages/profile-page';
import { SluicePage } from './pages/sluice-page';

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

  // The preview grid's headers draw each profiled column's histogram (the key column "state" has none to draw).
  await app.selectNode('delays_by_state');
  await app.previewTab.click();
  await app.previewButton.click();
  await app.waitForPreviewOf('delays_by_state');
  await expect(app.grid.getByTestId('column-header-chart').locator('canvas')).toHaveCount(2);
});

test('a preview draws distributions in the column headers without a visit to the Profile tab, of the rows it shows', async ({ app, page }) => {
  await app.selectNode('delays_by_state');
  await app.waitForPreviewOf('delays_by_state');
  // Two of three columns: the key column "state" has no distribution worth drawing in a header.
  await expect(app.grid.getByTestId('column-header-chart').locator('canvas')).toHaveCount(2);
  await expect(app.grid.locator('[data-column="delayed_flights"]').getByTestId('column-header-chart')).toBeVisible();
  // A header without a chart keeps the chart's room: rows stay put under the pointer while charts arrive.
  const slots = app.grid.locator('[role="columnheader"] .column-header-chart-slot');
  const heights = await slots.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().height));
  expect(heights).toEqual([24, 24, 24]);
  await expect(app.grid.locator('[data-column="state"] .column-header-chart-slot canvas')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/header-charts.png' });

  // The SQL changes: the grid keeps the old rows (marked as such) and their distributions; the next preview brings the new ones.
  await app.replaceSql(`SELECT a.state, count(*) AS delayed_flights, max(f.delay) AS worst_delay_minutes
FROM delayed_flights AS f
JOIN airports AS a ON a.iata = f.origin
GROUP BY a.state`);
  await expect(app.previewStatus).toContainText('SQL edited since this preview');
  await expect(app.grid.getByTestId('column-header-chart').locator('canvas')).toHaveCount(2);
  await app.previewButton.click();
  await app.waitForPreviewOf('delays_by_state');
  await expect(app.grid.locator('[data-column="worst_delay_minutes"]').getByTestId('column-header-chart').locator('canvas')).toHaveCount(1);
});

test('a stage shows as "sample, n rows" before the full profile replaces it', async ({ app, page }) => {
  const profile = new ProfilePage(page);
  await app.selectNode('flights');
  const stagesSeen = await profile.recordStages('delay');
  await profile.open();
  await profile.waitForFull('flights');
  await expect(profile.stageLabel).toHaveText('full');
  // The sample stage of a 3M-row Parquet file arrived first (its numbers marked approximate); the full one replaced it
  // (a fraction of a second later: recorded as shown, not polled for).
  const seen = await stagesSeen();
  const sample = seen.findIndex((s) => /^sample, [\d,]+ rows$/.test(s.label) && s.approximate > 0);
  expect(sample, JSON.stringify(seen)).toBeGreaterThanOrEqual(0);
  expect(seen.findLastIndex((s) => s.label === 'full')).toBeGreaterThan(sample);
  await expect(profile.column('delay').getByTestId('profile-chart').locator('canvas')).toHaveCount(1);

  // docs/images/profile.png is taken from here: a taller bottom panel showing two rows of cards.
  await profile.dragPanelEdge(-260);
  await expect(profile.column('date').getByTestId('profile-chart').locator('canvas')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/profile-flights.png' });
});

test('compare with previous: the profile before and after an edit of the SQL', async ({ app, page }) => {
  const profile = new ProfilePage(page);
  await app.selectNode('delays_by_state');
  await profile.open();
  await profile.waitForFull('delays_by_state');

  await app.replaceSql(`SELECT a.state, count(*) AS delayed_flights, round(avg(f.delay), 1) AS avg_delay_minutes
FROM delayed_flights AS f JOIN airports AS a ON a.iata = f.origin
WHERE f.delay > 60
GROUP BY a.state`);
  await expect(page.getByTestId('profile-stale')).toBeVisible();
  await profile.againButton.click();
  await profile.waitForFull('delays_by_state');
  await expect(page.getByTestId('profile-stale')).toHaveCount(0);

  await profile.compareView.click();
  const rows = page.getByTestId('compare-row');
  await expect(rows).toHaveCount(3);
  // Fewer flights per state after the stricter filter: the counts' distribution moved and their mean changed.
  const counts = rows.and(page.locator('[data-column="delayed_flights"]'));
  await expect(counts).toContainText('→');
  await expect(counts.getByTestId('compare-shift')).not.toHaveText(/^none/);
  await expect(counts.getByTestId('compare-before-chart').locator('canvas')).toHaveCount(1);
  await expect(counts.getByTestId('compare-after-chart').locator('canvas')).toHaveCount(1);

  await profile.dragPanelEdge(-220);
  await page.screenshot({ path: 'test-results/profile-compare.png' });
  await profile.page.getByTestId('profile-view-columns').click();
  await expect(profile.charts.locator('canvas')).toHaveCount(3);
  await page.screenshot({ path: 'test-results/profile-columns.png' });
});

// Without the app fixture: its page-error check would count the blocked chunk's console errors, which are the point here.
test('when the chart code cannot load, the profile cards say so and keep their numbers', async ({ page, server }) => {
  await page.route('**/assets/echarts-core-*.js', (route) => route.abort());
  const app = new SluicePage(page);
  await app.open(server.url);
  const profile = new ProfilePage(page);
  await app.selectNode('delays_by_state');
  await profile.open();
  await profile.waitForFull('delays_by_state');
  await expect(profile.column('delayed_flights').getByTestId('chart-failed')).toHaveText('chart unavailable');
  await expect(profile.column('delayed_flights').getByTestId('profile-chart')).toHaveAttribute('aria-label', /chart unavailable$/);
  await expect(profile.column('delayed_flights').locator('dd').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/profile-chart-failed.png' });
});
