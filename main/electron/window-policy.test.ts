import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildContentSecurityPolicy,
  buildWindowOptions,
  checkSender,
  decideNavigation,
  decidePermission,
  decideWindowOpen,
  isAppUrl,
  isSafeExternalUrl,
  resolveAppLocation,
  withContentSecurityPolicy,
  type AppLocation,
} from './window-policy';

const root = path.resolve('/opt/Sluice app/resources/app.asar');
const indexPath = path.join(root, 'out', 'renderer', 'index.html');
const indexUrl = pathToFileURL(indexPath).href;
const fileApp: AppLocation = resolveAppLocation({ indexPath, isPackaged: true });
const devApp: AppLocation = resolveAppLocation({ indexPath, devServerUrl: 'http://localhost:5173/', isPackaged: false });

describe('window options', () => {
  const options = buildWindowOptions({ preloadPath: '/app/out/preload/preload.cjs', dev: false });
  const prefs = options.webPreferences!;

  it('sandboxes and isolates the renderer, without Node', () => {
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
  });

  it('loads the CommonJS preload and hides devtools unless developing', () => {
    expect(prefs.preload).toBe('/app/out/preload/preload.cjs');
    expect(prefs.devTools).toBe(false);
    expect(buildWindowOptions({ preloadPath: 'p.cjs', dev: true }).webPreferences!.devTools).toBe(true);
  });

  it('waits for ready-to-show instead of flashing an empty window', () => {
    expect(options.show).toBe(false);
  });
});

describe('app location', () => {
  it('is the built index.html unless a loopback dev server is given in an unpackaged app', () => {
    expect(fileApp).toEqual({ kind: 'file', indexPath });
    expect(devApp).toEqual({ kind: 'dev-server', url: 'http://localhost:5173/', origin: 'http://localhost:5173' });
  });

  it('ignores the dev server in a packaged app', () => {
    expect(resolveAppLocation({ indexPath, devServerUrl: 'http://localhost:5173/', isPackaged: true }).kind).toBe('file');
  });

  it('refuses a dev server that is not on loopback http', () => {
    expect(() => resolveAppLocation({ indexPath, devServerUrl: 'http://evil.example:5173/', isPackaged: false })).toThrow(/localhost/);
    expect(() => resolveAppLocation({ indexPath, devServerUrl: 'https://localhost:5173/', isPackaged: false })).toThrow(/http:\/\//);
    expect(() => resolveAppLocation({ indexPath, devServerUrl: 'not a url', isPackaged: false })).toThrow(/not a URL/);
  });
});

describe('navigation', () => {
  const allowed = [indexUrl, `${indexUrl}#/pipelines/flights`, `${indexUrl}?x=1`];
  const denied = [
    pathToFileURL(path.join(root, 'out', 'renderer', 'other.html')).href,
    pathToFileURL(path.join(root, 'out', 'renderer')).href,
    pathToFileURL('/etc/passwd').href,
    pathToFileURL(path.join(root, 'out', 'renderer', '..', 'renderer-evil', 'index.html')).href,
    `file://evil-host${pathToFileURL(indexPath).pathname}`,
    'http://evil.example/',
    'https://evil.example/index.html',
    'http://localhost:5173/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
  ];

  it.each(allowed)('allows our own page: %s', (url) => {
    expect(decideNavigation(url, fileApp)).toBe('allow');
  });

  it.each(denied)('denies %s', (url) => {
    expect(decideNavigation(url, fileApp)).toBe('deny');
  });

  it('decodes percent-encoded paths before comparing them', () => {
    expect(indexUrl).toContain('Sluice%20app');
    expect(isAppUrl(indexUrl, fileApp)).toBe(true);
  });

  it('on the dev server, allows only its exact origin', () => {
    expect(decideNavigation('http://localhost:5173/', devApp)).toBe('allow');
    expect(decideNavigation('http://localhost:5173/src/main.tsx', devApp)).toBe('allow');
    expect(decideNavigation('http://localhost:5174/', devApp)).toBe('deny');
    expect(decideNavigation('http://127.0.0.1:5173/', devApp)).toBe('deny');
    expect(decideNavigation('https://localhost:5173/', devApp)).toBe('deny');
    expect(decideNavigation(indexUrl, devApp)).toBe('deny');
    expect(decideNavigation('javascript:alert(1)', devApp)).toBe('deny');
  });
});

describe('window.open and external links', () => {
  it('never opens a window; http(s) links go to the browser', () => {
    expect(decideWindowOpen('https://duckdb.org/docs/')).toEqual({ action: 'deny', openExternally: 'https://duckdb.org/docs/' });
    expect(decideWindowOpen('http://example.com/a b')).toEqual({ action: 'deny', openExternally: 'http://example.com/a%20b' });
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,hi',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'vscode://extension/x',
    'https://user:secret@example.com/',
    'http://',
    'not a url',
    indexUrl,
    `https://example.com/${'a'.repeat(5000)}`,
  ])('opens nothing for %s', (url) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: null });
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown'])('denies %s', (permission) => {
    expect(decidePermission(permission)).toBe(false);
  });
});

describe('content security policy', () => {
  const csp = buildContentSecurityPolicy(fileApp);
  const directive = (policy: string, name: string) =>
    policy
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${name} `));

  it("starts from default-src 'none'", () => {
    expect(csp.startsWith("default-src 'none';")).toBe(true);
  });

  it('allows only our own scripts, never inline or eval', () => {
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('blocks plugins, frames, base rewriting and form posts', () => {
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(directive(csp, 'frame-src')).toBe("frame-src 'none'");
    expect(directive(csp, 'base-uri')).toBe("base-uri 'none'");
    expect(directive(csp, 'form-action')).toBe("form-action 'none'");
  });

  it('lets Monaco run its workers and React Flow its inline styles', () => {
    expect(directive(csp, 'worker-src')).toBe("worker-src 'self' blob:");
    expect(directive(csp, 'style-src')).toBe("style-src 'self' 'unsafe-inline'");
  });

  it('on the dev server, adds its origin and its hot-reload socket only', () => {
    const dev = buildContentSecurityPolicy(devApp);
    expect(dev.startsWith("default-src 'none';")).toBe(true);
    expect(directive(dev, 'script-src')).toBe("script-src 'self' 'unsafe-inline' http://localhost:5173");
    expect(directive(dev, 'connect-src')).toBe("connect-src 'self' http://localhost:5173 ws://localhost:5173");
    expect(dev).not.toContain('unsafe-eval');
  });

  it('replaces any CSP the response carried, whatever its case', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] }, csp);
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [csp] });
    expect(withContentSecurityPolicy(undefined, csp)).toEqual({ 'Content-Security-Policy': [csp] });
  });
});

describe('IPC sender check', () => {
  const good = { windowIsOurs: true, frameIsMainFrame: true, frameUrl: indexUrl };

  it('accepts the main frame of our window showing our page', () => {
    expect(checkSender(good, fileApp)).toEqual({ ok: true });
  });

  it.each([
    [{ ...good, windowIsOurs: false }, /not a Sluice window/],
    [{ ...good, frameIsMainFrame: false }, /main frame/],
    [{ ...good, frameUrl: null }, /not showing/],
    [{ ...good, frameUrl: 'https://evil.example/' }, /not showing/],
    [{ ...good, frameUrl: pathToFileURL('/tmp/index.html').href }, /not showing/],
    [{ ...good, frameUrl: 'data:text/html,hi' }, /not showing/],
  ])('refuses %o', (facts, reason) => {
    const result = checkSender(facts, fileApp);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
