import type { UtilityProcess } from 'electron';
import type { EngineReply, EngineSpawner, EngineTransport } from '../engine/engine-protocol';

export type UtilityProcessLike = Pick<UtilityProcess, 'postMessage' | 'kill' | 'pid'> & {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
};

/**
 * Adapts Electron's utility process to the engine transport. The engine
 * (engine-process.ts) answers on process.parentPort, which arrives here as
 * 'message'; a utility process reports only an exit code, never a signal.
 */
export function utilityProcessTransport(child: UtilityProcessLike): EngineTransport {
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  return {
    send: (message) => {
      if (!exited) child.postMessage(message);
    },
    onMessage: (listener) => {
      child.on('message', (message) => listener(message as EngineReply));
    },
    onExit: (listener) => {
      child.on('exit', (code) => listener(code, null));
    },
    kill: () => {
      if (!exited) child.kill();
    },
    get pid() {
      return child.pid;
    },
  };
}

/** A spawner for the supervisor; `fork` is Electron's utilityProcess.fork, passed in so this file stays testable. */
export function utilityProcessSpawner(fork: () => UtilityProcessLike): EngineSpawner {
  return () => utilityProcessTransport(fork());
}
