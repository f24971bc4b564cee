import type { RunSummary } from '../../../common/contract/api';

/** Per-node durations and check outcomes across runs, oldest run first, shaped for the charts. */
export interface HistoryMatrix {
  runs: { runId: string; label: string; status: RunSummary['status']; durationMs: number | null; startedAt: string }[];
  /** Nodes that ran in any run (not checks), in the order they first appear. */
  nodes: string[];
  /** durations[node][run]: milliseconds (for a cached node, the time to find its result), null when the node was not in that run. */
  durations: Record<string, (number | null)[]>;
  /** cached[node][run]: whether the result came from the cache. */
  cached: Record<string, boolean[]>;
  /** Check nodes, in order of first appearance. */
  checks: string[];
  /** outcomes[check][run]: pass, fail (error severity), warn (failed with severity warn), or null when it did not run. */
  outcomes: Record<string, ('pass' | 'fail' | 'warn' | null)[]>;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** A short label per run: its start time, and a counter when two runs started in the same second. */
export function runLabel(startedAt: string, index: number, previous: string | null): string {
  const date = new Date(startedAt);
  const label = Number.isNaN(date.getTime()) ? startedAt : timeFormat.format(date);
  return previous !== null && previous.startsWith(label) ? `${label} #${index + 1}` : label;
}

function isCheck(node: RunSummary['nodes'][number]): boolean {
  return node.check !== undefined && node.check !== null;
}

/** `runs` as listRuns returns them (newest first); the matrix reads left to right in time. */
export function historyMatrix(runs: readonly RunSummary[]): HistoryMatrix {
  const ordered = [...runs].reverse();
  const nodes: string[] = [];
  const checks: string[] = [];
  for (const run of ordered) {
    for (const node of run.nodes) {
      const list = isCheck(node) || node.status === 'check-failed' ? checks : nodes;
      if (!nodes.includes(node.name) && !checks.includes(node.name)) list.push(node.name);
    }
  }
  const durations: HistoryMatrix['durations'] = {};
  const cached: HistoryMatrix['cached'] = {};
  const outcomes: HistoryMatrix['outcomes'] = {};
  for (const name of nodes) {
    durations[name] = [];
    cached[name] = [];
  }
  for (const name of checks) outcomes[name] = [];
  const labels: string[] = [];
  ordered.forEach((run, index) => {
    const byName = new Map(run.nodes.map((n) => [n.name, n]));
    for (const name of nodes) {
      const node = byName.get(name);
      const ran = node && node.status !== 'skipped' && node.status !== 'queued';
      durations[name]!.push(ran ? (node.durationMs ?? 0) : null);
      cached[name]!.push(node?.cached ?? false);
    }
    for (const name of checks) {
      const node = byName.get(name);
      let outcome: 'pass' | 'fail' | 'warn' | null = null;
      if (node?.check) outcome = node.check.passed ? 'pass' : node.check.severity === 'warn' ? 'warn' : 'fail';
      else if (node?.status === 'check-failed') outcome = 'fail';
      outcomes[name]!.push(outcome);
    }
    labels.push(runLabel(run.startedAt, index, labels[labels.length - 1] ?? null));
  });
  return {
    runs: ordered.map((run, index) => ({ runId: run.runId, label: labels[index]!, status: run.status, durationMs: run.durationMs, startedAt: run.startedAt })),
    nodes,
    durations,
    cached,
    checks,
    outcomes,
  };
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
