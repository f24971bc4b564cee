import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test } from './fixtures/sluice';
import { GridPage } from './pages/grid-page';

const FLIGHTS = path.resolve('resources/sample-project/data/flights-3m.parquet');

/** delay, distance, origin, destination of the file's last row, read straight from the file. */
async function lastFlight(): Promise<string[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const result = await connection.runAndReadAll(`SELECT delay, distance, origin, destination FROM read_parquet('${FLIGHTS}') LIMIT 1 OFFSET 2999999`);
    return result.getRows()[0]!.map(String);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

test('the last of 3,000,000 rows is reachable by scrolling and shows its row number', async ({ app }, testInfo) => {
  const expected = await lastFlight();
  const grid = new GridPage(app.page);
  await grid.preview('flights');
  await grid.waitForTotal(3_000_000);
  await grid.waitForRows();
  // Virtualized: a screenful of rows in the DOM, not millions.
  expect(await grid.rows.count()).toBeLessThan(80);

  await grid.scrollToEnd();
  await expect(grid.rowNumber(2_999_999)).toHaveText('3,000,000');
  expect((await grid.rowValues(2_999_999)).slice(1)).toEqual(expected);
  await app.page.screenshot({ path: testInfo.outputPath('last-row.png') });

  // Keyboard: Ctrl+Home goes back to the first row.
  await grid.cell(2_999_999, 1).click();
  await app.page.keyboard.press('Control+Home');
  await expect(grid.rowNumber(0)).toHaveText('1');
  await expect(grid.cell(0, 1)).toHaveAttribute('aria-selected', 'true');

  // 3M rows overflow what a browser can lay out, so the scrollbar is compressed; the wheel
  // still moves by rows: 20 rows' worth of wheel shows row 21 at the top, not row ~200.
  await grid.grid.hover();
  await app.page.mouse.wheel(0, 20 * 24);
  await expect(grid.rowNumber(20)).toBeVisible();
  await expect(grid.row(0)).toHaveCount(0);
  await expect(grid.row(60)).toHaveCount(0);
});

test('copies selected cells as TSV (Ctrl+C) and as CSV from the context menu', async ({ app, server, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  const grid = new GridPage(app.page);
  await grid.preview('airports');
  await grid.waitForTotal(3_376);
  await grid.waitForRows();

  await grid.dragSelect([0, 0], [2, 3]);
  await expect(grid.grid.locator('[role="gridcell"][aria-selected="true"]')).toHaveCount(12);
  await expect(app.page.getByTestId('grid-selection-size')).toHaveText('3 × 4 selected');
  await app.page.keyboard.press('ControlOrMeta+C');
  await expect(grid.copied).toContainText('Copied 3 rows × 4 columns as TSV');
  const shown = await Promise.all([0, 1, 2].map(async (row) => (await grid.rowValues(row)).slice(0, 4)));
  expect(await grid.readClipboard()).toBe(shown.map((cells) => cells.join('\t')).join('\n'));
  expect(shown[0]).toEqual(['00M', 'Thigpen', 'Bay Springs', 'MS']);

  // Whole rows by their numbers (shift-click extends), copied as CSV with headers.
  await grid.rowNumber(0).click();
  await grid.rowNumber(1).click({ modifiers: ['Shift'] });
  await grid.cell(1, 2).click({ button: 'right' });
  await app.page.getByTestId('grid-copy-csv').click();
  const csv = await grid.readClipboard();
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('iata,name,city,state,country,latitude,longitude');
  expect(lines).toHaveLength(3);
  expect(lines[1]).toBe('00M,Thigpen,Bay Springs,MS,USA,31.95376472,-89.23450472');

  // Dragging past the bottom edge scrolls on and extends the selection.
  await grid.cell(0, 0).hover();
  await app.page.mouse.down();
  const box = (await grid.grid.boundingBox())!;
  await app.page.mouse.move(box.x + 100, box.y + box.height + 30);
  await expect(grid.cell(40, 0)).toHaveAttribute('aria-selected', 'true');
  await app.page.mouse.up();
  await expect(grid.row(0)).toHaveCount(0);
});

/** 300 columns of 2,000 rows, generated in SQL. */
const WIDE = `version: 1
name: Wide table
nodes:
  - name: wide
    type: source.sql
    sql: |
      SELECT ${Array.from({ length: 300 }, (_, k) => `i * ${k} AS c${k}`).join(', ')}
      FROM range(2000) AS t(i)
layout:
  wide: { x: 0, y: 0 }
`;

test.describe('a wide result', () => {
  test.use({ projectFiles: { 'flights.sluice.yaml': WIDE } });

  test('renders the columns in view only, and scrolls to the last one', async ({ app }) => {
    const grid = new GridPage(app.page);
    await grid.preview('wide');
    await grid.waitForTotal(2_000);
    await grid.waitForRows();
    expect(await grid.grid.getAttribute('aria-colcount')).toBe('300');
    const rendered = await grid.grid.getByRole('columnheader').count();
    expect(rendered).toBeLessThan(40);
    await grid.scrollLeftToEnd();
    await expect(grid.header('c299')).toBeVisible();
    await expect(grid.header('c0')).toHaveCount(0);
    // Row 3's value in column 299 is 2 * 299, and the row numbers stay pinned on the left.
    await expect(grid.cell(2, 299)).toHaveText('598');
    await expect(grid.rowNumber(2)).toBeInViewport();
  });
});
