import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Draft, ProjectInfo, RunReport } from '../../common/contract/api';
import type { Pipeline } from '../../common/pipeline/model';
import { serializePipeline } from '../../common/pipeline/pipeline-file';
import { backupFolder, listBackups } from '../project/backups';
import { makeTempDir, VEGA_DATA } from '../test-support/temp';
import { createHostHarness, valueOf, type HostHarness } from './support/host-harness';
import { fillDisk, remountReadOnly, tryMountTmpfs, unmount } from './support/mounts';
import { createRecorder, oneLine } from './support/record';

const recorder = createRecorder('fault-files');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let harness: HostHarness;
const mounted: string[] = [];

beforeAll(async () => {
  temp = await makeTempDir('sluice-fault-files-');
  harness = await createHostHarness({ userDataDir: path.join(temp.dir, 'user-data') });
});
afterAll(async () => {
  recorder.flush();
  await harness?.dispose();
  for (const dir of mounted) unmount(dir);
  await temp?.dispose();
});

const small = (name: string, extra = ''): Pipeline => ({
  version: 1,
  name,
  nodes: [
    { name: 'numbers', type: 'source.file', path: 'data/numbers.csv' },
    { name: 'total', type: 'transform.sql', inputs: ['numbers'], sql: `${extra}SELECT sum(n) AS total FROM numbers\n` },
  ],
});
/** 3M flights read from outside the project, written as CSV (~100 MB) into it. */
const bigSink = (format: 'csv' | 'parquet'): Pipeline => ({
  version: 1,
  name: 'big sink',
  nodes: [
    { name: 'flights', type: 'source.file', path: path.join(VEGA_DATA, 'flights-3m.parquet') },
    { name: 'flights_out', type: 'sink.file', inputs: ['flights'], path: `out/flights.${format}`, format },
  ],
});

async function makeProject(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'data'), { recursive: true });
  await writeFile(path.join(dir, 'data', 'numbers.csv'), 'n\n1\n2\n3\n');
  await writeFile(path.join(dir, 'p.sluice.yaml'), serializePipeline(small('original')));
}

async function tempLeftovers(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return names.filter((name) => /\.tmp$|sluice-tmp/.test(name));
}

describe('fault: a corrupted or hand-broken pipeline file', () => {
  it('opens the project, names line and field, leaves the file alone, and backs it up before a save replaces it', async () => {
    await recorder.run(
      {
        id: 'F-04',
        area: 'fault',
        title: 'hand-broken pipeline files (YAML syntax error; wrong field type) in a project',
        expected: 'project still opens and lists them; load fails with file:line and the field; file bytes untouched; saving over one keeps a .broken backup first',
      },
      async () => {
        const dir = path.join(temp.dir, 'broken-project');
        await makeProject(dir);
        const syntax = 'version: 1\nname: broken\nnodes:\n  - name: numbers\n    type: [source.file\n    path: data/numbers.csv\n';
        const field = serializePipeline(small('field')).replace('inputs: [ numbers ]', 'inputs: numbers');
        await writeFile(path.join(dir, 'syntax.sluice.yaml'), syntax);
        await writeFile(path.join(dir, 'field.sluice.yaml'), field);
        const info = valueOf(await harness.call<ProjectInfo>('project:open', { path: dir }));
        expect(info.pipelines).toEqual(['field.sluice.yaml', 'p.sluice.yaml', 'syntax.sluice.yaml']);

        const syntaxError = await harness.call('pipeline:load', { path: 'syntax.sluice.yaml' });
        expect(syntaxError).toMatchObject({ ok: false, error: { code: 'pipeline-invalid' } });
        if (syntaxError.ok) throw new Error('unreachable');
        expect(syntaxError.error.line).toBeGreaterThanOrEqual(5);
        expect(syntaxError.error.message).toMatch(/^syntax\.sluice\.yaml:\d+/);
        const fieldError = await harness.call('pipeline:load', { path: 'field.sluice.yaml' });
        if (fieldError.ok) throw new Error('a wrong field type must not load');
        const fieldLine = field.split('\n').findIndex((l) => l.includes('inputs: numbers')) + 1;
        expect(fieldError.error).toMatchObject({ code: 'pipeline-invalid', line: fieldLine, node: 'total' });
        expect(fieldError.error.message).toContain('at nodes[1].inputs');
        valueOf(await harness.call<Draft[]>('pipeline:list-drafts', {}));
        expect(await readFile(path.join(dir, 'syntax.sluice.yaml'), 'utf8')).toBe(syntax);
        expect(await readFile(path.join(dir, 'field.sluice.yaml'), 'utf8')).toBe(field);

        const saved = valueOf(await harness.call<{ backup: string | null }>('pipeline:save', { path: 'syntax.sluice.yaml', pipeline: small('repaired') }));
        expect(saved.backup).toMatch(/^\.sluice\/backups\/syntax\.sluice\.yaml\..*\.broken\.bak$/);
        expect(await readFile(path.join(dir, saved.backup!), 'utf8')).toBe(syntax);
        expect(await readFile(path.join(dir, 'syntax.sluice.yaml'), 'utf8')).toBe(serializePipeline(small('repaired')));
        return `opened (3 pipelines listed); syntax error → ${syntaxError.error.code} "${oneLine(syntaxError.error.message, 120)}"; wrong field → "${oneLine(fieldError.error.message, 120)}" (line ${fieldError.error.line}, node ${fieldError.error.node}); files byte-identical after open/load; save over the broken file kept ${saved.backup}`;
      },
    );
  });
});

