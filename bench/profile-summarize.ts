// Full profile vs DuckDB SUMMARIZE on the same inputs (issue 4), and the sample
// stage's latency: `npx tsx bench/profile-summarize.ts [parquet] [table] [csv]`.
// Inputs are generated once under $SLUICE_BENCH_DATA (default /tmp/sluice-bench-data).
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Profile } from '../common/profile/profile-schema';
import { quoteLiteral } from '../main/engine/sql-text';
import { profileSource } from '../main/profile/profiler';
import { forgetCsvSniffs, type ProfileSource } from '../main/profile/profile-source';
import { benchFile, fmt, generateOnce, median, report, type Figure } from './engine-bench-support';

/** 10M rows × 8 columns: integers (a key, a small range), uniform and skewed doubles, a category, a 1M-value text, a timestamp, a double with 10% NULLs. */
export const TEN_MILLION_SELECT = `SELECT i AS id, (hash(i) % 1001)::INTEGER AS small_int, (hash(i * 3) % 1000000) / 10000.0 - 20 AS uniform,
  exp((hash(i * 5) % 1000000) / 200000.0) AS skewed, ['alpha', 'beta', 'gamma', 'delta', 'epsilon'][1 + (i % 5)::INTEGER] AS category,
  'user_' || (hash(i * 7) % 1000000)::VARCHAR AS name, TIMESTAMP '2020-01-01' + to_seconds((hash(i * 11) % 100000000)::BIGINT) AS ts,
  CASE WHEN hash(i * 13) % 10 = 0 THEN NULL ELSE (hash(i * 17) % 1000000) / 1000000.0 END AS with_nulls
  FROM range(10000000) t(i)`;

export async function tenMillionParquet(): Promise<string> {
  return generateOnce(benchFile('profile-10m.parquet'), (target) => `COPY (${TEN_MILLION_SELECT}) TO ${quoteLiteral(target)} (FORMAT parquet)`);
}

export async function tenMillionCsv(): Promise<string> {
  const parquet = await tenMillionParquet();
  return generateOnce(benchFile('profile-10m.csv'), (target) => `COPY (SELECT * FROM read_parquet(${quoteLiteral(parquet)})) TO ${quoteLiteral(target)} (HEADER)`);
}

interface Case {
  name: string;
  source: ProfileSource;
  /** What SUMMARIZE reads: the same input. */
  summarize: string;
  rounds: number;
}

type Profiler = typeof profileSource;

/**
 * PROFILE_BEFORE=<dir> also runs the profiler of an older tree, interleaved in the same run
 * (e.g. `git archive <commit> main common | tar -x -C <dir>` and a node_modules link).
 */
async function loadBefore(): Promise<Profiler | null> {
  const dir = process.env.PROFILE_BEFORE;
  if (!dir) return null;
  return ((await import(path.resolve(dir, 'main/profile/profiler.ts'))) as { profileSource: Profiler }).profileSource;
}

async function profileOnce(connection: DuckDBConnection, source: ProfileSource, profiler: Profiler = profileSource): Promise<{ total: number; sample: number; profile: Profile }> {
  // The first profile of a file: no CSV sniff remembered from an earlier run.
  forgetCsvSniffs();
  const started = performance.now();
  let sample = 0;
  const profile = await profiler(connection, source, {
    target: { kind: 'relation', label: 'bench' },
    fingerprint: 'bench',
    onStage: (p) => {
      if (p.stage === 'sample') sample = p.durationMs;
    },
  });
  return { total: performance.now() - started, sample, profile };
}

