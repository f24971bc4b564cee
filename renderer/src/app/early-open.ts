import type { ProjectInfo, Settings, SluiceBridge } from '../../../common/contract/api';
import type { Envelope } from '../../../common/contract/envelope';
import type { Pipeline } from '../../../common/pipeline/model';

type PipelineLoaded = { path: string; pipeline: Pipeline };

/*
 * The window's first three calls (the project, the settings, the first pipeline)
 * go out before the app's code is evaluated: main.tsx starts them, then imports the
 * app as a chunk of its own. While the browser compiles and runs that chunk, the
 * host reads and parses the pipeline file. This module imports only types, so it
 * runs before the contract's schemas and React do; the app takes the replies
 * (takeEarlyOpen) instead of asking again.
 */

/** The three calls, by method name (the preload) and channel (HTTP), as in common/contract/api.ts (a test checks them). */
export const EARLY_CHANNELS = { getCurrentProject: 'project:get-current', getSettings: 'settings:get', loadPipeline: 'pipeline:load' } as const;
type EarlyMethod = keyof typeof EARLY_CHANNELS;

export interface EarlyOpen {
  project: Promise<Envelope<ProjectInfo | null>>;
  settings: Promise<Envelope<Settings>>;
  /** The pipeline the window opens first (the last session's first tab, else the project's first pipeline), already asked for. */
  firstPipeline: Promise<{ path: string; reply: Promise<Envelope<PipelineLoaded>> } | null>;
}

let early: EarlyOpen | null = null;

/** As renderer/src/api/http-bridge.ts calls the host, without the contract (whose schemas are in the chunk still loading). */
function call<T>(method: EarlyMethod, input: object): Promise<Envelope<T>> {
  const bridge = (window as { sluice?: SluiceBridge }).sluice;
  if (bridge) return bridge[method](input as never) as unknown as Promise<Envelope<T>>;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return fetch(`/api/${EARLY_CHANNELS[method]}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sluice-token': token },
    body: JSON.stringify(input),
  }).then(
    (response) =>
      response.status === 401
        ? { ok: false, error: { code: 'forbidden', message: 'the session token was refused; open the URL the server printed' } }
        : (response.json() as Promise<Envelope<T>>),
    (error: unknown) => ({ ok: false, error: { code: 'internal', message: `the Sluice server did not answer: ${(error as Error).message}` } }),
  );
}

export function startEarlyOpen(): void {
  const project = call<ProjectInfo | null>('getCurrentProject', {});
  const settings = call<Settings>('getSettings', {});
  const firstPipeline = Promise.all([project, settings]).then(([projectReply, settingsReply]) => {
    if (!projectReply.ok || !projectReply.value) return null;
    const saved = settingsReply.ok ? savedTabs(projectReply.value, settingsReply.value) : { paths: [], active: null };
    const path = saved.paths[0] ?? projectReply.value.pipelines[0];
    return path ? { path, reply: call<PipelineLoaded>('loadPipeline', { path }) } : null;
  });
  early = { project, settings, firstPipeline };
}

/** The early calls, once: a later start (Try again, another project) asks the host itself. */
export function takeEarlyOpen(): EarlyOpen | null {
  const taken = early;
  early = null;
  return taken;
}

/** The settings key of a project's open tabs (the same as tabs-store's openTabsSettingKey; a test checks it). */
export const openTabsKey = (projectPath: string) => `workbench.openTabs:${projectPath}`;

/** The tabs the last session left open in this project, without files deleted or renamed since. */
export function savedTabs(project: ProjectInfo, settings: Settings): { paths: string[]; active: string | null } {
  const value = settings[openTabsKey(project.path)];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { paths: [], active: null };
  const known = new Set(project.pipelines);
  const { paths: rawPaths, active: rawActive } = value as { paths?: unknown; active?: unknown };
  const paths = Array.isArray(rawPaths) ? rawPaths.filter((path): path is string => typeof path === 'string' && known.has(path)) : [];
  const active = typeof rawActive === 'string' && paths.includes(rawActive) ? rawActive : null;
  return { paths, active };
}
