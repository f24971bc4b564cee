import path from 'node:path';

/**
 * Where the Electron app finds its parts, as pure functions of a few facts
 * (app root, packaged or not, resources folder), so they are tested without Electron.
 */

export interface AppLayout {
  /** The folder holding package.json and out/: the repository, or app.asar when packaged. */
  appRoot: string;
  rendererIndex: string;
  preloadPath: string;
  /** resources/ in the repository; process.resourcesPath when packaged (extraResources land there). */
  resourcesDir: string;
  iconPath: string;
}

export function appLayout(options: { appRoot: string; isPackaged: boolean; resourcesPath: string }): AppLayout {
  const appRoot = path.resolve(options.appRoot);
  const resourcesDir = options.isPackaged ? path.resolve(options.resourcesPath) : path.join(appRoot, 'resources');
  return {
    appRoot,
    rendererIndex: path.join(appRoot, 'out', 'renderer', 'index.html'),
    preloadPath: path.join(appRoot, 'out', 'preload', 'preload.cjs'),
    resourcesDir,
    iconPath: path.join(resourcesDir, 'icons', 'icon.png'),
  };
}

export const BETTER_SQLITE3_BINDING_ENV = 'SLUICE_BETTER_SQLITE3_BINDING';
export const BETTER_SQLITE3_BINDING_FILE = path.join('native', 'better_sqlite3.node');

export type BindingChoice = { path: string; source: 'env' | 'resources' } | { path: undefined; source: 'default' };

/**
 * better-sqlite3 is a V8 addon, built for one ABI. Under Electron it needs a
 * build for Electron's ABI: from SLUICE_BETTER_SQLITE3_BINDING, else
 * <resources>/native/better_sqlite3.node, else the one in node_modules (which
 * works only if node_modules itself was rebuilt for Electron). See README,
 * "Electron build of better-sqlite3".
 */
export function chooseBetterSqliteBinding(options: {
  env: Record<string, string | undefined>;
  resourcesDir: string;
  fileExists: (file: string) => boolean;
}): BindingChoice {
  const fromEnv = options.env[BETTER_SQLITE3_BINDING_ENV];
  if (fromEnv) {
    const file = path.resolve(fromEnv);
    if (!options.fileExists(file)) throw new Error(`${BETTER_SQLITE3_BINDING_ENV} points to ${file}, which does not exist`);
    return { path: file, source: 'env' };
  }
  const bundled = path.join(options.resourcesDir, BETTER_SQLITE3_BINDING_FILE);
  if (options.fileExists(bundled)) return { path: bundled, source: 'resources' };
  return { path: undefined, source: 'default' };
}

/** A clear message for the failure every developer meets once: a Node-ABI better-sqlite3 under Electron. */
export function explainStoreError(error: unknown, choice: BindingChoice): string {
  const message = error instanceof Error ? error.message : String(error);
  const from = choice.source === 'default' ? 'node_modules/better-sqlite3' : `${choice.path} (${choice.source === 'env' ? BETTER_SQLITE3_BINDING_ENV : 'resources'})`;
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version|invalid ELF header|not a valid Win32 application/i.test(message)) {
    return [
      `The app state database could not start: the better-sqlite3 binary from ${from} was not built for this Electron.`,
      `Build one for Electron and put it at resources/${BETTER_SQLITE3_BINDING_FILE.split(path.sep).join('/')} or point ${BETTER_SQLITE3_BINDING_ENV} at it`,
      '(README, "Electron build of better-sqlite3").',
      '',
      message,
    ].join('\n');
  }
  return `The app state database could not start (better-sqlite3 from ${from}): ${message}`;
}

/**
 * The project folder given on a command line, for the first instance and for
 * the argv a second instance forwards. Switches (Chromium's, macOS's -psn_)
 * are skipped; in an unpackaged app (`electron .`) the first positional
 * argument is the app itself.
 */
export function projectFolderFromArgv(argv: readonly string[], options: { isDefaultApp: boolean; cwd: string }): string | undefined {
  const positional = argv.slice(1).filter((arg) => arg !== '' && !arg.startsWith('-'));
  if (options.isDefaultApp) positional.shift();
  const folder = positional[0];
  return folder === undefined ? undefined : path.resolve(options.cwd, folder);
}
