import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge';

// Bundled to out/preload/preload.cjs: sandboxed preloads are CommonJS and may require only 'electron'.
contextBridge.exposeInMainWorld('sluice', createBridge(ipcRenderer));
// Since Electron 32 a dropped File has no .path; the canvas asks here where a dropped data file lives.
contextBridge.exposeInMainWorld('sluiceFiles', { pathForFile: (file: Parameters<typeof webUtils.getPathForFile>[0]) => webUtils.getPathForFile(file) });
