import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures/sluice';
import { ProfilePage } from './pages/profile-page';

const COLUMNS = 300;
const ROWS = 3000;

/** A generated CSV of 300 columns of four kinds (whole numbers, decimals, categories, dates). */
function wideCsv(): string {
  const header = Array.from({ length: COLUMNS }, (_, c) => `col_${String(c).padStart(3, '0')}`).join(',');
  const lines = [header];
  for (let r = 0; r < ROWS; r++) {
    const cells: string[] = [];
    for (let c = 0; c < COLUMNS; c++) {
      const kind = c % 4;
      const v = (r * 7919 + c * 104729) % 1000;
      cells.push(kind === 0 ? String(v) : kind === 1 ? (v / 7).toFixed(3) : kind === 2 ? `cat_${v % 9}` : `2024-${String((v % 12) + 1).padStart(2, '0')}-${String((v % 28) + 1).padStart(2, '0')}`);
    }
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

const sample = readFileSync(path.join(import.meta.dirname, '..', 'resources', 'sample-project', 'flights.sluice.yaml'), 'utf8');
const withWide = sample.replace(/\nlayout:\n/, `\n  - name: wide\n    type: source.file\n    path: data/wide.csv\nlayout:\n  wide: { x: 0, y: 360 }\n`);

test.use({ projectFiles: { 'flights.sluice.yaml': withWide, 'data/wide.csv': wideCsv() } });

test('a 300-column table: visible columns are profiled first and only visible cards are mounted', async ({ app, page }) => {
  // Two profiles of 300 columns on two shared cores.
  test.setTimeout(240_000);
  const profile = new ProfilePage(page);
  await app.selectNode('wide');
  await profile.open();
  await profile.waitForFull('wide', 180_000);
  await expect(profile.status).toContainText(`${COLUMNS} columns`);

  // Only the rows of cards on screen (plus one row of overscan) exist in the page, each with its chart.
  const mounted = await profile.columns.count();
  expect(mounted).toBeGreaterThan(0);
  expect(mounted).toBeLessThan(30);
  await expect(profile.charts.locator('canvas')).toHaveCount(mounted);

  // Scrolling to the end mounts the last column's card, profiled in the second request.
  await page.getByTestId('profile-columns').evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect(profile.column('col_299').getByTestId('profile-chart').locator('canvas')).toHaveCount(1);
  expect(await profile.columns.count()).toBeLessThan(30);

  await app.logTab.click();
  await expect(app.logPanel).toContainText(/profiling wide: the \d+ columns on screen first, then all 300/);

  // The second request profiled the whole table, so a fresh window (nothing in memory) gets it in one cache hit.
  await app.reload();
  await app.selectNode('wide');
  await profile.open();
  await profile.waitForFull('wide');
  await expect(profile.status).toContainText('(cached)');
});
