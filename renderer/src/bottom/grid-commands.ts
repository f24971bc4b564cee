import { registerCommands } from '../commands/registry';
import { useUiStore } from '../state/ui-store';
import { getActiveGrid, useGridStore } from './grid-store';

const gridWithSelection = () => getActiveGrid()?.hasSelection() === true;

function hasView(): boolean {
  const grid = getActiveGrid();
  const view = grid ? useGridStore.getState().views[grid.node] : undefined;
  return view !== undefined && (view.sort.length > 0 || Object.keys(view.filterTexts).length > 0);
}

/** Copy and view commands of the result grid (they act on the grid on screen). */
export function registerGridCommands(): () => void {
  return registerCommands([
    {
      id: 'grid.copy',
      title: 'Copy selected cells (TSV)',
      category: 'Edit',
      keybinding: 'Mod+C',
      // Only while the grid has focus: Ctrl+C anywhere else copies what is selected there.
      enabled: () => gridWithSelection() && getActiveGrid()!.hasFocus(),
      run: () => getActiveGrid()?.copy('tsv'),
    },
    { id: 'grid.copyTsvWithHeaders', title: 'Copy selected cells as TSV with headers', category: 'Edit', enabled: gridWithSelection, run: () => getActiveGrid()?.copy('tsv-with-headers') },
    { id: 'grid.copyCsv', title: 'Copy selected cells as CSV (with headers)', category: 'Edit', enabled: gridWithSelection, run: () => getActiveGrid()?.copy('csv') },
    {
      id: 'grid.clearSortAndFilters',
      title: 'Clear sort and filters of the grid',
      category: 'View',
      enabled: hasView,
      run: () => {
        const grid = getActiveGrid();
        if (grid) useGridStore.getState().clearView(grid.node);
      },
    },
    { id: 'view.showPreview', title: 'Show the preview grid', category: 'View', run: () => useUiStore.getState().setBottomTab('preview') },
  ]);
}
