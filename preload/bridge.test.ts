import { describe, expect, it } from 'vitest';
import type { IpcRendererEvent } from 'electron';
import { apiEventNames, apiEvents, apiMethodNames, apiMethods } from '../common/contract/api';
import { createBridge, type IpcRendererLike } from './bridge';

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;

/** Records what the bridge does with ipcRenderer; Electron's cannot run under Node. */
function recordingIpcRenderer(reply: (channel: string, input: unknown) => unknown = (channel, input) => ({ ok: true, value: { channel, input } })) {
  const invocations: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invocations.push({ channel, args });
      return reply(channel, args[0]);
    },
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener);
    },
  };
  const emit = (channel: string, payload: unknown) => {
    const fakeEvent = { sender: 'ipcRenderer itself' } as unknown as IpcRendererEvent;
    for (const listener of listeners.get(channel) ?? []) listener(fakeEvent, payload);
  };
  const count = (channel: string) => listeners.get(channel)?.size ?? 0;
  return { ipc, invocations, emit, count };
}

describe('preload bridge', () => {
  it('exposes exactly one named function per contract method and event', () => {
    const bridge = createBridge(recordingIpcRenderer().ipc);
    expect(Object.keys(bridge).sort()).toEqual([...apiMethodNames, ...apiEventNames].sort());
    for (const key of Object.keys(bridge)) expect(typeof (bridge as Record<string, unknown>)[key]).toBe('function');
    expect(apiEventNames.every((name) => name.startsWith('onDid'))).toBe(true);
  });

  it('has no generic invoke, send or ipcRenderer, and cannot be extended', () => {
    const bridge = createBridge(recordingIpcRenderer().ipc) as unknown as Record<string, unknown>;
    for (const key of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer', 'call', 'request']) expect(bridge[key]).toBeUndefined();
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it.each(apiMethodNames)('%s invokes its own channel with the input and returns the envelope', async (name) => {
    const recorder = recordingIpcRenderer();
    const bridge = createBridge(recorder.ipc) as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    const input = { marker: name };
    const reply = await bridge[name]!(input);
    expect(recorder.invocations).toEqual([{ channel: apiMethods[name].channel, args: [input] }]);
    expect(reply).toEqual({ ok: true, value: { channel: apiMethods[name].channel, input } });
  });

  it('sends {} when called without input', async () => {
    const recorder = recordingIpcRenderer();
    await createBridge(recorder.ipc).getAppInfo(undefined as never);
    expect(recorder.invocations[0]!.args).toEqual([{}]);
  });

  it('passes error envelopes through unchanged, and turns a rejected invoke into an internal error', async () => {
    const forbidden = { ok: false, error: { code: 'forbidden', message: 'no' } };
    expect(await createBridge(recordingIpcRenderer(() => forbidden).ipc).getAppInfo({})).toEqual(forbidden);
    const rejecting = recordingIpcRenderer(() => {
      throw new Error("No handler registered for 'app:get-info'");
    });
    expect(await createBridge(rejecting.ipc).getAppInfo({})).toEqual({
      ok: false,
      error: { code: 'internal', message: "app:get-info: No handler registered for 'app:get-info'" },
    });
  });

  it.each(apiEventNames)('%s subscribes to its channel, hands over the payload only, and its disposer unsubscribes', (name) => {
    const recorder = recordingIpcRenderer();
    const bridge = createBridge(recorder.ipc) as unknown as Record<string, (listener: (...args: unknown[]) => void) => () => void>;
    const received: unknown[][] = [];
    const dispose = bridge[name]!((...args) => received.push(args));
    const channel = apiEvents[name].channel;
    expect(recorder.count(channel)).toBe(1);
    recorder.emit(channel, { n: 1 });
    expect(received).toEqual([[{ n: 1 }]]);
    for (const other of apiEventNames.filter((n) => n !== name)) recorder.emit(apiEvents[other].channel, { n: 2 });
    expect(received).toHaveLength(1);
    dispose();
    dispose();
    expect(recorder.count(channel)).toBe(0);
    recorder.emit(channel, { n: 3 });
    expect(received).toHaveLength(1);
  });

  it('keeps other subscribers of the same event when one disposes', () => {
    const recorder = recordingIpcRenderer();
    const bridge = createBridge(recorder.ipc);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const disposeA = bridge.onDidOpenProject((project) => a.push(project));
    bridge.onDidOpenProject((project) => b.push(project));
    disposeA();
    recorder.emit(apiEvents.onDidOpenProject.channel, { path: '/p', name: 'p', pipelines: [] });
    expect(a).toEqual([]);
    expect(b).toHaveLength(1);
  });

  it('refuses a listener that is not a function', () => {
    const bridge = createBridge(recordingIpcRenderer().ipc);
    expect(() => bridge.onDidAppendLog('nope' as never)).toThrow(TypeError);
  });
});
