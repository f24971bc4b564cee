import { access, constants, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../common/contract/envelope';
import type { ProjectInfo } from '../../common/contract/api';
import type { Pipeline } from '../../common/pipeline/model';
import { PIPELINE_FILE_SUFFIX, serializePipeline } from '../../common/pipeline/pipeline-file';
import { writeFileAtomic } from './atomic-write';
import { backupBeforeOverwrite } from './backups';
import { parsePipelineFileFast } from './pipeline-fast-read';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.sluice', '.venv']);

/** A project is a folder; its pipelines are the *.sluice.yaml files in it (two levels deep). */
export async function readProjectInfo(projectDir: string): Promise<ProjectInfo> {
  const root = path.resolve(projectDir);
  let info;
  try {
    info = await stat(root);
  } catch {
    throw new ApiError({ code: 'not-found', message: `project folder not found: ${root}` });
  }
  if (!info.isDirectory()) throw new ApiError({ code: 'invalid-input', message: `not a folder: ${root}` });
  const pipelines: string[] = [];
  const walk = async (dir: string, depth: number) => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.isDirectory() && depth < 2 && !SKIPPED_FOLDERS.has(entry.name)) await walk(path.join(dir, entry.name), depth + 1);
      else if (entry.isFile() && entry.name.endsWith(PIPELINE_FILE_SUFFIX)) {
        pipelines.push(path.relative(root, path.join(dir, entry.name)).split(path.sep).join('/'));
      }
    }
  };
  await walk(root, 0);
  pipelines.sort();
  return { path: root, name: path.basename(root), pipelines };
}

/** Resolves a pipeline path inside the project; anything that escapes it is refused. */
export function resolvePipelinePath(projectDir: string, relativePath: string): string {
  const root = path.resolve(projectDir);
  const target = path.resolve(root, relativePath);
  const relative = path.relative(root, target);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new ApiError({ code: 'forbidden', message: `pipeline path "${relativePath}" is outside the project folder` });
  }
  if (!target.endsWith(PIPELINE_FILE_SUFFIX)) {
    throw new ApiError({ code: 'invalid-input', message: `pipeline files end with ${PIPELINE_FILE_SUFFIX}: "${relativePath}"` });
  }
  return target;
}

export async function loadPipelineFile(file: string): Promise<Pipeline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ApiError({ code: code === 'ENOENT' ? 'not-found' : 'io-error', message: `cannot read ${file}: ${(error as Error).message}`, file });
  }
  const parsed = parsePipelineFileFast(text);
  if (!parsed.ok) {
    const first = parsed.problems[0]!;
    const where = first.line ? `${path.basename(file)}:${first.line}${first.column ? `:${first.column}` : ''}` : path.basename(file);
    const field = first.path ? ` at ${first.path}` : '';
    throw new ApiError({
      code: 'pipeline-invalid',
      message: `${where}${field}: ${first.message}${parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : ''}`,
      file,
      ...(first.line ? { line: first.line } : {}),
      ...(first.column ? { column: first.column } : {}),
      ...(first.node ? { node: first.node } : {}),
    });
  }
  return parsed.pipeline;
}

/**
 * Saves atomically (old or new bytes on disk, never a mix). With `projectDir`,
 * the file it replaces is first copied to the project's backup folder.
 */
export async function savePipelineFile(file: string, pipeline: Pipeline, options: { projectDir?: string } = {}): Promise<{ bytes: number; backup: string | null }> {
  const text = serializePipeline(pipeline);
  try {
    // Asked first so a read-only folder is reported as such, not as whatever the backup's mkdir says.
    await access(path.dirname(file), constants.W_OK);
  } catch (error) {
    throw new ApiError({ code: 'io-error', message: `cannot save ${file}: ${(error as Error).message}`, file });
  }
  const backup = options.projectDir ? await backupBeforeOverwrite(options.projectDir, file, text) : null;
  try {
    await writeFileAtomic(file, text);
  } catch (error) {
    throw new ApiError({ code: 'io-error', message: `cannot save ${file}: ${(error as Error).message}`, file });
  }
  return { bytes: Buffer.byteLength(text), backup };
}
