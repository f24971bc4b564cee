import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppStore } from '../store/app-store';
import {
  appLayout,
  BETTER_SQLITE3_BINDING_ENV,
  chooseBetterSqliteBinding,
  explainStoreError,
  projectFolderFromArgv,
} from './app-paths';

let temp: string;
beforeEach(() => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'sluice-app-paths-'));
});
afterEach(() => {
  rmSync(temp, { recursive: true, force: true });
});

describe('app layout', () => {
  it('finds out/ and resources/ in the repository when unpackaged', () => {
    const layout = appLayout({ appRoot: '/repo', isPackaged: false, resourcesPath: '/usr/lib/electron/resources' });
    expect(layout.rendererIndex).toBe(path.resolve('/repo/out/renderer/index.html'));
    expect(layout.preloadPath).toBe(path.resolve('/repo/out/preload/preload.cjs'));
    expect(layout.resourcesDir).toBe(path.resolve('/repo/resources'));
    expect(layout.iconPath).toBe(path.resolve('/repo/resources/icons/icon.png'));
  });

  it('finds extraResources in process.resourcesPath when packaged', () => {
    const layout = appLayout({ appRoot: '/opt/Sluice/resources/app.asar', isPackaged: true, resourcesPath: '/opt/Sluice/resources' });
    expect(layout.rendererIndex).toBe(path.resolve('/opt/Sluice/resources/app.asar/out/renderer/index.html'));
    expect(layout.resourcesDir).toBe(path.resolve('/opt/Sluice/resources'));
    expect(layout.iconPath).toBe(path.resolve('/opt/Sluice/resources/icons/icon.png'));
  });
});

describe('better-sqlite3 binding', () => {
  it('uses node_modules when no Electron build is present', () => {
    expect(chooseBetterSqliteBinding({ env: {}, resourcesDir: temp, fileExists: existsSync })).toEqual({ path: undefined, source: 'default' });
  });

  it('uses resources/native/better_sqlite3.node when it exists', () => {
    mkdirSync(path.join(temp, 'native'));
    writeFileSync(path.join(temp, 'native', 'better_sqlite3.node'), '');
    expect(chooseBetterSqliteBinding({ env: {}, resourcesDir: temp, fileExists: existsSync })).toEqual({
      path: path.join(temp, 'native', 'better_sqlite3.node'),
      source: 'resources',
    });
  });

  it('prefers the environment variable, and fails loudly when it points nowhere', () => {
    const file = path.join(temp, 'custom.node');
    writeFileSync(file, '');
    mkdirSync(path.join(temp, 'native'));
    writeFileSync(path.join(temp, 'native', 'better_sqlite3.node'), '');
    expect(chooseBetterSqliteBinding({ env: { [BETTER_SQLITE3_BINDING_ENV]: file }, resourcesDir: temp, fileExists: existsSync })).toEqual({ path: file, source: 'env' });
    expect(() =>
      chooseBetterSqliteBinding({ env: { [BETTER_SQLITE3_BINDING_ENV]: path.join(temp, 'missing.node') }, resourcesDir: temp, fileExists: existsSync }),
    ).toThrow(/missing\.node, which does not exist/);
  });

  it('hands the binding to better-sqlite3, and explains a binary that is not loadable', () => {
    const bogus = path.join(temp, 'better_sqlite3.node');
    writeFileSync(bogus, 'this is not a shared library');
    let caught: unknown;
    try {
      new AppStore(path.join(temp, 'state.sqlite3'), { nativeBinding: bogus }).close();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    const text = explainStoreError(caught, { path: bogus, source: 'env' });
    expect(text).toContain(bogus);
    expect(text).toContain(BETTER_SQLITE3_BINDING_ENV);
  });

  it('names the README section for an ABI mismatch', () => {
    const abiError = new Error(
      "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 139.",
    );
    const text = explainStoreError(abiError, { path: undefined, source: 'default' });
    expect(text).toMatch(/not built for this Electron/);
    expect(text).toContain('Electron build of better-sqlite3');
    expect(text).toContain('resources/native/better_sqlite3.node');
    expect(text).toContain('NODE_MODULE_VERSION 139');
  });

  it('the real better-sqlite3 binding in node_modules loads under Node (the store works without nativeBinding)', () => {
    const require = createRequire(import.meta.url);
    const binding = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const store = new AppStore(path.join(temp, 'state.sqlite3'), { nativeBinding: binding });
    store.touchRecentProject('/p', 'p');
    expect(store.listRecentProjects().map((row) => row.path)).toEqual(['/p']);
    store.close();
  });
});

describe('project folder from the command line', () => {
  const cwd = path.resolve('/home/ana');

  it('skips the app path in an unpackaged app', () => {
    expect(projectFolderFromArgv(['/usr/bin/electron', '.'], { isDefaultApp: true, cwd })).toBeUndefined();
    expect(projectFolderFromArgv(['/usr/bin/electron', '.', 'projects/flights'], { isDefaultApp: true, cwd })).toBe(path.resolve(cwd, 'projects/flights'));
  });

  it('skips Chromium switches, wherever they are', () => {
    const argv = ['/usr/bin/electron', '--inspect=0', '--remote-debugging-port=0', 'out/main/electron-main.js', '--no-sandbox', '/data/p'];
    expect(projectFolderFromArgv(argv, { isDefaultApp: true, cwd })).toBe(path.resolve('/data/p'));
  });

  it('takes the first argument of a packaged app', () => {
    expect(projectFolderFromArgv(['/opt/Sluice/sluice', '../work'], { isDefaultApp: false, cwd })).toBe(path.resolve('/home/work'));
    expect(projectFolderFromArgv(['/Applications/Sluice.app/Contents/MacOS/Sluice', '-psn_0_12345'], { isDefaultApp: false, cwd })).toBeUndefined();
    expect(projectFolderFromArgv(['/opt/Sluice/sluice'], { isDefaultApp: false, cwd })).toBeUndefined();
  });
});
