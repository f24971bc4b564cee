import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SAMPLE_PROJECT = path.join(REPO_ROOT, 'resources', 'sample-project');
export const VEGA_DATA = path.join(REPO_ROOT, 'node_modules', 'vega-datasets', 'data');

/** A fresh temp folder per test, removed by the returned disposer. */
export async function makeTempDir(prefix = 'sluice-test-'): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** A writable copy of the sample project (its data comes from vega-datasets). */
export async function copySampleProject(into: string): Promise<string> {
  const target = path.join(into, 'flights-sample');
  await cp(SAMPLE_PROJECT, target, { recursive: true, filter: (source) => !source.includes(`${path.sep}out`) });
  await cp(path.join(VEGA_DATA, 'flights-3m.parquet'), path.join(target, 'data', 'flights-3m.parquet'));
  await cp(path.join(VEGA_DATA, 'airports.csv'), path.join(target, 'data', 'airports.csv'));
  return target;
}
