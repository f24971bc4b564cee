import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import http from 'node:http';
import WebSocket from 'ws';
import { startServer, type RunningServer } from './server';
import { copySampleProject, makeTempDir } from '../test-support/temp';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let server: RunningServer;
let projectDir: string;

beforeAll(async () => {
  temp = await makeTempDir();
  projectDir = await copySampleProject(temp.dir);
  const rendererDir = path.join(temp.dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Sluice</title>');
  server = await startServer({ port: 0, projectDir, userDataDir: path.join(temp.dir, 'user-data'), rendererDir });
});

afterAll(async () => {
  await server.close();
  await temp.dispose();
});

/** Raw HTTP so that Host and Origin headers can be forged (fetch forbids that). */
function request(options: { path: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const call = (channel: string, input: unknown, headers: Record<string, string> = {}) =>
  request({ path: `/api/${channel}`, method: 'POST', headers: { 'content-type': 'application/json', 'x-sluice-token': server.token, ...headers }, body: JSON.stringify(input) });

describe('serve mode', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{20,}$`));
  });

  it('answers 401 without the token, with a wrong token, and on every path', async () => {
    expect((await request({ path: '/' })).status).toBe(401);
    expect((await request({ path: '/?token=wrong' })).status).toBe(401);
    expect((await request({ path: '/api/project:get-current', method: 'POST', body: '{}' })).status).toBe(401);
    expect((await request({ path: '/api/project:get-current', method: 'POST', headers: { 'x-sluice-token': `${server.token}x` }, body: '{}' })).status).toBe(401);
    expect((await request({ path: '/assets/app.js' })).status).toBe(401);
  });

  it('serves the renderer with the token, sets the cookie and a strict CSP', async () => {
    const page = await request({ path: `/?token=${server.token}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const withCookie = await request({ path: '/index.html', headers: { cookie: cookie.split(';')[0]! } });
    expect(withCookie.status).toBe(200);
  });

  it('refuses other Host headers and cross-origin requests even with the token', async () => {
    expect((await call('project:get-current', {}, { host: 'evil.example:80' })).status).toBe(403);
    expect((await call('project:get-current', {}, { host: `attacker.test:${server.port}` })).status).toBe(403);
    expect((await call('project:get-current', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('project:get-current', {}, { origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('does not serve files outside the renderer folder', async () => {
    const escaped = await request({ path: `/..%2F..%2Fetc%2Fpasswd?token=${server.token}` });
    expect(escaped.status).toBe(404);
  });

  it('validates payloads and answers typed errors', async () => {
    const unknown = JSON.parse((await call('pipeline:drop-everything', {})).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    const invalid = JSON.parse((await call('pipeline:preview-node', { node: 5 })).body);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const notJson = await request({ path: '/api/project:get-current', method: 'POST', headers: { 'x-sluice-token': server.token }, body: '{nope' });
    expect(notJson.status).toBe(400);
    const traversal = JSON.parse((await call('pipeline:load', { path: '../../etc/passwd.sluice.yaml' })).body);
    expect(traversal).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('loads, previews, saves and runs the sample over HTTP', async () => {
    const loaded = JSON.parse((await call('pipeline:load', { path: 'flights.sluice.yaml' })).body);
    expect(loaded.ok).toBe(true);
    const preview = JSON.parse((await call('pipeline:preview-node', { requestId: 'p1', path: 'flights.sluice.yaml', pipeline: loaded.value.pipeline, node: 'delays_by_state', limit: 3 })).body);
    expect(preview.ok).toBe(true);
    expect(preview.value.columns.map((c: { name: string }) => c.name)).toEqual(['state', 'delayed_flights', 'avg_delay_minutes']);
    expect(preview.value.columnData[0]).toEqual(['CA', 'TX', 'IL']);

    const original = await readFile(path.join(projectDir, 'flights.sluice.yaml'), 'utf8');
    const saved = JSON.parse((await call('pipeline:save', { path: 'flights.sluice.yaml', pipeline: loaded.value.pipeline })).body);
    expect(saved.ok).toBe(true);
    expect(await readFile(path.join(projectDir, 'flights.sluice.yaml'), 'utf8')).toBe(original);

    const events: string[] = [];
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}`);
    await new Promise((resolve) => socket.once('open', resolve));
    socket.on('message', (data) => events.push(JSON.parse(String(data)).channel));
    const run = JSON.parse((await call('pipeline:run', { requestId: 'run1', path: 'flights.sluice.yaml', pipeline: loaded.value.pipeline })).body);
    expect(run.value.status).toBe('succeeded');
    expect(events).toContain('run:did-change-status');
    socket.close();
    const history = JSON.parse((await call('history:list-runs', {})).body);
    expect(history.value[0]).toMatchObject({ runId: 'run1', status: 'succeeded' });
    expect(history.value[0].nodes).toHaveLength(5);
  });

  it('refuses WebSocket connections without the token', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/events`);
    const status = await new Promise<number>((resolve) => socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
  });
});
