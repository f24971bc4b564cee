import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BACKUPS_KEPT, listBackups } from './backups';
import { savePipelineFile } from './project-files';
import { makeTempDir } from '../test-support/temp';
import type { Pipeline } from '../../common/pipeline/model';

let temp: Awaited<ReturnType<typeof makeTempDir>>;

beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.dispose());

const pipeline = (name: string): Pipeline => ({ version: 1, name, nodes: [] });

describe('pipeline backups', () => {
  it('copies the replaced file before every save that changes it, and none for a new or identical file', async () => {
    const file = path.join(temp.dir, 'p.sluice.yaml');
    expect((await savePipelineFile(file, pipeline('one'), { projectDir: temp.dir })).backup).toBeNull();
    const first = await readFile(file, 'utf8');
    expect((await savePipelineFile(file, pipeline('one'), { projectDir: temp.dir })).backup).toBeNull();
    const { backup } = await savePipelineFile(file, pipeline('two'), { projectDir: temp.dir });
    expect(backup).not.toBeNull();
    expect(await readFile(backup!, 'utf8')).toBe(first);
    expect(await listBackups(temp.dir, file)).toEqual([backup]);
  });

  it('keeps a broken file as a .broken backup that is never pruned, and prunes the rest', async () => {
    const file = path.join(temp.dir, 'sub', 'p.sluice.yaml');
    await mkdir(path.dirname(file));
    await writeFile(file, 'version: 1\nname: [broken\n');
    const { backup } = await savePipelineFile(file, pipeline('fixed'), { projectDir: temp.dir });
    expect(backup).toMatch(/\.broken\.bak$/);
    expect(await readFile(backup!, 'utf8')).toBe('version: 1\nname: [broken\n');
    for (let i = 0; i < BACKUPS_KEPT + 5; i++) await savePipelineFile(file, pipeline(`v${i}`), { projectDir: temp.dir });
    const all = await listBackups(temp.dir, file);
    expect(all.filter((b) => b.endsWith('.broken.bak'))).toEqual([backup]);
    expect(all.filter((b) => !b.endsWith('.broken.bak'))).toHaveLength(BACKUPS_KEPT);
    expect(path.dirname(all[0]!)).toBe(path.join(temp.dir, '.sluice', 'backups', 'sub'));
  });
});
