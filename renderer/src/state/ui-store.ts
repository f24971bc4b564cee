import { create } from 'zustand';

export type BottomTab = 'preview' | 'profile' | 'log' | 'history' | 'lineage';

/** Selection and panel sizes: view state that is never saved with the pipeline and never undone. */
export interface UiState {
  selectedNode: string | null;
  /** Key into the preview cache of the preview the grid shows. */
  activePreview: string | null;
  bottomTab: BottomTab;
  sidePanelWidth: number;
  bottomPanelHeight: number;
  selectNode(name: string | null): void;
  showPreview(key: string | null): void;
  setBottomTab(tab: BottomTab): void;
  setSidePanelWidth(width: number): void;
  setBottomPanelHeight(height: number): void;
}

export const useUiStore = create<UiState>()((set) => ({
  selectedNode: null,
  activePreview: null,
  bottomTab: 'preview',
  // About a third of the window, as VS Code's secondary side bar.
  sidePanelWidth: clamp(typeof window === 'undefined' ? 460 : window.innerWidth * 0.32, 320, 520),
  bottomPanelHeight: 280,
  selectNode: (selectedNode) => set({ selectedNode }),
  showPreview: (activePreview) => set({ activePreview }),
  setBottomTab: (bottomTab) => set({ bottomTab }),
  setSidePanelWidth: (width) => set({ sidePanelWidth: clamp(width, 260, 900) }),
  setBottomPanelHeight: (height) => set({ bottomPanelHeight: clamp(height, 120, 800) }),
}));

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

export const selectSelectedNode = (state: UiState) => state.selectedNode;
export const selectActivePreview = (state: UiState) => state.activePreview;
export const selectBottomTab = (state: UiState) => state.bottomTab;
