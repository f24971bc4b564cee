import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir, copySampleProject } from '../test-support/temp';
import { fileKind, listProjectFiles } from './project-tree';

let temp: Awaited<ReturnType<typeof makeTempDir>>;

beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.dispose());

describe('project file tree', () => {
  it('lists the sample project depth first, folders first, with kinds and sizes; .sluice and hidden entries are left out', async () => {
    const project = await copySampleProject(temp.dir);
    await mkdir(path.join(project, '.sluice', 'cache'), { recursive: true });
    await writeFile(path.join(project, '.sluice', 'cache', 'x.parquet'), 'x');
    await writeFile(path.join(project, '.env'), 'SECRET=1');
    await mkdir(path.join(project, 'node_modules', 'pkg'), { recursive: true });
    await writeFile(path.join(project, 'notes.md'), '# notes');
    const { entries, truncated } = await listProjectFiles(project, { depth: 8, limit: 1000 });
    expect(truncated).toBe(false);
    expect(entries.map((entry) => `${entry.kind} ${entry.path}`)).toEqual([
      'folder data',
      'data data/airports.csv',
      'data data/flights-3m.parquet',
      'pipeline flights.sluice.yaml',
      'file notes.md',
    ]);
    expect(entries.find((entry) => entry.name === 'flights-3m.parquet')!.size).toBeGreaterThan(1_000_000);
    expect(entries[0]!.size).toBeUndefined();
  });

  it('stops at the depth and the limit and says so', async () => {
    await mkdir(path.join(temp.dir, 'a', 'b', 'c'), { recursive: true });
    await writeFile(path.join(temp.dir, 'a', 'b', 'c', 'deep.csv'), 'n\n1\n');
    for (let i = 0; i < 12; i++) await writeFile(path.join(temp.dir, `file${i}.csv`), 'n\n');
    const shallow = await listProjectFiles(temp.dir, { depth: 2, limit: 100 });
    expect(shallow.entries.filter((entry) => entry.kind === 'folder').map((entry) => entry.path)).toEqual(['a', 'a/b']);
    expect(shallow.truncated).toBe(true);
    const deep = await listProjectFiles(temp.dir, { depth: 8, limit: 100 });
    expect(deep.entries.map((entry) => entry.path)).toContain('a/b/c/deep.csv');
    expect(deep.truncated).toBe(false);
    // Numeric order: file2 before file10.
    const names = deep.entries.filter((entry) => entry.kind === 'data' && !entry.path.includes('/')).map((entry) => entry.name);
    expect(names.indexOf('file2.csv')).toBeLessThan(names.indexOf('file10.csv'));
    const limited = await listProjectFiles(temp.dir, { depth: 8, limit: 5 });
    expect(limited.entries).toHaveLength(5);
    expect(limited.truncated).toBe(true);
  });

  it('does not follow a symbolic link to a folder (a loop stays finite)', async () => {
    await mkdir(path.join(temp.dir, 'data'));
    await writeFile(path.join(temp.dir, 'data', 'x.csv'), 'n\n1\n');
    await symlink(temp.dir, path.join(temp.dir, 'data', 'loop'));
    await symlink(path.join(temp.dir, 'data', 'x.csv'), path.join(temp.dir, 'linked.csv'));
    const { entries } = await listProjectFiles(temp.dir, { depth: 16, limit: 1000 });
    expect(entries.map((entry) => entry.path)).toEqual(['data', 'data/x.csv', 'linked.csv']);
  });

  it('names the kind of a file from its name', () => {
    expect(fileKind('a.sluice.yaml')).toBe('pipeline');
    expect(fileKind('b.csv.gz')).toBe('data');
    expect(fileKind('c.ndjson')).toBe('data');
    expect(fileKind('d.duckdb')).toBe('data');
    expect(fileKind('e.yaml')).toBe('file');
  });
});
