import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import {
  buildContentSecurityPolicy,
  buildWindowOptions,
  decideNavigation,
  decidePermission,
  decideWindowOpen,
  withContentSecurityPolicy,
  type AppLocation,
} from './window-policy';

/**
 * The one place Sluice windows are made. Every policy decision comes from
 * window-policy.ts (pure, unit-tested); this file only wires it to Electron.
 */

export interface WindowFactoryOptions {
  location: AppLocation;
  preloadPath: string;
  iconPath?: string | undefined;
  dev: boolean;
  log: (message: string) => void;
}

/** Session-wide: our CSP on every response, and no web permission for anyone. */
export function secureSession(session: Session, location: AppLocation): void {
  const csp = buildContentSecurityPolicy(location);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, csp) });
  });
  session.setPermissionRequestHandler((_webContents, permission, callback) => callback(decidePermission(permission)));
  session.setPermissionCheckHandler((_webContents, permission) => decidePermission(permission));
  session.setDevicePermissionHandler(() => false);
}

/** For every web contents the app ever creates: no new windows, no webviews; http(s) links open in the browser. */
export function denyWindowsAndWebviews(contents: WebContents, log: (message: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) {
      shell.openExternal(decision.openExternally).catch((error: unknown) => log(`could not open ${decision.openExternally}: ${String(error)}`));
    } else {
      log(`refused to open a window for ${url.slice(0, 200)}`);
    }
    return { action: decision.action };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Our windows show our page only: any navigation or redirect elsewhere is cancelled. */
function guardNavigation(contents: WebContents, location: AppLocation, log: (message: string) => void): void {
  const guard = (event: { preventDefault(): void }, url: string, kind: string) => {
    if (decideNavigation(url, location) === 'allow') return;
    event.preventDefault();
    log(`blocked ${kind} to ${url.slice(0, 200)}`);
  };
  contents.on('will-navigate', (event) => guard(event, event.url, 'navigation'));
  contents.on('will-frame-navigate', (event) => guard(event, event.url, 'frame navigation'));
  contents.on('will-redirect', (event) => guard(event, event.url, 'redirect'));
}

export class WindowFactory {
  private readonly windows = new Set<BrowserWindow>();

  constructor(private readonly options: WindowFactoryOptions) {}

  create(): BrowserWindow {
    const { location, log } = this.options;
    const window = new BrowserWindow(buildWindowOptions(this.options));
    this.windows.add(window);
    window.on('closed', () => this.windows.delete(window));
    window.once('ready-to-show', () => window.show());
    const contents = window.webContents;
    guardNavigation(contents, location, log);
    let reloads = 0;
    contents.on('render-process-gone', (_event, details) => {
      log(`renderer ${details.reason} (exit code ${details.exitCode})`);
      // Reload a crashed page, but not in a loop when it crashes on every start.
      if (details.reason !== 'clean-exit' && reloads < 3 && !window.isDestroyed()) {
        reloads += 1;
        contents.reload();
      }
    });
    const load = location.kind === 'file' ? window.loadFile(location.indexPath) : window.loadURL(location.url);
    load.catch((error: unknown) => log(`could not load the app page: ${String(error)}`));
    return window;
  }

  all(): BrowserWindow[] {
    return [...this.windows].filter((window) => !window.isDestroyed());
  }

  /** The window menu commands go to: the focused one, else the first. */
  target(): BrowserWindow | undefined {
    const focused = BrowserWindow.getFocusedWindow();
    if (focused && this.windows.has(focused) && !focused.isDestroyed()) return focused;
    return this.all()[0];
  }

  isOurWebContents(contents: WebContents): boolean {
    return this.all().some((window) => window.webContents.id === contents.id);
  }
}
