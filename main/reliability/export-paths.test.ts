import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { Pipeline } from '../../common/pipeline/model';
import { EXPORT_TARGETS, generateExport, prepareExport } from '../export/index';
import { assertContainedPath, writeExport } from '../export/writer';
import { makeTempDir } from '../test-support/temp';
import { createRecorder, oneLine } from './support/record';

const recorder = createRecorder('export-paths');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let outside: string;

beforeAll(async () => {
  temp = await makeTempDir('sluice-export-paths-');
  outside = path.join(temp.dir, 'outside');
  await mkdir(outside);
});
afterAll(async () => {
  recorder.flush();
  await temp?.dispose();
});

const HOSTILE_NAMES = ['../../evil', '..', '/etc/passwd', 'a/b\\c', 'CON', '🦆 duck', 'x"; import os; os.system("touch pwned") #', "'''", '__init__', 'select'];

const hostilePipeline: Pipeline = {
  version: 1,
  name: '../../pipeline name',
  nodes: [
    { name: 's', type: 'source.file', path: 'data/n.csv' },
    ...HOSTILE_NAMES.map((name) => ({ name, type: 'transform.sql' as const, inputs: ['s'], sql: 'SELECT * FROM s' })),
    { name: '../../sink', type: 'sink.file', inputs: ['..'], path: 'out/result.csv' },
  ],
};

async function walk(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String);
}

describe('exports never write outside their folder', () => {
  it('keeps every generated file inside the export folder for hostile node names, for every target', async () => {
    await recorder.run(
      {
        id: 'S-08',
        area: 'security',
        title: `export of a pipeline whose node and pipeline names are path traversals, quotes, Python and reserved names (${HOSTILE_NAMES.length} names) to ${EXPORT_TARGETS.join(', ')}`,
        expected: 'every generated path is relative and contained; writing the export creates files only under the export folder',
      },
      async () => {
        const prepared = await prepareExport(hostilePipeline);
        const counts: string[] = [];
        for (const target of EXPORT_TARGETS) {
          const files = generateExport(target, prepared);
          for (const file of files) expect(() => assertContainedPath(file.path), `${target}: ${file.path}`).not.toThrow();
          const out = path.join(temp.dir, 'exports', target);
          const written = await writeExport(files, out);
          for (const file of written) expect(path.relative(out, file).startsWith('..'), file).toBe(false);
          expect((await walk(out)).every((name) => !name.split(path.sep).includes('..'))).toBe(true);
          counts.push(`${target} ${written.length}`);
        }
        expect(await readdir(outside)).toEqual([]);
        return `files written (${counts.join(', ')}), all inside their export folders; nothing outside`;
      },
    );
  });

  it('refuses hostile paths and symlinked folders in the writer', async () => {
    await recorder.run(
      {
        id: 'S-09',
        area: 'security',
        title: 'export writer given ../, absolute, drive, backslash, empty, dot segments, NUL, and a folder that is a symlink out of the export',
        expected: 'forbidden for each, before anything is written; nothing outside',
      },
      async () => {
        const bad = ['../x.py', '/abs/x.py', 'C:/x.py', 'a/../../x.py', 'a\\..\\x.py', '', 'a//b.py', './x.py', 'a/./b.py', 'x\u0000.py'];
        const out = path.join(temp.dir, 'writer-out');
        const codes: string[] = [];
        for (const p of bad) {
          const error = await writeExport([{ path: p, contents: 'x' }], out).then(
            () => undefined,
            (e: unknown) => e as { code?: string; message: string },
          );
          expect(error?.code, JSON.stringify(p)).toBe('forbidden');
          codes.push(error!.code!);
        }
        await mkdir(out, { recursive: true });
        await symlink(outside, path.join(out, 'link'));
        const viaLink = await writeExport([{ path: 'link/x.py', contents: 'x' }], out).then(
          () => undefined,
          (e: unknown) => e as { code?: string; message: string },
        );
        expect(viaLink?.code).toBe('forbidden');
        expect(await readdir(outside)).toEqual([]);
        return `${bad.length} hostile paths → ${[...new Set(codes)].join('/')}; symlinked folder → ${viaLink!.code} ("${oneLine(viaLink!.message, 120)}"); nothing outside`;
      },
    );
  });

  it('refuses sinks that leave the data root in an export', async () => {
    await recorder.run(
      {
        id: 'S-10',
        area: 'security',
        title: 'export of sinks with paths ../escape.csv, out/../../escape.csv, /tmp/escape.csv and "."',
        expected: 'a clear error on the sink node for each; no export generated',
      },
      async () => {
        const messages: string[] = [];
        for (const sinkPath of ['../escape.csv', 'out/../../escape.csv', path.join(outside, 'escape.csv'), '.']) {
          const pipeline: Pipeline = {
            version: 1,
            name: 'escape',
            nodes: [
              { name: 's', type: 'source.file', path: 'data/n.csv' },
              { name: 'sink', type: 'sink.file', inputs: ['s'], path: sinkPath, format: 'csv' },
            ],
          };
          const error = await prepareExport(pipeline).then(
            () => undefined,
            (e: unknown) => e as { code?: string; message: string; body?: { node?: string } },
          );
          expect(error, sinkPath).toBeDefined();
          expect(error!.message).toMatch(/^sink: /);
          messages.push(`${error!.code}`);
        }
        expect(await readdir(outside)).toEqual([]);
        return `4 escaping sink paths → ${messages.join(', ')}, each naming the sink node`;
      },
    );
  });
});
