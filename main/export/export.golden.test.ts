import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parsePipelineFile } from '../../common/pipeline/pipeline-file';
import { REPO_ROOT, SAMPLE_PROJECT } from '../test-support/temp';
import type { ExportOptions } from './common';
import { EXPORT_TARGETS, generateExport, prepareExport, type ExportTarget } from './index';
import { PYTHON_LOCKS, TOP_LEVEL_PINS } from './python-locks';
import { PYTHON_RUNTIME } from './python-runtime';

// Golden files: the generated tree of each target, file by file, under __golden__/.
// Update on purpose with `npx vitest run main/export/export.golden.test.ts -u` and review the diff.

const PIPELINES = {
  flights: path.join(SAMPLE_PROJECT, 'flights.sluice.yaml'),
  routes: path.join(REPO_ROOT, 'main/export/test-pipelines/routes.sluice.yaml'),
};

const VARIANTS: { target: ExportTarget; folder: string; options: ExportOptions }[] = [
  ...EXPORT_TARGETS.map((target) => ({ target, folder: target, options: {} })),
  { target: 'airflow', folder: 'airflow-pipeline', options: { granularity: 'pipeline' } },
  { target: 'dagster', folder: 'dagster-pipeline', options: { granularity: 'pipeline' } },
  { target: 'prefect', folder: 'prefect-pipeline', options: { granularity: 'pipeline' } },
];

async function prepared(file: string) {
  const parsed = parsePipelineFile(await readFile(file, 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return prepareExport(parsed.pipeline);
}

describe.each(Object.entries(PIPELINES))('export of %s', (pipelineName, file) => {
  it.each(VARIANTS)('$folder matches its golden tree', async ({ target, folder, options }) => {
    const files = generateExport(target, await prepared(file), options);
    const tree = files.map((f) => f.path);
    await expect(`${tree.join('\n')}\n`).toMatchFileSnapshot(`__golden__/${pipelineName}/${folder}.tree.txt`);
    for (const generated of files) {
      // The runtime and the full lock are the same bytes in every export: checked once here, not copied into every golden tree.
      if (generated.path.endsWith('/runtime.py')) {
        expect(generated.contents).toBe(PYTHON_RUNTIME);
        continue;
      }
      if (generated.path === 'constraints.txt') {
        expect(generated.contents.endsWith(PYTHON_LOCKS[target].trimStart())).toBe(true);
        continue;
      }
      await expect(generated.contents).toMatchFileSnapshot(`__golden__/${pipelineName}/${folder}/${generated.path}`);
    }
    const requirements = files.find((f) => f.path === 'requirements.txt')!;
    expect(requirements.contents.trim().split('\n')).toEqual(TOP_LEVEL_PINS[target]);
    // No path of this machine leaks into an export.
    for (const generated of files) expect(generated.contents).not.toContain(REPO_ROOT.replace(/\/$/u, ''));
  });
});

describe('what a target cannot express', () => {
  it('dbt refuses a DuckDB database source and says which node', async () => {
    const weather = await prepared(path.join(REPO_ROOT, 'main/export/test-pipelines/weather.sluice.yaml'));
    expect(() => generateExport('dbt', weather)).toThrow(/weather db: a DuckDB database source is not exported to dbt yet/u);
    expect(generateExport('python', weather).map((f) => f.path)).toContain('weather_formats/sql/weather_table.sql');
  });
});
