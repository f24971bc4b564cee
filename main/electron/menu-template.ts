import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu as data, built from plain inputs and actions, so its
 * shape (and what each item does) is tested without Electron.
 */

export interface MenuActions {
  openProjectFolder(): void;
  openRecentProject(projectPath: string): void;
  save(): void;
}

export interface MenuInput {
  appName: string;
  platform: NodeJS.Platform;
  /** Developer tools appear only in an unpackaged app. */
  dev: boolean;
  recentProjects: readonly { path: string; name: string }[];
  actions: MenuActions;
}

const RECENT_LIMIT = 10;

function recentSubmenu(input: MenuInput): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = input.recentProjects.slice(0, RECENT_LIMIT).map((project) => ({
    // Menu labels treat & as a mnemonic marker; a folder called "R&D" must show as is.
    label: `${project.name.replace(/&/g, '&&')} — ${project.path.replace(/&/g, '&&')}`,
    click: () => input.actions.openRecentProject(project.path),
  }));
  if (items.length === 0) return [{ label: 'No Recent Projects', enabled: false }];
  return items;
}

export function buildMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const mac = input.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];

  if (mac) {
    template.push({
      label: input.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }

  template.push({
    label: '&File',
    submenu: [
      { id: 'open-project-folder', label: 'Open Project Folder…', accelerator: 'CmdOrCtrl+O', click: () => input.actions.openProjectFolder() },
      { id: 'open-recent', label: 'Open Recent', submenu: recentSubmenu(input) },
      { type: 'separator' },
      { id: 'save', label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => input.actions.save() },
      ...(mac ? [{ type: 'separator' as const }, { role: 'close' as const }] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
    ],
  });

  template.push({
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' as const }] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });

  template.push({
    label: '&View',
    submenu: [
      { role: 'reload' },
      ...(input.dev ? [{ role: 'forceReload' as const }, { role: 'toggleDevTools' as const }] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });

  if (mac) template.push({ role: 'windowMenu' });

  template.push({
    role: 'help',
    label: '&Help',
    submenu: mac ? [{ role: 'about', label: `About ${input.appName}` }] : [{ role: 'about' }],
  });

  return template;
}
