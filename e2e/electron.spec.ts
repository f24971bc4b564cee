import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { SluicePage } from './pages/sluice-page';
import { makeTempProject, removeTempDir } from './fixtures/serve-process';

/**
 * The Electron shell end to end: the real app (out/main/electron-main.js) in
 * the real Electron binary. It runs wherever that binary is installed and says
 * plainly why it is skipped where it is not. Checked without require('electron'),
 * which would try to download the binary.
 */

const REPO = path.resolve(import.meta.dirname, '..');
const MAIN = path.join('out', 'main', 'electron-main.js');
const SAMPLE_NODES = ['flights', 'airports', 'delayed_flights', 'delays_by_state', 'delays_by_state_file'];

function installedElectron(): string | null {
  const packageDir = path.join(REPO, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/** better-sqlite3 must be built for Electron's ABI (README, "Electron build of better-sqlite3"). */
function electronSqliteBinding(): string | null {
  const candidates = [process.env.SLUICE_BETTER_SQLITE3_BINDING, path.join(REPO, 'resources', 'native', 'better_sqlite3.node')];
  return candidates.find((file): file is string => Boolean(file) && existsSync(file!)) ?? null;
}

const executablePath = installedElectron();
const skipReason =
  executablePath === null
    ? 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); run `npx install-electron` or `npm install` with internet to run this spec'
    : electronSqliteBinding() === null
      ? 'no Electron build of better-sqlite3 at resources/native/better_sqlite3.node or $SLUICE_BETTER_SQLITE3_BINDING; see README "Electron build of better-sqlite3"'
      : !existsSync(path.join(REPO, MAIN))
        ? `${MAIN} is missing; run \`npm run build\` first`
        : null;
test.skip(skipReason !== null, skipReason ?? '');

let temp: string;
let electronApp: ElectronApplication | undefined;
let output = '';

test.beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'sluice-electron-'));
  output = '';
});

test.afterEach(async ({}, testInfo) => {
  await electronApp?.close();
  electronApp = undefined;
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('electron-output', { body: output, contentType: 'text/plain' });
  await rm(temp, { recursive: true, force: true, maxRetries: 3 });
});

async function launch(userDataDir: string, extraArgs: string[] = []): Promise<SluicePage> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  env.SLUICE_USER_DATA_DIR = userDataDir;
  electronApp = await electron.launch({ executablePath: executablePath!, args: [MAIN, ...extraArgs], cwd: REPO, env });
  const child = electronApp.process();
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const page = await electronApp.firstWindow();
  const app = new SluicePage(page);
  await app.waitUntilLoaded();
  return app;
}

test('first start opens the sample pipeline; clicking a node shows its rows', async ({}, testInfo) => {
  const app = await launch(path.join(temp, 'user-data'));
  for (const name of SAMPLE_NODES) await expect(app.node(name)).toBeVisible();

  await app.selectNode('airports');
  await app.waitForPreviewOf('airports');
  expect(await app.columnNames()).toEqual(['iata', 'name', 'city', 'state', 'country', 'latitude', 'longitude']);
  await expect(app.gridRows.first()).toBeVisible();
  expect(await app.rowValues(0)).toEqual(['00M', 'Thigpen', 'Bay Springs', 'MS', 'USA', '31.95376472', '-89.23450472']);
  await app.page.screenshot({ path: testInfo.outputPath('electron-preview.png') });

  // The engine runs in a utility process, not in main (ForkOptions.serviceName shows up as the metric's name).
  const utilities = await electronApp!.evaluate(({ app: electronAppModule }) =>
    electronAppModule.getAppMetrics().filter((metric) => metric.type === 'Utility').map((metric) => metric.name ?? ''),
  );
  expect(utilities).toContain('Sluice Engine');
});

test('the page gets the named API and nothing of Node or IPC', async () => {
  const app = await launch(path.join(temp, 'user-data'));
  const exposed = await app.page.evaluate(() => {
    const bridge = (globalThis as unknown as { sluice: Record<string, unknown> }).sluice;
    const scope = globalThis as unknown as Record<string, unknown>;
    return {
      keys: Object.keys(bridge).sort(),
      hasInvoke: 'invoke' in bridge || 'ipcRenderer' in bridge,
      node: [typeof scope.require, typeof scope.process, typeof scope.Buffer],
    };
  });
  expect(exposed.keys).toContain('previewNode');
  expect(exposed.keys).toContain('onDidOpenProject');
  expect(exposed.hasInvoke).toBe(false);
  expect(exposed.node).toEqual(['undefined', 'undefined', 'undefined']);
  const info = await app.page.evaluate(async () => {
    const bridge = (globalThis as unknown as { sluice: { getAppInfo(input: object): Promise<unknown> } }).sluice;
    return bridge.getAppInfo({});
  });
  expect(info).toMatchObject({ ok: true, value: { name: 'Sluice', host: 'electron' } });
});

test('a project folder on the command line is opened', async () => {
  const { root, projectDir, userDataDir } = await makeTempProject();
  try {
    const app = await launch(userDataDir, [projectDir]);
    await expect(app.projectName).toHaveText('project');
    await expect(app.canvasNodes).toHaveCount(SAMPLE_NODES.length);
  } finally {
    await electronApp?.close();
    electronApp = undefined;
    await removeTempDir(root);
  }
});
