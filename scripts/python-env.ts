// Builds the Python virtual environments that prove exports run (docs/export.md):
// one venv per target under .venv-export/ (or $SLUICE_EXPORT_VENV), installed
// exactly from the locks in main/export/python-locks.ts with uv from PyPI.
//   npx tsx scripts/python-env.ts             build or refresh every venv (skips up-to-date ones)
//   npx tsx scripts/python-env.ts --relock    re-resolve the locks from the top-level pins first
//   npx tsx scripts/python-env.ts --only airflow,dbt   build just these
// Concurrent runs (two test files) wait for each other on a lock folder.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPORT_TARGETS, type ExportTarget } from '../main/export/targets';
import { PYTHON_LOCKS, TOP_LEVEL_PINS, UV_VERSION } from '../main/export/python-locks';
import { exportVenvRoot, venvPython } from '../main/export/python-venv';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = exportVenvRoot(repo);
// uv uses the system trust store, as pip here does (PIP_CERT).
const env = { ...process.env, UV_NATIVE_TLS: '1', UV_NO_PROGRESS: '1' };

function log(message: string): void {
  process.stdout.write(`[python-env] ${message}\n`);
}

function run(file: string, args: string[]): string {
  return execFileSync(file, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
}

function pythonForVenvs(): string {
  const candidate = process.env.SLUICE_PYTHON ?? 'python3';
  const version = run(candidate, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])']).trim();
  const [major, minor] = version.split('.').map(Number);
  if (major !== 3 || minor! < 11) throw new Error(`${candidate} is Python ${version}; the exports need Python 3.11 or newer (set SLUICE_PYTHON)`);
  return candidate;
}

function bootstrapUv(python: string): string {
  const uvVenv = path.join(root, '.uv');
  const uv = path.join(uvVenv, 'bin', 'uv');
  const current = existsSync(uv) ? run(uv, ['--version']).trim() : '';
  if (current.startsWith(`uv ${UV_VERSION}`)) return uv;
  log(`installing uv ${UV_VERSION}`);
  rmSync(uvVenv, { recursive: true, force: true });
  run(python, ['-m', 'venv', uvVenv]);
  run(path.join(uvVenv, 'bin', 'pip'), ['install', '--quiet', `uv==${UV_VERSION}`]);
  return uv;
}

function relock(uv: string): void {
  const work = path.join(root, '.relock');
  mkdirSync(work, { recursive: true });
  const locks: Record<string, string> = {};
  for (const target of EXPORT_TARGETS) {
    const input = path.join(work, `${target}.in`);
    writeFileSync(input, `${TOP_LEVEL_PINS[target].join('\n')}\n`);
    const output = path.join(work, `${target}.txt`);
    run(uv, ['pip', 'compile', '--quiet', '--universal', '--python-version', '3.11', '--no-header', '--no-annotate', input, '-o', output]);
    locks[target] = readFileSync(output, 'utf8');
    log(`relocked ${target}: ${locks[target]!.trim().split('\n').length} packages`);
  }
  const file = path.join(repo, 'main', 'export', 'python-locks.ts');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('export const PYTHON_LOCKS');
  const body = EXPORT_TARGETS.map((t) => `  ${t}: \`\n${locks[t]!.trimEnd()}\n\`,`).join('\n');
  writeFileSync(file, `${text.slice(0, start)}export const PYTHON_LOCKS: Record<ExportTarget, string> = {\n${body}\n};\n`);
  rmSync(work, { recursive: true, force: true });
}

function buildVenv(uv: string, python: string, target: ExportTarget): void {
  const lock = PYTHON_LOCKS[target].trimStart();
  const digest = createHash('sha256').update(`${python}\ncompile-bytecode\n${lock}`).digest('hex');
  const dir = path.join(root, target);
  const stamp = path.join(dir, '.sluice-lock-sha256');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest && existsSync(venvPython(repo, target))) {
    log(`${target}: up to date`);
    return;
  }
  const started = performance.now();
  const lockFile = path.join(root, `${target}.lock.txt`);
  writeFileSync(lockFile, lock);
  run(uv, ['venv', '--quiet', '--clear', '--python', python, dir]);
  run(uv, ['pip', 'sync', '--quiet', '--compile-bytecode', '--python', path.join(dir, 'bin', 'python'), lockFile]);
  writeFileSync(stamp, digest);
  log(`${target}: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function withLock(work: () => void): Promise<void> {
  const lock = path.join(root, '.lock');
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than 15 minutes is from a build that was killed.
      const age = existsSync(lock) ? Date.now() - statSync(lock).mtimeMs : 0;
      if (age > 15 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const started = performance.now();
mkdirSync(root, { recursive: true });
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? (process.argv[onlyArg + 1] ?? '').split(',') : [...EXPORT_TARGETS];
const unknown = only.filter((t) => !(EXPORT_TARGETS as readonly string[]).includes(t));
if (unknown.length > 0) throw new Error(`unknown target(s): ${unknown.join(', ')}; known: ${EXPORT_TARGETS.join(', ')}`);
await withLock(() => {
  const python = pythonForVenvs();
  const uv = bootstrapUv(python);
  if (process.argv.includes('--relock')) {
    relock(uv);
    log('locks rewritten; run again without --relock to build the venvs');
  } else {
    for (const target of EXPORT_TARGETS) if (only.includes(target)) buildVenv(uv, python, target);
    log(`venvs ready under ${root} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
});
