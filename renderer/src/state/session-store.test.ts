import { beforeEach, describe, expect, it } from 'vitest';
import type { NodeRun } from '../../../common/contract/api';
import { selectNodeSession, useSessionStore } from './session-store';

const run = (name: string, status: NodeRun['status'], extra: Partial<NodeRun> = {}): NodeRun => ({
  name,
  status,
  rows: null,
  durationMs: null,
  cached: false,
  error: null,
  ...extra,
});

describe('session store', () => {
  beforeEach(() => useSessionStore.getState().resetNodes());

  it('keeps the entry of a node whose run status did not change, so its card does not re-render', () => {
    const { applyNodeRuns } = useSessionStore.getState();
    applyNodeRuns([run('a', 'running'), run('b', 'queued')]);
    const a = selectNodeSession('a')(useSessionStore.getState());
    applyNodeRuns([run('a', 'running'), run('b', 'running')]);
    expect(selectNodeSession('a')(useSessionStore.getState())).toBe(a);
    expect(selectNodeSession('b')(useSessionStore.getState())?.activity).toBe('running');
  });

  it('records rows and errors from a run', () => {
    useSessionStore.getState().applyNodeRuns([
      run('a', 'succeeded', { rows: 12, durationMs: 3 }),
      run('b', 'failed', { error: { message: 'b: Binder Error', line: 2 } }),
    ]);
    const { nodes } = useSessionStore.getState();
    expect(nodes.a).toEqual({ activity: 'succeeded', rows: 12, durationMs: 3, error: null });
    expect(nodes.b?.error).toEqual({ message: 'b: Binder Error', line: 2 });
  });

  it('returns one selector per node name', () => {
    expect(selectNodeSession('x')).toBe(selectNodeSession('x'));
  });

  it('caps the log', () => {
    const { appendLog } = useSessionStore.getState();
    for (let i = 0; i < 1100; i++) appendLog('info', `line ${i}`);
    const { logs } = useSessionStore.getState();
    expect(logs).toHaveLength(1000);
    expect(logs.at(-1)?.message).toBe('line 1099');
  });
});
