import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir } from '../test-support/temp';
import { assertContainedPath, writeExport } from './writer';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir('sluice-writer-');
});
afterEach(() => temp.dispose());

describe('writeExport', () => {
  it('writes the tree and leaves no temp files', async () => {
    const out = path.join(temp.dir, 'out');
    await writeExport([{ path: 'a.txt', contents: 'A' }, { path: 'sub/dir/b.sql', contents: 'SELECT 1\n' }], out);
    expect(await readFile(path.join(out, 'sub/dir/b.sql'), 'utf8')).toBe('SELECT 1\n');
    expect((await readdir(out)).sort()).toEqual(['a.txt', 'sub']);
  });

  it.each(['../escape.txt', '/etc/passwd', 'a/../../b', 'a//b', './a', 'C:/x', 'a\\..\\b', ''])('refuses %j before writing anything', async (bad) => {
    const out = path.join(temp.dir, 'out');
    await expect(writeExport([{ path: 'fine.txt', contents: 'x' }, { path: bad, contents: 'x' }], out)).rejects.toThrow(/refusing to write/u);
    await expect(readdir(out)).rejects.toThrow();
    expect(() => assertContainedPath(bad)).toThrow();
  });

  it('refuses a folder that is a symlink to somewhere else', async () => {
    const out = path.join(temp.dir, 'out');
    const elsewhere = path.join(temp.dir, 'elsewhere');
    await mkdir(out);
    await mkdir(elsewhere);
    await symlink(elsewhere, path.join(out, 'dags'));
    await expect(writeExport([{ path: 'dags/x.py', contents: 'x' }], out)).rejects.toThrow(/resolves outside/u);
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('refuses the same path twice', async () => {
    await expect(writeExport([{ path: 'a', contents: '1' }, { path: 'a', contents: '2' }], path.join(temp.dir, 'o'))).rejects.toThrow(/twice/u);
  });
});
