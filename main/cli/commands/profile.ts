import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { ApiError } from '../../../common/contract/envelope';
import type { Profile, ProfileStage } from '../../../common/profile/profile-schema';
import { suggestChecks } from '../../../common/profile/suggest-checks';
import { Engine } from '../../engine/engine';
import { defaultUserDataDir, stateDatabasePath } from '../../host/paths';
import type { ProfileRequest } from '../../profile/profile-request';
import { formatProfile } from '../../profile/profile-text';
import { AppStore } from '../../store/app-store';
import { ProfileCache } from '../../store/profile-cache';
import { CliError, ExitCode, interruptSignal, loadPipelineForCli, writeJson } from '../cli-support';
import { cacheDirFor, collectParam } from './run';

interface ProfileCliOptions {
  json?: boolean;
  sample?: boolean;
  full?: boolean;
  exactDistinct?: boolean;
  columns?: string;
  checks?: boolean;
  cache: boolean;
  param: Record<string, string>;
}

/** `file.sluice.yaml#node` names a node; anything else (or an existing file whose name has a #) is a data file. */
async function requestFor(target: string, options: ProfileCliOptions, stage: ProfileStage): Promise<{ request: ProfileRequest; input: string; projectPath: string | null; takenNames: string[] }> {
  const common = { stage, exactDistinct: Boolean(options.exactDistinct), ...(options.columns ? { columns: options.columns.split(',').map((c) => c.trim()).filter(Boolean) } : {}) };
  const hash = target.lastIndexOf('#');
  if (hash > 0 && !existsSync(target) && /\.ya?ml$/i.test(target.slice(0, hash))) {
    const { pipeline, file, baseDir } = await loadPipelineForCli(target.slice(0, hash));
    const node = target.slice(hash + 1);
    if (!pipeline.nodes.some((n) => n.name === node)) {
      throw new CliError(`no node named "${node}" in ${target.slice(0, hash)} (nodes: ${pipeline.nodes.map((n) => n.name).join(', ')})`, ExitCode.usage);
    }
    return {
      request: { kind: 'node', pipeline, node, pipelinePath: file, projectDir: baseDir, cacheDir: cacheDirFor(baseDir), params: options.param, ...common },
      input: node,
      projectPath: baseDir,
      takenNames: pipeline.nodes.map((n) => n.name),
    };
  }
  const file = path.resolve(target);
  if (!existsSync(file)) throw new CliError(`file not found: ${target}`, ExitCode.usage);
  // Checks of a file read the source node a pipeline would have for it, named after the file.
  const input = path.basename(file).replace(/\..*$/, '').replace(/[^A-Za-z0-9_]+/g, '_') || 'source';
  return { request: { kind: 'file', path: file, label: target, ...common }, input, projectPath: null, takenNames: [input] };
}

export function registerProfileCommand(program: Command): void {
  program
    .command('profile')
    .description("profile a data file or a node's result: types, nulls, distinct counts, ranges, quantiles, histograms, top values, alerts")
    .argument('<target>', 'a data file (CSV, TSV, Parquet, JSON, NDJSON) or pipeline-file#node')
    .option('--json', 'print the profile as one JSON object (docs/cli.md)')
    .option('--sample', 'stop after the sample stage (fast, approximate)')
    .option('--full', 'compute the full profile (the default)')
    .option('--exact-distinct', 'exact distinct counts (count(DISTINCT), slower) instead of HyperLogLog estimates')
    .option('--columns <names>', 'profile only these columns (comma-separated)')
    .option('--checks', 'also suggest check nodes (not_null, unique, accepted_values, row_count)')
    .option('--param <name=value>', 'set a pipeline parameter (repeatable)', collectParam, {})
    .option('--no-cache', 'neither read nor write the profile cache')
    .action(async (target: string, options: ProfileCliOptions) => {
      if (options.sample && options.full) throw new CliError('--sample and --full exclude each other', ExitCode.usage);
      const stage: ProfileStage = options.sample ? 'sample' : 'full';
      const { request, input, projectPath, takenNames } = await requestFor(target, options, stage);
      const { profile, cached } = await profileWithCache(request, options, projectPath);
      const checks = options.checks ? suggestChecks(profile, { input, takenNames }) : [];
      if (options.json) {
        writeJson(options.checks ? { ...profile, suggestedChecks: checks } : profile);
        return;
      }
      process.stdout.write(`${formatProfile(profile)}\n`);
      if (cached) process.stdout.write(`(from the profile cache, computed ${profile.createdAt}; --no-cache to recompute)\n`);
      if (options.checks) {
        process.stdout.write(checks.length === 0 ? '\nno checks to suggest\n' : `\nsuggested checks (add under nodes:):\n${stringify(checks.map((c) => c.node))}`);
      }
    });
}

async function profileWithCache(request: ProfileRequest, options: ProfileCliOptions, projectPath: string | null): Promise<{ profile: Profile; cached: boolean }> {
  const engine = await Engine.create();
  const interrupt = interruptSignal();
  const store = options.cache ? new AppStore(stateDatabasePath(defaultUserDataDir())) : null;
  const progress = !options.json && Boolean(process.stderr.isTTY);
  try {
    const cache = store ? new ProfileCache(store.db) : null;
    const variant = { exactDistinct: request.exactDistinct ?? false, ...(request.columns ? { columns: request.columns } : {}) };
    const hit = cache?.lookup(await engine.profileFingerprint(request), request.stage ?? 'full', variant);
    if (hit) return { profile: hit, cached: true };
    const profile = await engine.profile(request, {
      signal: interrupt.signal,
      ...(progress ? { onStage: (p: Profile) => process.stderr.write(`\r\x1b[K${p.stage} done in ${Math.round(p.durationMs)} ms${p.stage === 'full' ? '\n' : ''}`) } : {}),
    });
    cache?.store(profile, variant, projectPath);
    return { profile, cached: false };
  } catch (error) {
    if (progress) process.stderr.write('\r\x1b[K');
    if (error instanceof CliError) throw error;
    if (error instanceof ApiError && error.code === 'cancelled') throw new CliError('cancelled', ExitCode.cancelled);
    if (error instanceof ApiError && (error.code === 'invalid-input' || error.code === 'pipeline-invalid' || error.code === 'not-found')) throw new CliError(error.message, ExitCode.usage);
    throw new CliError((error as Error).message, ExitCode.failed);
  } finally {
    interrupt.dispose();
    store?.close();
    await engine.close();
  }
}
