import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir } from '../test-support/temp';
import { ResultCache } from './cache';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.dispose());

async function put(cache: ResultCache, fingerprint: string, bytes: number, usedSecondsAgo: number) {
  const file = await cache.tempFile(fingerprint);
  await writeFile(file, Buffer.alloc(bytes, 1));
  await cache.commit(file, { fingerprint, node: fingerprint, rows: 1, columns: [] });
  const when = new Date(Date.now() - usedSecondsAgo * 1000);
  await utimes(path.join(cache.dir, `${fingerprint}.json`), when, when);
}

describe('result cache', () => {
  it('an entry exists only once its sidecar is written; temp files are never entries', async () => {
    const cache = new ResultCache(path.join(temp.dir, '.sluice', 'cache'));
    const file = await cache.tempFile('abc');
    await writeFile(file, 'half');
    expect(await cache.lookup('abc')).toBeUndefined();
    const entry = await cache.commit(file, { fingerprint: 'abc', node: 'n', rows: 3, columns: [{ name: 'x', type: 'INTEGER' }] });
    expect(entry).toMatchObject({ fingerprint: 'abc', rows: 3, bytes: 4, file: path.join(cache.dir, 'abc.parquet') });
    expect(await cache.lookup('abc')).toMatchObject({ rows: 3, columns: [{ name: 'x', type: 'INTEGER' }] });
    expect((await readdir(cache.dir)).sort()).toEqual(['abc.json', 'abc.parquet']);
    // Kept out of git.
    expect(await readdir(path.join(temp.dir, '.sluice'))).toContain('.gitignore');
  });

  it('evicts least recently used entries past its cap, never the ones just used', async () => {
    const cache = new ResultCache(path.join(temp.dir, 'cache'), 2500);
    // A temp file a crashed process left a day ago goes; one being written now stays.
    const crashed = await cache.tempFile('crashed');
    const writing = await cache.tempFile('writing');
    await writeFile(crashed, 'x');
    await writeFile(writing, 'x');
    await utimes(crashed, new Date(Date.now() - 86_400_000), new Date(Date.now() - 86_400_000));
    await put(cache, 'old', 1000, 300);
    await put(cache, 'older', 1000, 600);
    await put(cache, 'recent', 1000, 10);
    await put(cache, 'current', 1000, 900);
    // A lookup is a use: 'old' becomes the most recent.
    await cache.lookup('old');
    const result = await cache.evict(new Set(['current']));
    expect(result).toEqual({ removed: 2, bytes: 2000 });
    expect(await cache.lookup('old')).toBeDefined();
    expect(await cache.lookup('current')).toBeDefined();
    expect(await cache.lookup('older')).toBeUndefined();
    expect(await cache.lookup('recent')).toBeUndefined();
    expect(await cache.size()).toBe(2000);
    expect((await readdir(cache.dir)).filter((n) => n.includes('.tmp-'))).toEqual([path.basename(writing)]);
  });
});
