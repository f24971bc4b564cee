import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ApiError } from '../../common/contract/envelope';
import { inferFileFormat, isSinkNode, nodeInputs } from '../../common/pipeline/model';
import type { Profile, ProfileStage, ProfileTarget } from '../../common/profile/profile-schema';
import type { ResultCache } from '../engine/cache';
import { resolveFilePath, type CompileContext } from '../engine/compiler';
import { nodeError } from '../engine/errors';
import { sha256 } from '../engine/fingerprint';
import type { EngineParts } from '../engine/node-runner';
import { isGlob } from '../engine/nodes/sources';
import { resolveParams } from '../engine/params';
import { assertValidGraph, closureOf, prepareNodes, type PreparedNode } from '../engine/prepare';
import { executeRun } from '../engine/run';
import { executeNodeRelation } from '../engine/preview';
import { withSession } from '../engine/session';
import { profileSource, type ProfileOptions } from './profiler';
import type { ProfileSource } from './profile-source';
import type { FileProfileRequest, NodeProfileRequest, ProfileCallOptions, ProfileRequest } from './profile-request';

/** Bumped when the profiler computes something differently: cached profiles of older versions then miss. */
export const PROFILER_VERSION = 2;

/**
 * The key a profile is cached under: for a file its path, size and mtime; for
 * a node the engine's fingerprint of its result (its SQL, inputs, parameters
 * and source files), so any edit upstream gives a new key.
 */
export async function profileFingerprint(parts: EngineParts, request: ProfileRequest): Promise<string> {
  if (request.kind === 'file') return fileFingerprint(request);
  return withNodeSession(parts, request, undefined, async (_connection, relationNode) => nodeFingerprint(relationNode));
}

async function fileFingerprint(request: FileProfileRequest): Promise<string> {
  const info = await stat(request.path).catch(() => {
    throw new ApiError({ code: 'not-found', message: `file not found: ${request.label ?? request.path}`, file: request.label ?? request.path });
  });
  return sha256(JSON.stringify({ v: PROFILER_VERSION, file: path.resolve(request.path), format: request.format ?? null, size: info.size, mtimeMs: info.mtimeMs })).slice(0, 40);
}

function nodeFingerprint(node: PreparedNode): string {
  return sha256(JSON.stringify({ v: PROFILER_VERSION, node: node.fingerprint })).slice(0, 40);
}

/** Profiles a file or a node's result in stages (docs/profiling.md), on the engine's DuckDB. */
export async function executeProfile(parts: EngineParts, cacheFor: (request: NodeProfileRequest) => ResultCache, request: ProfileRequest, options: ProfileCallOptions = {}): Promise<Profile> {
  return request.kind === 'file' ? profileFile(parts, request, options) : profileNode(parts, cacheFor(request), request, options);
}

function profileOptions(request: ProfileRequest, target: ProfileTarget, fingerprint: string, options: ProfileCallOptions, stage?: ProfileStage): ProfileOptions {
  return {
    target,
    fingerprint,
    stage: stage ?? request.stage ?? 'full',
    exactDistinct: request.exactDistinct ?? false,
    ...(request.columns ? { columns: request.columns } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onStage ? { onStage: options.onStage } : {}),
  };
}

async function profileFile(parts: EngineParts, request: FileProfileRequest, options: ProfileCallOptions): Promise<Profile> {
  const fingerprint = await fileFingerprint(request);
  const label = request.label ?? request.path;
  const source: ProfileSource = { kind: 'file', path: request.path, ...(request.format ? { format: request.format } : {}) };
  return withSession(parts.instance, { projectDir: path.dirname(request.path), params: [], ...(options.signal ? { signal: options.signal } : {}) }, async (connection) => {
    try {
      return await profileSource(connection, source, profileOptions(request, { kind: 'file', path: label, format: source.format ?? inferFileFormat(request.path) ?? '' }, fingerprint, options));
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError({ code: 'io-error', message: `${label}: ${firstLine(error)}`, file: label });
    }
  });
}

