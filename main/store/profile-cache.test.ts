import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { AppStore } from './app-store';
import { PROFILES_PER_TARGET, ProfileCache } from './profile-cache';
import { makeTempDir } from '../test-support/temp';
import { PROFILE_FORMAT_VERSION, type Profile, type ProfileStage } from '../../common/profile/profile-schema';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let file: string;

beforeEach(async () => {
  temp = await makeTempDir();
  file = path.join(temp.dir, 'state.sqlite3');
});
afterEach(() => temp.dispose());

let clock = Date.parse('2024-01-01T00:00:00Z');
function profile(fingerprint: string, stage: ProfileStage, rowCount = 10, node = 'flights'): Profile {
  clock += 1000;
  return {
    version: PROFILE_FORMAT_VERSION,
    target: { kind: 'node', node, pipelinePath: 'flights.sluice.yaml' },
    fingerprint,
    stage,
    rowCount,
    rowCountExact: stage !== 'sample',
    sample: stage === 'sample' ? { rows: 5, method: 'head', description: 'the first rows' } : null,
    columns: [],
    omittedColumns: 0,
    exactDistinct: false,
    createdAt: new Date(clock).toISOString(),
    durationMs: 3,
  };
}

describe('profile cache', () => {
  it('serves a full profile for any stage and a sample one only for samples, across reopen', () => {
    const store = new AppStore(file);
    const cache = new ProfileCache(store.db);
    const all = { exactDistinct: false };
    cache.store(profile('fp1', 'sample'), all, '/p');
    expect(cache.lookup('fp1', 'sample', all)?.stage).toBe('sample');
    expect(cache.lookup('fp1', 'full', all)).toBeUndefined();
    cache.store(profile('fp1', 'full', 12), all, '/p');
    store.close();

    const reopened = new AppStore(file);
    const again = new ProfileCache(reopened.db);
    expect(again.lookup('fp1', 'full', all)?.rowCount).toBe(12);
    expect(again.lookup('fp1', 'sample', all)?.stage).toBe('full');
    // Other options are other entries: exact distinct counts, chosen columns, another fingerprint.
    expect(again.lookup('fp1', 'full', { exactDistinct: true })).toBeUndefined();
    expect(again.lookup('fp1', 'full', { exactDistinct: false, columns: ['a'] })).toBeUndefined();
    expect(again.lookup('fp2', 'full', all)).toBeUndefined();
    reopened.close();
  });

  it('keeps a short history per target, newest first, one entry per fingerprint', () => {
    const store = new AppStore(file);
    const cache = new ProfileCache(store.db);
    const all = { exactDistinct: false };
    for (let i = 0; i < PROFILES_PER_TARGET + 5; i++) cache.store(profile(`fp${i}`, 'full', i), all, '/p');
    cache.store(profile('other', 'full', 99, 'airports'), all, '/p');
    cache.store(profile(`fp${PROFILES_PER_TARGET + 4}`, 'sample', 1), all, '/p');
    const history = cache.history({ kind: 'node', node: 'flights', pipelinePath: 'flights.sluice.yaml' }, '/p');
    expect(history.map((p) => p.fingerprint)).toEqual(Array.from({ length: PROFILES_PER_TARGET - 1 }, (_, i) => `fp${PROFILES_PER_TARGET + 4 - i}`));
    // The newest fingerprint has a sample and a full profile: history shows the full one.
    expect(history[0]!.stage).toBe('full');
    expect(cache.history({ kind: 'node', node: 'airports', pipelinePath: 'flights.sluice.yaml' }, '/p')).toHaveLength(1);
    expect(store.db.prepare('SELECT count(*) AS n FROM profile_cache').get()).toEqual({ n: PROFILES_PER_TARGET + 1 });
    store.close();
  });

  it('ignores a stored profile of another format instead of serving it', () => {
    const store = new AppStore(file);
    const cache = new ProfileCache(store.db);
    const all = { exactDistinct: false };
    cache.store(profile('fp', 'full'), all, null);
    store.db.prepare("UPDATE profile_cache SET profile = json_set(profile, '$.version', 0)").run();
    expect(cache.lookup('fp', 'full', all)).toBeUndefined();
    store.close();
  });
});
