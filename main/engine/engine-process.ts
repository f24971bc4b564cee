import { toErrorBody } from '../../common/contract/envelope';
import { generateExportWithWarnings } from '../export/generate';
import { Engine } from './engine';
import type { EngineReply, EngineRequest } from './engine-protocol';

/**
 * Entry point of the engine process. Under Electron it is a utilityProcess
 * (messages on process.parentPort); in serve mode a Node child process
 * (messages on process.send).
 */
interface ParentPort {
  on(event: 'message', listener: (event: { data: EngineRequest }) => void): void;
  postMessage(message: EngineReply): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(message: EngineReply): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

function onRequest(listener: (message: EngineRequest) => void): void {
  if (parentPort) parentPort.on('message', (event) => listener(event.data));
  else process.on('message', (message) => listener(message as EngineRequest));
}

async function main(): Promise<void> {
  const engine = await Engine.create({
    ...(process.env.SLUICE_ENGINE_MEMORY_LIMIT ? { memoryLimit: process.env.SLUICE_ENGINE_MEMORY_LIMIT } : {}),
    ...(process.env.SLUICE_ENGINE_TEMP_DIR ? { tempDirectory: process.env.SLUICE_ENGINE_TEMP_DIR } : {}),
    ...(process.env.SLUICE_ENGINE_THREADS ? { threads: Number(process.env.SLUICE_ENGINE_THREADS) } : {}),
  });
  const inFlight = new Map<string, AbortController>();

  onRequest((message) => {
    if (message.type === 'cancel') {
      inFlight.get(message.id)?.abort();
      return;
    }
    const controller = new AbortController();
    inFlight.set(message.id, controller);
    const work = (): Promise<unknown> => {
      switch (message.method) {
        case 'ping':
          return Promise.resolve({ pong: true });
        case 'preview':
          return engine.preview(message.params, { signal: controller.signal });
        case 'run':
          return engine.run(message.params, {
            signal: controller.signal,
            onProgress: (report) => send({ type: 'progress', id: message.id, report }),
          });
        case 'read-rows':
          return engine.readRows(message.params, { signal: controller.signal });
        case 'count-rows':
          return engine.countRows(message.params, { signal: controller.signal });
        case 'clear-cache':
          return engine.clearCache(message.params.cacheDir);
        case 'node-relation':
          return engine.nodeRelation(message.params, { signal: controller.signal });
        case 'profile':
          return engine.profile(message.params, {
            signal: controller.signal,
            onStage: (profile) => send({ type: 'profile-stage', id: message.id, profile }),
          });
        case 'describe-node':
          return engine.describeNode(message.params, { signal: controller.signal });
        case 'check-sql':
          return engine.checkSql(message.params, { signal: controller.signal });
        case 'complete-sql':
          return engine.completeSql(message.params, { signal: controller.signal });
        case 'column-lineage':
          return engine.columnLineage(message.params, { signal: controller.signal });
        case 'profile-fingerprint':
          return engine.profileFingerprint(message.params).then((fingerprint) => ({ fingerprint }));
        case 'export-generate':
          return generateExportWithWarnings(message.params.pipeline, message.params.target, message.params.options);
      }
    };
    work()
      .then((value) => send({ type: 'response', id: message.id, ok: true, value } as EngineReply))
      .catch((error: unknown) => send({ type: 'response', id: message.id, ok: false, error: toErrorBody(error) }))
      .finally(() => inFlight.delete(message.id));
  });

  // The engine lives only as long as its host: a closed channel means the host is gone.
  if (!parentPort) process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', pid: process.pid });
}

main().catch((error: unknown) => {
  console.error('sluice engine failed to start:', error);
  process.exit(1);
});
