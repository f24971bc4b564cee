import { expect, test } from './fixtures/sluice';

test.describe('a pipeline file that cannot be read', () => {
  // A file source without its required path.
  test.use({ projectFiles: { 'flights.sluice.yaml': 'version: 1\nname: broken\nnodes:\n  - name: x\n    type: source.file\n' } });

  test('shows a clear error instead of a blank window', async ({ page, server, pageProblems: _ }, testInfo) => {
    await page.goto(server.url);
    await expect(page.locator('html[data-app-state="error"]')).toBeAttached();
    const error = page.getByTestId('app-error');
    await expect(error).toBeVisible();
    await expect(error).toContainText('flights.sluice.yaml');
    await expect(error).toContainText('path');
    await page.screenshot({ path: testInfo.outputPath('load-error.png') });
  });
});
