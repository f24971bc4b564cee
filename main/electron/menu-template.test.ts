import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuInput } from './menu-template';

function input(overrides: Partial<MenuInput> = {}) {
  const calls: string[] = [];
  const base: MenuInput = {
    appName: 'Sluice',
    platform: 'linux',
    dev: false,
    recentProjects: [
      { path: '/home/ana/flights', name: 'flights' },
      { path: '/home/ana/R&D', name: 'R&D' },
    ],
    actions: {
      openProjectFolder: () => calls.push('open-folder'),
      openRecentProject: (path) => calls.push(`open-recent ${path}`),
      save: () => calls.push('save'),
    },
    ...overrides,
  };
  return { input: base, calls };
}

const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const labels = (template: MenuItemConstructorOptions[]) => template.map((item) => item.label ?? item.role);
const find = (items: MenuItemConstructorOptions[], id: string) => items.find((item) => item.id === id);
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();
const roles = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role).filter(Boolean);

describe('application menu', () => {
  it('has File, Edit, View and Help on Linux and Windows', () => {
    for (const platform of ['linux', 'win32'] as const) {
      expect(labels(buildMenuTemplate(input({ platform }).input))).toEqual(['&File', '&Edit', '&View', '&Help']);
    }
  });

  it('follows macOS conventions: app menu first with About, Hide and Quit; a Window menu', () => {
    const template = buildMenuTemplate(input({ platform: 'darwin' }).input);
    expect(labels(template)).toEqual(['Sluice', '&File', '&Edit', '&View', 'windowMenu', '&Help']);
    expect(roles(submenu(template[0]))).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(submenu(template[1]))).toContain('close');
    expect(roles(submenu(template[1]))).not.toContain('quit');
  });

  it('File opens a folder, saves through the renderer, and quits', () => {
    const { input: menuInput, calls } = input();
    const file = submenu(buildMenuTemplate(menuInput)[0]);
    const open = find(file, 'open-project-folder')!;
    expect(open.label).toBe('Open Project Folder…');
    expect(open.accelerator).toBe('CmdOrCtrl+O');
    const save = find(file, 'save')!;
    expect(save.accelerator).toBe('CmdOrCtrl+S');
    click(open);
    click(save);
    expect(calls).toEqual(['open-folder', 'save']);
    expect(roles(file)).toEqual(['quit']);
  });

  it('Open Recent lists the store’s projects and opens the one clicked, escaping & in labels', () => {
    const { input: menuInput, calls } = input();
    const recent = submenu(find(submenu(buildMenuTemplate(menuInput)[0]), 'open-recent'));
    expect(recent.map((item) => item.label)).toEqual(['flights — /home/ana/flights', 'R&&D — /home/ana/R&&D']);
    click(recent[1]);
    expect(calls).toEqual(['open-recent /home/ana/R&D']);
  });

  it('Open Recent says so when there is nothing, and shows at most ten', () => {
    const empty = submenu(find(submenu(buildMenuTemplate(input({ recentProjects: [] }).input)[0]), 'open-recent'));
    expect(empty).toEqual([{ label: 'No Recent Projects', enabled: false }]);
    const many = Array.from({ length: 15 }, (_, i) => ({ path: `/p/${i}`, name: `p${i}` }));
    expect(submenu(find(submenu(buildMenuTemplate(input({ recentProjects: many }).input)[0]), 'open-recent'))).toHaveLength(10);
  });

  it('Edit has the standard roles', () => {
    expect(roles(submenu(buildMenuTemplate(input().input)[1]))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
  });

  it('View has reload, zoom and full screen; developer tools only in development', () => {
    const view = roles(submenu(buildMenuTemplate(input().input)[2]));
    expect(view).toEqual(['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    const devView = roles(submenu(buildMenuTemplate(input({ dev: true }).input)[2]));
    expect(devView).toContain('toggleDevTools');
    expect(devView).toContain('forceReload');
  });

  it('Help has About', () => {
    const template = buildMenuTemplate(input().input);
    expect(roles(submenu(template[template.length - 1]))).toEqual(['about']);
  });
});