async function withNodeSession<T>(parts: EngineParts, request: NodeProfileRequest, signal: AbortSignal | undefined, work: (connection: DuckDBConnection, relationNode: PreparedNode, ctx: CompileContext) => Promise<T>): Promise<T> {
  assertValidGraph(request.pipeline);
  const params = resolveParams(request.pipeline, request.params);
  return withSession(parts.instance, { projectDir: request.projectDir, params, ...(signal ? { signal } : {}) }, async (connection) => {
    const ctx: CompileContext = { projectDir: request.projectDir };
    const prepared = await prepareNodes(closureOf(request.pipeline, [request.node]), { connection, ctx, params, memo: parts.memo });
    const target = prepared.get(request.node)!;
    // A sink is profiled as the rows it writes: its input's.
    const relationNode = isSinkNode(target.node) ? prepared.get(nodeInputs(target.node)[0]!)! : target;
    if (relationNode.error) throw relationNode.blockedBy ? prepared.get(relationNode.blockedBy)!.error! : relationNode.error;
    return work(connection, relationNode, ctx);
  });
}

/**
 * A node's profile. When its result is cached (or it is a Parquet file read in
 * place) every stage reads that Parquet file. Otherwise the first stages read
 * the engine's query of the node over its nearest cached inputs (the sample is
 * the first rows, which DuckDB streams), and the full stage has the engine
 * compute the node into the result cache, then profiles that.
 */
async function profileNode(parts: EngineParts, cache: ResultCache, request: NodeProfileRequest, options: ProfileCallOptions): Promise<Profile> {
  return withNodeSession(parts, request, options.signal, async (connection, relationNode, ctx) => {
    const fingerprint = nodeFingerprint(relationNode);
    const target: ProfileTarget = { kind: 'node', node: request.node, pipelinePath: request.pipelinePath };
    const name = relationNode.node.name;
    const guard = async <T>(work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        throw nodeError(name, error, relationNode.compiled?.file);
      }
    };
    const onDisk = await stored(cache, relationNode, ctx);
    if (onDisk) return guard(() => profileSource(connection, onDisk, profileOptions(request, target, fingerprint, options)));

    // The engine's own query of the node over the nearest cached inputs (each CSV parsed once).
    const relation = await executeNodeRelation(parts, cache, request, options.signal ? { signal: options.signal } : {});
    const view: ProfileSource = { kind: 'relation', sql: relation.sql, label: name };
    const wanted = request.stage ?? 'full';
    const early = await guard(() => profileSource(connection, view, profileOptions(request, target, fingerprint, options, wanted === 'metadata' ? 'metadata' : 'sample')));
    if (wanted !== 'full') return early;

    const report = await executeRun(
      parts,
      cache,
      { runId: `profile-${randomUUID()}`, pipeline: request.pipeline, pipelinePath: request.pipelinePath, projectDir: request.projectDir, ...(request.cacheDir ? { cacheDir: request.cacheDir } : {}), ...(request.params ? { params: request.params } : {}), scope: { node: name } },
      options.signal ? { signal: options.signal } : {},
    );
    if (report.status === 'cancelled' || options.signal?.aborted) throw new ApiError({ code: 'cancelled', message: 'cancelled', node: name });
    const failed = report.nodes.find((n) => n.status === 'failed');
    if (failed) throw new ApiError({ code: 'node-failed', node: failed.name, message: failed.error?.message ?? `${failed.name} failed` });
    const fullOnly = { ...options, onStage: (profile: Profile) => profile.stage === 'full' && options.onStage?.(profile) };
    const computed = await stored(cache, relationNode, ctx);
    // A node whose result changes by itself (random(), now()) is never cached: profile it through its view.
    return guard(() => profileSource(connection, computed ?? view, profileOptions(request, target, fingerprint, fullOnly)));
  });
}

/** Where a node's rows already lie as Parquet: its cache entry, or the Parquet file a source reads in place. */
async function stored(cache: ResultCache, node: PreparedNode, ctx: CompileContext): Promise<ProfileSource | undefined> {
  const entry = node.volatile ? undefined : await cache.lookup(node.fingerprint!);
  if (entry) return { kind: 'file', path: entry.file, format: 'parquet' };
  if (node.inPlace && node.node.type === 'source.file' && !isGlob(node.node.path)) return { kind: 'file', path: resolveFilePath(ctx, node.node.path), format: 'parquet' };
  return undefined;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 500);
}
