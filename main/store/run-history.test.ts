import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { RunReport } from '../../common/contract/api';
import { makeTempDir } from '../test-support/temp';
import { AppStore } from './app-store';
import { migrations } from './migrations';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let file: string;
beforeEach(async () => {
  temp = await makeTempDir();
  file = path.join(temp.dir, 'state.sqlite3');
});
afterEach(() => temp.dispose());

const sample = { columns: [{ name: 'weather', type: 'VARCHAR' }], columnData: [['snow', 'snow']] };
const report = (runId: string, failing: number, finishedAt: string): RunReport => ({
  runId,
  pipelinePath: 'weather.sluice.yaml',
  status: failing > 0 ? 'failed' : 'succeeded',
  startedAt: finishedAt,
  finishedAt,
  durationMs: 40,
  params: { run_date: '2015-12-31' },
  scope: { from: 'rainy', force: true },
  requestedBy: 'ann (cli)',
  nodes: [
    { name: 'weather', status: 'cached', rows: 1461, durationMs: 1, cached: true, error: null, fingerprint: 'f1' },
    {
      name: 'known weather',
      status: failing > 0 ? 'check-failed' : 'succeeded',
      rows: failing,
      rowsIn: 1461,
      durationMs: 12,
      cached: false,
      error: null,
      fingerprint: 'f2',
      check: { passed: failing === 0, severity: 'error', failingRows: failing, sample: failing > 0 ? sample : { columns: sample.columns, columnData: [[]] } },
    },
  ],
});

describe('run history with check results', () => {
  it('keeps parameters, scope, who ran it, rows in, fingerprints and check results', () => {
    const store = new AppStore(file);
    store.recordRun(report('r1', 2, '2024-01-01T10:00:00.000Z'), '/p');
    store.recordRun(report('r2', 0, '2024-01-02T10:00:00.000Z'), '/p');
    store.close();
    const reopened = new AppStore(file);
    const [latest, earlier] = reopened.listRuns();
    expect(latest).toMatchObject({ runId: 'r2', params: { run_date: '2015-12-31' }, scope: { from: 'rainy', force: true }, requestedBy: 'ann (cli)' });
    expect(earlier!.nodes[1]).toMatchObject({ status: 'check-failed', rowsIn: 1461, fingerprint: 'f2', check: { passed: false, failingRows: 2, sample } });
    const history = reopened.listCheckResults({ node: 'known weather' });
    expect(history.map((h) => [h.runId, h.result.passed, h.result.failingRows])).toEqual([['r2', true, 0], ['r1', false, 2]]);
    reopened.close();
  });

  it('migrates a database written before check results existed', () => {
    const old = new Database(file);
    for (const migration of migrations.filter((m) => m.version <= 2)) old.exec(migration.sql);
    old.pragma('user_version = 2');
    old.prepare("INSERT INTO runs (id, status, started_at) VALUES ('old', 'succeeded', '2023-01-01T00:00:00Z')").run();
    old.close();
    const store = new AppStore(file);
    expect(store.schemaVersion).toBe(migrations[migrations.length - 1]!.version);
    expect(store.listRuns()).toMatchObject([{ runId: 'old', status: 'succeeded', nodes: [] }]);
    store.close();
  });
});
