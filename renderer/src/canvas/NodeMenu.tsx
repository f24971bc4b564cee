import { useEffect, useRef } from 'react';
import { getCommand, runCommand } from '../commands/registry';
import { openExportDialog } from '../export/export-store';
import { useUiStore } from '../state/ui-store';
import { deleteSelection, duplicateSelection, previewFromCanvas, runToHere, selectOnly, startRename } from './canvas-actions';
import { selectMenu, useCanvasStore } from './canvas-store';

interface Item {
  id: string;
  label: string;
  run(node: string): void;
  /** Shown only when another area registered the command it runs. */
  command?: string;
}

/** Profile and export belong to other areas: the menu runs their registered commands on the selected node. */
const ITEMS: Item[] = [
  { id: 'run-to-here', label: 'Run to here', run: (node) => runToHere(node) },
  { id: 'preview', label: 'Preview', run: (node) => previewFromCanvas(node) },
  { id: 'profile', label: 'Profile', command: 'profile.profileNode', run: () => void runCommand('profile.profileNode') },
  { id: 'export', label: 'Export up to here…', command: 'export.openDialog', run: (node) => openExportDialog({ node }) },
  { id: 'rename', label: 'Rename', run: (node) => startRename(node) },
  { id: 'duplicate', label: 'Duplicate', run: () => duplicateSelection() },
  { id: 'delete', label: 'Delete', run: () => deleteSelection() },
];

export function NodeMenu() {
  const menu = useCanvasStore(selectMenu);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menu) return;
    ref.current?.querySelector('button')?.focus();
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return;
      if (event.target instanceof Node && ref.current?.contains(event.target)) return;
      useCanvasStore.getState().openMenu(null);
    };
    window.addEventListener('pointerdown', close, true);
    window.addEventListener('keydown', close, true);
    return () => {
      window.removeEventListener('pointerdown', close, true);
      window.removeEventListener('keydown', close, true);
    };
  }, [menu]);

  if (!menu) return null;
  const items = ITEMS.filter((item) => !item.command || getCommand(item.command));
  return (
    <div className="node-menu" role="menu" ref={ref} style={{ left: menu.x, top: menu.y }} data-testid="node-menu" aria-label={`Actions for ${menu.node}`}>
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          className={`node-menu__item${item.id === 'delete' ? ' node-menu__item--danger' : ''}`}
          data-testid={`node-menu-${item.id}`}
          onClick={() => {
            useCanvasStore.getState().openMenu(null);
            // The commands of other areas act on the selected node.
            if (useUiStore.getState().selectedNode !== menu.node || useCanvasStore.getState().selection.length !== 1) selectOnly([menu.node]);
            item.run(menu.node);
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
