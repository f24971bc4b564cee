import type { DuckDBConnection } from '@duckdb/node-api';
import type { CheckResult, NodeRun } from '../../common/contract/api';
import { ApiError } from '../../common/contract/envelope';
import { isCheckNode, isSinkNode, nodeInputs, type PipelineNode } from '../../common/pipeline/model';
import type { PreparedNode } from './prepare';
import { cancelledError, nodeError } from './errors';
import { countInPlace, materialize, resultRows, writeSink, type EngineParts, type ExecutionScope, type NodeResult } from './node-runner';

/** How many nodes run at once; DuckDB parallelizes inside each query too. */
export const MAX_CONCURRENT_NODES = 3;
const PROGRESS_INTERVAL_MS = 250;

export interface ScheduleOptions {
  /** Nodes to compute even when their result is cached. */
  forced: ReadonlySet<string>;
  onChange?: (runs: ReadonlyMap<string, NodeRun>) => void;
  concurrency?: number;
}

export interface ScheduleOutcome {
  runs: Map<string, NodeRun>;
  results: Map<string, NodeResult>;
  cancelled: boolean;
}

const DONE: ReadonlySet<NodeRun['status']> = new Set(['succeeded', 'cached', 'check-failed']);

function checkResult(node: PipelineNode, failingRows: number, sample: CheckResult['sample']): CheckResult {
  const severity = isCheckNode(node) ? (node.severity ?? 'error') : 'error';
  return { passed: failingRows === 0, severity, failingRows, sample };
}

/**
 * Runs the planned nodes as soon as their inputs are done, several at a
 * time: independent branches overlap. A failed node skips what reads it;
 * an abort interrupts every running query and cancels what has not started.
 */
export async function schedule(parts: EngineParts, scope: ExecutionScope, planned: readonly PreparedNode[], options: ScheduleOptions): Promise<ScheduleOutcome> {
  const runs = new Map<string, NodeRun>(
    planned.map((p) => [p.node.name, { name: p.node.name, status: 'queued', rows: null, durationMs: null, cached: false, error: null, fingerprint: p.fingerprint ?? null }]),
  );
  const results = new Map<string, NodeResult>();
  const connections = new Map<string, DuckDBConnection>();
  const byName = new Map(planned.map((p) => [p.node.name, p]));
  const pending = planned.map((p) => p.node.name);
  const active = new Map<string, Promise<void>>();
  const concurrency = options.concurrency ?? MAX_CONCURRENT_NODES;
  const update = (name: string, patch: Partial<NodeRun>) => {
    runs.set(name, { ...runs.get(name)!, ...patch });
    options.onChange?.(runs);
  };

  const nodeScope: ExecutionScope = {
    ...scope,
    onConnection: (name, connection) => {
      if (connection) connections.set(name, connection);
      else connections.delete(name);
    },
  };
  const poll = setInterval(() => {
    let changed = false;
    for (const [name, connection] of connections) {
      const percentage = connection.progress.percentage;
      if (percentage < 0) continue;
      const progress = Math.min(1, Math.round(percentage * 10) / 1000);
      if (runs.get(name)?.progress !== progress) {
        runs.set(name, { ...runs.get(name)!, progress });
        changed = true;
      }
    }
    if (changed) options.onChange?.(runs);
  }, PROGRESS_INTERVAL_MS);

  // Cache lookups for every node up front and at once: a mostly cached run then costs a few stats, not a chain of them.
  const reusable = (p: PreparedNode) => !p.error && !p.inPlace && !p.volatile && !isSinkNode(p.node) && !options.forced.has(p.node.name);
  const hits = new Map(
    await Promise.all(planned.filter(reusable).map(async (p) => [p.node.name, await scope.cache.lookup(p.fingerprint!)] as const)),
  );

  const rowsIn = (node: PipelineNode): number | null => {
    const counts = nodeInputs(node).map((input) => runs.get(input)?.rows ?? null);
    return counts.some((c) => c === null) ? null : counts.reduce<number>((sum, c) => sum + c!, 0);
  };

  const execute = async (prepared: PreparedNode): Promise<void> => {
    const { node } = prepared;
    const started = performance.now();
    update(node.name, { status: 'running', ...(nodeInputs(node).length > 0 ? { rowsIn: rowsIn(node) } : {}) });
    try {
      if (prepared.error) throw prepared.error;
      if (scope.signal?.aborted) throw cancelledError(node.name);
      const inputs = new Map(nodeInputs(node).map((input) => [input, results.get(input)!]));
      if (isSinkNode(node)) {
        const rows = await writeSink(parts, nodeScope, prepared, inputs.get(nodeInputs(node)[0]!)!);
        update(node.name, { status: 'succeeded', rows, durationMs: performance.now() - started, progress: null });
        return;
      }
      if (prepared.inPlace) {
        const rows = await countInPlace(parts, nodeScope, prepared);
        results.set(node.name, { kind: 'in-place', relation: prepared.compiled!.relation, rows });
        update(node.name, { status: 'succeeded', rows, durationMs: performance.now() - started, progress: null });
        return;
      }
      const hit = hits.get(node.name);
      const entry = hit ?? (await materialize(parts, nodeScope, prepared, inputs));
      results.set(node.name, { kind: 'cache', entry });
      const check = isCheckNode(node) && entry.check ? checkResult(node, entry.check.failingRows, entry.check.sample) : null;
      const status = check && !check.passed ? 'check-failed' : hit ? 'cached' : 'succeeded';
      update(node.name, { status, rows: entry.rows, cached: Boolean(hit), durationMs: performance.now() - started, progress: null, ...(check ? { check } : {}) });
    } catch (error) {
      const failure = error instanceof ApiError ? error : nodeError(node.name, error);
      if (failure.code === 'cancelled' || scope.signal?.aborted) {
        update(node.name, { status: 'cancelled', durationMs: performance.now() - started, progress: null });
        return;
      }
      const { message, file, line, column } = failure.body;
      update(node.name, {
        status: 'failed',
        durationMs: performance.now() - started,
        progress: null,
        error: { message, ...(file ? { file } : {}), ...(line ? { line } : {}), ...(column ? { column } : {}) },
      });
    }
  };

  try {
    while (pending.length > 0 || active.size > 0) {
      for (let i = 0; i < pending.length; i++) {
        const name = pending[i]!;
        const prepared = byName.get(name)!;
        const inputStates = nodeInputs(prepared.node).map((input) => runs.get(input)!.status);
        let start = false;
        if (scope.signal?.aborted) update(name, { status: 'cancelled' });
        else if (inputStates.some((s) => s === 'cancelled')) update(name, { status: 'cancelled' });
        else if (inputStates.some((s) => s === 'failed' || s === 'skipped')) update(name, { status: 'skipped' });
        else if (inputStates.every((s) => DONE.has(s)) && active.size < concurrency) start = true;
        else continue;
        pending.splice(i--, 1);
        if (start) {
          const work = execute(prepared).finally(() => active.delete(name));
          active.set(name, work);
        }
      }
      if (active.size === 0) break;
      await Promise.race(active.values());
    }
  } finally {
    clearInterval(poll);
  }
  const cancelled = Boolean(scope.signal?.aborted) || [...runs.values()].some((r) => r.status === 'cancelled');
  return { runs, results, cancelled };
}

export function resultOf(outcome: ScheduleOutcome, name: string): NodeResult | undefined {
  return outcome.results.get(name);
}

export { resultRows };
