import { app, Menu } from 'electron';
import { buildMenuTemplate, type MenuActions } from './menu-template';

export interface ApplicationMenu {
  /** Rebuilds the menu, e.g. after a project was opened and Open Recent changed. */
  refresh(): void;
}

export function installApplicationMenu(options: {
  dev: boolean;
  recentProjects: () => readonly { path: string; name: string }[];
  actions: MenuActions;
}): ApplicationMenu {
  const refresh = () => {
    const template = buildMenuTemplate({
      appName: app.name,
      platform: process.platform,
      dev: options.dev,
      recentProjects: options.recentProjects(),
      actions: options.actions,
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  refresh();
  return { refresh };
}
