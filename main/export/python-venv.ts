import path from 'node:path';
import type { ExportTarget } from './targets';

/** Where scripts/python-env.ts builds the per-target venvs. */
export function exportVenvRoot(repoDir: string): string {
  return path.resolve(process.env.SLUICE_EXPORT_VENV ?? path.join(repoDir, '.venv-export'));
}

export function venvPython(repoDir: string, target: ExportTarget): string {
  return path.join(exportVenvRoot(repoDir), target, 'bin', 'python');
}

export function venvBin(repoDir: string, target: ExportTarget, tool: string): string {
  return path.join(exportVenvRoot(repoDir), target, 'bin', tool);
}
