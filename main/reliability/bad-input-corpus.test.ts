import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import type { RunReport } from '../../common/contract/api';
import type { Envelope } from '../../common/contract/envelope';
import { makeTempDir } from '../test-support/temp';
import { fileCases } from './support/corpus-files';
import { pipelineCases } from './support/corpus-pipelines';
import type { CorpusAction, CorpusCase, CorpusContext, ExpectedError } from './support/corpus';
import { createHostHarness, type HostHarness } from './support/host-harness';
import { createRecorder, oneLine, withTimeout } from './support/record';

const CASE_TIMEOUT_MS = 30_000;
const recorder = createRecorder('bad-input-corpus');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let harness: HostHarness;
let serial = 0;

beforeAll(async () => {
  temp = await makeTempDir('sluice-corpus-');
  harness = await createHostHarness({ userDataDir: path.join(temp.dir, 'user-data') });
});
afterAll(async () => {
  recorder.flush();
  await harness?.dispose();
  await temp?.dispose();
});

async function perform(action: CorpusAction, requestId: string): Promise<Envelope<unknown>> {
  switch (action.kind) {
    case 'preview':
      return harness.call('pipeline:preview-node', { requestId, pipeline: action.pipeline, node: action.node, limit: action.limit ?? 10 });
    case 'run':
      return harness.call('pipeline:run', { requestId, path: null, pipeline: action.pipeline });
    case 'load':
      return harness.call('pipeline:load', { path: action.path });
    case 'save':
      return harness.call('pipeline:save', { path: action.path, pipeline: action.pipeline });
  }
}

/** A failed call, or a run that failed on a node, as one error to check. */
function errorOf(reply: Envelope<unknown>): { code: string; message: string; node?: string; line?: number } | undefined {
  if (!reply.ok) return reply.error;
  const report = reply.value as Partial<RunReport>;
  if (report && Array.isArray(report.nodes) && report.status === 'failed') {
    const failed = report.nodes.find((n) => n.status === 'failed')!;
    return { code: 'node-failed', message: failed.error?.message ?? '', node: failed.name, ...(failed.error?.line ? { line: failed.error.line } : {}) };
  }
  return undefined;
}

function checkError(error: { code: string; message: string; node?: string; line?: number }, expected: ExpectedError): void {
  const codes = Array.isArray(expected.code) ? expected.code : [expected.code];
  expect(codes, `error code of "${error.message}"`).toContain(error.code);
  expect(error.message.length, 'a message to read').toBeGreaterThan(0);
  expect(error.message, 'no stack trace').not.toMatch(/\n\s+at .+:\d+:\d+/);
  if (expected.message) expect(error.message).toMatch(expected.message);
  if (expected.node) {
    // The node is named in the error body or, for node failures, leads the message.
    expect(error.node === expected.node || error.message.startsWith(`${expected.node}:`) || error.message.includes(`"${expected.node}"`), `names node ${expected.node}: ${error.message}`).toBe(true);
  }
  if (expected.line) expect(error.line).toBe(expected.line);
}

async function runCase(testCase: CorpusCase): Promise<string> {
  const dir = await mkdtemp(path.join(temp.dir, 'case-'));
  const outside = path.join(temp.dir, `outside-${testCase.id}`);
  await mkdir(outside);
  const ctx: CorpusContext = { dir, outside };
  await testCase.setup?.(ctx);
  const opened = await harness.call('project:open', { path: dir });
  if (!opened.ok) throw new Error(`the project did not open: ${opened.error.message}`);
  const requestId = `corpus-${++serial}`;
  const started = performance.now();
  const reply = await withTimeout(perform(testCase.action(ctx), requestId), CASE_TIMEOUT_MS, testCase.id).catch(async (error: unknown) => {
    await harness.call('engine:cancel-request', { requestId });
    throw error;
  });
  const ms = Math.round(performance.now() - started);
  expect(reply.ok === false && ['internal', 'engine-crashed'].includes(reply.error.code), `no crash: ${JSON.stringify(reply)}`.slice(0, 500)).toBe(false);
  const error = errorOf(reply);
  let observed: string;
  if (error) {
    if (!testCase.expect.error) throw new Error(`expected a correct result, got ${error.code}: ${error.message}`);
    checkError(error, testCase.expect.error);
    observed = `${error.code}${error.node ? ` on ${error.node}` : ''}${error.line ? ` line ${error.line}` : ''}: "${oneLine(error.message, 160)}"`;
  } else {
    if (!testCase.expect.result) throw new Error(`expected a clear error, got a result: ${JSON.stringify(reply).slice(0, 300)}`);
    observed = `result: ${await testCase.expect.result((reply as { value: unknown }).value, ctx)}`;
  }
  await testCase.after?.(ctx);
  return `${observed} (${ms} ms)`;
}

const cases = [...fileCases, ...pipelineCases];

describe('bad-input corpus: each hostile input gets a clear error or a correct result, never a crash or a hang', () => {
  it('has at least 50 cases with unique ids', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  for (const testCase of cases) {
    it(`${testCase.id} ${testCase.title}`, async () => {
      await recorder.run(
        {
          id: testCase.id,
          area: 'bad-input',
          title: testCase.title,
          expected: [testCase.expect.error ? `clear error (${[testCase.expect.error.code].flat().join('/')})` : '', testCase.expect.result ? 'correct result' : ''].filter(Boolean).join(' or '),
        },
        () => runCase(testCase),
      );
      // The host still answers after every case.
      expect((await harness.call('app:get-info', {})).ok).toBe(true);
    });
  }
});
