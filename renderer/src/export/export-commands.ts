import { registerCommands } from '../commands/registry';
import { useDocumentStore } from '../state/document-store';
import { openExportDialog } from './export-store';

/** The Export area's commands (palette, shortcuts docs). */
export function registerExportCommands(): () => void {
  return registerCommands([
    {
      id: 'export.openDialog',
      title: 'Export pipeline…',
      category: 'Export',
      enabled: () => useDocumentStore.getState().pipeline !== null,
      run: () => openExportDialog(),
    },
  ]);
}
