import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { AppStore } from './app-store';
import { DraftStore } from './drafts';
import { makeTempDir } from '../test-support/temp';
import type { Pipeline } from '../../common/pipeline/model';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let file: string;

beforeEach(async () => {
  temp = await makeTempDir();
  file = path.join(temp.dir, 'state.sqlite3');
});
afterEach(() => temp.dispose());

const pipeline = (name: string): Pipeline => ({ version: 1, name, nodes: [{ name: 'a', type: 'source.file', path: 'a.csv' }] });

describe('draft store', () => {
  it('keeps one draft per project and file across reopen, and discards it', () => {
    const store = new AppStore(file);
    const drafts = new DraftStore(store.db);
    drafts.put('/p/one', 'x.sluice.yaml', pipeline('first'));
    drafts.put('/p/one', 'x.sluice.yaml', pipeline('second'));
    drafts.put('/p/one', 'sub/y.sluice.yaml', pipeline('y'));
    drafts.put('/p/two', 'x.sluice.yaml', pipeline('other project'));
    store.close();

    const reopened = new AppStore(file);
    const again = new DraftStore(reopened.db);
    expect(again.list('/p/one').map((d) => [d.path, d.pipeline.name])).toEqual([
      ['sub/y.sluice.yaml', 'y'],
      ['x.sluice.yaml', 'second'],
    ]);
    expect(again.discard('/p/one', 'x.sluice.yaml')).toBe(true);
    expect(again.discard('/p/one', 'x.sluice.yaml')).toBe(false);
    expect(again.list('/p/one').map((d) => d.path)).toEqual(['sub/y.sluice.yaml']);
    expect(again.list('/p/two')).toHaveLength(1);
    reopened.close();
  });
});
