/** The type of window.sluice, for the renderer (which may import nothing else from preload/). */
export type { SluiceBridge } from '../common/contract/api';

/** window.sluiceFiles (Electron only): the path of a file dropped into the window; absent in a browser. */
export interface SluiceFiles {
  pathForFile(file: File): string;
}
