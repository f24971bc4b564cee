import type { IpcRendererEvent } from 'electron';
import { apiEventNames, apiEvents, apiMethodNames, apiMethods, type SluiceBridge } from '../common/contract/api';
import type { Envelope } from '../common/contract/envelope';

/** The part of ipcRenderer the bridge uses; the preload passes the real one, tests a recorder. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
}

/**
 * What the renderer sees as window.sluice: one named function per contract
 * method and one `onDid...` per event, looped from the contract. There is no
 * generic invoke and ipcRenderer never crosses the bridge; event listeners get
 * the payload only, never the IPC event (whose `sender` is ipcRenderer).
 */
export function createBridge(ipc: IpcRendererLike): SluiceBridge {
  const bridge: Record<string, unknown> = {};
  for (const name of apiMethodNames) {
    const { channel } = apiMethods[name];
    bridge[name] = async (input: unknown): Promise<Envelope<unknown>> => {
      try {
        return (await ipc.invoke(channel, input ?? {})) as Envelope<unknown>;
      } catch (error) {
        // invoke rejects only when main has no handler or the call could not be sent.
        return { ok: false, error: { code: 'internal', message: `${channel}: ${error instanceof Error ? error.message : String(error)}` } };
      }
    };
  }
  for (const name of apiEventNames) {
    const { channel } = apiEvents[name];
    bridge[name] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${name} needs a listener function`);
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipc.on(channel, forward);
      let disposed = false;
      return () => {
        if (disposed) return;
        disposed = true;
        ipc.removeListener(channel, forward);
      };
    };
  }
  return Object.freeze(bridge) as SluiceBridge;
}
