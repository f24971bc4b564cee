import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiMethods, MAX_DATA_IMPORT_BYTES } from '../../common/contract/api';
import { importDataFile } from './data-import';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-import-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('importDataFile', () => {
  it('writes into data/, reuses identical bytes and never replaces a different file', async () => {
    const first = await importDataFile(dir, 'airports.csv', b64('iata,state\nSEA,WA\n'));
    expect(first).toEqual({ path: 'data/airports.csv', bytes: 18, reused: false });
    expect(await readFile(path.join(dir, 'data', 'airports.csv'), 'utf8')).toBe('iata,state\nSEA,WA\n');
    expect(await importDataFile(dir, 'airports.csv', b64('iata,state\nSEA,WA\n'))).toMatchObject({ path: 'data/airports.csv', reused: true });
    const other = await importDataFile(dir, 'airports.csv', b64('iata,state\nPDX,OR\n'));
    expect(other).toMatchObject({ path: 'data/airports-2.csv', reused: false });
    expect(await readFile(path.join(dir, 'data', 'airports.csv'), 'utf8')).toBe('iata,state\nSEA,WA\n');
  });

  it('refuses files over the cap with a message that names the file', async () => {
    await mkdir(path.join(dir, 'data'));
    const big = Buffer.alloc(MAX_DATA_IMPORT_BYTES + 1).toString('base64');
    await expect(importDataFile(dir, 'big.parquet', big)).rejects.toThrow(/big\.parquet is 32\.0 MB; files over 32\.0 MB are not copied/);
  });

  it('accepts only a plain file name at the boundary', () => {
    const input = apiMethods.importDataFile.input;
    expect(input.safeParse({ name: 'a.csv', contentBase64: '' }).success).toBe(true);
    for (const name of ['../a.csv', 'sub/a.csv', 'a\\b.csv', '.hidden', '..', '', 'a\u0000.csv']) {
      expect(input.safeParse({ name, contentBase64: '' }).success, name).toBe(false);
    }
    expect(input.safeParse({ name: 'a.csv', contentBase64: 'not base64!' }).success).toBe(false);
  });
});
