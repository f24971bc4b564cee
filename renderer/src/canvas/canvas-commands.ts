import { registerCommands } from '../commands/registry';
import { useDocumentStore } from '../state/document-store';
import {
  autoLayout,
  copySelection,
  deleteSelection,
  duplicateSelection,
  hasPipeline,
  paste,
  runToHere,
  selectedNames,
  selectOnly,
  startRename,
  zoomToFit,
} from './canvas-actions';
import { useCanvasStore } from './canvas-store';

/**
 * Canvas shortcuts act when the canvas has the focus, or nothing does (the
 * body), so Mod+C in the preview grid or Delete in a side-panel field keep
 * their own meaning.
 */
function canvasFocused(): boolean {
  const active = document.activeElement;
  if (!active || active === document.body) return true;
  return active.closest('[data-testid="canvas"]') !== null;
}

const groupsOfSelection = (): string[] => {
  const selected = new Set(selectedNames());
  return Object.entries(useDocumentStore.getState().pipeline?.groups ?? {})
    .filter(([, group]) => group.nodes.some((name) => selected.has(name)))
    .map(([name]) => name);
};

const hasSelection = () => hasPipeline() && canvasFocused() && (selectedNames().length > 0 || useCanvasStore.getState().selectedEdges.length > 0);
const oneSelected = () => hasPipeline() && selectedNames().length === 1;

/** Every canvas action, with its shortcut, for the palette, docs/shortcuts.md and the one keydown listener. */
export function registerCanvasCommands(): () => void {
  return registerCommands([
    {
      id: 'edit.undo',
      title: 'Undo',
      category: 'Edit',
      keybinding: 'Mod+Z',
      // In Monaco and text fields their own undo applies (the shortcut is not global).
      enabled: () => useDocumentStore.getState().history.undo.length > 0,
      run: () => useDocumentStore.getState().undo(),
    },
    {
      id: 'edit.redo',
      title: 'Redo',
      category: 'Edit',
      keybinding: 'Mod+Shift+Z',
      altKeybindings: ['Mod+Y'],
      enabled: () => useDocumentStore.getState().history.redo.length > 0,
      run: () => useDocumentStore.getState().redo(),
    },
    { id: 'canvas.deleteSelection', title: 'Delete selected nodes or edges', category: 'Canvas', keybinding: 'Delete', altKeybindings: ['Backspace'], enabled: hasSelection, run: () => deleteSelection() },
    { id: 'canvas.duplicateSelection', title: 'Duplicate selected nodes', category: 'Canvas', keybinding: 'Mod+D', enabled: () => hasSelection() && selectedNames().length > 0, run: () => duplicateSelection() },
    { id: 'canvas.copySelection', title: 'Copy selected nodes', category: 'Canvas', keybinding: 'Mod+C', enabled: () => hasSelection() && selectedNames().length > 0, run: () => copySelection() },
    { id: 'canvas.paste', title: 'Paste nodes', category: 'Canvas', keybinding: 'Mod+V', enabled: () => hasPipeline() && canvasFocused(), run: () => paste() },
    { id: 'canvas.renameNode', title: 'Rename selected node', category: 'Canvas', keybinding: 'F2', enabled: oneSelected, run: () => startRename() },
    {
      id: 'canvas.selectAll',
      title: 'Select all nodes',
      category: 'Canvas',
      keybinding: 'Mod+A',
      enabled: () => hasPipeline() && canvasFocused(),
      run: () => selectOnly(useDocumentStore.getState().pipeline!.nodes.map((node) => node.name)),
    },
    {
      id: 'canvas.groupSelection',
      title: 'Group selected nodes',
      category: 'Canvas',
      keybinding: 'Mod+G',
      enabled: () => hasPipeline() && canvasFocused() && selectedNames().length > 0,
      run: () => {
        useDocumentStore.getState().groupNodes(selectedNames());
      },
    },
    {
      id: 'canvas.ungroupSelection',
      title: 'Ungroup the groups of the selected nodes',
      category: 'Canvas',
      keybinding: 'Mod+Shift+G',
      enabled: () => groupsOfSelection().length > 0,
      run: () => groupsOfSelection().forEach((group) => useDocumentStore.getState().ungroup(group)),
    },
    { id: 'canvas.autoLayout', title: 'Auto-layout the pipeline', category: 'Canvas', keybinding: 'Shift+L', enabled: hasPipeline, run: () => autoLayout() },
    { id: 'canvas.zoomToFit', title: 'Zoom to fit', category: 'Canvas', keybinding: 'Shift+F', enabled: hasPipeline, run: () => zoomToFit() },
    {
      id: 'canvas.togglePalette',
      title: 'Show or hide the node palette',
      category: 'Canvas',
      keybinding: 'Mod+Shift+A',
      enabled: hasPipeline,
      run: () => {
        useCanvasStore.getState().togglePalette();
        requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="palette-search"]')?.focus());
      },
    },
    { id: 'canvas.runToNode', title: 'Run to selected node', category: 'Run', keybinding: 'Mod+Alt+Enter', enabled: oneSelected, run: () => runToHere(selectedNames()[0]!) },
  ]);
}
