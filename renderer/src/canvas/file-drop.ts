import { MAX_DATA_IMPORT_BYTES } from '../../../common/contract/api';
import { inferFileFormat, type NodePosition } from '../../../common/pipeline/model';
import type { SluiceFiles } from '../../../preload/api-types';
import { api } from '../api/api';
import { uniqueName } from '../state/document-edits';
import { useDocumentStore } from '../state/document-store';
import { useSessionStore } from '../state/session-store';
import { addNodeAt } from './canvas-actions';
import { insideFolder, relativeToPipeline } from './drop-paths';
import { useCanvasStore } from './canvas-store';
import { fileSourceNode, nameFromFile } from './node-templates';

declare global {
  interface Window {
    /** Electron only: where a dropped file lives (webUtils.getPathForFile). */
    sluiceFiles?: SluiceFiles;
  }
}

/** The formats a File source reads, and DuckDB/SQLite files it does not (yet) take as a drop. */
export function isDataFile(name: string): boolean {
  return inferFileFormat(name) !== undefined;
}

/**
 * A data file dropped from the OS becomes a File source at the drop point.
 * Where its path comes from:
 * - Electron, file inside the project: its own path (nothing is copied).
 * - Otherwise (a browser has no paths; or the file is outside the project):
 *   the bytes are copied into `<project>/data/` by the host, up to 32 MB;
 *   a file already there with the same name and bytes is reused.
 */
export async function dropDataFiles(files: readonly File[], at: NodePosition): Promise<void> {
  const say = useCanvasStore.getState().say;
  let offset = 0;
  for (const file of files) {
    if (!isDataFile(file.name)) {
      say('error', `${file.name} is not a data file a File source reads (csv, tsv, parquet, json, ndjson)`);
      continue;
    }
    try {
      const projectPath = await projectPathOf(file);
      const pipeline = useDocumentStore.getState().pipeline;
      if (!pipeline) return;
      const name = uniqueName(nameFromFile(file.name), new Set(pipeline.nodes.map((node) => node.name)));
      addNodeAt(fileSourceNode(name, relativeToPipeline(projectPath, useDocumentStore.getState().path ?? '')), { x: at.x + offset, y: at.y + offset });
      offset += 40;
    } catch (error) {
      say('error', error instanceof Error ? error.message : String(error));
    }
  }
}

/** A data file dragged from the project's file tree (its path relative to the project) becomes a File source. */
export function dropProjectFile(projectPath: string, at: NodePosition): void {
  const file = projectPath.split('/').pop() ?? projectPath;
  if (!isDataFile(file)) {
    useCanvasStore.getState().say('error', `${file} is not a data file a File source reads (csv, tsv, parquet, json, ndjson)`);
    return;
  }
  const pipeline = useDocumentStore.getState().pipeline;
  if (!pipeline) return;
  const name = uniqueName(nameFromFile(file), new Set(pipeline.nodes.map((node) => node.name)));
  addNodeAt(fileSourceNode(name, relativeToPipeline(projectPath, useDocumentStore.getState().path ?? '')), at);
}

/** The file's path relative to the project folder, copying it in when it is not there. */
async function projectPathOf(file: File): Promise<string> {
  const absolute = window.sluiceFiles?.pathForFile(file);
  const project = useSessionStore.getState().project?.path;
  if (absolute && project) {
    const inside = insideFolder(absolute, project);
    if (inside !== null) return inside;
  }
  if (file.size > MAX_DATA_IMPORT_BYTES) {
    throw new Error(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; a drop copies files up to ${MAX_DATA_IMPORT_BYTES / 1024 / 1024} MB into the project. Put it in the project's data folder and set the path of a File source.`);
  }
  const result = await api.importDataFile({ name: file.name, contentBase64: await toBase64(file) });
  useCanvasStore.getState().say('info', result.reused ? `${file.name} is already in the project as ${result.path}` : `Copied ${file.name} into the project as ${result.path}`);
  return result.path;
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // Chunks keep String.fromCharCode under the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
