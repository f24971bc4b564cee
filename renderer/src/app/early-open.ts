import type { ProjectInfo, Settings, SluiceBridge } from '../../../common/contract/api';
import type { Envelope } from '../../../common/contract/envelope';
import type { Pipeline } from '../../../common/pipeline/model';
import { postToHost, sessionToken } from '../api/http-call';
import { savedTabs } from '../state/open-tabs-setting';

type PipelineLoaded = { path: string; pipeline: Pipeline };

/*
 * The window's first three calls (the project, the settings, the first pipeline)
 * go out before the app's code is evaluated: main.tsx starts them, then imports the
 * app as a chunk of its own. While the browser compiles and runs that chunk, the
 * host reads and parses the pipeline file. This module imports only types and two
 * modules that do the same, so it runs before the contract's schemas and React do;
 * the app takes the replies
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

/** Over the preload's bridge in Electron, else as the serve-mode bridge calls the host (without the contract's schemas). */
function call<T>(method: EarlyMethod, input: object): Promise<Envelope<T>> {
  const bridge = (window as { sluice?: SluiceBridge }).sluice;
  if (bridge) return bridge[method](input as never) as unknown as Promise<Envelope<T>>;
  return postToHost(EARLY_CHANNELS[method], input, sessionToken()) as Promise<Envelope<T>>;
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
