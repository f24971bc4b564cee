import path from 'node:path';
import os from 'node:os';
import { readFile } from 'node:fs/promises';
import type { ApiEventName, DraftPipeline, EventPayload, ProjectInfo, RunReport } from '../../common/contract/api';
import { ApiError } from '../../common/contract/envelope';
import type { EngineSupervisor } from '../engine/engine-supervisor';
import { projectCacheDir } from '../engine/cache';
import { requester } from '../engine/run';
import type { AppStore } from '../store/app-store';
import { DraftStore } from '../store/drafts';
import { createProfileHandlers } from '../profile/profile-handlers';
import { serializePipeline } from '../../common/pipeline/pipeline-file';
import { PipelineSchema } from '../../common/pipeline/model';
import { loadPipelineFile, readProjectInfo, resolvePipelinePath, savePipelineFile } from '../project/project-files';
import { listProjectFiles } from '../project/project-tree';
import { importDataFile } from '../project/data-import';
import { ensureSampleProject } from '../project/sample-project';
import { createDispatcher, type ApiHandlers, type Dispatch } from './dispatcher';
import { createSqlAssistHandlers } from './sql-assist-handlers';
import { createExportHandlers } from './export-handlers';
import { APP_NAME, APP_VERSION } from './version';

export type EmitEvent = <E extends ApiEventName>(event: E, payload: EventPayload<E>) => void;

export interface HostOptions {
  kind: 'electron' | 'serve';
  userDataDir: string;
  store: AppStore;
  engine: EngineSupervisor;
  emit: EmitEvent;
  /** The native folder picker; only the Electron host has one. */
  chooseFolder?: (options?: { title?: string }) => Promise<string | null>;
  resourcesDir?: string;
  /** How long a cancelled request may take to stop before the engine is restarted under it (default 5 s). */
  cancelGraceMs?: number;
}

export interface Host {
  readonly handlers: ApiHandlers;
  readonly dispatch: Dispatch;
  /** Opens a project folder (menu, command line) and tells the renderer. */
  openProject(projectDir: string): Promise<ProjectInfo>;
  /** The project given on the command line, else the most recent one, else the sample. */
  openInitialProject(projectDir?: string): Promise<ProjectInfo | null>;
  currentProject(): ProjectInfo | null;
  dispose(): Promise<void>;
}

