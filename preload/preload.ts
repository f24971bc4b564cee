import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

// Bundled to out/preload/preload.cjs: sandboxed preloads are CommonJS and may require only 'electron'.
contextBridge.exposeInMainWorld('sluice', createBridge(ipcRenderer));
