/** The type of window.sluice, for the renderer (which may import nothing else from preload/). */
export type { SluiceBridge } from '../common/contract/api';
