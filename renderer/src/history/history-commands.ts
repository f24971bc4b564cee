import { registerCommands } from '../commands/registry';
import { useUiStore } from '../state/ui-store';

export function registerHistoryCommands(): () => void {
  return registerCommands([{ id: 'view.showHistory', title: 'Show run history', category: 'View', run: () => useUiStore.getState().setBottomTab('history') }]);
}
