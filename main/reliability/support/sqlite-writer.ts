// Child process of fault-sqlite-kill.test.ts: writes runs and drafts into the app
// state as fast as it can and prints each id only after its transaction committed.
import { AppStore } from '../../store/app-store';
import { DraftStore } from '../../store/drafts';
import type { RunReport } from '../../../common/contract/api';

const [file, prefix] = process.argv.slice(2) as [string, string];
const store = new AppStore(file);
const drafts = new DraftStore(store.db);

for (let i = 0; ; i++) {
  const runId = `${prefix}-${i}`;
  const nodes: RunReport['nodes'] = Array.from({ length: 40 }, (_, n) => ({
    name: `node ${n} of ${runId}`,
    status: n % 7 === 6 ? 'failed' : 'succeeded',
    rows: n * i,
    durationMs: n,
    cached: false,
    error: n % 7 === 6 ? { message: `node ${n}: ${'x'.repeat(200)}`, line: n } : null,
  }));
  const now = new Date().toISOString();
  store.recordRun({ runId, pipelinePath: 'p.sluice.yaml', status: 'failed', startedAt: now, finishedAt: now, durationMs: i, nodes }, '/project');
  drafts.put('/project', 'p.sluice.yaml', { version: 1, name: runId, description: 'd'.repeat(2000), nodes: [] });
  // Pipes are synchronous on Linux: once this returns, the parent can read it.
  process.stdout.write(`${runId}\n`);
}
