import { lstat, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MethodParsedInput, ProjectInfo } from '../../common/contract/api';
import { ApiError } from '../../common/contract/envelope';
import type { EngineSupervisor } from '../engine/engine-supervisor';
import type { ExportOptions } from '../export/common';
import { writeExport } from '../export/writer';
import type { ApiHandlers } from './dispatcher';

export interface ExportHandlerDeps {
  engine: Pick<EngineSupervisor, 'generateExport'>;
  currentProject: () => ProjectInfo | null;
  /** The native folder picker (Electron only). */
  chooseFolder?: (options: { title: string }) => Promise<string | null>;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

type ExportHandlers = Pick<ApiHandlers, 'generateExport' | 'writeExport' | 'chooseExportFolder'>;

/** How many entries of a non-empty folder the confirmation names. */
const LISTED_ENTRIES = 10;

function exportOptions(options: MethodParsedInput<'generateExport'>['options']): ExportOptions {
  const { granularity, dataRoot, outputRoot, workRoot, retries } = options;
  return {
    granularity,
    ...(dataRoot !== undefined ? { dataRoot } : {}),
    ...(outputRoot !== undefined ? { outputRoot } : {}),
    ...(workRoot !== undefined ? { workRoot } : {}),
    ...(retries !== undefined ? { retries } : {}),
  };
}

/** A folder typed by the user: `~/x` is in the home folder, relative paths are in the project folder. */
export function resolveExportFolder(folder: string, projectDir: string | null): string {
  if (folder === '~' || folder.startsWith('~/') || folder.startsWith(`~${path.sep}`)) return path.join(os.homedir(), folder.slice(1));
  if (path.isAbsolute(folder)) return path.resolve(folder);
  if (!projectDir) throw new ApiError({ code: 'not-found', message: `"${folder}" is relative, and no project is open to resolve it against; give an absolute folder` });
  return path.resolve(projectDir, folder);
}

/** The export dialog's calls: generate (in the engine process), choose a folder, write. */
export function createExportHandlers(deps: ExportHandlerDeps): ExportHandlers {
  const generate = ({ pipeline, target, options }: MethodParsedInput<'generateExport'>) =>
    deps.engine.generateExport({ pipeline, target, options: exportOptions(options) });

  return {
    generateExport: async (input) => generate(input),
    chooseExportFolder: async () => {
      if (!deps.chooseFolder) throw new ApiError({ code: 'unsupported', message: 'there is no folder dialog in serve mode; type the folder to export into' });
      const folder = await deps.chooseFolder({ title: 'Export Into Folder' });
      return folder ? { folder } : null;
    },
    writeExport: async (input) => {
      const folder = resolveExportFolder(input.folder, deps.currentProject()?.path ?? null);
      const existing = await lstat(folder).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw new ApiError({ code: 'io-error', message: `cannot use "${folder}" for the export: ${error.message}` });
      });
      if (existing && !existing.isDirectory() && !existing.isSymbolicLink()) {
        throw new ApiError({ code: 'io-error', message: `"${folder}" is a file, not a folder; choose a folder to export into` });
      }
      if (existing && !input.overwrite) {
        const entries = (await readdir(folder).catch((error: Error) => {
          throw new ApiError({ code: 'io-error', message: `cannot read the folder "${folder}": ${error.message}` });
        })).sort();
        if (entries.length > 0) return { status: 'folder-not-empty', folder, entries: entries.slice(0, LISTED_ENTRIES), entryCount: entries.length };
      }
      const generated = await generate(input);
      try {
        await writeExport(generated.files, folder);
      } catch (error) {
        if (error instanceof ApiError) throw error;
        throw new ApiError({ code: 'io-error', message: `could not write the export to "${folder}": ${(error as Error).message}` });
      }
      const files = generated.files.map((file) => file.path);
      deps.log('info', `exported ${input.path ?? input.pipeline.name} for ${input.target} to ${folder} (${files.length} files)`);
      return { status: 'written', folder, target: input.target, files };
    },
  };
}
