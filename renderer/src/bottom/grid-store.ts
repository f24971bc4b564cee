import { create } from 'zustand';
import type { RowSort } from '../../../common/contract/api';
import { nextSort } from './grid-query';

export interface GridCell {
  row: number;
  column: number;
}

/** A rectangle of cells from anchor to focus; `rows` when whole rows were picked by their numbers. */
export interface GridSelection {
  anchor: GridCell;
  focus: GridCell;
  rows: boolean;
}

export interface SelectionBounds {
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

export function selectionBounds(selection: GridSelection): SelectionBounds {
  return {
    firstRow: Math.min(selection.anchor.row, selection.focus.row),
    lastRow: Math.max(selection.anchor.row, selection.focus.row),
    firstColumn: Math.min(selection.anchor.column, selection.focus.column),
    lastColumn: Math.max(selection.anchor.column, selection.focus.column),
  };
}

interface NodeView {
  sort: RowSort[];
  /** Applied filter texts by column (the filter row's drafts stay in the inputs until Enter). */
  filterTexts: Record<string, string>;
}

const EMPTY: NodeView = { sort: [], filterTexts: {} };

/**
 * How the grid shows each node: sort, filters, column widths, selection.
 * View state only; the rows themselves live in the grid's page cache.
 */
export interface GridState {
  views: Record<string, NodeView>;
  widths: Record<string, Record<string, number>>;
  selection: GridSelection | null;
  /** The preview (cache key) and view the selection belongs to; another one clears it. */
  selectionOwner: string | null;
  toggleSort(node: string, column: string, additive: boolean): void;
  setFilterText(node: string, column: string, text: string): void;
  clearView(node: string): void;
  setWidth(node: string, column: string, width: number): void;
  select(owner: string, selection: GridSelection | null): void;
}

export const MIN_COLUMN_WIDTH = 48;

export const useGridStore = create<GridState>()((set) => ({
  views: {},
  widths: {},
  selection: null,
  selectionOwner: null,
  toggleSort: (node, column, additive) =>
    set((state) => {
      const view = state.views[node] ?? EMPTY;
      return { views: { ...state.views, [node]: { ...view, sort: nextSort(view.sort, column, additive) } }, selection: null };
    }),
  setFilterText: (node, column, text) =>
    set((state) => {
      const view = state.views[node] ?? EMPTY;
      const filterTexts = { ...view.filterTexts };
      if (text.trim() === '') delete filterTexts[column];
      else filterTexts[column] = text;
      return { views: { ...state.views, [node]: { ...view, filterTexts } }, selection: null };
    }),
  clearView: (node) =>
    set((state) => {
      const views = { ...state.views };
      delete views[node];
      return { views, selection: null };
    }),
  setWidth: (node, column, width) =>
    set((state) => ({ widths: { ...state.widths, [node]: { ...state.widths[node], [column]: Math.max(MIN_COLUMN_WIDTH, Math.round(width)) } } })),
  select: (selectionOwner, selection) => set({ selectionOwner, selection }),
}));

const EMPTY_SORT: RowSort[] = [];
const EMPTY_TEXTS: Record<string, string> = {};

export function useNodeView(node: string): { sort: RowSort[]; filterTexts: Record<string, string> } {
  const sort = useGridStore((state) => state.views[node]?.sort ?? EMPTY_SORT);
  const filterTexts = useGridStore((state) => state.views[node]?.filterTexts ?? EMPTY_TEXTS);
  return { sort, filterTexts };
}

/** What commands (copy, clear) act on: the grid that is on screen, registered by it while mounted. */
export interface GridHandle {
  node: string;
  hasFocus(): boolean;
  hasSelection(): boolean;
  copy(format: 'tsv' | 'tsv-with-headers' | 'csv'): Promise<void>;
}

let activeGrid: GridHandle | null = null;

export function setActiveGrid(handle: GridHandle | null): void {
  activeGrid = handle;
}

export function getActiveGrid(): GridHandle | null {
  return activeGrid;
}
