import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EngineStatus, Preview } from '../../common/contract/api';
import type { Pipeline } from '../../common/pipeline/model';
import { makeTempDir } from '../test-support/temp';
import { createHostHarness, valueOf, type HostHarness } from './support/host-harness';
import { createRecorder, oneLine, withTimeout } from './support/record';

const recorder = createRecorder('fault-memory');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let projectDir: string;
let spillDir: string;

beforeAll(async () => {
  temp = await makeTempDir('sluice-memory-');
  projectDir = path.join(temp.dir, 'project');
  spillDir = path.join(temp.dir, 'spill');
  await mkdir(projectDir);
  await writeFile(path.join(projectDir, 'one.csv'), 'x\n1\n');
});
afterAll(async () => {
  recorder.flush();
  await temp?.dispose();
});

const withSql = (sql: string): Pipeline => ({
  version: 1,
  name: 'memory',
  nodes: [
    { name: 'one', type: 'source.file', path: 'one.csv' },
    { name: 'q', type: 'transform.sql', inputs: ['one'], sql },
  ],
});

/** DuckDB's own rendering of a byte size, e.g. "11.2 GiB". */
function parseSize(text: string): number {
  const match = /^([\d.]+)\s*(KiB|MiB|GiB|TiB|KB|MB|GB|TB|bytes)$/i.exec(text.trim());
  if (!match) throw new Error(`cannot read size "${text}"`);
  const units: Record<string, number> = { bytes: 1, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12 };
  return Number(match[1]) * units[match[2]!.toLowerCase()]!;
}

describe('fault: memory', () => {
  let harness: HostHarness;
  afterAll(async () => harness?.dispose());

  it('gives the engine process a memory limit of about half the RAM and a spill folder by default', async () => {
    await recorder.run(
      {
        id: 'F-09',
        area: 'fault',
        title: "engine process's DuckDB settings by default (read through a preview in the real engine process)",
        expected: 'memory_limit ≈ half of RAM (never unlimited), temp_directory set for spilling',
      },
      async () => {
        harness = await createHostHarness({ userDataDir: path.join(temp.dir, 'user-data'), projectDir });
        const preview = valueOf(
          await harness.call<Preview>('pipeline:preview-node', {
            requestId: 'settings',
            pipeline: withSql("SELECT current_setting('memory_limit') AS memory_limit, current_setting('temp_directory') AS temp_directory FROM one"),
            node: 'q',
          }),
        );
        const limit = String(preview.columnData[0]![0]);
        const tempDirectory = String(preview.columnData[1]![0]);
        const share = parseSize(limit) / os.totalmem();
        expect(share).toBeGreaterThan(0.3);
        expect(share).toBeLessThan(0.6);
        expect(tempDirectory).not.toBe('');
        return `memory_limit ${limit} of ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${Math.round(share * 100)} %); temp_directory ${tempDirectory}`;
      },
    );
  });

  it('reports or spills a query that outgrows a tiny memory limit instead of dying', async () => {
    await recorder.run(
      {
        id: 'F-10',
        area: 'fault',
        title: 'SLUICE_ENGINE_MEMORY_LIMIT=128MB and a 6M-group aggregate with string lists (needs several hundred MB)',
        expected: 'a node error naming the memory limit, or a correct result by spilling to the temp folder; the engine process survives (no restart) and serves the next call',
      },
      async () => {
        const limited = await createHostHarness({
          userDataDir: path.join(temp.dir, 'user-data-limited'),
          projectDir,
          engineEnv: { SLUICE_ENGINE_MEMORY_LIMIT: '128MB', SLUICE_ENGINE_TEMP_DIR: spillDir },
        });
        try {
          const setting = valueOf(await limited.call<Preview>('pipeline:preview-node', { requestId: 'limit', pipeline: withSql("SELECT current_setting('memory_limit') AS m FROM one"), node: 'q' }));
          const pid = limited.engine.pid;
          const started = performance.now();
          const reply = await withTimeout(
            limited.call<Preview>('pipeline:preview-node', {
              requestId: 'big',
              pipeline: withSql('SELECT count(*) AS groups, sum(len(v)) AS chars FROM (SELECT i % 6000000 AS k, string_agg(i::VARCHAR, \',\') AS v FROM range(12000000) AS t(i) GROUP BY k)'),
              node: 'q',
            }),
            120_000,
            'the big aggregate',
          );
          const ms = Math.round(performance.now() - started);
          const status = limited.engine.getStatus();
          expect(status).toMatchObject<Partial<EngineStatus>>({ state: 'ready', restarts: 0 });
          expect(limited.engine.pid).toBe(pid);
          const after = valueOf(await limited.call<Preview>('pipeline:preview-node', { requestId: 'after', pipeline: withSql('SELECT 41 + 1 AS answer FROM one'), node: 'q' }));
          expect(after.columnData).toEqual([[42]]);
          const spilled = (await readdir(spillDir).catch(() => [])).length;
          if (reply.ok) {
            expect(reply.value.columnData[0]).toEqual([6_000_000]);
            return `limit ${setting.columnData[0]![0]}: the aggregate succeeded in ${ms} ms (6,000,000 groups, correct) by spilling; engine pid unchanged, 0 restarts; next preview answered`;
          }
          expect(reply.error.code).toBe('node-failed');
          expect(reply.error.node).toBe('q');
          expect(reply.error.message).toMatch(/out of memory|memory limit/i);
          return `limit ${setting.columnData[0]![0]}: ${reply.error.code} on node q after ${ms} ms: "${oneLine(reply.error.message, 220)}"; spill folder entries ${spilled}; engine pid unchanged, 0 restarts; next preview answered`;
        } finally {
          await limited.dispose();
        }
      },
    );
  });
});
