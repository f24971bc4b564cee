import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ExportTargetSchema, type MethodOutput } from '../../common/contract/api';
import type { Pipeline } from '../../common/pipeline/model';
import { loadPipelineFile } from '../project/project-files';
import { resolveExportFolder } from './export-handlers';
import { EXPORT_TARGETS, generateExport, prepareExport } from '../export/index';
import { createHostHarness, valueOf, type HostHarness } from '../reliability/support/host-harness';
import { makeTempDir, SAMPLE_PROJECT } from '../test-support/temp';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let projectDir: string;
let harness: HostHarness;
let pipeline: Pipeline;

beforeAll(async () => {
  temp = await makeTempDir('sluice-export-host-');
  projectDir = path.join(temp.dir, 'project');
  await mkdir(projectDir);
  pipeline = await loadPipelineFile(path.join(SAMPLE_PROJECT, 'flights.sluice.yaml'));
  harness = await createHostHarness({ userDataDir: path.join(temp.dir, 'user-data'), projectDir });
});
afterAll(async () => {
  await harness?.dispose();
  await temp?.dispose();
});

type Generated = MethodOutput<'generateExport'>;
type Written = MethodOutput<'writeExport'>;

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
}

describe('export:generate', () => {
  it('lists the contract targets the exporters have', () => {
    expect(ExportTargetSchema.options).toEqual([...EXPORT_TARGETS]);
  });

  it.each(EXPORT_TARGETS)('answers with the exporter’s own files for %s', async (target) => {
    const generated = valueOf(await harness.call<Generated>('export:generate', { pipeline, path: 'flights.sluice.yaml', target, options: { granularity: 'node' } }));
    const direct = generateExport(target, await prepareExport(pipeline), { granularity: 'node' });
    expect(generated.target).toBe(target);
    expect(generated.files).toEqual(direct);
  });

  it('shows the Airflow DAG and passes the options through', async () => {
    const generated = valueOf(await harness.call<Generated>('export:generate', { pipeline, target: 'airflow', options: { granularity: 'pipeline', retries: 3 } }));
    const dag = generated.files.find((file) => file.path.endsWith('_dag.py'));
    expect(dag?.contents).toContain('from airflow.sdk import');
    expect(dag?.contents).toContain('"SLUICE_RETRIES", "3"');
    expect(generated.warnings).toEqual([]);
  });

  it('warns about DuckDB-only SQL and options that do not apply to dbt', async () => {
    const generated = valueOf(await harness.call<Generated>('export:generate', { pipeline, target: 'dbt', options: { granularity: 'pipeline' } }));
    expect(generated.warnings[0]).toMatch(/granularity "pipeline" does not apply/u);
    expect(generated.warnings.some((w) => /DuckDB-only SQL: .*read_parquet.* in "flights"/u.test(w))).toBe(true);
    const python = valueOf(await harness.call<Generated>('export:generate', { pipeline, target: 'python', options: { retries: 2 } }));
    expect(python.warnings).toEqual(['The plain Python export does not retry: the retries option does not apply to it.']);
  });

  it('refuses bad input at the boundary and names the node an exporter refuses', async () => {
    const badTarget = await harness.call('export:generate', { pipeline, target: 'airflow2', options: {} });
    expect(badTarget.ok ? null : badTarget.error.code).toBe('invalid-input');
    const badOption = await harness.call('export:generate', { pipeline, target: 'dbt', options: { retries: -1 } });
    expect(badOption.ok ? null : badOption.error.message).toMatch(/options\.retries/u);
    const absolute: Pipeline = { ...pipeline, nodes: pipeline.nodes.map((n) => (n.name === 'airports' ? { ...n, path: '/tmp/airports.csv' } : n)) };
    const refused = await harness.call('export:generate', { pipeline: absolute, target: 'python', options: {} });
    expect(refused.ok ? null : refused.error).toMatchObject({ node: 'airports' });
  });
});

describe('resolveExportFolder', () => {
  it('reads a typed folder: absolute, ~/ in the home folder, else in the project folder', () => {
    expect(resolveExportFolder('/x/y/../z', '/p')).toBe('/x/z');
    expect(resolveExportFolder('~/exports', '/p')).toBe(path.join(os.homedir(), 'exports'));
    expect(resolveExportFolder('~', null)).toBe(os.homedir());
    expect(resolveExportFolder('exports/a', '/p')).toBe('/p/exports/a');
    // "~x" is a folder named so, not someone's home.
    expect(resolveExportFolder('~x', '/p')).toBe('/p/~x');
    expect(() => resolveExportFolder('exports', null)).toThrow(/"exports" is relative, and no project is open/u);
  });
});

describe('export:write', () => {
  it('writes into a folder relative to the project, the same bytes as generated', async () => {
    const written = valueOf(await harness.call<Written>('export:write', { pipeline, target: 'prefect', options: {}, folder: 'exports/prefect' }));
    const folder = path.join(projectDir, 'exports', 'prefect');
    expect(written).toMatchObject({ status: 'written', folder, target: 'prefect' });
    const generated = valueOf(await harness.call<Generated>('export:generate', { pipeline, target: 'prefect', options: {} }));
    expect(await walk(folder)).toEqual(generated.files.map((f) => f.path).sort());
    for (const file of generated.files) expect(await readFile(path.join(folder, file.path), 'utf8')).toBe(file.contents);
  });

  it('asks before writing into a folder that is not empty, and overwrites when told to', async () => {
    const folder = path.join(temp.dir, 'busy');
    await mkdir(folder);
    await writeFile(path.join(folder, 'notes.txt'), 'mine');
    await writeFile(path.join(folder, 'README.md'), 'old readme');
    const asked = valueOf(await harness.call<Written>('export:write', { pipeline, target: 'python', options: {}, folder }));
    expect(asked).toEqual({ status: 'folder-not-empty', folder, entries: ['README.md', 'notes.txt'], entryCount: 2 });
    expect(await readFile(path.join(folder, 'README.md'), 'utf8')).toBe('old readme');

    const written = valueOf(await harness.call<Written>('export:write', { pipeline, target: 'python', options: {}, folder, overwrite: true }));
    expect(written.status).toBe('written');
    expect(await readFile(path.join(folder, 'README.md'), 'utf8')).toMatch(/^# /u);
    // Files that are not part of the export stay.
    expect(await readFile(path.join(folder, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('names the folder when it is a file', async () => {
    const file = path.join(temp.dir, 'a-file');
    await writeFile(file, 'x');
    const result = await harness.call('export:write', { pipeline, target: 'dbt', options: {}, folder: file });
    expect(result.ok ? null : result.error).toEqual({ code: 'io-error', message: `"${file}" is a file, not a folder; choose a folder to export into` });
  });

  it('has no folder dialog in serve mode', async () => {
    const result = await harness.call('export:choose-folder', {});
    expect(result.ok ? null : result.error.code).toBe('unsupported');
  });
});
