import { api } from '../api/api';
import { logError } from '../actions/notices';
import { activateTab, chooseProjectFolder, closeTab, hasClosedTab, openRecentProject, reopenClosedTab, showNextTab } from '../actions/project-actions';
import { effectiveTheme, isThemeSetting, setThemeSetting, themeSetting, toggleTheme } from '../app/theme';
import { formatKeybinding, listCommands, registerCommands, runCommand } from '../commands/registry';
import { refreshFiles } from '../files/files-store';
import { useSessionStore } from '../state/session-store';
import { useTabsStore } from '../state/tabs-store';
import { useUiStore } from '../state/ui-store';
import { showCommands, showInput, showPick, showQuickOpen } from './palette-store';

const hasProject = () => useSessionStore.getState().project !== null;
const hasTabs = () => useTabsStore.getState().paths.length > 0;
const hasOtherTabs = () => useTabsStore.getState().paths.length > 1;

/** The palette's own commands and the File and View commands of the workbench shell. */
export function registerWorkbenchCommands(): () => void {
  return registerCommands([
    { id: 'workbench.showCommands', title: 'Show all commands', category: 'View', keybinding: 'Mod+Shift+P', altKeybindings: ['F1'], global: true, run: showCommands },
    { id: 'workbench.quickOpen', title: 'Go to pipeline…', category: 'Go', keybinding: 'Mod+P', global: true, enabled: hasProject, run: showQuickOpen },
    { id: 'file.openFolder', title: 'Open folder…', category: 'File', keybinding: 'Mod+O', run: openFolder },
    // No shortcut: Ctrl+R reloads (the browser, and the desktop app's View menu).
    { id: 'file.openRecent', title: 'Open recent project…', category: 'File', run: pickRecentProject },
    { id: 'file.refreshFiles', title: 'Refresh the file tree', category: 'File', enabled: hasProject, run: refreshFiles },
    { id: 'view.closeTab', title: 'Close tab', category: 'View', keybinding: 'Mod+W', global: true, enabled: hasTabs, run: () => closeTab() },
    { id: 'view.nextTab', title: 'Next tab', category: 'View', keybinding: 'Ctrl+PageDown', altKeybindings: ['Ctrl+Tab'], global: true, enabled: hasOtherTabs, run: () => showNextTab(1) },
    {
      id: 'view.previousTab',
      title: 'Previous tab',
      category: 'View',
      keybinding: 'Ctrl+PageUp',
      altKeybindings: ['Ctrl+Shift+Tab'],
      global: true,
      enabled: hasOtherTabs,
      run: () => showNextTab(-1),
    },
    { id: 'view.showTab', title: 'Show open tab…', category: 'View', enabled: hasOtherTabs, run: pickTab },
    { id: 'view.reopenClosedTab', title: 'Reopen closed tab', category: 'View', keybinding: 'Mod+Shift+T', global: true, enabled: hasClosedTab, run: reopenClosedTab },
    { id: 'view.toggleFileTree', title: 'Toggle side bar (files)', category: 'View', keybinding: 'Mod+B', run: () => useUiStore.getState().toggleFileTree() },
    { id: 'view.toggleBottomPanel', title: 'Toggle bottom panel', category: 'View', keybinding: 'Mod+J', run: () => useUiStore.getState().toggleBottomPanel() },
    { id: 'view.toggleTheme', title: 'Toggle light/dark theme', category: 'View', run: toggleTheme },
    { id: 'preferences.colorTheme', title: 'Color theme…', category: 'Preferences', run: pickTheme },
    { id: 'help.keyboardShortcuts', title: 'Keyboard shortcuts', category: 'Help', run: showShortcuts },
  ]);
}

/** Electron has a folder dialog; in a browser (serve mode) the folder is typed as a path on the server. */
function openFolder(): void | Promise<void> {
  if (window.sluice) return chooseProjectFolder();
  showInput({
    prompt: 'Open this folder',
    placeholder: 'Path of a project folder on the machine running Sluice',
    initial: useSessionStore.getState().project?.path ?? '',
    onSubmit: (path) => openRecentProject(path),
  });
}

async function pickRecentProject(): Promise<void> {
  let recent;
  try {
    recent = await api.listRecentProjects({});
  } catch (error) {
    logError('could not list recent projects', error);
    return;
  }
  const current = useSessionStore.getState().project?.path;
  showPick({
    placeholder: recent.length > 0 ? 'Open a recent project' : 'No recent projects',
    items: recent.map((project) => ({ id: project.path, label: project.name, description: project.path === current ? `${project.path} (open)` : project.path })),
    onPick: (item) => openRecentProject(item.id),
  });
}

function pickTab(): void {
  const { paths, active } = useTabsStore.getState();
  showPick({ placeholder: 'Show an open pipeline', items: paths.map((path) => ({ id: path, label: path })), ...(active ? { activeId: active } : {}), onPick: (item) => activateTab(item.id) });
}

function pickTheme(): void {
  const labels = { system: 'System (follow the OS)', light: 'Light', dark: 'Dark' } as const;
  showPick({
    placeholder: `Color theme (showing ${effectiveTheme()})`,
    items: (['system', 'light', 'dark'] as const).map((id) => ({ id, label: labels[id] })),
    activeId: themeSetting(),
    onPick: (item) => (isThemeSetting(item.id) ? setThemeSetting(item.id) : undefined),
  });
}

/** Every command with every shortcut, enabled now or not: what docs/shortcuts.md documents. */
function showShortcuts(): void {
  showPick({
    placeholder: 'Keyboard shortcuts (pick one to run it)',
    items: listCommands().map((command) => ({
      id: command.id,
      label: `${command.category}: ${command.title}`,
      description: command.keybinding ? [command.keybinding, ...(command.altKeybindings ?? [])].map(formatKeybinding).join('  or  ') : '',
    })),
    onPick: (item) => void runCommand(item.id),
  });
}
