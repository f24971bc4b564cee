import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import WebSocket from 'ws';
import { apiMethodNames, apiMethods } from '../../common/contract/api';
import { startServer, type RunningServer } from '../serve/server';
import { makeTempDir } from '../test-support/temp';
import { createRecorder } from './support/record';

const recorder = createRecorder('serve-security');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let server: RunningServer;

beforeAll(async () => {
  temp = await makeTempDir('sluice-security-');
  const projectDir = path.join(temp.dir, 'project');
  await mkdir(projectDir);
  await writeFile(path.join(projectDir, 'numbers.csv'), 'n\n1\n');
  const rendererDir = path.join(temp.dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Sluice</title>');
  await writeFile(path.join(temp.dir, 'secret.txt'), 'secret');
  server = await startServer({ port: 0, projectDir, userDataDir: path.join(temp.dir, 'user-data'), rendererDir });
});
afterAll(async () => {
  recorder.flush();
  await server?.close();
  await temp?.dispose();
});

interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** Raw HTTP so that Host, Origin and paths can be forged exactly (fetch normalizes them). */
function request(options: { path: string; method?: string; headers?: Record<string, string>; body?: string; setHost?: boolean }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: options.path, method: options.method ?? 'GET', headers: options.headers, setHost: options.setHost ?? true },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

/** A request written byte by byte on a socket: for what http.request will not send (no Host at all, HTTP/1.0). */
function rawRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (chunk) => (out += chunk.toString()));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

