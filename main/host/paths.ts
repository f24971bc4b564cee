import os from 'node:os';
import path from 'node:path';

/**
 * Where app state lives when no folder is given: $SLUICE_USER_DATA_DIR, else the
 * platform's per-user config folder (the same place Electron's userData points to).
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SLUICE_USER_DATA_DIR) return path.resolve(env.SLUICE_USER_DATA_DIR);
  const home = os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Sluice');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Sluice');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Sluice');
  }
}

export function stateDatabasePath(userDataDir: string): string {
  return path.join(userDataDir, 'state.sqlite3');
}