/** The API behind every host: one handler per contract method, shared by Electron main and serve mode. */
export function createHost(options: HostOptions): Host {
  const { store, engine, emit } = options;
  let project: ProjectInfo | null = null;
  const drafts = new DraftStore(store.db);
  const inFlight = new Map<string, AbortController>();

  const requireProject = (): ProjectInfo => {
    if (!project) throw new ApiError({ code: 'not-found', message: 'no project is open; open a project folder first' });
    return project;
  };

  const log = (level: 'info' | 'warn' | 'error', message: string) => emit('onDidAppendLog', { level, message, time: new Date().toISOString() });

  const openProject = async (projectDir: string): Promise<ProjectInfo> => {
    const info = await readProjectInfo(projectDir);
    project = info;
    store.touchRecentProject(info.path, info.name);
    emit('onDidOpenProject', info);
    log('info', `opened project ${info.path}`);
    return info;
  };

  /** Relative paths in a pipeline resolve against the folder of its file (the project root for unsaved ones). */
  const pipelineBaseDir = (projectDir: string, pipelinePath: string | null | undefined): string =>
    pipelinePath ? path.dirname(resolvePipelinePath(projectDir, pipelinePath)) : projectDir;

  const track = async <T>(requestId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    if (inFlight.has(requestId)) throw new ApiError({ code: 'invalid-input', message: `request ${requestId} is already running` });
    const controller = new AbortController();
    inFlight.set(requestId, controller);
    const graceMs = options.cancelGraceMs ?? 5000;
    let escalation: NodeJS.Timeout | undefined;
    // DuckDB's interrupt cannot stop every read (a FIFO, a hung network file system):
    // a cancel that is not honored in time restarts the engine, which frees it for good.
    controller.signal.addEventListener('abort', () => {
      escalation = setTimeout(() => {
        if (inFlight.get(requestId) !== controller) return;
        log('warn', `request ${requestId} did not stop ${graceMs} ms after it was cancelled; restarting the engine`);
        engine.killProcess();
      }, graceMs);
      escalation.unref();
    });
    try {
      return await work(controller.signal);
    } catch (error) {
      if (controller.signal.aborted && error instanceof ApiError && error.code === 'engine-crashed') {
        throw new ApiError({ code: 'cancelled', message: `cancelled; the engine did not stop within ${graceMs} ms, so it was restarted` });
      }
      throw error;
    } finally {
      clearTimeout(escalation);
      inFlight.delete(requestId);
    }
  };

  const exports = createExportHandlers({ engine, currentProject: () => project, ...(options.chooseFolder ? { chooseFolder: options.chooseFolder } : {}), log });
  const profiles = createProfileHandlers({ db: store.db, engine, emitStage: (payload) => emit('onDidProfileStage', payload), requireProject, pipelineBaseDir, track });

  const handlers: ApiHandlers = {
    ...profiles,
    ...exports,
    getAppInfo: async () => ({ name: APP_NAME, version: APP_VERSION, host: options.kind, platform: `${os.platform()}-${os.arch()}` }),
    getCurrentProject: async () => project,
    openProject: async ({ path: projectDir }) => openProject(projectDir),
    chooseProjectFolder: async () => {
      if (!options.chooseFolder) {
        throw new ApiError({ code: 'unsupported', message: 'there is no folder dialog in serve mode; start it with --project DIR or open a recent project' });
      }
      const chosen = await options.chooseFolder();
      return chosen ? openProject(chosen) : null;
    },
    listRecentProjects: async () => store.listRecentProjects(),
    listProjectFiles: async ({ depth, limit }) => listProjectFiles(requireProject().path, { depth, limit }),
    importDataFile: async ({ name, contentBase64 }) => importDataFile(requireProject().path, name, contentBase64),
    loadPipeline: async ({ path: relativePath }) => {
      const file = resolvePipelinePath(requireProject().path, relativePath);
      return { path: relativePath, pipeline: await loadPipelineFile(file) };
    },
    savePipeline: async ({ path: relativePath, pipeline }) => {
      const current = requireProject();
      const file = resolvePipelinePath(current.path, relativePath);
      const { bytes, backup } = await savePipelineFile(file, pipeline, { projectDir: current.path });
      // A newer autosave that raced this save stays offered.
      const draft = drafts.get(current.path, relativePath);
      if (draft && serializedDraft(draft.pipeline) === serializePipeline(pipeline)) drafts.discard(current.path, relativePath);
      if (!current.pipelines.includes(relativePath)) project = await readProjectInfo(current.path);
      return { path: relativePath, savedAt: new Date().toISOString(), bytes, backup: backup ? path.relative(current.path, backup).split(path.sep).join('/') : null };
    },
    autosaveDraft: async ({ path: relativePath, pipeline }) => {
      const current = requireProject();
      resolvePipelinePath(current.path, relativePath);
      const { savedAt } = drafts.put(current.path, relativePath, pipeline);
      return { path: relativePath, savedAt };
    },
    listDrafts: async () => {
      const current = requireProject();
      const offered = [];
      for (const draft of drafts.list(current.path)) {
        const onDisk = await readFile(resolvePipelinePath(current.path, draft.path), 'utf8').catch(() => null);
        // A draft identical to its file holds no unsaved edit.
        if (onDisk === serializedDraft(draft.pipeline)) drafts.discard(current.path, draft.path);
        else offered.push({ ...draft, fileExists: onDisk !== null });
      }
      return offered;
    },
    discardDraft: async ({ path: relativePath }) => ({ discarded: drafts.discard(requireProject().path, relativePath) }),
    runPipeline: async ({ requestId, path: pipelinePath, pipeline, params, node, from, checksOnly, force }) => {
      const current = requireProject();
      return track(requestId, async (signal) => {
        let latest: RunReport | undefined;
        const onProgress = (report: RunReport) => {
          latest = report;
          emit('onDidChangeRunStatus', { runId: report.runId, status: report.status, nodes: report.nodes });
        };
        log('info', `run ${requestId} of ${pipelinePath ?? pipeline.name} started`);
        const report = await engine
          .run(
            {
              runId: requestId,
              pipeline,
              pipelinePath,
              projectDir: pipelineBaseDir(current.path, pipelinePath),
              cacheDir: projectCacheDir(current.path),
              ...(params ? { params } : {}),
              scope: { ...(node ? { node } : {}), ...(from ? { from } : {}), ...(checksOnly ? { checksOnly } : {}), ...(force ? { force } : {}) },
              requestedBy: requester(options.kind),
            },
            { signal, onProgress },
          )
          .catch((error: unknown) => {
            // The engine died mid-run: the run fails on the nodes it was running, and is recorded like any failed run.
            if (!(error instanceof ApiError) || error.code !== 'engine-crashed' || !latest) throw error;
            const crashed = crashedRunReport(latest, error.message, signal.aborted);
            onProgress(crashed);
            return crashed;
          });
        store.recordRun(report, current.path);
        log(report.status === 'succeeded' ? 'info' : 'warn', `run ${requestId} ${report.status} in ${Math.round(report.durationMs ?? 0)} ms`);
        return report;
      });
    },
    previewNode: async ({ requestId, path: pipelinePath, pipeline, node, limit, params }) => {
      const current = requireProject();
      const projectDir = pipelineBaseDir(current.path, pipelinePath);
      return track(requestId, (signal) => engine.preview({ pipeline, node, limit, projectDir, cacheDir: projectCacheDir(current.path), ...(params ? { params } : {}) }, { signal }));
    },
    readRows: async ({ requestId, path: pipelinePath, pipeline, node, params, offset, limit, sort, filters }) => {
      const current = requireProject();
      const projectDir = pipelineBaseDir(current.path, pipelinePath);
      const request = { pipeline, node, offset, limit, projectDir, cacheDir: projectCacheDir(current.path), ...(params ? { params } : {}), ...(sort ? { sort } : {}), ...(filters ? { filters } : {}) };
      return track(requestId, (signal) => engine.readRows(request, { signal }));
    },
    countRows: async ({ requestId, path: pipelinePath, pipeline, node, params, filters }) => {
      const current = requireProject();
      const projectDir = pipelineBaseDir(current.path, pipelinePath);
      const request = { pipeline, node, projectDir, cacheDir: projectCacheDir(current.path), ...(params ? { params } : {}), ...(filters ? { filters } : {}) };
      return track(requestId, async (signal) => {
        const { totalRows, cached, durationMs } = await engine.countRows(request, { signal });
        return { node, totalRows, cached, durationMs };
      });
    },
    ...createSqlAssistHandlers({ engine, requireProject, pipelineBaseDir, track }),
    clearCache: async () => {
      const result = await engine.clearCache(projectCacheDir(requireProject().path));
      log('info', `cleared the result cache (${Math.round(result.removedBytes / 1024)} KiB)`);
      return result;
    },
    cancelRequest: async ({ requestId }) => {
      const controller = inFlight.get(requestId);
      controller?.abort();
      return { cancelled: Boolean(controller) };
    },
    getEngineStatus: async () => engine.getStatus(),
    listRuns: async ({ pipelinePath, limit }) => store.listRuns({ ...(pipelinePath ? { pipelinePath } : {}), limit }),
    getSettings: async () => store.getSettings(),
    updateSettings: async ({ values }) => store.updateSettings(values),
  };

  return {
    handlers,
    dispatch: createDispatcher(handlers),
    openProject,
    currentProject: () => project,
    openInitialProject: async (projectDir) => {
      if (projectDir) return openProject(path.resolve(projectDir));
      for (const recent of store.listRecentProjects(5)) {
        try {
          return await openProject(recent.path);
        } catch {
          // A recent project may have been moved or deleted; try the next one.
        }
      }
      try {
        return await openProject(await ensureSampleProject(options.userDataDir, options.resourcesDir));
      } catch (error) {
        log('error', `could not open the sample project: ${(error as Error).message}`);
        return null;
      }
    },
    dispose: async () => {
      for (const controller of inFlight.values()) controller.abort();
      await engine.close();
      store.close();
    },
  };
}

/**
 * The last progress of a run whose engine process died: running nodes failed
 * (cancelled, when the engine was restarted to honor a cancel), the rest never ran.
 */
export function crashedRunReport(latest: RunReport, message: string, cancelled = false): RunReport {
  const finishedAt = new Date();
  return {
    ...latest,
    status: cancelled ? 'cancelled' : 'failed',
    finishedAt: finishedAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - Date.parse(latest.startedAt)),
    nodes: latest.nodes.map((node) => {
      if (node.status === 'running') return cancelled ? { ...node, status: 'cancelled' } : { ...node, status: 'failed', error: { message: `${node.name}: ${message}` } };
      if (node.status === 'queued') return { ...node, status: 'skipped' };
      return node;
    }),
  };
}

/** The file a draft would save as; null for a draft that is not a valid pipeline yet (it always differs from the file). */
function serializedDraft(pipeline: DraftPipeline): string | null {
  const parsed = PipelineSchema.safeParse(pipeline);
  return parsed.success ? serializePipeline(parsed.data) : null;
}
