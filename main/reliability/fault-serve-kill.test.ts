import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import type { Draft } from '../../common/contract/api';
import type { Pipeline } from '../../common/pipeline/model';
import { serializePipeline } from '../../common/pipeline/pipeline-file';
import { backupFolder } from '../project/backups';
import { makeTempDir } from '../test-support/temp';
import { createRecorder, withTimeout } from './support/record';
import { buildCli, childPids, isAlive, startServeProcess, waitUntil, type BuiltCli, type ServeProcess } from './support/serve-process';

const KILLS = 32;
const SEED = 20_240_601;
const recorder = createRecorder('fault-serve-kill');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let built: BuiltCli;
let projectDir: string;
let userDataDir: string;
let last: ServeProcess | undefined;

/** Versions alternate between a small file and a ~200 KB one, so a torn write could not pass for either. */
function version(file: string, k: number): Pipeline {
  const padding = k % 2 === 1 ? Array.from({ length: 4000 }, (_, i) => `-- padding ${i} of version ${k}: keeps this save large`).join('\n') : '-- small';
  return {
    version: 1,
    name: `${file} v${k}`,
    description: `version ${k}`,
    nodes: [
      { name: 'numbers', type: 'source.file', path: 'data/numbers.csv' },
      { name: 'total', type: 'transform.sql', inputs: ['numbers'], sql: `${padding}\nSELECT sum(n) + ${k} AS total FROM numbers\n` },
    ],
    layout: { numbers: { x: k, y: 0 }, total: { x: 200, y: k } },
  };
}
const versionOf = (text: string): number | undefined => {
  const k = Number(/^description: version (\d+)$/m.exec(text)?.[1]);
  return Number.isInteger(k) ? k : undefined;
};

const SAVED = 'a.sluice.yaml';
const DRAFT_ONLY = ['b.sluice.yaml', 'drafts/never-saved.sluice.yaml'];
const ALL = [SAVED, ...DRAFT_ONLY];

beforeAll(async () => {
  temp = await makeTempDir('sluice-serve-kill-');
  projectDir = path.join(temp.dir, 'project');
  userDataDir = path.join(temp.dir, 'user-data');
  await mkdir(path.join(projectDir, 'data'), { recursive: true });
  await writeFile(path.join(projectDir, 'data', 'numbers.csv'), 'n\n1\n2\n3\n');
  await writeFile(path.join(projectDir, SAVED), serializePipeline(version(SAVED, 0)));
  await writeFile(path.join(projectDir, 'b.sluice.yaml'), serializePipeline(version('b.sluice.yaml', 0)));
  built = await buildCli();
});

afterAll(async () => {
  recorder.flush();
  if (last && isAlive(last.pid)) last.child.kill('SIGKILL');
  await built?.dispose();
  await temp?.dispose();
});

interface ClientState {
  counter: number;
  draftAck: Record<string, number>;
  draftStarted: Record<string, number>;
  saveAck: number;
  saveStarted: number;
}

/** Autosaves every file and saves one, as fast as the server answers, until the server dies. */
async function client(server: ServeProcess, state: ClientState): Promise<void> {
  try {
    for (;;) {
      const k = ++state.counter;
      for (const file of ALL) {
        state.draftStarted[file] = k;
        const reply = await server.call('pipeline:autosave-draft', { path: file, pipeline: version(file, k) });
        if (!reply.ok) throw new Error(`autosave refused: ${reply.error.message}`);
        state.draftAck[file] = k;
      }
      state.saveStarted = k;
      const saved = await server.call('pipeline:save', { path: SAVED, pipeline: version(SAVED, k) });
      if (!saved.ok) throw new Error(`save refused: ${saved.error.message}`);
      state.saveAck = k;
    }
  } catch (error) {
    if (/refused/.test((error as Error).message)) throw error;
    // The server was killed under this request: expected.
  }
}

/** After a restart: every acknowledged autosave is offered back (or, for the saved file, is already on disk). */
async function checkDraftsOffered(server: ServeProcess, state: ClientState, fileVersion: number): Promise<number> {
  const listed = await server.call<Draft[]>('pipeline:list-drafts', {});
  if (!listed.ok) throw new Error(listed.error.message);
  const byPath = new Map(listed.value.map((d) => [d.path, d]));
  let offered = 0;
  for (const file of ALL) {
    const acked = state.draftAck[file] ?? 0;
    const started = state.draftStarted[file] ?? 0;
    const draft = byPath.get(file);
    if (draft) {
      const k = versionOf(serializePipeline(draft.pipeline as Pipeline))!;
      expect(k, `draft of ${file}`).toBeGreaterThanOrEqual(acked);
      expect(k, `draft of ${file}`).toBeLessThanOrEqual(started);
      expect(serializePipeline(draft.pipeline as Pipeline)).toBe(serializePipeline(version(file, k)));
      expect(draft.fileExists).toBe(file !== 'drafts/never-saved.sluice.yaml');
      offered++;
    } else if (file === SAVED) {
      // Dropped because the file on disk already holds it.
      expect(fileVersion, `${file} on disk holds the last autosave`).toBeGreaterThanOrEqual(acked);
    } else {
      expect(started, `a draft of ${file} was never started`).toBe(0);
    }
  }
  return offered;
}

