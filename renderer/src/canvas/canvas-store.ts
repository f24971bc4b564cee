import { create } from 'zustand';
import type { PipelineNode } from '../../../common/pipeline/model';

/** A message over the canvas: why a connection was refused, what a rename left in SQL. */
export interface CanvasMessage {
  level: 'info' | 'warn' | 'error';
  text: string;
  id: number;
}

/**
 * View state of the canvas: what is selected, being renamed, the open context
 * menu. Never saved and never undone (STYLE.md: state by lifetime).
 */
export interface CanvasState {
  /** Selected node names, in the order React Flow reports them. */
  selection: string[];
  /** Selected edges, as `source→target` ids. */
  selectedEdges: string[];
  renaming: string | null;
  menu: { node: string; x: number; y: number } | null;
  message: CanvasMessage | null;
  paletteOpen: boolean;
  setSelection(nodes: string[], edges: string[]): void;
  startRename(name: string | null): void;
  openMenu(menu: CanvasState['menu']): void;
  say(level: CanvasMessage['level'], text: string): void;
  dismissMessage(): void;
  togglePalette(open?: boolean): void;
}

let messageId = 0;

export const useCanvasStore = create<CanvasState>()((set) => ({
  selection: [],
  selectedEdges: [],
  renaming: null,
  menu: null,
  message: null,
  // Closed at first: the canvas shares the window with the file tree and the side panel.
  paletteOpen: false,
  setSelection: (selection, selectedEdges) =>
    set((state) => (sameList(state.selection, selection) && sameList(state.selectedEdges, selectedEdges) ? state : { selection, selectedEdges })),
  startRename: (renaming) => set({ renaming, menu: null }),
  openMenu: (menu) => set({ menu }),
  say: (level, text) => set({ message: { level, text, id: ++messageId } }),
  dismissMessage: () => set({ message: null }),
  togglePalette: (open) => set((state) => ({ paletteOpen: open ?? !state.paletteOpen })),
}));

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The in-app clipboard: copied nodes with their positions (the system clipboard gets YAML as well). */
export interface CanvasClipboard {
  nodes: PipelineNode[];
  positions: Record<string, { x: number; y: number }>;
}

export const selectRenaming = (state: CanvasState) => state.renaming;
export const selectMenu = (state: CanvasState) => state.menu;
export const selectMessage = (state: CanvasState) => state.message;
export const selectPaletteOpen = (state: CanvasState) => state.paletteOpen;
