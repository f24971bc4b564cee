import { createApiClient } from '../../../common/contract/client';
import type { SluiceApi, SluiceBridge } from '../../../common/contract/api';
import { createHttpBridge } from './http-bridge';

declare global {
  interface Window {
    /** Present in the Electron app: the preload's contextBridge API. */
    sluice?: SluiceBridge;
  }
}

/** The renderer's one way out: the preload bridge in Electron, HTTP in serve mode. */
export const api: SluiceApi = createApiClient(window.sluice ?? createHttpBridge());
