import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import { AppStore } from '../store/app-store';
import { DraftStore } from '../store/drafts';
import { makeTempDir, REPO_ROOT } from '../test-support/temp';
import { createRecorder, withTimeout } from './support/record';

const ROUNDS = 6;
const SEED = 7;
const recorder = createRecorder('fault-sqlite-kill');
let temp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  temp = await makeTempDir('sluice-sqlite-kill-');
});
afterAll(async () => {
  recorder.flush();
  await temp?.dispose();
});

/** Runs the writer until it has printed `commits` ids, then SIGKILLs it; returns every id it printed. */
function writeThenKill(file: string, prefix: string, commits: number): Promise<{ committed: string[]; signal: string | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/reliability/support/sqlite-writer.ts'), file, prefix], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.split('\n').length - 1 >= commits && child.exitCode === null) child.kill('SIGKILL');
  });
  return withTimeout(
    new Promise((resolve, reject) =>
      child.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`writer exited with ${code}: ${stderr.slice(-1000)}`));
        // Lines still in the pipe when the kill landed were committed too.
        else resolve({ committed: stdout.split('\n').filter(Boolean), signal });
      }),
    ),
    30_000,
    'SQLite writer',
  );
}

describe('fault: the app-state SQLite file is SIGKILLed mid-write', () => {
  it(`reopens with integrity_check ok and every committed run present (${ROUNDS} kills)`, async () => {
    await recorder.run(
      {
        id: 'F-03',
        area: 'fault',
        title: `a process writing runs (40 nodes each) and drafts into state.sqlite3 is SIGKILLed, ${ROUNDS} times at random commit counts`,
        expected: 'PRAGMA integrity_check = ok, foreign_key_check empty, every run whose commit was acknowledged is present with all its nodes, latest draft kept',
      },
      async () => {
        const file = path.join(temp.dir, 'state.sqlite3');
        const targets = fc.sample(fc.integer({ min: 1, max: 300 }), { numRuns: ROUNDS, seed: SEED });
        const all: string[] = [];
        const perRound: number[] = [];
        let lostAfterCommit = 0;
        for (let round = 0; round < ROUNDS; round++) {
          const { committed } = await writeThenKill(file, `round${round}`, targets[round]!);
          all.push(...committed);
          perRound.push(committed.length);
          const store = new AppStore(file);
          try {
            expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
            expect(store.db.pragma('foreign_key_check')).toEqual([]);
            const present = new Set((store.db.prepare('SELECT id FROM runs').all() as { id: string }[]).map((r) => r.id));
            const missing = all.filter((id) => !present.has(id));
            lostAfterCommit += missing.length;
            expect(missing).toEqual([]);
            const counts = store.db.prepare('SELECT count(*) AS n FROM run_nodes WHERE run_id = ?');
            for (const id of committed) expect((counts.get(id) as { n: number }).n).toBe(40);
            const draft = new DraftStore(store.db).get('/project', 'p.sluice.yaml');
            const lastIndex = Number(committed.at(-1)!.split('-')[1]);
            const draftIndex = Number(draft?.pipeline.name.split('-')[1]);
            expect(draft?.pipeline.name.startsWith(`round${round}-`)).toBe(true);
            expect(draftIndex).toBeGreaterThanOrEqual(lastIndex);
          } finally {
            store.close();
          }
        }
        return `${ROUNDS} kills (seed ${SEED}) landing after ${perRound.join(', ')} acknowledged commits: ${all.length} committed runs, ${lostAfterCommit} lost; integrity_check ok after every reopen; foreign_key_check empty; latest draft present each time`;
      },
    );
  });
});
