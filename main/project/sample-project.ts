import { cp, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SAMPLE_PROJECT_FOLDER = 'sample-project';

/** `resources/` beside the app: two levels up from both main/<dir>/x.ts and out/main/x.js. */
export function defaultResourcesDir(): string {
  return fileURLToPath(new URL('../../resources', import.meta.url));
}

/**
 * On first start the sample project is copied into the user's data folder, so
 * edits and runs never touch the app's own resources.
 */
export async function ensureSampleProject(userDataDir: string, resourcesDir = defaultResourcesDir()): Promise<string> {
  const target = path.join(userDataDir, 'projects', 'flights-sample');
  try {
    await stat(target);
    return target;
  } catch {
    // Not there yet: copy below.
  }
  const source = path.join(resourcesDir, SAMPLE_PROJECT_FOLDER);
  try {
    await stat(path.join(source, 'data'));
  } catch {
    throw new Error(`the sample project's data is missing in ${source}; run "npm run build" (it copies vega-datasets files)`);
  }
  await cp(source, target, { recursive: true, errorOnExist: false });
  return target;
}
