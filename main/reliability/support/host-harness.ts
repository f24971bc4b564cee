import path from 'node:path';
import type { ApiEventName, EventPayload } from '../../../common/contract/api';
import type { Envelope } from '../../../common/contract/envelope';
import { childProcessSpawner, engineEntryPath, EngineSupervisor } from '../../engine/engine-supervisor';
import { createHost, type Host } from '../../host/host';
import { stateDatabasePath } from '../../host/paths';
import { AppStore } from '../../store/app-store';

export interface HostHarness {
  host: Host;
  engine: EngineSupervisor;
  store: AppStore;
  events: { event: ApiEventName; payload: unknown }[];
  /** host.dispatch: the same validation choke point IPC and HTTP go through. */
  call<T = unknown>(channel: string, input: unknown): Promise<Envelope<T>>;
  dispose(): Promise<void>;
}

/** A real host (real SQLite, real engine child process) as the Electron and serve hosts build it. */
export async function createHostHarness(options: { userDataDir: string; projectDir?: string; engineEnv?: NodeJS.ProcessEnv; cancelGraceMs?: number }): Promise<HostHarness> {
  const store = new AppStore(stateDatabasePath(options.userDataDir));
  const engine = new EngineSupervisor(childProcessSpawner(engineEntryPath(), { ...process.env, ...options.engineEnv }));
  const events: HostHarness['events'] = [];
  const host = createHost({
    kind: 'serve',
    userDataDir: options.userDataDir,
    store,
    engine,
    emit: <E extends ApiEventName>(event: E, payload: EventPayload<E>) => {
      events.push({ event, payload });
    },
    resourcesDir: path.resolve('resources'),
    ...(options.cancelGraceMs !== undefined ? { cancelGraceMs: options.cancelGraceMs } : {}),
  });
  if (options.projectDir) await host.openProject(options.projectDir);
  return {
    host,
    engine,
    store,
    events,
    call: <T>(channel: string, input: unknown) => host.dispatch(channel, input) as Promise<Envelope<T>>,
    dispose: () => host.dispose(),
  };
}

/** The value of an envelope, or a thrown error with its code and message. */
export function valueOf<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}
