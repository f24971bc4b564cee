import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { apiMethodNames, apiMethods } from '../../../common/contract/api';
import { REPO_ROOT } from '../../test-support/temp';

const SOURCE_DIR = path.join(REPO_ROOT, 'main', 'reliability');
/** `id: 'F-01'`, or the first argument of the corpus helpers (`hostileNameCase('B-45', …)`). */
const LITERAL_ID = /(?:\bid: |Case\(|pipelineFile\()'([A-Z]-[\w-]+)'/g;

/** Every case the suite declares: ids written in its sources, and one fuzz case per contract method. */
export function declaredCaseIds(): string[] {
  const ids = new Set<string>();
  for (const name of readdirSync(SOURCE_DIR, { recursive: true }).map(String)) {
    if (!name.endsWith('.ts')) continue;
    for (const match of readFileSync(path.join(SOURCE_DIR, name), 'utf8').matchAll(LITERAL_ID)) ids.add(match[1]!);
  }
  for (const name of apiMethodNames) ids.add(`Z-${apiMethods[name].channel}`);
  return [...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
