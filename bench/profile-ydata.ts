// Sluice's full profile vs ydata-profiling (minimal mode) on the same 1M-row CSV
// (issue 4): `npx tsx bench/profile-ydata.ts`. ydata-profiling runs from the
// bench venv, built on first use: python3 -m venv .venv-bench && .venv-bench/bin/pip install ydata-profiling
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { quoteLiteral } from '../main/engine/sql-text';
import { profileSource } from '../main/profile/profiler';
import { forgetCsvSniffs } from '../main/profile/profile-source';
import { benchFile, fmt, generateOnce, median, report, type Figure } from './engine-bench-support';
import { TEN_MILLION_SELECT } from './profile-summarize';

const VENV_PYTHON = path.resolve('.venv-bench', 'bin', 'python');

/** Reads the CSV with pandas and builds a minimal ydata-profiling report (to_json forces every statistic). */
const YDATA_SCRIPT = `
import sys, time, json, warnings
warnings.filterwarnings("ignore")
import pandas as pd
from ydata_profiling import ProfileReport
started = time.perf_counter()
df = pd.read_csv(sys.argv[1], parse_dates=["ts"])
read = time.perf_counter()
report = ProfileReport(df, minimal=True, progress_bar=False)
report.to_json()
done = time.perf_counter()
import ydata_profiling
print(json.dumps({"read_ms": (read - started) * 1000, "profile_ms": (done - read) * 1000, "version": ydata_profiling.__version__}))
`;

function ydata(csv: string): Promise<{ read_ms: number; profile_ms: number; version: string }> {
  return new Promise((resolve, reject) => {
    execFile(VENV_PYTHON, ['-c', YDATA_SCRIPT, csv], { maxBuffer: 16 * 1024 * 1024, timeout: 60 * 60 * 1000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`ydata-profiling failed: ${stderr.slice(-2000)}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as { read_ms: number; profile_ms: number; version: string });
    });
  });
}

export async function benchProfileYdata(): Promise<Figure[]> {
  if (!existsSync(VENV_PYTHON)) throw new Error('no bench venv: python3 -m venv .venv-bench && .venv-bench/bin/pip install ydata-profiling');
  const csv = await generateOnce(benchFile('profile-1m.csv'), (target) => `COPY (${TEN_MILLION_SELECT.replace('range(10000000)', 'range(1000000)')}) TO ${quoteLiteral(target)} (HEADER)`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const sluice: number[] = [];
    for (let i = 0; i < 3; i++) {
      forgetCsvSniffs();
      const started = performance.now();
      await profileSource(connection, { kind: 'file', path: csv }, { target: { kind: 'relation', label: 'bench' }, fingerprint: 'bench' });
      sluice.push(performance.now() - started);
    }
    // Floors in the same run: parsing the file alone, and DuckDB's own bare SUMMARIZE of it.
    const readOnly: number[] = [];
    const summarize: number[] = [];
    for (let i = 0; i < 3; i++) {
      let started = performance.now();
      await connection.runAndReadAll(`SELECT max(COLUMNS(*)) FROM read_csv(${quoteLiteral(csv)})`);
      readOnly.push(performance.now() - started);
      started = performance.now();
      await connection.runAndReadAll(`SUMMARIZE SELECT * FROM read_csv(${quoteLiteral(csv)})`);
      summarize.push(performance.now() - started);
    }
    const y = await ydata(csv);
    const ours = median(sluice);
    const theirs = y.read_ms + y.profile_ms;
    const floor = (name: string, ms: number) => ({ bench: 'profile vs ydata-profiling', measure: `${name}, same CSV`, value: fmt(ms), baseline: `ydata-profiling ${fmt(theirs)}`, ratio: `${(theirs / ms).toFixed(0)}x faster` });
    return [
      floor('DuckDB reading it alone (one max per column)', median(readOnly)),
      floor('DuckDB SUMMARIZE of it', median(summarize)),
      {
        bench: 'profile vs ydata-profiling',
        measure: `full profile of a 1M-row × 8-column CSV (read included; ydata-profiling ${y.version} minimal, pandas read ${fmt(y.read_ms)} + profile ${fmt(y.profile_ms)})`,
        value: fmt(ours),
        baseline: `ydata-profiling ${fmt(theirs)}`,
        ratio: `${(theirs / ours).toFixed(0)}x faster`,
        target: '≥ 100x faster',
        pass: theirs / ours >= 100,
      },
    ];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`load average before: ${load()}`);
  report(await benchProfileYdata());
  console.log(`load average after: ${load()}`);
}
