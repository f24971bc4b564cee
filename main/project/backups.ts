import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../common/contract/envelope';
import { parsePipelineFile } from '../../common/pipeline/pipeline-file';
import { writeFileAtomic } from './atomic-write';

/** Backups live in the project, beside the files they protect, out of the pipeline listing (.sluice is skipped). */
export const BACKUP_FOLDER = path.join('.sluice', 'backups');
/** Backups of files that parse are pruned to this many per file; backups of broken files are kept. */
export const BACKUPS_KEPT = 20;

export function backupFolder(projectDir: string): string {
  return path.join(path.resolve(projectDir), BACKUP_FOLDER);
}

/**
 * Copies `file` into the project's backup folder before it is overwritten with
 * `next`, durably (fsync) and before the overwrite starts. Nothing to back up
 * (no file yet, or identical bytes) gives null. A backup that cannot be
 * written fails the save: the user's file is never overwritten without one.
 */
export async function backupBeforeOverwrite(projectDir: string, file: string, next: string): Promise<string | null> {
  let current: Buffer;
  try {
    current = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ApiError({ code: 'io-error', message: `cannot read ${file} to back it up: ${(error as Error).message}`, file });
  }
  if (current.equals(Buffer.from(next))) return null;
  const relative = path.relative(path.resolve(projectDir), file);
  const broken = !parsePipelineFile(current.toString('utf8')).ok;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.join(backupFolder(projectDir), `${relative}.${stamp}-${randomBytes(3).toString('hex')}${broken ? '.broken' : ''}.bak`);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFileAtomic(target, current);
  } catch (error) {
    throw new ApiError({
      code: 'io-error',
      message: `cannot save ${file}: its backup could not be written, so the file was left as it was (${(error as Error).message})`,
      file,
    });
  }
  await pruneBackups(path.dirname(target), path.basename(file)).catch(() => undefined);
  return target;
}

/** The backups of one pipeline file, oldest first. */
export async function listBackups(projectDir: string, file: string): Promise<string[]> {
  const folder = path.join(backupFolder(projectDir), path.dirname(path.relative(path.resolve(projectDir), file)));
  const base = path.basename(file);
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.filter((name) => isBackupOf(name, base)).sort().map((name) => path.join(folder, name));
}

function isBackupOf(name: string, base: string): boolean {
  return name.startsWith(`${base}.`) && name.endsWith('.bak') && /^\d{4}-/.test(name.slice(base.length + 1));
}

async function pruneBackups(folder: string, base: string): Promise<void> {
  const names = (await readdir(folder)).filter((name) => isBackupOf(name, base) && !name.endsWith('.broken.bak')).sort();
  for (const name of names.slice(0, Math.max(0, names.length - BACKUPS_KEPT))) await rm(path.join(folder, name), { force: true });
}
