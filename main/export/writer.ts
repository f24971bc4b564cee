import { lstat, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../common/contract/envelope';
import { writeFileAtomic } from '../project/atomic-write';
import type { ExportFile } from './common';

/**
 * Checks a generated path before anything touches the disk: relative, no `..`,
 * no absolute or drive paths, no empty or dot segments.
 */
export function assertContainedPath(relative: string): void {
  const bad = (why: string) => new ApiError({ code: 'forbidden', message: `refusing to write "${relative}": ${why}` });
  if (relative === '' || relative.includes('\u0000')) throw bad('empty path or NUL byte');
  if (relative.includes('\\')) throw bad('backslashes are not allowed in export paths');
  if (path.posix.isAbsolute(relative) || /^[a-zA-Z]:/u.test(relative)) throw bad('absolute path');
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') throw bad('empty, "." or ".." segment');
  }
}

/**
 * Writes an export into `outDir`: every file atomically (temp file + rename), and
 * nothing outside `outDir`, not even through a symlink already inside it.
 */
export async function writeExport(files: readonly ExportFile[], outDir: string): Promise<string[]> {
  const seen = new Set<string>();
  for (const file of files) {
    assertContainedPath(file.path);
    if (seen.has(file.path)) throw new ApiError({ code: 'internal', message: `export lists "${file.path}" twice` });
    seen.add(file.path);
  }
  await mkdir(outDir, { recursive: true });
  const root = await realpath(outDir);
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(root, ...file.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    // A symlinked folder inside the export could point anywhere; resolve and recheck.
    const parent = await realpath(path.dirname(target));
    const relative = path.relative(root, parent);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new ApiError({ code: 'forbidden', message: `refusing to write "${file.path}": its folder resolves outside ${root}` });
    }
    const existing = await lstat(target).catch(() => undefined);
    if (existing?.isSymbolicLink()) throw new ApiError({ code: 'forbidden', message: `refusing to write "${file.path}": it is a symbolic link` });
    if (existing?.isDirectory()) throw new ApiError({ code: 'io-error', message: `cannot write "${file.path}": a folder has that name` });
    await writeFileAtomic(target, file.contents);
    written.push(target);
  }
  return written;
}
