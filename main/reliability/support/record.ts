import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../test-support/temp';

/** Every case of the reliability suite leaves one row here; docs/reliability.md is generated from these files. */
// Not under test-results/: Playwright empties that folder when it starts.
export const RESULTS_DIR = path.join(REPO_ROOT, 'out', 'reliability-results');

export type CaseArea = 'fault' | 'bad-input' | 'fuzz' | 'security' | 'load';

export interface CaseSpec {
  /** Stable id (letter, dash, number), written as a string literal after `id:` so the docs check finds it in the source. */
  id: string;
  area: CaseArea;
  title: string;
  /** What must happen for the case to pass. */
  expected: string;
}

export interface CaseResult extends CaseSpec {
  /** What the run saw: error codes and messages, counts, timings. Never written by hand. */
  observed: string;
  passed: boolean;
  ms: number;
}

export interface Recorder {
  /** Runs one case; what it returns is the observed outcome. A throw records a failure and rethrows. */
  run(spec: CaseSpec, work: () => Promise<string>): Promise<void>;
  /** For cases whose outcome is computed in a batch (fuzzing): record directly. */
  add(result: CaseResult): void;
  flush(): void;
}

export function createRecorder(suite: string): Recorder {
  const results: CaseResult[] = [];
  return {
    async run(spec, work) {
      const started = performance.now();
      try {
        const observed = await work();
        results.push({ ...spec, observed, passed: true, ms: Math.round(performance.now() - started) });
      } catch (error) {
        results.push({ ...spec, observed: `FAILED: ${oneLine((error as Error).message ?? String(error))}`, passed: false, ms: Math.round(performance.now() - started) });
        throw error;
      }
    },
    add(result) {
      results.push(result);
    },
    flush() {
      mkdirSync(RESULTS_DIR, { recursive: true });
      const file = path.join(RESULTS_DIR, `${suite}.json`);
      writeFileSync(file, `${JSON.stringify({ suite, finishedAt: new Date().toISOString(), results }, null, 2)}\n`);
    },
  };
}

export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Rejects with a clear message when `work` outlives `ms`: every case is bounded, a hang is a failure. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms (hang)`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
