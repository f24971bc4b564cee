import type { ProjectInfo, Settings } from '../../../common/contract/api';

/*
 * Where the tabs of a project's last session are remembered (a setting), and how
 * they are read back. Only type imports: the window's first calls (app/early-open)
 * read it before the rest of the app is loaded.
 */

/** The settings key under which a project's open tabs are remembered across sessions. */
export function openTabsSettingKey(projectPath: string): string {
  return `workbench.openTabs:${projectPath}`;
}

/** The tabs the last session left open in this project, without files deleted or renamed since. */
export function savedTabs(project: ProjectInfo, settings: Settings): { paths: string[]; active: string | null } {
  const value = settings[openTabsSettingKey(project.path)];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { paths: [], active: null };
  const known = new Set(project.pipelines);
  const { paths: rawPaths, active: rawActive } = value as { paths?: unknown; active?: unknown };
  const paths = Array.isArray(rawPaths) ? rawPaths.filter((path): path is string => typeof path === 'string' && known.has(path)) : [];
  const active = typeof rawActive === 'string' && paths.includes(rawActive) ? rawActive : null;
  return { paths, active };
}
