import { EventEmitter } from 'node:events';

/**
 * Runs engine-process.ts the way Electron's utility process does, inside a
 * plain Node child: messages arrive on process.parentPort as { data } and
 * replies leave through parentPort.postMessage. Only the transport is
 * emulated; the engine and DuckDB are the real ones.
 */
const sendToParent = process.send!.bind(process);
// Hidden so that an engine which ignored parentPort could not answer at all.
process.send = undefined;

class ParentPort extends EventEmitter {
  postMessage(message: unknown): void {
    sendToParent(message);
  }
}

const parentPort = new ParentPort();
process.on('message', (data) => parentPort.emit('message', { data }));
// Electron ends a utility process with its parent; a Node child must be told.
process.on('disconnect', () => process.exit(0));
(process as unknown as { parentPort: ParentPort }).parentPort = parentPort;

await import('../../engine/engine-process');
