import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { AppStore } from './app-store';
import { migrations } from './migrations';
import { makeTempDir } from '../test-support/temp';
import type { RunReport } from '../../common/contract/api';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let file: string;

beforeEach(async () => {
  temp = await makeTempDir();
  file = path.join(temp.dir, 'state', 'state.sqlite3');
});
afterEach(() => temp.dispose());

const report = (runId: string, status: RunReport['status']): RunReport => ({
  runId,
  pipelinePath: 'flights.sluice.yaml',
  status,
  startedAt: new Date().toISOString(),
  finishedAt: new Date().toISOString(),
  durationMs: 12,
  nodes: [
    { name: 'a', status: 'succeeded', rows: 10, durationMs: 5, cached: false, error: null },
    { name: 'b', status: status === 'failed' ? 'failed' : 'succeeded', rows: null, durationMs: 1, cached: false, error: status === 'failed' ? { message: 'b: boom', line: 2 } : null },
  ],
});

describe('app store', () => {
  it('migrates to the latest version in WAL mode, and reopening is a no-op', () => {
    const store = new AppStore(file);
    expect(store.schemaVersion).toBe(migrations[migrations.length - 1]!.version);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
    const again = new AppStore(file);
    expect(again.schemaVersion).toBe(migrations[migrations.length - 1]!.version);
    again.close();
  });

  it('keeps recent projects, settings and run history across reopen', () => {
    const store = new AppStore(file);
    store.touchRecentProject('/p/one', 'one');
    store.touchRecentProject('/p/two', 'two');
    store.updateSettings({ theme: 'dark', previewLimit: 200 });
    store.recordRun(report('r1', 'succeeded'), '/p/one');
    store.recordRun(report('r2', 'failed'), '/p/one');
    store.close();

    const reopened = new AppStore(file);
    expect(reopened.listRecentProjects().map((p) => p.path).sort()).toEqual(['/p/one', '/p/two']);
    expect(reopened.getSettings()).toEqual({ previewLimit: 200, theme: 'dark' });
    const runs = reopened.listRuns({ pipelinePath: 'flights.sluice.yaml' });
    expect(runs.map((r) => r.runId).sort()).toEqual(['r1', 'r2']);
    const failed = runs.find((r) => r.runId === 'r2')!;
    expect(failed.nodes[1]).toMatchObject({ name: 'b', status: 'failed', error: { message: 'b: boom', line: 2 } });
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it('updates a run in place when its final report arrives', () => {
    const store = new AppStore(file);
    store.recordRun({ ...report('r1', 'succeeded'), status: 'running', finishedAt: null }, null);
    store.recordRun(report('r1', 'succeeded'), null);
    const runs = store.listRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe('succeeded');
    expect(runs[0]!.nodes).toHaveLength(2);
    store.close();
  });
});
