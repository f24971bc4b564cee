import { describe, expect, it } from 'vitest';
import type { NodeRun, RunSummary } from '../../../common/contract/api';
import { formatMs, historyMatrix, runLabel } from './history-data';

function node(name: string, patch: Partial<NodeRun> = {}): NodeRun {
  return { name, status: 'succeeded', rows: 10, durationMs: 100, cached: false, error: null, ...patch };
}

function run(runId: string, startedAt: string, nodes: NodeRun[], status: RunSummary['status'] = 'succeeded'): RunSummary {
  return { runId, pipelinePath: 'p.sluice.yaml', projectPath: '/p', status, startedAt, finishedAt: startedAt, durationMs: 500, nodes };
}

const sample = { columns: [], columnData: [] };

describe('history matrix', () => {
  // listRuns answers newest first.
  const runs = [
    run('r2', '2026-11-27T10:00:05Z', [
      node('src', { cached: true, durationMs: 3 }),
      node('t', { durationMs: 40 }),
      node('rows', { status: 'check-failed', check: { passed: false, severity: 'error', failingRows: 3, sample } }),
      node('late', { status: 'succeeded', check: { passed: false, severity: 'warn', failingRows: 1, sample } }),
    ], 'failed'),
    run('r1', '2026-11-27T10:00:01Z', [node('src', { durationMs: 250 }), node('t', { status: 'skipped', durationMs: null }), node('rows', { check: { passed: true, severity: 'error', failingRows: 0, sample } })]),
  ];

  it('puts runs oldest first and splits checks from nodes', () => {
    const m = historyMatrix(runs);
    expect(m.runs.map((r) => r.runId)).toEqual(['r1', 'r2']);
    expect(m.nodes).toEqual(['src', 't']);
    expect(m.checks).toEqual(['rows', 'late']);
  });

  it('gives each node its duration per run, flags cached results, null when it did not run', () => {
    const m = historyMatrix(runs);
    expect(m.durations.src).toEqual([250, 3]);
    expect(m.cached.src).toEqual([false, true]);
    expect(m.durations.t).toEqual([null, 40]);
  });

  it('records pass, fail and warn per check and run', () => {
    const m = historyMatrix(runs);
    expect(m.outcomes.rows).toEqual(['pass', 'fail']);
    expect(m.outcomes.late).toEqual([null, 'warn']);
  });

  it('labels runs by time and tells apart runs in the same second', () => {
    expect(runLabel('2026-11-27T10:00:05Z', 1, null)).toMatch(/^\d\d:\d\d:\d\d$/);
    const first = runLabel('2026-11-27T10:00:05Z', 0, null);
    expect(runLabel('2026-11-27T10:00:05.500Z', 1, first)).toBe(`${first} #2`);
    expect(historyMatrix([])).toMatchObject({ runs: [], nodes: [], checks: [] });
  });

  it('formats durations for tables and axes', () => {
    expect(formatMs(null)).toBe('—');
    expect(formatMs(12.4)).toBe('12 ms');
    expect(formatMs(2500)).toBe('2.5 s');
    expect(formatMs(125_000)).toBe('2 min 5 s');
  });
});
