import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { apiMethodNames, apiMethods } from '../../common/contract/api';
import type { Envelope } from '../../common/contract/envelope';
import type { Pipeline } from '../../common/pipeline/model';
import { startServer, type RunningServer } from '../serve/server';
import { makeTempDir } from '../test-support/temp';
import { mutationsOf, stringMutationsOf } from './support/hostile';
import { createRecorder } from './support/record';

/** A sample over real HTTP; the full 200-per-method run goes through host.dispatch (boundary-fuzz.test.ts). */
const PER_METHOD = 30;
const RAW_BODIES = 150;
const SEED = Number(process.env.SLUICE_FUZZ_SEED ?? 1_234);
const recorder = createRecorder('boundary-fuzz-http');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let server: RunningServer;

const pipeline: Pipeline = {
  version: 1,
  name: 'http fuzz',
  nodes: [
    { name: 'numbers', type: 'source.file', path: 'numbers.csv' },
    { name: 'total', type: 'transform.sql', inputs: ['numbers'], sql: 'SELECT sum(n) AS total FROM numbers' },
  ],
};
const bases: Record<string, unknown> = {
  'pipeline:save': { path: 'h.sluice.yaml', pipeline },
  'pipeline:autosave-draft': { path: 'h.sluice.yaml', pipeline },
  'pipeline:run': { requestId: 'h-run', path: null, pipeline },
  'pipeline:preview-node': { requestId: 'h-preview', pipeline, node: 'total' },
  'pipeline:load': { path: 'h.sluice.yaml' },
  'settings:update': { values: { a: 1 } },
  'history:list-runs': { limit: 2 },
};

beforeAll(async () => {
  temp = await makeTempDir('sluice-fuzz-http-');
  const projectDir = path.join(temp.dir, 'project');
  await mkdir(projectDir);
  await writeFile(path.join(projectDir, 'numbers.csv'), 'n\n1\n2\n3\n');
  const rendererDir = path.join(temp.dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html>');
  server = await startServer({ port: 0, projectDir, userDataDir: path.join(temp.dir, 'user-data'), rendererDir });
});
afterAll(async () => {
  recorder.flush();
  await server?.close();
  await temp?.dispose();
});

async function post(channel: string, body: string): Promise<{ status: number; envelope: Envelope<unknown> }> {
  const response = await fetch(`http://127.0.0.1:${server.port}/api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sluice-token': server.token },
    body,
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, envelope: (await response.json()) as Envelope<unknown> };
}

describe('boundary fuzzing over real HTTP (serve mode)', () => {
  it(`answers ${PER_METHOD} hostile JSON payloads per method and ${RAW_BODIES} raw bodies with typed envelopes, never a 500`, async () => {
    const started = performance.now();
    const statuses = new Map<number, number>();
    let calls = 0;
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    for (const name of apiMethodNames) {
      const channel = apiMethods[name].channel;
      const base = bases[channel] ?? {};
      await fc.assert(
        fc.asyncProperty(fc.oneof(mutationsOf(base), stringMutationsOf(base), fc.jsonValue()), async (payload) => {
          let body: string | undefined;
          try {
            body = JSON.stringify(payload);
          } catch {
            // BigInts and cycles cannot travel as JSON; the raw-body property below covers garbage.
          }
          fc.pre(body !== undefined);
          const { status, envelope } = await post(channel, body!);
          calls++;
          count(status);
          expect([200, 400, 413], `${channel} → ${status}`).toContain(status);
          expect(typeof envelope.ok).toBe('boolean');
          if (!envelope.ok) expect(envelope.error.code).not.toBe('internal');
          if (envelope.ok) expect(apiMethods[name].output.safeParse(envelope.value).success).toBe(true);
        }),
        { numRuns: PER_METHOD, seed: SEED },
      );
    }
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...apiMethodNames.map((n) => apiMethods[n].channel), 'nope:nope'), fc.oneof(fc.string({ unit: 'binary' }), fc.string()), async (channel, body) => {
        const { status, envelope } = await post(channel, body);
        calls++;
        count(status);
        expect(status).not.toBe(500);
        expect(typeof envelope.ok).toBe('boolean');
      }),
      { numRuns: RAW_BODIES, seed: SEED },
    );
    const after = await post('pipeline:preview-node', JSON.stringify({ requestId: 'h-after', pipeline, node: 'total' }));
    expect(after.envelope).toMatchObject({ ok: true, value: { columnData: [[6]] } });
    recorder.add({
      id: 'Z-http',
      area: 'fuzz',
      title: `real HTTP sample: ${PER_METHOD} JSON payloads for each of ${apiMethodNames.length} channels plus ${RAW_BODIES} raw string bodies, seed ${SEED}`,
      expected: 'HTTP 200/400/413 with a typed envelope, never 500, never internal; a valid preview afterwards',
      observed: `${calls} requests: ${[...statuses.entries()].sort().map(([s, n]) => `HTTP ${s} ×${n}`).join(', ')}; 0 × 500; preview afterwards = 6`,
      passed: true,
      ms: Math.round(performance.now() - started),
    });
  });
});
