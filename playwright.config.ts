import { defineConfig } from '@playwright/test';

/**
 * UI tests drive the real renderer in Debian's Chromium against serve mode
 * (`npm run build` first). Each test starts its own server on a temp project
 * (e2e/fixtures/sluice.ts).
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Two cores: one server + engine + Chromium per worker.
  workers: 2,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    launchOptions: {
      executablePath: process.env.SLUICE_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
