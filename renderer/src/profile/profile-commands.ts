import { registerCommands } from '../commands/registry';
import { useUiStore } from '../state/ui-store';
import { disposeProfileEvents, profileNode } from './profile-actions';

/** Opens the Profile tab and profiles a node (the selected one by default). */
export function openProfile(node: string): void {
  useUiStore.getState().setBottomTab('profile');
  void profileNode(node);
}

/** The profile area's commands; App registers them once with the others. The disposer also drops the stage-event subscription. */
export function registerProfileCommands(): () => void {
  const disposeCommands = registerCommands([
    {
      id: 'profile.profileNode',
      title: 'Profile selected node',
      category: 'Run',
      enabled: () => useUiStore.getState().selectedNode !== null,
      run: () => openProfile(useUiStore.getState().selectedNode!),
    },
    {
      id: 'profile.showTab',
      title: 'Show profile tab',
      category: 'View',
      run: () => useUiStore.getState().setBottomTab('profile'),
    },
  ]);
  return () => {
    disposeCommands();
    disposeProfileEvents();
  };
}
