import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { apiMethodNames, apiMethods } from '../../common/contract/api';
import { fail, type Envelope } from '../../common/contract/envelope';
import type { Dispatch } from '../host/dispatcher';
import { checkSender, type AppLocation, type SenderFacts } from './window-policy';

/**
 * IPC for the contract, looped from it: one ipcMain.handle per method, each
 * checking the sender and then handing the raw payload to the dispatcher,
 * which validates it. No Electron runtime import, so it is tested in Node.
 */

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;
export type InvokeEventLike = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** What the sender check needs to know about an invoke event; a frame that is gone is untrusted. */
export function senderFactsOf(event: InvokeEventLike, isOurWebContents: (webContents: WebContents) => boolean): SenderFacts {
  try {
    const frame = event.senderFrame;
    const mainFrame = event.sender.mainFrame;
    return {
      windowIsOurs: isOurWebContents(event.sender),
      frameIsMainFrame: frame !== null && frame.parent === null && frame.processId === mainFrame.processId && frame.frameToken === mainFrame.frameToken,
      frameUrl: frame?.url ?? null,
    };
  } catch {
    // Electron throws when a frame was disposed while its message was in flight.
    return { windowIsOurs: false, frameIsMainFrame: false, frameUrl: null };
  }
}

export interface ApiIpcOptions {
  dispatch: Dispatch;
  location: AppLocation;
  senderFacts: (event: InvokeEventLike) => SenderFacts;
  /** Told about every refused call (logged by main; a refusal means a bug or an attack). */
  onRefused?: (channel: string, reason: string) => void;
}

export interface ApiIpc {
  readonly channels: readonly string[];
  dispose(): void;
}

export function registerApiIpc(ipc: IpcMainLike, options: ApiIpcOptions): ApiIpc {
  const channels: string[] = [];
  for (const name of apiMethodNames) {
    const { channel } = apiMethods[name];
    ipc.handle(channel, async (event, input: unknown): Promise<Envelope<unknown>> => {
      const verdict = checkSender(options.senderFacts(event), options.location);
      if (!verdict.ok) {
        options.onRefused?.(channel, verdict.reason);
        return fail('forbidden', `${channel}: ${verdict.reason}`);
      }
      return options.dispatch(channel, input);
    });
    channels.push(channel);
  }
  assertEveryChannelHandled(channels);
  return {
    channels,
    dispose: () => {
      for (const channel of channels) ipc.removeHandler(channel);
    },
  };
}

/** Startup check beside the dispatcher's: every contract channel has exactly one IPC handler. */
export function assertEveryChannelHandled(channels: readonly string[]): void {
  const expected = apiMethodNames.map((name) => apiMethods[name].channel);
  const missing = expected.filter((channel) => !channels.includes(channel));
  const unexpected = channels.filter((channel) => !expected.includes(channel));
  const duplicated = channels.filter((channel, index) => channels.indexOf(channel) !== index);
  if (missing.length > 0 || unexpected.length > 0 || duplicated.length > 0) {
    throw new Error(`IPC handlers do not match the contract: missing [${missing.join(', ')}], unexpected [${unexpected.join(', ')}], duplicated [${duplicated.join(', ')}]`);
  }
}
