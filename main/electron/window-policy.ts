import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The security policy of every Sluice window as pure functions, so it is
 * unit-tested without Electron: window options, the CSP, and which URLs a
 * window may show, navigate to, open, or accept IPC from.
 */

/** Where the renderer is loaded from: the built index.html, or Vite's dev server while developing. */
export type AppLocation = { kind: 'file'; indexPath: string } | { kind: 'dev-server'; url: string; origin: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server is honoured only in an unpackaged app and only on a loopback
 * host: an environment variable must never make a shipped app load remote code.
 */
export function resolveAppLocation(options: { indexPath: string; devServerUrl?: string | undefined; isPackaged: boolean }): AppLocation {
  const { devServerUrl } = options;
  if (!devServerUrl || options.isPackaged) return { kind: 'file', indexPath: path.resolve(options.indexPath) };
  let url: URL;
  try {
    url = new URL(devServerUrl);
  } catch {
    throw new Error(`SLUICE_DEV_SERVER_URL is not a URL: ${devServerUrl}`);
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`SLUICE_DEV_SERVER_URL must be an http:// URL on localhost, 127.0.0.1 or [::1]; got ${devServerUrl}`);
  }
  return { kind: 'dev-server', url: url.href, origin: url.origin };
}

function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  const left = path.resolve(a);
  const right = path.resolve(b);
  return platform === 'win32' || platform === 'darwin' ? left.toLowerCase() === right.toLowerCase() : left === right;
}

/** True only for our own page: the exact index.html (any hash or query), or the dev server's origin. */
export function isAppUrl(rawUrl: string, location: AppLocation, platform: NodeJS.Platform = process.platform): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (location.kind === 'dev-server') return url.origin === location.origin;
  if (url.protocol !== 'file:' || url.host !== '') return false;
  let filePath: string;
  try {
    filePath = fileURLToPath(url);
  } catch {
    return false;
  }
  return samePath(filePath, location.indexPath, platform);
}

/** will-navigate / will-redirect: the window only ever shows our page (a reload of it is fine). */
export function decideNavigation(url: string, location: AppLocation): 'allow' | 'deny' {
  return isAppUrl(url, location) ? 'allow' : 'deny';
}

/** Links the user may open in their browser: well-formed http(s) URLs without credentials. */
export function isSafeExternalUrl(rawUrl: string): boolean {
  if (rawUrl.length > 4096) return false;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  return url.hostname !== '';
}

/** window.open and target=_blank never make a new Electron window; http(s) links go to the browser. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: isSafeExternalUrl(url) ? new URL(url).href : null };
}

/** No web permission (camera, notifications, clipboard read, geolocation, ...) is ever granted. */
export function decidePermission(_permission: string): boolean {
  return false;
}

/**
 * The CSP, from `default-src 'none'` up. Styles need 'unsafe-inline' because
 * React Flow and Monaco set inline styles; scripts never do, except Vite's
 * React-refresh preamble on the dev server.
 */
export function buildContentSecurityPolicy(location: AppLocation): string {
  const dev = location.kind === 'dev-server';
  const devOrigin = dev ? location.origin : '';
  const devSocket = dev ? devOrigin.replace(/^http/, 'ws') : '';
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'", devOrigin] : ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['worker-src', ["'self'", 'blob:']],
    ['connect-src', dev ? ["'self'", devOrigin, devSocket] : ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Response headers with our CSP as the only one (any header the response had is replaced). */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

export interface WindowOptionsInput {
  preloadPath: string;
  iconPath?: string | undefined;
  /** Developer tools only in an unpackaged app. */
  dev: boolean;
}

/** The one set of BrowserWindow options: sandboxed, isolated, no Node, no webview. */
export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Sluice',
    backgroundColor: '#1e1e1e',
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: input.dev,
    },
  };
}

export interface SenderFacts {
  /** The sender's WebContents belongs to a window this app created. */
  windowIsOurs: boolean;
  /** The sending frame is that window's top-level frame (not an iframe). */
  frameIsMainFrame: boolean;
  /** The sending frame's URL; null when the frame is gone. */
  frameUrl: string | null;
}

/** The IPC choke point's first check: who is calling, before what they send is parsed. */
export function checkSender(facts: SenderFacts, location: AppLocation): { ok: true } | { ok: false; reason: string } {
  if (!facts.windowIsOurs) return { ok: false, reason: 'the sender is not a Sluice window' };
  if (!facts.frameIsMainFrame) return { ok: false, reason: 'only the main frame of a Sluice window may call the API' };
  if (facts.frameUrl === null || !isAppUrl(facts.frameUrl, location)) return { ok: false, reason: 'the sender is not showing the Sluice app' };
  return { ok: true };
}
