import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, session, utilityProcess } from 'electron';
import { apiEvents, type ProjectInfo } from '../../common/contract/api';
import { engineEntryPath, EngineSupervisor } from '../engine/engine-supervisor';
import { assertEveryMethodHandled } from '../host/dispatcher';
import { createHost, type EmitEvent, type Host } from '../host/host';
import { defaultUserDataDir, stateDatabasePath } from '../host/paths';
import { AppStore } from '../store/app-store';
import { appLayout, chooseBetterSqliteBinding, explainStoreError, projectFolderFromArgv } from './app-paths';
import { utilityProcessSpawner } from './engine-transport';
import { registerApiIpc, senderFactsOf } from './ipc';
import { installApplicationMenu, type ApplicationMenu } from './menu';
import { denyWindowsAndWebviews, secureSession, WindowFactory } from './window-factory';
import { resolveAppLocation } from './window-policy';

/**
 * Electron main process: a thin host around the engine. It owns the window,
 * the menu and the native dialogs; everything the renderer asks for goes
 * through IPC to the same host handlers serve mode uses.
 */

const log = (message: string) => console.log(`[sluice] ${message}`);
const dev = !app.isPackaged;
// The bundle is out/main/electron-main.js; the app root (repository or app.asar) is two levels up.
const layout = appLayout({ appRoot: fileURLToPath(new URL('../../', import.meta.url)), isPackaged: app.isPackaged, resourcesPath: process.resourcesPath });
const location = resolveAppLocation({ indexPath: layout.rendererIndex, devServerUrl: process.env.SLUICE_DEV_SERVER_URL, isPackaged: app.isPackaged });

// Before 'ready': the single-instance lock lives in the user data folder, and every renderer is sandboxed.
app.setPath('userData', defaultUserDataDir());
app.enableSandbox();

const argvProject = projectFolderFromArgv(process.argv, { isDefaultApp: Boolean(process.defaultApp), cwd: process.cwd() });

if (!app.requestSingleInstanceLock(argvProject ? { projectDir: argvProject } : {})) {
  // Another Sluice owns this user data folder; it has been handed our folder (see 'second-instance').
  app.quit();
} else {
  let windows: WindowFactory | undefined;
  let menu: ApplicationMenu | undefined;

  const showError = (title: string, error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log(`${title}: ${message}`);
    dialog.showErrorBox(title, message);
  };

  const openProjectFromShell = (projectDir: string) => {
    void started.then((host) => host?.openProject(projectDir)).catch((error: unknown) => showError('Could not open the project folder', error));
  };

  const focusOrCreateWindow = () => {
    if (!windows) return;
    const window = windows.target() ?? windows.create();
    if (window.isMinimized()) window.restore();
    window.focus();
  };

  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const forwarded = (additionalData as { projectDir?: unknown } | null)?.projectDir;
    const projectDir = typeof forwarded === 'string' ? forwarded : projectFolderFromArgv(argv, { isDefaultApp: Boolean(process.defaultApp), cwd: workingDirectory });
    focusOrCreateWindow();
    if (projectDir) openProjectFromShell(projectDir);
  });

  // macOS: a folder dropped on the Dock icon or opened with "Open With".
  app.on('open-file', (event, projectDir) => {
    event.preventDefault();
    openProjectFromShell(projectDir);
  });

  app.on('web-contents-created', (_event, contents) => denyWindowsAndWebviews(contents, log));

  const start = async (): Promise<Host | null> => {
    await app.whenReady();
    secureSession(session.defaultSession, location);

    const userDataDir = app.getPath('userData');
    const binding = chooseBetterSqliteBinding({ env: process.env, resourcesDir: layout.resourcesDir, fileExists: existsSync });
    let store: AppStore;
    try {
      store = new AppStore(stateDatabasePath(userDataDir), binding.path ? { nativeBinding: binding.path } : {});
    } catch (error) {
      const explanation = explainStoreError(error, binding);
      console.error(explanation);
      dialog.showErrorBox('Sluice cannot start', explanation);
      app.exit(1);
      return null;
    }
    log(`app state in ${stateDatabasePath(userDataDir)} (better-sqlite3 binding: ${binding.path ?? 'node_modules'})`);

    const factory = new WindowFactory({ location, preloadPath: layout.preloadPath, iconPath: existsSync(layout.iconPath) ? layout.iconPath : undefined, dev, log });
    windows = factory;

    const emit: EmitEvent = (event, payload) => {
      const { channel } = apiEvents[event];
      for (const window of factory.all()) window.webContents.send(channel, payload);
      if (event === 'onDidOpenProject') {
        menu?.refresh();
        // Recent documents are a macOS and Windows feature (Dock and Jump List menus).
        if (process.platform !== 'linux') app.addRecentDocument((payload as ProjectInfo).path);
      }
    };

    const engine = new EngineSupervisor(
      utilityProcessSpawner(() => utilityProcess.fork(engineEntryPath(), [], { serviceName: 'Sluice Engine', stdio: 'inherit' })),
      { onStatus: (status) => emit('onDidChangeEngineStatus', status) },
    );

    const chooseFolder = async (choose: { title?: string } = {}): Promise<string | null> => {
      const parent = factory.target();
      const options = { title: choose.title ?? 'Open Project Folder', properties: ['openDirectory' as const, 'createDirectory' as const] };
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    };

    const host = createHost({ kind: 'electron', userDataDir, store, engine, emit, chooseFolder, resourcesDir: layout.resourcesDir });
    // Startup checks: a contract method without a handler, or a channel without IPC, stops the app here.
    assertEveryMethodHandled(host.handlers);
    registerApiIpc(ipcMain, {
      dispatch: host.dispatch,
      location,
      senderFacts: (event) => senderFactsOf(event, (contents) => factory.isOurWebContents(contents)),
      onRefused: (channel, reason) => log(`refused ${channel}: ${reason}`),
    });

    menu = installApplicationMenu({
      dev,
      recentProjects: () => store.listRecentProjects(10),
      actions: {
        openProjectFolder: () => {
          chooseFolder()
            .then((folder) => (folder ? host.openProject(folder) : null))
            .catch((error: unknown) => showError('Could not open the project folder', error));
        },
        openRecentProject: (projectDir) => {
          host.openProject(projectDir).catch((error: unknown) => showError(`Could not open ${projectDir}`, error));
        },
        save: () => factory.target()?.webContents.send(apiEvents.onDidRequestSave.channel, {}),
      },
    });

    engine.start().catch((error: unknown) => log(`the engine did not start: ${String(error)}`));

    // Open the project before the window exists, so the renderer's first getCurrentProject finds it.
    if (argvProject) {
      await host.openInitialProject(argvProject).catch((error: unknown) => showError(`Could not open ${argvProject}`, error));
    }
    if (!host.currentProject()) await host.openInitialProject();

    factory.create();
    app.on('activate', () => {
      if (factory.all().length === 0) factory.create();
    });
    return host;
  };

  const started = start();
  started.catch((error: unknown) => {
    showError('Sluice cannot start', error);
    app.exit(1);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Stop the engine and close the database before the process goes away; never hang a quit on it.
  let shutdown: 'running' | 'stopping' | 'done' = 'running';
  app.on('will-quit', (event) => {
    if (shutdown === 'done') return;
    event.preventDefault();
    if (shutdown === 'stopping') return;
    shutdown = 'stopping';
    const dispose = started.then((host) => host?.dispose());
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
    Promise.race([dispose, timeout])
      .catch((error: unknown) => log(`shutdown: ${String(error)}`))
      .finally(() => {
        shutdown = 'done';
        app.quit();
      });
  });
}
