// The result grid on 3,000,000 rows, in a real Chromium against serve mode:
// `npm run build && npx tsx bench/grid-scroll.ts`. It times how long a jump of
// the scrollbar to a random row takes until that row's values are on screen,
// on the plain result and on the result sorted by the engine, as ratios to the
// first screen of the same preview (measured in the same run).
import { chromium } from '@playwright/test';
import { makeTempProject, removeTempDir, startServe } from '../e2e/fixtures/serve-process';
import { fmt, median } from './engine-bench-support';

const ROWS = 3_000_000;
const JUMPS = 12;

const { root, projectDir, userDataDir } = await makeTempProject();
const server = await startServe(projectDir, userDataDir);
const browser = await chromium.launch({
  executablePath: process.env.SLUICE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url);
  await page.locator('html[data-app-state="loaded"]').waitFor({ state: 'attached', timeout: 60_000 });
  const grid = page.getByTestId('preview-grid');

  const settled = async (row: number) => {
    const locator = grid.locator(`[role="row"][aria-rowindex="${row + 2}"]:not([aria-busy])`);
    await locator.waitFor({ timeout: 60_000 });
  };
  const jump = async (row: number) => {
    const started = performance.now();
    await grid.evaluate((element, [target, total]) => {
      element.scrollTop = ((element.scrollHeight - element.clientHeight) * target) / (total - 1);
    }, [row, ROWS] as const);
    await settled(row);
    return performance.now() - started;
  };
  // Rows spread over the whole result, the same ones for both views.
  const targets = Array.from({ length: JUMPS }, (_, i) => Math.floor(((i * 7919) % JUMPS) * (ROWS / JUMPS) + ((i * 104_729) % 9_000)));

  let started = performance.now();
  await page.getByTestId('canvas').getByTestId('node-flights').dispatchEvent('click');
  await page.locator(`[data-testid="preview-grid"][data-total-rows="${ROWS}"]`).waitFor({ timeout: 60_000 });
  await settled(0);
  const firstScreen = performance.now() - started;
  const plain: number[] = [];
  for (const row of targets) plain.push(await jump(row));

  started = performance.now();
  await grid.locator('[role="columnheader"][data-column="distance"] .grid__column-name').click();
  await grid.locator('[role="columnheader"][data-column="distance"][aria-sort="ascending"]').waitFor();
  await jump(0);
  const sortFirst = performance.now() - started;
  // The first deep jump waits for the sorted view the engine writes after the first screen.
  const firstDeep = await jump(ROWS / 2 + 17);
  const sorted: number[] = [];
  for (const row of targets) sorted.push(await jump(row));

  console.log(`first screen of flights (preview, 3,000,000 rows): ${fmt(firstScreen)} (baseline)`);
  console.log(`jump to a random row, plain:   median ${fmt(median(plain))}, max ${fmt(Math.max(...plain))}  (${(median(plain) / firstScreen).toFixed(2)}× baseline)`);
  console.log(`sort all rows by distance:     ${fmt(sortFirst)} to the first screen  (${(sortFirst / firstScreen).toFixed(2)}× baseline)`);
  console.log(`first jump deep into the sort:  ${fmt(firstDeep)}  (${(firstDeep / firstScreen).toFixed(2)}× baseline; waits for the sorted view)`);
  console.log(`jump to a random row, sorted:  median ${fmt(median(sorted))}, max ${fmt(Math.max(...sorted))}  (${(median(sorted) / firstScreen).toFixed(2)}× baseline)`);
} finally {
  await browser.close();
  await server.stop();
  await removeTempDir(root);
}
