import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SAMPLE_PROJECT_FOLDER } from '../project/sample-project';
import { REPO_ROOT } from '../test-support/temp';
import { appLayout, BETTER_SQLITE3_BINDING_FILE } from './app-paths';

/** electron-builder.yml must be valid and must put files where app-paths.ts looks for them. */

interface ExtraResource {
  from: string;
  to: string;
  filter?: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  extraResources: ExtraResource[];
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
}

const config = parse(readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string>; dependencies: Record<string, string> };

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: { add(): void; isEnabled: boolean }): Promise<void>;
    };
    await expect(validateConfiguration(config, { add: () => undefined, isEnabled: false })).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, npmRebuilt: false }, { add: () => undefined, isEnabled: false })).rejects.toThrow(/npmRebuilt/);
  });

  it('names the app and builds AppImage, deb, dmg and nsis', () => {
    expect(config.productName).toBe('Sluice');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('never rebuilds native modules (the Node-ABI better-sqlite3 stays as it is)', () => {
    expect(config.npmRebuild).toBe(false);
  });

  it('leaves out of the app the packages only the renderer uses (Vite bundles them into out/renderer)', () => {
    const nodeSide = ['main', 'common', 'preload']
      .flatMap((folder) => readdirSync(path.join(REPO_ROOT, folder), { recursive: true }).map((name) => path.join(REPO_ROOT, folder, String(name))))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const rendererOnly = Object.keys(packageJson.dependencies).filter((name) => !nodeSide.includes(`from '${name}`) && !nodeSide.includes(`require('${name}`));
    expect(rendererOnly).toContain('monaco-editor');
    const excluded = (name: string) => config.files.includes(`!node_modules/${name}/**`) || (name.startsWith('@') && config.files.includes(`!node_modules/${name.split('/')[0]}/**`));
    expect(rendererOnly.filter((name) => !excluded(name)), 'renderer-only packages that would be packed').toEqual([]);
  });

  it('packages the built app, and package.json main is the Electron entry the build writes', () => {
    expect(config.files).toContain('out/**/*');
    expect(config.files).toContain('package.json');
    expect(packageJson.main).toBe('out/main/electron-main.js');
    expect(packageJson.scripts.start).toBe('npm run build && electron .');
  });

  it('puts extra resources where the app looks for them in process.resourcesPath', () => {
    const layout = appLayout({ appRoot: '/r/app.asar', isPackaged: true, resourcesPath: '/r' });
    const target = (from: string) => config.extraResources.find((resource) => resource.from === from)?.to;
    expect(path.join(layout.resourcesDir, target('resources/sample-project')!)).toBe(path.join('/r', SAMPLE_PROJECT_FOLDER));
    expect(path.join(layout.resourcesDir, target('resources/icons')!, 'icon.png')).toBe(layout.iconPath);
    const native = config.extraResources.find((resource) => resource.from === 'resources/native')!;
    expect(path.join(native.to, native.filter![0]!)).toBe(BETTER_SQLITE3_BINDING_FILE);
  });

  it('unpacks the native addons from app.asar', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/@duckdb/**', '**/node_modules/better-sqlite3/**']));
  });

  it('has the icon it names', () => {
    for (const icon of new Set([config.linux.icon, config.mac.icon, config.win.icon])) {
      const png = readFileSync(path.join(REPO_ROOT, icon));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      // Width and height from the IHDR chunk: electron-builder needs at least 512x512 for macOS.
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
      expect(png.readUInt32BE(20)).toBe(png.readUInt32BE(16));
    }
    expect(existsSync(path.join(REPO_ROOT, 'resources', 'icons', 'icon.svg'))).toBe(true);
  });
});
