import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { apiMethodNames, apiMethods, type ApiMethodName, type Preview } from '../../common/contract/api';
import type { Envelope, ErrorCode } from '../../common/contract/envelope';
import type { Pipeline } from '../../common/pipeline/model';
import { makeTempDir } from '../test-support/temp';
import { createHostHarness, valueOf, type HostHarness } from './support/host-harness';
import { hostileStrings, mutationsOf, stringMutationsOf } from './support/hostile';
import { createRecorder, withTimeout } from './support/record';

/** Per contract method; a fixed seed keeps CI reproducible (SLUICE_FUZZ_SEED explores others). */
const RUNS = 200;
const SEED = Number(process.env.SLUICE_FUZZ_SEED ?? 1_234);
const CALL_TIMEOUT_MS = 20_000;

// A Record over the ErrorCode union: adding a code to the contract without listing it here fails typecheck.
const TYPED_CODES: Record<ErrorCode, true> = {
  'invalid-input': true,
  'unknown-method': true,
  forbidden: true,
  'not-found': true,
  unsupported: true,
  'pipeline-invalid': true,
  'node-failed': true,
  cancelled: true,
  'engine-crashed': true,
  'io-error': true,
  internal: true,
};

const recorder = createRecorder('boundary-fuzz');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let projectDir: string;
let harness: HostHarness;

const pipeline: Pipeline = {
  version: 1,
  name: 'fuzz',
  nodes: [
    { name: 'numbers', type: 'source.file', path: 'numbers.csv' },
    { name: 'total', type: 'transform.sql', inputs: ['numbers'], sql: 'SELECT sum(n) AS total FROM numbers' },
    { name: 'total_file', type: 'sink.file', inputs: ['total'], path: 'out/total.csv' },
  ],
  layout: { numbers: { x: 0, y: 0 } },
};

/** One valid payload per method, the seed of the adversarial mutations. Methods added later fuzz from `{}`. */
const validPayloads = (): Partial<Record<ApiMethodName, unknown>> => ({
  openProject: { path: projectDir },
  loadPipeline: { path: 'fuzz.sluice.yaml' },
  savePipeline: { path: 'fuzz.sluice.yaml', pipeline },
  autosaveDraft: { path: 'fuzz.sluice.yaml', pipeline },
  discardDraft: { path: 'fuzz.sluice.yaml' },
  runPipeline: { requestId: 'fuzz-run', path: null, pipeline },
  previewNode: { requestId: 'fuzz-preview', path: 'fuzz.sluice.yaml', pipeline, node: 'total', limit: 5 },
  readRows: { requestId: 'fuzz-rows', path: null, pipeline, node: 'numbers', offset: 0, limit: 2, sort: [{ column: 'n', descending: true }], filters: [{ column: 'n', op: '>', value: 1 }] },
  countRows: { requestId: 'fuzz-count', path: null, pipeline, node: 'numbers', filters: [{ column: 'n', op: '>=', value: 2 }] },
  profileNode: { requestId: 'fuzz-profile', path: null, pipeline, node: 'numbers', stage: 'full' },
  profileFile: { requestId: 'fuzz-profile-file', path: 'numbers.csv' },
  listProfiles: { target: { kind: 'file', path: 'numbers.csv' }, limit: 3 },
  cancelRequest: { requestId: 'fuzz-nothing' },
  listRuns: { limit: 3 },
  // No seed for writeExport: a mutated folder with overwrite would write an export wherever the mutation points.
  generateExport: { pipeline, target: 'python', options: { granularity: 'pipeline' } },
  updateSettings: { values: { theme: 'dark' } },
});

beforeAll(async () => {
  temp = await makeTempDir('sluice-fuzz-');
  projectDir = path.join(temp.dir, 'project');
  await mkdir(projectDir);
  await writeFile(path.join(projectDir, 'numbers.csv'), 'n\n1\n2\n3\n');
  harness = await createHostHarness({ userDataDir: path.join(temp.dir, 'user-data'), projectDir });
  valueOf(await harness.call('pipeline:save', { path: 'fuzz.sluice.yaml', pipeline }));
});
afterAll(async () => {
  recorder.flush();
  await harness?.dispose();
  await temp?.dispose();
});

interface Tally {
  calls: number;
  rejected: number;
  accepted: number;
  codes: Map<string, number>;
  slowestMs: number;
}