describe('fault: disk full and read-only project folder', () => {
  const fullDir = () => path.join(temp.dir, 'full');
  let mount: { ok: true } | { ok: false; reason: string } = { ok: false, reason: 'not tried' };

  beforeAll(async () => {
    mount = tryMountTmpfs(fullDir(), 1024 * 1024);
    if (mount.ok) mounted.push(fullDir());
  });

  const skipReason = () => (mount.ok ? '' : mount.reason);

  it('refuses a save on a full disk with a clear error and leaves the file and no temp files', async (context) => {
    if (!mount.ok) return context.skip(skipReason());
    await recorder.run(
      {
        id: 'F-05',
        area: 'fault',
        title: 'save a changed pipeline onto a full disk (1 MB tmpfs filled to 0 bytes free)',
        expected: 'io-error naming the file and "no space"; file byte-identical; no temp or partial files left',
      },
      async () => {
        const dir = path.join(fullDir(), 'a');
        await makeProject(dir);
        valueOf(await harness.call('project:open', { path: dir }));
        const before = await readFile(path.join(dir, 'p.sluice.yaml'), 'utf8');
        fillDisk(path.join(fullDir(), 'filler'));
        const reply = await harness.call('pipeline:save', { path: 'p.sluice.yaml', pipeline: small('changed') });
        if (reply.ok) throw new Error('a save onto a full disk must fail');
        expect(reply.error.code).toBe('io-error');
        expect(reply.error.message).toMatch(/p\.sluice\.yaml/);
        expect(reply.error.message).toMatch(/ENOSPC|no space/i);
        expect(await readFile(path.join(dir, 'p.sluice.yaml'), 'utf8')).toBe(before);
        expect(await tempLeftovers(dir)).toEqual([]);
        const draft = await harness.call('pipeline:autosave-draft', { path: 'p.sluice.yaml', pipeline: small('changed') });
        expect(draft.ok).toBe(true);
        await rm(path.join(fullDir(), 'filler'));
        return `${reply.error.code}: "${oneLine(reply.error.message, 200)}"; file unchanged; 0 temp files; the edit was kept as a draft (app state is on another disk)`;
      },
    );
  });

  it('fails a save whose backup fits but whose new file does not, leaving the old file whole', async (context) => {
    if (!mount.ok) return context.skip(skipReason());
    await recorder.run(
      {
        id: 'F-06',
        area: 'fault',
        title: 'save a 300 KB pipeline with 64 KB free: the backup fits, the new file does not',
        expected: 'io-error; old file byte-identical; its backup whole; no partial temp file',
      },
      async () => {
        const dir = path.join(fullDir(), 'b');
        await makeProject(dir);
        valueOf(await harness.call('project:open', { path: dir }));
        const before = await readFile(path.join(dir, 'p.sluice.yaml'), 'utf8');
        fillDisk(path.join(fullDir(), 'filler'), 64 * 1024);
        const big = small('big', `-- ${'padding '.repeat(40_000)}\n`);
        const reply = await harness.call('pipeline:save', { path: 'p.sluice.yaml', pipeline: big });
        if (reply.ok) throw new Error('a 300 KB save into 64 KB must fail');
        expect(reply.error.message).toMatch(/ENOSPC|no space/i);
        expect(await readFile(path.join(dir, 'p.sluice.yaml'), 'utf8')).toBe(before);
        const backups = await listBackups(dir, path.join(dir, 'p.sluice.yaml'));
        for (const backup of backups) expect(await readFile(backup, 'utf8')).toBe(before);
        expect(await tempLeftovers(dir)).toEqual([]);
        await rm(path.join(fullDir(), 'filler'));
        return `${reply.error.code}: "${oneLine(reply.error.message, 200)}"; old file unchanged; ${backups.length} backup(s), whole; 0 temp files`;
      },
    );
  });

  it('fails a sink on a full disk on the sink node, with no partial output', async (context) => {
    if (!mount.ok) return context.skip(skipReason());
    await recorder.run(
      {
        id: 'F-07',
        area: 'fault',
        title: 'sink writes 3M flights as CSV (~100 MB) into a project on a 1 MB disk',
        expected: 'run fails on the sink node with a clear error; no output file, no temp file',
      },
      async () => {
        const dir = path.join(fullDir(), 'c');
        await makeProject(dir);
        valueOf(await harness.call('project:open', { path: dir }));
        const report = valueOf(await harness.call<RunReport>('pipeline:run', { requestId: 'full-sink', path: null, pipeline: bigSink('csv') }));
        const sink = report.nodes.find((n) => n.name === 'flights_out')!;
        expect(report.status).toBe('failed');
        expect(sink.status).toBe('failed');
        expect(sink.error?.message).toMatch(/^flights_out: /);
        expect(sink.error?.message).toMatch(/space|ENOSPC|write/i);
        expect(await readdir(path.join(dir, 'out'))).toEqual([]);
        return `run ${report.status}; sink failed: "${oneLine(sink.error!.message, 200)}"; out/ is empty`;
      },
    );
  });

  it('refuses saves and sinks in a read-only project, still opens, loads, previews and keeps drafts', async (context) => {
    if (!mount.ok) return context.skip(skipReason());
    await recorder.run(
      {
        id: 'F-08',
        area: 'fault',
        title: 'read-only project folder (tmpfs remounted ro; root ignores chmod): save, sink, open, preview, autosave',
        expected: 'save: io-error naming the file, file untouched; sink: fails on its node, no output; open/load/preview work; edits kept as drafts',
      },
      async () => {
        const dir = path.join(fullDir(), 'ro');
        await makeProject(dir);
        await rm(path.join(fullDir(), 'filler'), { force: true });
        remountReadOnly(fullDir());
        const before = await readFile(path.join(dir, 'p.sluice.yaml'), 'utf8');
        valueOf(await harness.call('project:open', { path: dir }));
        const loaded = valueOf(await harness.call<{ pipeline: Pipeline }>('pipeline:load', { path: 'p.sluice.yaml' }));
        const preview = valueOf(await harness.call<{ columnData: unknown[][] }>('pipeline:preview-node', { requestId: 'ro-preview', pipeline: loaded.pipeline, path: 'p.sluice.yaml', node: 'total' }));
        expect(preview.columnData).toEqual([[6]]);
        const save = await harness.call('pipeline:save', { path: 'p.sluice.yaml', pipeline: small('changed') });
        if (save.ok) throw new Error('a save into a read-only folder must fail');
        expect(save.error.code).toBe('io-error');
        expect(save.error.message).toMatch(/EROFS|read-only/i);
        expect(await readFile(path.join(dir, 'p.sluice.yaml'), 'utf8')).toBe(before);
        expect(valueOf(await harness.call('pipeline:autosave-draft', { path: 'p.sluice.yaml', pipeline: small('changed') }))).toMatchObject({ path: 'p.sluice.yaml' });
        const drafts = valueOf(await harness.call<Draft[]>('pipeline:list-drafts', {}));
        expect(drafts.map((d) => d.pipeline.name)).toEqual(['changed']);
        const report = valueOf(await harness.call<RunReport>('pipeline:run', { requestId: 'ro-sink', path: null, pipeline: bigSink('parquet') }));
        const sink = report.nodes.find((n) => n.name === 'flights_out')!;
        expect(sink.status).toBe('failed');
        expect(sink.error?.message).toMatch(/EROFS|read-only/i);
        expect(await readdir(dir)).not.toContain('out');
        expect(await readdir(backupFolder(dir)).catch(() => [])).toEqual([]);
        return `save → ${save.error.code}: "${oneLine(save.error.message, 160)}"; sink failed: "${oneLine(sink.error!.message, 160)}"; no out/ folder; open, load and preview (total = 6) worked; the edit was kept as a draft`;
      },
    );
  });
});