const api = (channel: string, headers: Record<string, string>, body = '{}') =>
  request({ path: `/api/${channel}`, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

function connectRefused(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 3000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

function wsStatus(url: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', (error) => (/Unexpected server response/.test(error.message) ? undefined : reject(error)));
  });
}

describe('serve mode security', () => {
  it('listens on 127.0.0.1 only', async () => {
    await recorder.run(
      { id: 'S-01', area: 'security', title: 'serve mode listening address', expected: 'bound to 127.0.0.1; other interfaces and ::1 refuse the port' },
      async () => {
        expect(server.url.startsWith(`http://127.0.0.1:${server.port}/`)).toBe(true);
        const external = Object.values(os.networkInterfaces())
          .flat()
          .filter((i): i is os.NetworkInterfaceInfo => Boolean(i && !i.internal && i.family === 'IPv4'))
          .map((i) => i.address);
        const results: string[] = [];
        for (const host of [...external, '::1']) {
          const outcome = await connectRefused(host, server.port);
          expect(outcome, `${host}:${server.port}`).not.toBe('connected');
          results.push(`${host} → ${outcome}`);
        }
        return `URL on 127.0.0.1; ${results.join('; ') || 'no other interfaces to try'}`;
      },
    );
  });

  it('requires the token on every API channel', async () => {
    await recorder.run(
      {
        id: 'S-02',
        area: 'security',
        title: 'every API channel with no token, a wrong token, a prefix of the token, the token in another case, an empty token',
        expected: '401 for each, and the 401 body does not echo the token',
      },
      async () => {
        const wrong = [undefined, 'wrong', server.token.slice(0, -1), server.token.toUpperCase() === server.token ? server.token.toLowerCase() : server.token.toUpperCase(), '', `${server.token}x`, `x${server.token}`];
        let refused = 0;
        for (const name of apiMethodNames) {
          for (const token of wrong) {
            const reply = await api(apiMethods[name].channel, token === undefined ? {} : { 'x-sluice-token': token });
            expect(reply.status, `${apiMethods[name].channel} with ${JSON.stringify(token)}`).toBe(401);
            expect(reply.body).not.toContain(server.token);
            refused++;
          }
        }
        const cookieWrong = await api('app:get-info', { cookie: 'sluice_token=nope' });
        expect(cookieWrong.status).toBe(401);
        const good = await api('app:get-info', { 'x-sluice-token': server.token });
        expect(good.status).toBe(200);
        return `${refused} requests over ${apiMethodNames.length} channels × ${wrong.length} bad tokens: all 401, token never echoed; wrong cookie 401; right token 200`;
      },
    );
  });

  it('refuses forged Host headers and cross-origin requests', async () => {
    await recorder.run(
      {
        id: 'S-03',
        area: 'security',
        title: 'forged Host (DNS rebinding) and Origin headers, with a valid token',
        expected: '403 for every foreign Host or Origin (also no Host at all); 200 for 127.0.0.1/localhost with this port',
      },
      async () => {
        const token = { 'x-sluice-token': server.token };
        const hosts = ['evil.example', `evil.example:${server.port}`, `localhost.evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`, `[::1]:${server.port}`, `0.0.0.0:${server.port}`, `127.0.0.2:${server.port}`];
        for (const host of hosts) expect((await api('app:get-info', { ...token, host })).status, host).toBe(403);
        const origins = ['null', 'http://evil.example', `http://127.0.0.1:${server.port}.evil.example`, `https://127.0.0.1:${server.port}`, `http://localhost:${server.port + 1}`, 'file://', `ws://127.0.0.1:${server.port}`, 'not a url'];
        for (const origin of origins) expect((await api('app:get-info', { ...token, origin })).status, origin).toBe(403);
        const noHost = await rawRequest(`POST /api/app:get-info HTTP/1.0\r\nx-sluice-token: ${server.token}\r\ncontent-length: 2\r\n\r\n{}`);
        expect(noHost).toMatch(/^HTTP\/1\.\d 403/);
        expect((await api('app:get-info', { ...token, host: `LOCALHOST:${server.port}`, origin: `http://localhost:${server.port}` })).status).toBe(200);
        const preflight = await request({ path: '/api/app:get-info', method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
        expect(preflight.status).toBe(403);
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
        return `${hosts.length} foreign Hosts → 403; ${origins.length} foreign Origins → 403; HTTP/1.0 without Host → 403; CORS preflight from evil.example → ${preflight.status}, no Access-Control-Allow-Origin; own names → 200`;
      },
    );
  });

  it('guards the WebSocket like every request', async () => {
    await recorder.run(
      {
        id: 'S-04',
        area: 'security',
        title: 'WebSocket /events: no token, wrong token, foreign Origin, foreign Host, other path; junk and oversized messages from the page',
        expected: '401/401/403/403/404; with the token it opens; junk is ignored, an oversized frame closes only that socket; the server keeps serving',
      },
      async () => {
        const base = `ws://127.0.0.1:${server.port}`;
        expect(await wsStatus(`${base}/events`)).toBe(401);
        expect(await wsStatus(`${base}/events?token=wrong`)).toBe(401);
        expect(await wsStatus(`${base}/events?token=${server.token}`, { origin: 'http://evil.example' })).toBe(403);
        expect(await wsStatus(`${base}/events?token=${server.token}`, { host: `evil.example:${server.port}` })).toBe(403);
        expect(await wsStatus(`${base}/other?token=${server.token}`)).toBe(404);
        const socket = new WebSocket(`${base}/events?token=${server.token}`);
        await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
        socket.send('{"channel":"pipeline:save","payload":{}}');
        socket.send(Buffer.alloc(10));
        const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
        socket.send(Buffer.alloc(2 * 1024 * 1024));
        const code = await closed;
        expect(code).toBe(1009);
        expect((await api('app:get-info', { 'x-sluice-token': server.token })).status).toBe(200);
        return `no token 401, wrong token 401, evil Origin 403, evil Host 403, other path 404; junk ignored; a 2 MB frame closed that socket with ${code}; server still answers`;
      },
    );
  });

  it('answers malformed bodies with 400 and never 500', async () => {
    await recorder.run(
      {
        id: 'S-05',
        area: 'security',
        title: 'malformed requests: not JSON, JSON nested 100,000 deep (also into a recursive schema), a bare string, a 65 MB body, bad %-encoding in the method, GET on the API',
        expected: '400 (413 for the oversized body, 405 for GET) with a typed error, never 500; server keeps serving',
      },
      async () => {
        const token = { 'x-sluice-token': server.token };
        const statuses: string[] = [];
        for (const [label, body] of [
          ['not JSON', '{nope'],
          ['100k-deep JSON', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
          ['100k-deep settings', JSON.stringify({ values: { a: null } }).replace('null', `${'['.repeat(100_000)}${']'.repeat(100_000)}`)],
          ['bare string', '"hello"'],
          ['65 MB', `"${'x'.repeat(65 * 1024 * 1024)}"`],
          ['bad %-encoding in the method', '{}'],
        ] as const) {
          const channel = label === '100k-deep settings' ? 'settings:update' : label.startsWith('bad %') ? '%E0%A4%A' : 'pipeline:save';
          const reply = await api(channel, token, body);
          expect(reply.status, label).not.toBe(500);
          expect(reply.status, label).toBeLessThan(500);
          statuses.push(`${label} → ${reply.status} ${(JSON.parse(reply.body) as { error?: { code: string } }).error?.code ?? ''}`);
        }
        const get = await request({ path: '/api/app:get-info', headers: token });
        expect(get.status).toBe(405);
        expect((await api('app:get-info', token)).status).toBe(200);
        return `${statuses.join('; ')}; GET → 405; server still answers`;
      },
    );
  });

  it('serves no file outside the renderer folder', async () => {
    await recorder.run(
      {
        id: 'S-06',
        area: 'security',
        title: 'static path traversal: encoded ../, double encoding, NUL, backslashes, absolute paths',
        expected: '404 for each; secret.txt beside the renderer folder never served',
      },
      async () => {
        const paths = [
          '/../secret.txt',
          '/..%2fsecret.txt',
          '/%2e%2e/secret.txt',
          '/%2e%2e%2fsecret.txt',
          '/%252e%252e%252fsecret.txt',
          '/....//secret.txt',
          '/..\\secret.txt',
          '/%5c..%5csecret.txt',
          '/index.html%00.png',
          '//etc/passwd',
          '/%2fetc%2fpasswd',
          '/renderer/../../secret.txt',
        ];
        for (const p of paths) {
          const reply = await request({ path: `${p}${p.includes('?') ? '&' : '?'}token=${server.token}` });
          expect(reply.status, p).toBe(404);
          expect(reply.body).not.toContain('secret');
        }
        return `${paths.length} traversal paths → 404, nothing outside the renderer folder served`;
      },
    );
  });

  it('carries hostile node names end to end over HTTP: save, load, preview, run, sink', async () => {
    await recorder.run(
      {
        id: 'S-07',
        area: 'security',
        title: 'a pipeline whose nodes are named x"; DROP TABLE y; --, \'; DELETE, select, 🦆, a.b, "" and with a sink named after them, over HTTP',
        expected: 'save/load round trip equal; every node previews; the run succeeds and writes its sink inside the project; no SQL runs but the pipeline’s',
      },
      async () => {
        const names = ['x"; DROP TABLE y; --', "'; DELETE FROM runs; --", 'select', '🦆', 'a.b', '""'];
        const nodes: unknown[] = [{ name: names[0], type: 'source.file', path: 'numbers.csv' }];
        for (let i = 1; i < names.length; i++) {
          const previous = names[i - 1]!.replaceAll('"', '""');
          nodes.push({ name: names[i], type: 'transform.sql', inputs: [names[i - 1]], sql: `SELECT n + ${i} AS n FROM "${previous}"` });
        }
        nodes.push({ name: `${names.at(-1)} → file`, type: 'sink.file', inputs: [names.at(-1)], path: "out/x'; DROP.csv", format: 'csv' });
        const pipeline = { version: 1, name: 'hostile "names"; --', nodes };
        const token = { 'x-sluice-token': server.token };
        const json = async (channel: string, input: unknown) => JSON.parse((await api(channel, token, JSON.stringify(input))).body) as { ok: boolean; value: Record<string, unknown>; error?: { message: string } };
        expect((await json('pipeline:save', { path: 'hostile.sluice.yaml', pipeline })).ok).toBe(true);
        const loaded = await json('pipeline:load', { path: 'hostile.sluice.yaml' });
        expect(loaded.value.pipeline).toEqual(pipeline);
        for (const [i, name] of names.entries()) {
          const preview = await json('pipeline:preview-node', { requestId: `hostile-${i}`, pipeline, node: name });
          expect(preview.ok, `${name}: ${preview.error?.message}`).toBe(true);
          expect(preview.value.columnData).toEqual([[1 + (i * (i + 1)) / 2]]);
        }
        const run = await json('pipeline:run', { requestId: 'hostile-run', path: 'hostile.sluice.yaml', pipeline });
        expect(run.value.status).toBe('succeeded');
        const { readFile } = await import('node:fs/promises');
        const written = await readFile(path.join(temp.dir, 'project', 'out', "x'; DROP.csv"), 'utf8');
        expect(written).toBe(`n\n${1 + 15}\n`);
        const history = await json('history:list-runs', {});
        expect((history.value as unknown as unknown[]).length).toBeGreaterThan(0);
        return `saved and loaded equal; ${names.length} nodes previewed with the right values; run succeeded; sink wrote "out/x'; DROP.csv" = 16; run history intact`;
      },
    );
  });
});
