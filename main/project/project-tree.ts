import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ProjectFileEntry } from '../../common/contract/api';
import { inferFileFormat } from '../../common/pipeline/node-schemas';
import { PIPELINE_FILE_SUFFIX } from '../../common/pipeline/pipeline-file';

/** Folders no user wants to browse: tool state, dependencies, virtual environments. */
const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__', 'venv']);
/** Data a source node can read besides the text formats inferFileFormat knows. */
const DATABASE_FILE = /\.(duckdb|db|sqlite|sqlite3)$/i;

export interface ListProjectFilesOptions {
  /** Folder levels to descend into (1: only the project folder's own entries). */
  depth: number;
  /** At most this many entries; `truncated` says when more were left out. */
  limit: number;
}

export function fileKind(name: string): ProjectFileEntry['kind'] {
  if (name.endsWith(PIPELINE_FILE_SUFFIX)) return 'pipeline';
  if (inferFileFormat(name) || DATABASE_FILE.test(name)) return 'data';
  return 'file';
}

/**
 * The project folder as a depth-first list (folders first, then files, each by
 * name), for the file tree. Hidden entries (`.sluice/`, `.git/`, dotfiles) are
 * left out; symbolic links to folders are not followed, so a link loop or a link
 * out of the project cannot make the listing endless or leak other folders.
 */
export async function listProjectFiles(projectDir: string, options: ListProjectFilesOptions): Promise<{ entries: ProjectFileEntry[]; truncated: boolean }> {
  const root = path.resolve(projectDir);
  const entries: ProjectFileEntry[] = [];
  let truncated = false;

  const walk = async (dir: string, level: number): Promise<void> => {
    let children: Dirent[];
    try {
      children = await readdir(dir, { withFileTypes: true });
    } catch {
      // A folder we may not read shows as empty rather than failing the whole tree.
      return;
    }
    const visible = children.filter((child) => !child.name.startsWith('.'));
    const folders = visible.filter((child) => child.isDirectory() && !SKIPPED_FOLDERS.has(child.name)).sort(byName);
    const files = (await Promise.all(visible.filter((child) => child.isFile() || child.isSymbolicLink()).map((child) => fileOf(dir, child)))).filter(
      (file): file is { name: string; size: number } => file !== null,
    );
    files.sort(byName);
    for (const folder of folders) {
      if (entries.length >= options.limit) {
        truncated = true;
        return;
      }
      const full = path.join(dir, folder.name);
      entries.push({ path: relativeOf(root, full), name: folder.name, kind: 'folder' });
      if (level < options.depth) await walk(full, level + 1);
      else if ((await readdir(full).catch(() => [])).length > 0) truncated = true;
    }
    for (const file of files) {
      if (entries.length >= options.limit) {
        truncated = true;
        return;
      }
      entries.push({ path: relativeOf(root, path.join(dir, file.name)), name: file.name, kind: fileKind(file.name), size: file.size });
    }
  };

  await walk(root, 1);
  return { entries, truncated };
}

async function fileOf(dir: string, entry: Dirent): Promise<{ name: string; size: number } | null> {
  try {
    const info = await stat(path.join(dir, entry.name));
    // A link to a folder is not followed; a dangling link has no stat and is left out.
    return info.isFile() ? { name: entry.name, size: info.size } : null;
  } catch {
    return null;
  }
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name, 'en', { numeric: true, sensitivity: 'base' });
}

function relativeOf(root: string, full: string): string {
  return path.relative(root, full).split(path.sep).join('/');
}
