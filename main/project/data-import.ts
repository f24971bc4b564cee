import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../common/contract/envelope';
import { MAX_DATA_IMPORT_BYTES } from '../../common/contract/api';
import { writeFileAtomic } from './atomic-write';

/** Where files dropped onto the canvas in a browser (serve mode) are copied, relative to the project folder. */
export const DATA_FOLDER = 'data';

/**
 * Copies a dropped file's bytes into `<project>/data/`. A browser cannot tell
 * the server where a dropped file lives, so the bytes travel (capped); a file
 * with the same name and the same bytes is reused, a different one gets a
 * free name (`airports-2.csv`) rather than replacing the user's file.
 */
export async function importDataFile(projectDir: string, name: string, contentBase64: string): Promise<{ path: string; bytes: number; reused: boolean }> {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length > MAX_DATA_IMPORT_BYTES) {
    throw new ApiError({ code: 'invalid-input', message: `${name} is ${formatMb(bytes.length)}; files over ${formatMb(MAX_DATA_IMPORT_BYTES)} are not copied: put it in the project's data folder and point a File source at it` });
  }
  const folder = path.join(projectDir, DATA_FOLDER);
  await mkdir(folder, { recursive: true });
  const extension = path.extname(name);
  const stem = name.slice(0, name.length - extension.length);
  const digest = sha256(bytes);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? name : `${stem}-${n}${extension}`;
    const target = path.join(folder, candidate);
    const existing = await stat(target).catch(() => null);
    const relative = `${DATA_FOLDER}/${candidate}`;
    if (!existing) {
      await writeFileAtomic(target, bytes);
      return { path: relative, bytes: bytes.length, reused: false };
    }
    if (existing.isFile() && existing.size === bytes.length && sha256(await readFile(target)) === digest) return { path: relative, bytes: bytes.length, reused: true };
  }
  throw new ApiError({ code: 'io-error', message: `${DATA_FOLDER}/ already holds 999 files named like ${name}` });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