/** What must hold for every reply, whatever was sent. */
function checkReply(name: ApiMethodName, payload: unknown, reply: Envelope<unknown>, tally: Tally): void {
  tally.calls++;
  expect(reply && typeof reply === 'object' && typeof reply.ok === 'boolean', 'an envelope').toBe(true);
  let validInput = false;
  try {
    validInput = apiMethods[name].input.safeParse(payload ?? {}).success;
  } catch {
    // Too deep for the schema to walk: invalid by any measure.
  }
  if (reply.ok) {
    tally.accepted++;
    expect(validInput, `${name} accepted a payload its schema rejects`).toBe(true);
    const output = apiMethods[name].output.safeParse(reply.value);
    expect(output.success, `${name} answered outside its output schema: ${output.error?.issues[0]?.message}`).toBe(true);
    return;
  }
  tally.rejected++;
  tally.codes.set(reply.error.code, (tally.codes.get(reply.error.code) ?? 0) + 1);
  expect(TYPED_CODES[reply.error.code], `untyped error code ${reply.error.code}`).toBe(true);
  expect(typeof reply.error.message).toBe('string');
  expect(reply.error.message, 'no stack traces in errors').not.toMatch(/\n\s+at .+:\d+:\d+/);
  if (!validInput) expect(reply.error.code, `${name}: invalid payload → ${reply.error.message}`).toBe('invalid-input');
  expect(reply.error.code, `${name}: an internal error is a bug: ${reply.error.message}`).not.toBe('internal');
}

async function restoreProject(): Promise<void> {
  valueOf(await harness.call('project:open', { path: projectDir }));
}

describe('boundary fuzzing through host.dispatch (the choke point IPC and HTTP share)', () => {
  for (const name of apiMethodNames) {
    const channel = apiMethods[name].channel;
    it(`${channel}: ${RUNS} random and adversarial payloads, every one answered with a typed envelope`, { timeout: 120_000 }, async () => {
      const base = validPayloads()[name] ?? {};
      const tally: Tally = { calls: 0, rejected: 0, accepted: 0, codes: new Map(), slowestMs: 0 };
      const started = performance.now();
      const payloads = fc.oneof(
        { weight: 3, arbitrary: mutationsOf(base) },
        { weight: 2, arbitrary: stringMutationsOf(base) },
        { weight: 1, arbitrary: fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true }) },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, 0, '', [], 'x'.repeat(100_000), ...hostileStrings.slice(0, 12)) },
      );
      await fc.assert(
        fc.asyncProperty(payloads, async (payload) => {
          const callStarted = performance.now();
          const reply = await withTimeout(harness.host.dispatch(channel, payload), CALL_TIMEOUT_MS, `${channel} call`);
          tally.slowestMs = Math.max(tally.slowestMs, performance.now() - callStarted);
          if (name === 'openProject') await restoreProject();
          checkReply(name, payload, reply, tally);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      // The host keeps serving: this very method with its valid payload, and a preview.
      valueOf(await harness.call('pipeline:save', { path: 'fuzz.sluice.yaml', pipeline }));
      const again = await harness.host.dispatch(channel, validPayloads()[name] ?? {});
      if (validPayloads()[name] !== undefined || apiMethods[name].input.safeParse({}).success) {
        expect(again.ok || ((name === 'chooseProjectFolder' || name === 'chooseExportFolder') && again.error.code === 'unsupported'), `${channel} with its valid payload: ${JSON.stringify(again).slice(0, 300)}`).toBe(true);
      }
      const preview = valueOf(await harness.call<Preview>('pipeline:preview-node', { requestId: `after-${name}`, pipeline, node: 'total' }));
      expect(preview.columnData).toEqual([[6]]);
      expect(tally.calls).toBeGreaterThanOrEqual(RUNS);
      const codes = [...tally.codes.entries()].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ');
      recorder.add({
        id: `Z-${channel}`,
        area: 'fuzz',
        title: `${channel}: ${RUNS} payloads (structural mutations of a valid one, hostile text in its string fields, fast-check anything(), hostile constants), seed ${SEED}`,
        expected: 'every reply a typed envelope; invalid → invalid-input; never internal, no stack trace; valid replies match the output schema; host serves a valid call afterwards',
        observed: `${tally.calls} calls: ${tally.rejected} rejected (${codes || 'none'}), ${tally.accepted} accepted and schema-valid; slowest ${Math.round(tally.slowestMs)} ms; afterwards the valid payload ${again.ok ? 'succeeded' : `gave ${again.error.code}`} and a preview = 6`,
        passed: true,
        ms: Math.round(performance.now() - started),
      });
    });
  }

  it(`unknown channels: ${RUNS} random names answered unknown-method`, async () => {
    const known = new Set(apiMethodNames.map((n) => apiMethods[n].channel));
    let calls = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'pipeline:save ', 'PIPELINE:SAVE', 'pipeline:save\u0000', 'pipeline/save', 'savePipeline')), fc.anything(), async (channel, payload) => {
        fc.pre(!known.has(channel));
        calls++;
        const reply = await harness.host.dispatch(channel, payload);
        expect(reply).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
      }),
      { numRuns: RUNS, seed: SEED },
    );
    recorder.add({
      id: 'Z-unknown-channel',
      area: 'fuzz',
      title: `${RUNS} random channel names (incl. __proto__, constructor, method names instead of channels)`,
      expected: 'unknown-method for every one',
      observed: `${calls} calls, all unknown-method`,
      passed: true,
      ms: 0,
    });
  });
});
