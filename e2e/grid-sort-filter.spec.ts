import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test } from './fixtures/sluice';
import { GridPage } from './pages/grid-page';

const FLIGHTS = path.resolve('resources/sample-project/data/flights-3m.parquet');

/** Facts about the sample's flights, computed here straight from the file with DuckDB (not through Sluice). */
async function flightFacts(): Promise<{ maxDistance: number; sfo: number; longFromSfo: number }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const result = await connection.runAndReadAll(
      `SELECT max(distance), count(*) FILTER (WHERE origin = 'SFO'), count(*) FILTER (WHERE origin = 'SFO' AND distance > 2000) FROM read_parquet('${FLIGHTS}')`,
    );
    const [maxDistance, sfo, longFromSfo] = result.getRows()[0]!.map(Number);
    return { maxDistance: maxDistance!, sfo: sfo!, longFromSfo: longFromSfo! };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

test('sorting a column asks the engine and shows its first row; filters narrow the 3M rows in SQL', async ({ app }, testInfo) => {
  const facts = await flightFacts();
  const grid = new GridPage(app.page);
  await grid.preview('flights');
  await grid.waitForRows();
  await grid.waitForTotal(3_000_000);
  await expect(grid.rowCount).toContainText('3,000,000 rows');

  await grid.sortBy('distance');
  await expect(grid.header('distance')).toHaveAttribute('aria-sort', 'ascending');
  await grid.sortBy('distance');
  await expect(grid.header('distance')).toHaveAttribute('aria-sort', 'descending');
  await expect(grid.viewDescription).toHaveText('sorted by distance desc');
  await grid.waitForTotal(3_000_000);
  await grid.waitForRows();
  expect((await grid.rowValues(0))[2]).toBe(String(facts.maxDistance));
  await app.page.screenshot({ path: testInfo.outputPath('sorted.png') });

  await grid.setFilter('origin', '= SFO');
  await grid.waitForTotal(facts.sfo);
  await expect(grid.rowCount).toContainText(`${facts.sfo.toLocaleString('en-US')} rows`);
  const first = await grid.rowValues(0);
  expect(first[3]).toBe('SFO');
  // Still sorted by distance, descending, within SFO.
  expect(Number(first[2])).toBeGreaterThanOrEqual(Number((await grid.rowValues(1))[2]));

  await grid.setFilter('distance', '> 2000');
  await grid.waitForTotal(facts.longFromSfo);
  await expect(grid.viewDescription).toHaveText('sorted by distance desc · 2 filters');
  await app.page.screenshot({ path: testInfo.outputPath('filtered.png') });

  // A filter that is not a number on a number column is shown as wrong and not sent.
  await grid.filter('delay').fill('> soon');
  await grid.filter('delay').press('Enter');
  await expect(grid.filter('delay')).toHaveAttribute('title', /is not a number/);
  await grid.waitForTotal(facts.longFromSfo);

  await app.page.getByTestId('grid-clear').click();
  await grid.waitForTotal(3_000_000);
  await expect(grid.header('distance')).toHaveAttribute('aria-sort', 'none');
  await expect(grid.filter('origin')).toHaveValue('');
});

test('null filters and resizing a column by its header edge', async ({ app }) => {
  const grid = new GridPage(app.page);
  await grid.preview('airports');
  await grid.waitForTotal(3_376);
  await grid.setFilter('state', 'null');
  await expect(grid.viewDescription).toHaveText('1 filter');
  const nullStates = Number(await grid.grid.getAttribute('data-total-rows'));
  await grid.setFilter('state', '!null');
  await expect.poll(async () => Number(await grid.grid.getAttribute('data-total-rows'))).toBe(3_376 - nullStates);
  await grid.setFilter('state', '');

  const before = await grid.columnWidth('name');
  await grid.resize('name', 90);
  await expect.poll(() => grid.columnWidth('name')).toBeGreaterThan(before + 80);
  // Resizing is not a sort.
  await expect(grid.header('name')).toHaveAttribute('aria-sort', 'none');
});
