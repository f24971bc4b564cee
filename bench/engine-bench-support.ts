// Shared by the engine benchmarks (bench/engine-*.ts): generated data kept between
// runs, timing with medians, and one printed line per figure.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export const BENCH_DATA = process.env.SLUICE_BENCH_DATA ?? path.join(os.tmpdir(), 'sluice-bench-data');

export function benchFile(name: string): string {
  mkdirSync(BENCH_DATA, { recursive: true });
  return path.join(BENCH_DATA, name);
}

/** Generates a file once with a DuckDB COPY; later runs reuse it. */
export async function generateOnce(file: string, copySql: (target: string) => string): Promise<string> {
  if (existsSync(file)) return file;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const temp = `${file}.tmp`;
  const started = performance.now();
  await connection.run(copySql(temp));
  connection.closeSync();
  instance.closeSync();
  const { renameSync } = await import('node:fs');
  renameSync(temp, file);
  console.log(`generated ${file} (${(statSync(file).size / 1024 ** 3).toFixed(2)} GiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Runs the two measurements interleaved (A B A B …) so drift hits both alike. */
export async function interleaved(rounds: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<{ a: number[]; b: number[] }> {
  const out = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    out.a.push((await time(a)).ms);
    out.b.push((await time(b)).ms);
  }
  return out;
}

export function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

export interface Figure {
  bench: string;
  measure: string;
  value: string;
  baseline?: string;
  ratio?: string;
  target?: string;
  pass?: boolean;
}

export function report(figures: Figure[]): void {
  for (const f of figures) {
    const parts = [`${f.bench}: ${f.measure} = ${f.value}`];
    if (f.baseline) parts.push(`baseline ${f.baseline}`);
    if (f.ratio) parts.push(`ratio ${f.ratio}`);
    if (f.target) parts.push(`target ${f.target} ${f.pass ? 'MET' : 'MISSED'}`);
    console.log(parts.join(' | '));
  }
}

export function machine(): string {
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}`;
}
