import os from 'node:os';
import type { NodeRun, RunReport, RunScope } from '../../common/contract/api';
import { ApiError } from '../../common/contract/envelope';
import { isCheckNode, isSinkNode, type Pipeline, type PipelineNode } from '../../common/pipeline/model';
import type { ResultCache } from './cache';
import { assertValidGraph, closureOf, downstreamOf, prepareNodes } from './prepare';
import { paramValues, resolveParams } from './params';
import { schedule } from './scheduler';
import { withSession } from './session';
import type { EngineParts } from './node-runner';
import type { RunOptions, RunRequest } from './engine-types';

export interface RunPlan {
  nodes: PipelineNode[];
  /** Computed even when cached: `from` and what is downstream of it, or everything with `force`. */
  forced: Set<string>;
}

/** Which nodes a run covers and which of them ignore the cache. */
export function planRun(pipeline: Pipeline, scope: RunScope = {}): RunPlan {
  if (scope.node !== undefined && scope.from !== undefined) {
    throw new ApiError({ code: 'invalid-input', message: 'a run takes node or from, not both' });
  }
  const known = new Set(pipeline.nodes.map((n) => n.name));
  for (const name of [scope.node, scope.from]) {
    if (name !== undefined && !known.has(name)) throw new ApiError({ code: 'invalid-input', message: `no node named "${name}"` });
  }
  let nodes: PipelineNode[];
  let forced = new Set<string>();
  if (scope.node !== undefined) nodes = closureOf(pipeline, [scope.node]);
  else if (scope.from !== undefined) {
    forced = downstreamOf(pipeline, scope.from);
    nodes = closureOf(pipeline, forced);
  } else nodes = closureOf(pipeline, pipeline.nodes.map((n) => n.name));
  if (scope.checksOnly) {
    const checks = nodes.filter(isCheckNode).map((n) => n.name);
    if (checks.length === 0) throw new ApiError({ code: 'invalid-input', message: 'this pipeline has no check nodes' });
    nodes = closureOf(pipeline, checks).filter((n) => !isSinkNode(n));
  }
  if (scope.force) forced = new Set(nodes.map((n) => n.name));
  return { nodes, forced };
}

/** Who starts a run, for history: the OS user and the way in (`alice (cli)`). */
export function requester(via?: string): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the run is still recorded.
  }
  return via ? `${user} (${via})` : user;
}

/** A run: prepare (compile + fingerprint), schedule, report; failures land on nodes, not on the call. */
export async function executeRun(parts: EngineParts, cache: ResultCache, request: RunRequest, options: RunOptions = {}): Promise<RunReport> {
  const startedAt = new Date();
  assertValidGraph(request.pipeline);
  const params = resolveParams(request.pipeline, request.params);
  const plan = planRun(request.pipeline, request.scope);
  const ctx = { projectDir: request.projectDir };
  const prepared = await withSession(parts.instance, { projectDir: request.projectDir, params, ...(options.signal ? { signal: options.signal } : {}) }, (connection) =>
    prepareNodes(plan.nodes, { connection, ctx, params, memo: parts.memo }),
  );
  const base = {
    runId: request.runId,
    pipelinePath: request.pipelinePath,
    startedAt: startedAt.toISOString(),
    params: paramValues(params),
    ...(request.scope && Object.keys(request.scope).length > 0 ? { scope: request.scope } : {}),
    requestedBy: request.requestedBy ?? requester(),
  };
  const report = (runs: ReadonlyMap<string, NodeRun>): RunReport => ({
    ...base,
    status: 'running',
    finishedAt: null,
    durationMs: null,
    nodes: plan.nodes.map((n) => ({ ...runs.get(n.name)! })),
  });
  const outcome = await schedule(
    parts,
    { ctx, params, cache, ...(options.signal ? { signal: options.signal } : {}) },
    plan.nodes.map((n) => prepared.get(n.name)!),
    {
      forced: plan.forced,
      onChange: (runs) => options.onProgress?.(report(runs)),
    },
  );
  const nodes = report(outcome.runs).nodes;
  const failedCheck = nodes.some((n) => n.status === 'check-failed' && n.check?.severity === 'error');
  const status = outcome.cancelled ? 'cancelled' : nodes.some((n) => n.status === 'failed') || failedCheck ? 'failed' : 'succeeded';
  const finishedAt = new Date();
  const final: RunReport = { ...report(outcome.runs), status, finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - startedAt.getTime() };
  options.onProgress?.(final);
  // The cache stays under its cap; what this run used is the last to go.
  await cache.evict(new Set(nodes.map((n) => n.fingerprint).filter((f): f is string => Boolean(f)))).catch(() => undefined);
  return final;
}
