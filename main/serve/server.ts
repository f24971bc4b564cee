import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { apiEvents, type ApiEventName, type EventPayload } from '../../common/contract/api';
import { fail } from '../../common/contract/envelope';
import { childProcessSpawner, EngineSupervisor } from '../engine/engine-supervisor';
import type { EngineSpawner } from '../engine/engine-protocol';
import { AppStore } from '../store/app-store';
import { createHost, type Host } from '../host/host';
import { stateDatabasePath } from '../host/paths';
import { readStaticFile, resolveStaticFile } from './static-files';
import { contentSecurityPolicy, hostIsAllowed, originIsAllowed, requestToken, TOKEN_COOKIE, tokensEqual } from './security';

export interface ServeOptions {
  port?: number;
  projectDir?: string;
  userDataDir: string;
  /** The built renderer; defaults to out/renderer beside the bundle. */
  rendererDir?: string;
  token?: string;
  spawnEngine?: EngineSpawner;
  resourcesDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  host: Host;
  engine: EngineSupervisor;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export function defaultRendererDir(): string {
  return fileURLToPath(new URL('../../out/renderer', import.meta.url));
}

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop reading but keep the socket: the client gets a 413 before it is closed.
        request.removeAllListeners('data');
        request.pause();
        reject(new BodyTooLargeError(`request body is over ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(text);
}

/**
 * Serve mode: the built renderer and the same API as the Electron app, on
 * 127.0.0.1 only, behind a random session token. Every API call goes through
 * the host's dispatcher, the one validation choke point.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  const sockets = new Set<WebSocket>();
  const emit = <E extends ApiEventName>(event: E, payload: EventPayload<E>) => {
    const message = JSON.stringify({ channel: apiEvents[event].channel, payload });
    for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(message);
  };
  const store = new AppStore(stateDatabasePath(options.userDataDir));
  const engine = new EngineSupervisor(options.spawnEngine ?? childProcessSpawner(), {
    onStatus: (status) => emit('onDidChangeEngineStatus', status),
  });
  const host = createHost({
    kind: 'serve',
    userDataDir: options.userDataDir,
    store,
    engine,
    emit,
    ...(options.resourcesDir ? { resourcesDir: options.resourcesDir } : {}),
  });
  let port = 0;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, fail('internal', (error as Error).message));
      else response.destroy();
    });
  });

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (!hostIsAllowed(request, port)) return sendJson(response, 403, fail('forbidden', 'unexpected Host header'));
    if (!originIsAllowed(request, port)) return sendJson(response, 403, fail('forbidden', 'cross-origin requests are refused'));
    const given = requestToken(request, url);
    if (!tokensEqual(given, token)) {
      response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('401: this Sluice server needs the token from the URL it printed at start\n');
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') return sendJson(response, 405, fail('invalid-input', 'API calls are POST'));
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      } catch {
        return sendJson(response, 400, fail('unknown-method', 'the method name is not valid percent-encoding'));
      }
      let input: unknown;
      try {
        const text = await readBody(request);
        input = text.length === 0 ? {} : JSON.parse(text);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          response.setHeader('connection', 'close');
          response.once('finish', () => request.destroy());
          return sendJson(response, 413, fail('invalid-input', error.message));
        }
        return sendJson(response, 400, fail('invalid-input', `request body is not JSON: ${(error as Error).message}`));
      }
      return sendJson(response, 200, await host.dispatch(channel, input));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, fail('invalid-input', 'method not allowed'));
    const found = await resolveStaticFile(rendererDir, url.pathname);
    if (!found) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(url.pathname === '/' ? `404: the renderer is not built (${rendererDir}); run "npm run build"\n` : '404\n');
      return;
    }
    const headers: Record<string, string> = {
      'content-type': found.contentType,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    };
    if (found.contentType.startsWith('text/html')) {
      headers['content-security-policy'] = contentSecurityPolicy(port);
      headers['x-frame-options'] = 'DENY';
      // Assets load without the token in their URLs; the cookie carries it.
      headers['set-cookie'] = `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
    }
    response.writeHead(200, headers);
    if (request.method === 'HEAD') return response.end();
    response.end(await readStaticFile(found.file));
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const refuse = (status: string) => {
      socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
    };
    if (url.pathname !== '/events') return refuse('404 Not Found');
    if (!hostIsAllowed(request, port) || !originIsAllowed(request, port)) return refuse('403 Forbidden');
    if (!tokensEqual(requestToken(request, url), token)) return refuse('401 Unauthorized');
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // Events flow one way; anything the page sends is ignored.
      ws.on('message', () => undefined);
      // An oversized or malformed frame is an 'error' on the socket; unhandled, it would take the server down.
      ws.on('error', () => ws.terminate());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  await engine.start();
  await host.openInitialProject(options.projectDir);

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    host,
    engine,
    close: async () => {
      for (const socket of sockets) socket.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await host.dispose();
    },
  };
}
