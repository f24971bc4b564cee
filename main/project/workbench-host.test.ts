import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProjectFileEntry } from '../../common/contract/api';
import { createHostHarness, valueOf, type HostHarness } from '../reliability/support/host-harness';
import { copySampleProject, makeTempDir } from '../test-support/temp';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let harnesses: HostHarness[] = [];

beforeEach(async () => {
  temp = await makeTempDir('sluice-workbench-');
});
afterEach(async () => {
  for (const harness of harnesses) await harness.dispose();
  harnesses = [];
  await temp.dispose();
});

async function host(projectDir?: string): Promise<HostHarness> {
  const harness = await createHostHarness({ userDataDir: path.join(temp.dir, 'user-data'), ...(projectDir ? { projectDir } : {}) });
  harnesses.push(harness);
  return harness;
}

describe('workbench calls through the host (the validation choke point)', () => {
  it('project:list-files lists the open project without its .sluice folder, with defaults and bounds checked', async () => {
    const project = await copySampleProject(temp.dir);
    await mkdir(path.join(project, '.sluice', 'cache'), { recursive: true });
    await writeFile(path.join(project, '.sluice', 'cache', 'result.parquet'), 'x');
    const harness = await host(project);
    const { entries, truncated } = valueOf(await harness.call<{ entries: ProjectFileEntry[]; truncated: boolean }>('project:list-files', {}));
    expect(truncated).toBe(false);
    expect(entries.map((entry) => entry.path)).toEqual(['data', 'data/airports.csv', 'data/flights-3m.parquet', 'flights.sluice.yaml']);
    const limited = valueOf(await harness.call<{ entries: ProjectFileEntry[]; truncated: boolean }>('project:list-files', { depth: 1, limit: 1 }));
    expect(limited).toEqual({ entries: [{ path: 'data', name: 'data', kind: 'folder' }], truncated: true });
    for (const bad of [{ depth: 0 }, { limit: 50_001 }, { depth: 1.5 }, { path: '/etc' }]) {
      const reply = await harness.call('project:list-files', bad);
      expect(reply.ok, JSON.stringify(bad)).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('invalid-input');
    }
  });

  it('project:list-files without an open project says so', async () => {
    const harness = await host();
    const reply = await harness.call('project:list-files', {});
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('not-found');
  });

  it('settings: the theme is one of system, light and dark, and it outlives the host', async () => {
    const first = await host();
    const refused = await first.call('settings:update', { values: { theme: 'purple' } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('invalid-input');
    expect(valueOf(await first.call('settings:update', { values: { theme: 'dark', other: [1, 'two'] } }))).toEqual({ theme: 'dark', other: [1, 'two'] });
    await first.dispose();
    harnesses = [];
    const second = await host();
    expect(valueOf(await second.call('settings:get', {}))).toEqual({ theme: 'dark', other: [1, 'two'] });
  });
});