/** CPU time of this process (DuckDB's threads included): steadier than wall time on a shared machine. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function benchCase(connection: DuckDBConnection, c: Case, before: Profiler | null): Promise<Figure[]> {
  const old = { wall: [] as number[], cpu: [] as number[], sample: [] as number[] };
  const summarize: number[] = [];
  const profile: number[] = [];
  const summarizeCpu: number[] = [];
  const profileCpu: number[] = [];
  const sample: number[] = [];
  let last: Profile | undefined;
  // Interleaved (SUMMARIZE, profile, SUMMARIZE, …) so drift on a shared machine hits both alike.
  for (let round = 0; round < c.rounds; round++) {
    const started = performance.now();
    let cpu = cpuMs();
    await connection.runAndReadAll(`SUMMARIZE ${c.summarize}`);
    summarize.push(performance.now() - started);
    summarizeCpu.push(cpuMs() - cpu);
    cpu = cpuMs();
    const run = await profileOnce(connection, c.source);
    profileCpu.push(cpuMs() - cpu);
    profile.push(run.total);
    sample.push(run.sample);
    last = run.profile;
    if (before) {
      cpu = cpuMs();
      const earlier = await profileOnce(connection, c.source, before);
      old.cpu.push(cpuMs() - cpu);
      old.wall.push(earlier.total);
    }
  }
  // The sample stage alone, back to back (the figure above follows a SUMMARIZE that evicted the caches):
  // first as the first profile of the file (a CSV sniffed again each time), then as a later one.
  const warmSample: number[] = [];
  const sniffedSample: number[] = [];
  for (const remember of [false, true]) {
    for (let i = 0; i < 7; i++) {
      if (!remember) forgetCsvSniffs();
      const into = remember ? sniffedSample : warmSample;
      await profileSource(connection, c.source, { target: { kind: 'relation', label: 'bench' }, fingerprint: 'bench', stage: 'sample', onStage: (p) => p.stage === 'sample' && into.push(p.durationMs) });
      if (before && !remember) await before(connection, c.source, { target: { kind: 'relation', label: 'bench' }, fingerprint: 'bench', stage: 'sample', onStage: (p) => p.stage === 'sample' && old.sample.push(p.durationMs) });
    }
  }
  const ratio = median(profile) / median(summarize);
  const cpuRatio = median(profileCpu) / median(summarizeCpu);
  const columns = last!.columns;
  const extras = `histograms ${columns.filter((x) => x.histogram).length}, top values ${columns.filter((x) => x.topValues).length}, 7 quantiles ${columns.filter((x) => x.quantiles).length}, alerts ${columns.reduce((n, x) => n + x.alerts.length, 0)}`;
  return [
    { bench: `profile ${c.name}`, measure: `full profile (${extras})`, value: fmt(median(profile)), baseline: `SUMMARIZE ${fmt(median(summarize))}`, ratio: `${ratio.toFixed(2)}x`, target: '≤ 0.5x', pass: ratio <= 0.5 },
    { bench: `profile ${c.name}`, measure: 'CPU time (all threads), full profile', value: fmt(median(profileCpu)), baseline: `SUMMARIZE ${fmt(median(summarizeCpu))}`, ratio: `${cpuRatio.toFixed(2)}x` },
    { bench: `profile ${c.name}`, measure: 'sample stage (metadata + sample) right after SUMMARIZE, median', value: fmt(median(sample)) },
    { bench: `profile ${c.name}`, measure: 'sample stage (metadata + sample), 7 in a row, median', value: fmt(median(warmSample)), target: '< 100 ms', pass: median(warmSample) < 100 },
    ...(before
      ? [
          { bench: `profile ${c.name}`, measure: 'full profile, the profiler of PROFILE_BEFORE', value: fmt(median(old.wall)), baseline: `SUMMARIZE ${fmt(median(summarize))}`, ratio: `${(median(old.wall) / median(summarize)).toFixed(2)}x` },
          { bench: `profile ${c.name}`, measure: 'CPU time, the profiler of PROFILE_BEFORE', value: fmt(median(old.cpu)), baseline: `SUMMARIZE ${fmt(median(summarizeCpu))}`, ratio: `${(median(old.cpu) / median(summarizeCpu)).toFixed(2)}x` },
          { bench: `profile ${c.name}`, measure: 'sample stage, 7 in a row, the profiler of PROFILE_BEFORE', value: fmt(median(old.sample)) },
        ]
      : []),
    ...(c.source.kind === 'file' && /\.csv$/i.test(c.source.path)
      ? [{ bench: `profile ${c.name}`, measure: 'sample stage, 7 in a row, the sniff remembered from the first, median', value: fmt(median(sniffedSample)) }]
      : []),
  ];
}

export async function benchProfileSummarize(only: string[] = []): Promise<Figure[]> {
  const parquet = await tenMillionParquet();
  const csv = only.length === 0 || only.includes('csv') ? await tenMillionCsv() : '';
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const figures: Figure[] = [];
  const before = await loadBefore();
  try {
    const cases: Case[] = [
      { name: '10M × 8 Parquet', source: { kind: 'file', path: parquet }, summarize: `SELECT * FROM read_parquet(${quoteLiteral(parquet)})`, rounds: 3 },
      { name: '10M × 8 DuckDB table', source: { kind: 'relation', sql: 'SELECT * FROM bench_table', label: 'bench_table' }, summarize: 'bench_table', rounds: 3 },
    ];
    if (csv) cases.push({ name: `${(statSync(csv).size / 1024 ** 3).toFixed(2)} GiB CSV (10M rows)`, source: { kind: 'file', path: csv }, summarize: `SELECT * FROM read_csv(${quoteLiteral(csv)})`, rounds: 2 });
    for (const c of cases) {
      const key = c.name.includes('Parquet') ? 'parquet' : c.name.includes('table') ? 'table' : 'csv';
      if (only.length > 0 && !only.includes(key)) continue;
      if (key === 'table') await connection.run(`CREATE OR REPLACE TABLE bench_table AS SELECT * FROM read_parquet(${quoteLiteral(parquet)})`);
      figures.push(...(await benchCase(connection, c, before)));
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`load average before: ${load()}`);
  report(await benchProfileSummarize(process.argv.slice(2)));
  console.log(`load average after: ${load()}`);
}
