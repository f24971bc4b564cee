import { create } from 'zustand';

/** An entry of a list the palette offers (recent projects, themes, …). */
export interface PickItem {
  id: string;
  label: string;
  /** Shown dimmed after the label (a path, a time). */
  description?: string;
}

/**
 * What the palette is showing: the quick open (`>` for commands, otherwise
 * pipelines to go to), a list to pick from, or a line of text to enter.
 */
export type PaletteMode =
  | { kind: 'quick' }
  | { kind: 'pick'; placeholder: string; items: PickItem[]; activeId?: string; onPick(item: PickItem): void | Promise<void> }
  | { kind: 'input'; placeholder: string; prompt: string; initial?: string; onSubmit(value: string): void | Promise<void> };

interface PaletteState {
  open: boolean;
  mode: PaletteMode;
  query: string;
}

export const usePaletteStore = create<PaletteState>()(() => ({ open: false, mode: { kind: 'quick' }, query: '' }));

export const COMMAND_PREFIX = '>';

/** Commands (Mod+Shift+P, F1). */
export function showCommands(): void {
  usePaletteStore.setState({ open: true, mode: { kind: 'quick' }, query: COMMAND_PREFIX });
}

/** Go to a pipeline (Mod+P). */
export function showQuickOpen(): void {
  usePaletteStore.setState({ open: true, mode: { kind: 'quick' }, query: '' });
}

export function showPick(mode: Omit<Extract<PaletteMode, { kind: 'pick' }>, 'kind'>): void {
  usePaletteStore.setState({ open: true, mode: { kind: 'pick', ...mode }, query: '' });
}

export function showInput(mode: Omit<Extract<PaletteMode, { kind: 'input' }>, 'kind'>): void {
  usePaletteStore.setState({ open: true, mode: { kind: 'input', ...mode }, query: mode.initial ?? '' });
}

export function closePalette(): void {
  usePaletteStore.setState({ open: false, mode: { kind: 'quick' }, query: '' });
}

export function setPaletteQuery(query: string): void {
  usePaletteStore.setState({ query });
}

const RECENT_LIMIT = 5;
let recentCommands: string[] = [];

/** Commands run from the palette, newest first: listed on top while the query is empty (VS Code's "recently used"). */
export function rememberCommand(id: string): void {
  recentCommands = [id, ...recentCommands.filter((other) => other !== id)].slice(0, RECENT_LIMIT);
}

export function recentlyUsedCommands(): readonly string[] {
  return recentCommands;
}

export const selectPaletteOpen = (state: PaletteState) => state.open;
export const selectPaletteMode = (state: PaletteState) => state.mode;
export const selectPaletteQuery = (state: PaletteState) => state.query;