describe('fault: the serve-mode server is SIGKILLed during saves', () => {
  // Each kill costs a server start (engine included); generous bound for a loaded 2-core machine.
  it(`leaves the old or the new file, never a torn one, and offers every autosave back (${KILLS} kills)`, { timeout: 240_000 }, async () => {
    await recorder.run(
      {
        id: 'F-02',
        area: 'fault',
        title: `serve process SIGKILLed at ${KILLS} random points while a client autosaves 3 files and saves one (old/new alternating 40 B / 200 KB bodies)`,
        expected: 'file on disk always exactly the last acknowledged or the in-flight version; every acknowledged autosave offered back after restart; engine exits with its host; backups all whole',
      },
      async () => {
        const delays = fc.sample(fc.integer({ min: 0, max: 400 }), { numRuns: KILLS, seed: SEED });
        const state: ClientState = { counter: 0, draftAck: {}, draftStarted: {}, saveAck: 0, saveStarted: 0 };
        const tally = { midSave: 0, midAutosave: 0, oldOnDisk: 0, newOnDisk: 0, draftsOffered: 0, orphans: 0, startMs: 0 };
        let fileVersion = 0;
        for (let i = 0; i <= KILLS; i++) {
          const started = performance.now();
          const server = await startServeProcess({ cli: built.cli, projectDir, userDataDir });
          tally.startMs += performance.now() - started;
          last = server;
          tally.draftsOffered += await checkDraftsOffered(server, state, fileVersion);
          if (i === KILLS) {
            server.child.kill('SIGTERM');
            await withTimeout(server.exited, 10_000, 'final shutdown');
            break;
          }
          const engine = childPids(server.pid);
          const traffic = client(server, state);
          // The random delay is the point: it picks where in the save traffic the kill lands.
          await new Promise((resolve) => setTimeout(resolve, delays[i]));
          const savePending = state.saveStarted > state.saveAck;
          const autosavePending = ALL.some((f) => (state.draftStarted[f] ?? 0) > (state.draftAck[f] ?? 0));
          server.child.kill('SIGKILL');
          await withTimeout(server.exited, 10_000, 'killed server to exit');
          await withTimeout(traffic, 10_000, 'client to notice the kill');
          if (savePending) tally.midSave++;
          if (autosavePending) tally.midAutosave++;

          const text = await readFile(path.join(projectDir, SAVED), 'utf8');
          const k = versionOf(text);
          expect(k, 'the file names its version').toBeDefined();
          expect(text, 'never torn: exactly one whole version').toBe(serializePipeline(version(SAVED, k!)));
          expect(k).toBeGreaterThanOrEqual(state.saveAck);
          expect(k).toBeLessThanOrEqual(state.saveStarted);
          if (k === state.saveAck) tally.oldOnDisk++;
          else tally.newOnDisk++;
          fileVersion = k!;
          await waitUntil(() => engine.every((pid) => !isAlive(pid)), 10_000, 'the engine to exit with its killed host').catch(() => {
            tally.orphans++;
          });
        }
        expect(tally.orphans).toBe(0);
        expect(state.saveAck).toBeGreaterThan(KILLS);

        const backups = await readdir(backupFolder(projectDir));
        const whole = backups.filter((name) => name.endsWith('.bak'));
        for (const name of whole) {
          const text = await readFile(path.join(backupFolder(projectDir), name), 'utf8');
          expect(text, `backup ${name} is whole`).toBe(serializePipeline(version(SAVED, versionOf(text)!)));
        }
        const strays = (await readdir(projectDir)).filter((name) => name.endsWith('.tmp')).length;
        return (
          `${KILLS} kills (seed ${SEED}, 0–400 ms after start): ${tally.midSave} landed with a save in flight, ${tally.midAutosave} with an autosave in flight; ` +
          `file on disk afterwards: last acknowledged version ${tally.oldOnDisk}×, the in-flight one ${tally.newOnDisk}×, torn 0×; ` +
          `${state.saveAck} saves and ${state.counter * ALL.length} autosaves sent; ${tally.draftsOffered} drafts offered back over ${KILLS} restarts, none missing; ` +
          `engine orphans ${tally.orphans}; ${whole.length} backups kept, all whole; ${strays} stray temp files left in the project; ` +
          `server start ${Math.round(tally.startMs / (KILLS + 1))} ms on average`
        );
      },
    );
  });
});
