import { registerCommands } from '../commands/registry';
import { useUiStore } from '../state/ui-store';

/**
 * The SQL pane's commands. This module stays out of the lazy Monaco chunk:
 * the registry lists the commands before the editor loads, and the editor
 * hands in its actions when it mounts.
 */
export interface SqlEditorActions {
  format(): void;
  runSelection(): void;
}

let active: SqlEditorActions | null = null;

export function setActiveSqlEditor(actions: SqlEditorActions | null): void {
  active = actions;
}

const hasEditor = () => active !== null;

export function registerSqlCommands(): () => void {
  return registerCommands([
    { id: 'sql.formatDocument', title: 'Format SQL', category: 'SQL', keybinding: 'Shift+Alt+F', global: true, enabled: hasEditor, run: () => active?.format() },
    {
      id: 'sql.runSelection',
      title: 'Preview selection (or the CTE under the cursor)',
      category: 'SQL',
      keybinding: 'Mod+Shift+Enter',
      global: true,
      enabled: hasEditor,
      run: () => active?.runSelection(),
    },
    {
      id: 'lineage.show',
      title: 'Show column lineage of the selected node',
      category: 'View',
      keybinding: 'Mod+Shift+L',
      enabled: () => useUiStore.getState().selectedNode !== null,
      run: () => useUiStore.getState().setBottomTab('lineage'),
    },
  ]);
}
