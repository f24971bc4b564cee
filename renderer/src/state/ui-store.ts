import { create } from 'zustand';

export type BottomTab = 'preview' | 'profile' | 'log' | 'history' | 'lineage';

/** What the lineage tab highlights on the canvas: the clicked column's node, where it comes from, what it feeds. */
export interface LineageHighlight {
  node: string;
  column: string;
  upstream: string[];
  downstream: string[];
  /** The columns on the path, by node (the clicked one included). */
  columns: Record<string, string[]>;
}
export type LineageRole = 'focus' | 'upstream' | 'downstream';

/** Selection and panel sizes: view state that is never saved with the pipeline and never undone. */
export interface UiState {
  selectedNode: string | null;
  /** Key into the preview cache of the preview the grid shows. */
  activePreview: string | null;
  bottomTab: BottomTab;
  sidePanelWidth: number;
  bottomPanelHeight: number;
  /** The left side bar (file tree): VS Code's primary side bar. */
  fileTreeVisible: boolean;
  fileTreeWidth: number;
  bottomPanelVisible: boolean;
  selectNode(name: string | null): void;
  showPreview(key: string | null): void;
  setBottomTab(tab: BottomTab): void;
  lineageHighlight: LineageHighlight | null;
  setLineageHighlight(highlight: LineageHighlight | null): void;
  setSidePanelWidth(width: number): void;
  setBottomPanelHeight(height: number): void;
  setFileTreeWidth(width: number): void;
  toggleFileTree(): void;
  toggleBottomPanel(): void;
}

export const useUiStore = create<UiState>()((set) => ({
  selectedNode: null,
  activePreview: null,
  bottomTab: 'preview',
  // About a third of the window, as VS Code's secondary side bar.
  sidePanelWidth: clamp(typeof window === 'undefined' ? 460 : window.innerWidth * 0.32, 320, 520),
  bottomPanelHeight: 280,
  fileTreeVisible: true,
  fileTreeWidth: 220,
  bottomPanelVisible: true,
  selectNode: (selectedNode) => set({ selectedNode }),
  showPreview: (activePreview) => set({ activePreview }),
  setBottomTab: (bottomTab) => set({ bottomTab }),
  lineageHighlight: null,
  setLineageHighlight: (lineageHighlight) => set({ lineageHighlight }),
  setSidePanelWidth: (width) => set({ sidePanelWidth: clamp(width, 260, 900) }),
  setBottomPanelHeight: (height) => set({ bottomPanelHeight: clamp(height, 120, 800) }),
  setFileTreeWidth: (width) => set({ fileTreeWidth: clamp(width, 160, 600) }),
  toggleFileTree: () => set((state) => ({ fileTreeVisible: !state.fileTreeVisible })),
  toggleBottomPanel: () => set((state) => ({ bottomPanelVisible: !state.bottomPanelVisible })),
}));

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

export const selectSelectedNode = (state: UiState) => state.selectedNode;
export const selectActivePreview = (state: UiState) => state.activePreview;
export const selectBottomTab = (state: UiState) => state.bottomTab;

/** A node's part in the lineage highlight; a string, so a card re-renders only when its own part changes. */
export const selectLineageRole =
  (name: string) =>
  (state: UiState): LineageRole | null => {
    const highlight = state.lineageHighlight;
    if (!highlight) return null;
    if (highlight.node === name) return 'focus';
    if (highlight.upstream.includes(name)) return 'upstream';
    return highlight.downstream.includes(name) ? 'downstream' : null;
  };
