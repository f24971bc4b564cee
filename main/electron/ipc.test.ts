import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { apiMethodNames, apiMethods } from '../../common/contract/api';
import type { Envelope } from '../../common/contract/envelope';
import { childProcessSpawner, EngineSupervisor } from '../engine/engine-supervisor';
import { createHost, type Host } from '../host/host';
import { AppStore } from '../store/app-store';
import { makeTempDir } from '../test-support/temp';
import { assertEveryChannelHandled, registerApiIpc, senderFactsOf, type IpcMainLike } from './ipc';
import { resolveAppLocation } from './window-policy';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** Electron's ipcMain cannot run here; this records handlers the way ipcMain.handle does (one per channel). */
function recordingIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener as Handler);
    },
    removeHandler: (channel) => {
      handlers.delete(channel);
    },
  };
  return { ipc, handlers };
}

const indexPath = path.resolve('/app/out/renderer/index.html');
const location = resolveAppLocation({ indexPath, isPackaged: false });
const appUrl = pathToFileURL(indexPath).href;

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  frameToken: string;
}
function invokeEvent(frame: FakeFrame | null, mainFrame: FakeFrame, id = 1): IpcMainInvokeEvent {
  return { sender: { id, mainFrame } as unknown as WebContents, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}
const mainFrame: FakeFrame = { url: appUrl, parent: null, processId: 7, frameToken: 'main' };

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let host: Host;
let recorder: ReturnType<typeof recordingIpcMain>;
const refused: string[] = [];

beforeEach(async () => {
  temp = await makeTempDir('sluice-ipc-');
  const store = new AppStore(path.join(temp.dir, 'state.sqlite3'));
  // The engine is never started by these calls; it is the real supervisor all the same.
  const engine = new EngineSupervisor(childProcessSpawner());
  host = createHost({ kind: 'electron', userDataDir: temp.dir, store, engine, emit: () => undefined });
  recorder = recordingIpcMain();
  refused.length = 0;
  registerApiIpc(recorder.ipc, {
    dispatch: host.dispatch,
    location,
    senderFacts: (event) => senderFactsOf(event, (webContents) => webContents.id === 1),
    onRefused: (channel, reason) => refused.push(`${channel}: ${reason}`),
  });
});

afterEach(async () => {
  await host.dispose();
  await temp.dispose();
});

const call = (channel: string, input: unknown, event = invokeEvent(mainFrame, mainFrame)) =>
  recorder.handlers.get(channel)!(event, input) as Promise<Envelope<unknown>>;

describe('API over IPC', () => {
  it('registers exactly one handler per contract method', () => {
    expect([...recorder.handlers.keys()].sort()).toEqual(apiMethodNames.map((name) => apiMethods[name].channel).sort());
  });

  it('answers a call from our window with the host value', async () => {
    const reply = await call(apiMethods.getAppInfo.channel, {});
    expect(reply).toMatchObject({ ok: true, value: { name: 'Sluice', host: 'electron' } });
  });

  it('opens a real project folder through IPC', async () => {
    const project = path.join(temp.dir, 'my-project');
    await mkdir(project);
    await writeFile(path.join(project, 'a.sluice.yaml'), 'version: 1\nname: a\nnodes: []\n');
    const reply = await call(apiMethods.openProject.channel, { path: project });
    expect(reply).toEqual({ ok: true, value: { path: project, name: 'my-project', pipelines: ['a.sluice.yaml'] } });
    expect(await call(apiMethods.listRecentProjects.channel, {})).toMatchObject({ ok: true, value: [{ path: project }] });
  });

  it('validates the payload after the sender (invalid input never reaches a handler)', async () => {
    const reply = await call(apiMethods.openProject.channel, { path: 42 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await call(apiMethods.getAppInfo.channel, { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it.each([
    ['another window', invokeEvent(mainFrame, mainFrame, 2)],
    ['an iframe', invokeEvent({ url: appUrl, parent: mainFrame, processId: 7, frameToken: 'child' }, mainFrame)],
    ['a frame that is gone', invokeEvent(null, mainFrame)],
    ['a page from elsewhere', invokeEvent({ ...mainFrame, url: 'https://evil.example/' }, { ...mainFrame, url: 'https://evil.example/' })],
    ['another local file', invokeEvent({ ...mainFrame, url: pathToFileURL('/tmp/x.html').href }, { ...mainFrame, url: pathToFileURL('/tmp/x.html').href })],
  ])('refuses %s with forbidden, before looking at the payload', async (_label, event) => {
    const reply = await call(apiMethods.openProject.channel, { path: 42 }, event);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/^project:open: /);
  });

  it('treats a frame that throws on access (disposed) as untrusted', () => {
    const event = {
      sender: { id: 1, mainFrame },
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    } as unknown as IpcMainInvokeEvent;
    expect(senderFactsOf(event, () => true)).toEqual({ windowIsOurs: false, frameIsMainFrame: false, frameUrl: null });
  });

  it('removes every handler on dispose', () => {
    const again = recordingIpcMain();
    const registration = registerApiIpc(again.ipc, { dispatch: host.dispatch, location, senderFacts: () => ({ windowIsOurs: true, frameIsMainFrame: true, frameUrl: appUrl }) });
    expect(again.handlers.size).toBe(apiMethodNames.length);
    registration.dispose();
    expect(again.handlers.size).toBe(0);
  });
});

describe('startup check', () => {
  const all = apiMethodNames.map((name) => apiMethods[name].channel);

  it('passes for the contract channels', () => {
    expect(() => assertEveryChannelHandled(all)).not.toThrow();
  });

  it('names missing, unexpected and duplicated channels', () => {
    expect(() => assertEveryChannelHandled(all.slice(1))).toThrow(new RegExp(`missing \\[${all[0]}\\]`));
    expect(() => assertEveryChannelHandled([...all, 'app:do-evil'])).toThrow(/unexpected \[app:do-evil\]/);
    expect(() => assertEveryChannelHandled([...all, all[0]!])).toThrow(/duplicated/);
  });
});
