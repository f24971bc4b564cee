import path from 'node:path';
import type { EventPayload, MethodOutput, MethodParsedInput, ProjectInfo } from '../../common/contract/api';
import { ApiError } from '../../common/contract/envelope';
import type { Profile, ProfileTarget } from '../../common/profile/profile-schema';
import { projectCacheDir } from '../engine/cache';
import type { EngineApi } from '../engine/engine-types';
import { ProfileCache, type ProfileVariant } from '../store/profile-cache';
import type { ProfileRequest } from './profile-request';
import type Database from 'better-sqlite3';

export interface ProfileHandlerContext {
  db: Database.Database;
  engine: Pick<EngineApi, 'profile' | 'profileFingerprint'>;
  emitStage: (payload: EventPayload<'onDidProfileStage'>) => void;
  requireProject: () => ProjectInfo;
  /** Where a pipeline's relative paths start (the folder of its file). */
  pipelineBaseDir: (projectDir: string, pipelinePath: string | null | undefined) => string;
  track: <T>(requestId: string, work: (signal: AbortSignal) => Promise<T>) => Promise<T>;
}

type Handler<K extends 'profileNode' | 'profileFile' | 'listProfiles'> = (input: MethodParsedInput<K>) => Promise<MethodOutput<K>>;

/** A data file inside the project folder; profiling reads files, and only the project's. */
function projectFile(projectDir: string, relative: string): string {
  const root = path.resolve(projectDir);
  const file = path.resolve(root, relative);
  const inside = path.relative(root, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
    throw new ApiError({ code: 'forbidden', message: `${relative} is outside the project folder` });
  }
  return file;
}

/**
 * The contract's profile methods: a cache lookup by fingerprint first, then
 * the engine, with every stage sent as onDidProfileStage and the last one
 * stored. Kept apart from host.ts, which spreads these into its handlers.
 */
export function createProfileHandlers(context: ProfileHandlerContext): { profileNode: Handler<'profileNode'>; profileFile: Handler<'profileFile'>; listProfiles: Handler<'listProfiles'> } {
  const cache = new ProfileCache(context.db);

  const profileCached = (requestId: string, request: ProfileRequest, refresh: boolean, projectPath: string): Promise<Profile> =>
    context.track(requestId, async (signal) => {
      const stage = request.stage ?? 'full';
      const variant: ProfileVariant = { exactDistinct: request.exactDistinct ?? false, ...(request.columns ? { columns: request.columns } : {}) };
      if (!refresh) {
        const hit = cache.lookup(await context.engine.profileFingerprint(request), stage, variant);
        if (hit) {
          context.emitStage({ requestId, profile: hit, cached: true });
          return hit;
        }
      }
      const profile = await context.engine.profile(request, { signal, onStage: (p) => context.emitStage({ requestId, profile: p, cached: false }) });
      if (profile.stage !== 'metadata') cache.store(profile, variant, projectPath);
      return profile;
    });

  const options = (input: { stage: Profile['stage']; exactDistinct: boolean; columns?: string[] | undefined }) => ({
    stage: input.stage,
    exactDistinct: input.exactDistinct,
    ...(input.columns ? { columns: input.columns } : {}),
  });

  return {
    profileNode: async (input) => {
      const current = context.requireProject();
      const pipelinePath = input.path ?? null;
      const request: ProfileRequest = {
        kind: 'node',
        pipeline: input.pipeline,
        node: input.node,
        pipelinePath,
        projectDir: context.pipelineBaseDir(current.path, pipelinePath),
        cacheDir: projectCacheDir(current.path),
        ...(input.params ? { params: input.params } : {}),
        ...options(input),
      };
      return profileCached(input.requestId, request, input.refresh, current.path);
    },
    profileFile: async (input) => {
      const current = context.requireProject();
      const request: ProfileRequest = {
        kind: 'file',
        path: projectFile(current.path, input.path),
        label: input.path,
        ...(input.format ? { format: input.format } : {}),
        ...options(input),
      };
      return profileCached(input.requestId, request, input.refresh, current.path);
    },
    listProfiles: async ({ target, limit }) => {
      const current = context.requireProject();
      const profileTarget: ProfileTarget = target.kind === 'node' ? { kind: 'node', node: target.node, pipelinePath: target.path } : { kind: 'file', path: target.path, format: '' };
      return cache.history(profileTarget, current.path, limit);
    },
  };
}
