import { expect, test } from './fixtures/sluice';
import { GridPage } from './pages/grid-page';

/** Airports with two checks: one that passes, one that fails (there are more than 100 airports). */
const CHECKED = `version: 1
name: Checked airports
nodes:
  - name: airports
    type: source.file
    path: data/airports.csv
  - name: by_state
    type: transform.sql
    inputs: [ airports ]
    sql: |
      SELECT state, count(*) AS airports FROM airports GROUP BY state
  - name: iata_present
    type: check.not_null
    inputs: [ airports ]
    columns: [ iata ]
  - name: few_airports
    type: check.row_count
    inputs: [ airports ]
    max: 100
layout:
  airports: { x: 0, y: 0 }
  by_state: { x: 300, y: 0 }
  iata_present: { x: 300, y: 150 }
  few_airports: { x: 300, y: 300 }
`;

test.describe('run history', () => {
  test.use({ projectFiles: { 'flights.sluice.yaml': CHECKED } });

  test('two runs appear in the history chart with their node tables and check results', async ({ app }, testInfo) => {
    const grid = new GridPage(app.page);
    const history = grid.history;
    await app.page.getByTestId('history-tab').click();
    await expect(history.empty).toBeVisible();

    for (const attempt of [1, 2]) {
      await app.runButton.click();
      await expect(app.page.getByTestId('run-summary')).toContainText(/Run (succeeded|failed)/, { timeout: 60_000 });
      await expect(history.panel).toHaveAttribute('data-runs', String(attempt));
    }
    await expect(history.runs).toHaveCount(2);
    await expect(history.durationChart).toBeVisible();
    await expect(history.checkChart).toBeVisible();
    await expect(history.checkChart).toHaveAttribute('aria-label', 'Check results of 2 checks over 2 runs');

    // The newest run is picked first; its node table lists every node with rows, status and the failing check.
    await expect(history.runs.first()).toHaveAttribute('aria-pressed', 'true');
    await expect(history.nodeRows).toHaveCount(4);
    await expect(history.nodeRow('airports')).toContainText('3,376');
    await expect(history.nodeRow('few_airports')).toHaveAttribute('data-status', 'check-failed');
    await expect(history.nodeRow('iata_present')).not.toHaveAttribute('data-status', 'check-failed');
    // The second run read airports from the cache.
    await expect(history.nodeRow('airports').locator('td').nth(4)).toHaveText('yes');

    // Picking the older run in the list shows its table: there airports was computed.
    await history.runs.nth(1).click();
    await expect(history.runs.nth(1)).toHaveAttribute('aria-pressed', 'true');
    await expect(history.nodeRow('airports').locator('td').nth(4)).toHaveText('');

    // Clicking the first bar of the chart picks the oldest run as well; the last bar the newest.
    const box = (await history.durationChart.boundingBox())!;
    await app.page.mouse.click(box.x + box.width - 40, box.y + box.height / 2);
    await expect(history.runs.first()).toHaveAttribute('aria-pressed', 'true');
    await app.page.screenshot({ path: testInfo.outputPath('history.png') });
  });
});
