import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { build } from 'esbuild';
import type { Envelope } from '../../../common/contract/envelope';
import { REPO_ROOT } from '../../test-support/temp';
import { withTimeout } from './record';

export interface BuiltCli {
  cli: string;
  dispose(): Promise<void>;
}

/**
 * Bundles the CLI and the engine process from the current sources exactly as
 * `npm run build` does, into a fresh folder two levels under the repo (the
 * bundle finds package.json and resources/ at ../../). Bundled, a server starts
 * in about half the time it takes under tsx, which matters when it is killed
 * and restarted dozens of times.
 */
export async function buildCli(): Promise<BuiltCli> {
  const outdir = path.join(REPO_ROOT, 'out', `reliability-${process.pid}-${randomBytes(3).toString('hex')}`);
  await build({
    entryPoints: { cli: path.join(REPO_ROOT, 'main/cli/cli.ts'), 'engine-process': path.join(REPO_ROOT, 'main/engine/engine-process.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return { cli: path.join(outdir, 'cli.js'), dispose: () => rm(outdir, { recursive: true, force: true }) };
}

export interface ServeProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  token: string;
  /** Resolves when the process has exited, with its signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  call<T = unknown>(channel: string, input: unknown, timeoutMs?: number): Promise<Envelope<T>>;
  stderr(): string;
}

/** Starts `sluice serve` as its own process and waits for the line with its URL. */
export async function startServeProcess(options: {
  cli: string;
  projectDir: string;
  userDataDir: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [options.cli, 'serve', '--port', '0', '--project', options.projectDir, '--user-data', options.userDataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await withTimeout(
    new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /Sluice is serving (\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      void exited.then(({ code, signal }) => reject(new Error(`sluice serve exited (${signal ?? code}) before it was ready: ${stderr.slice(-2000)}`)));
    }),
    options.timeoutMs ?? 30_000,
    'sluice serve start',
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const parsed = new URL(url);
  const port = Number(parsed.port);
  const token = parsed.searchParams.get('token')!;
  return {
    child,
    pid: child.pid!,
    port,
    token,
    exited,
    stderr: () => stderr,
    call: async <T>(channel: string, input: unknown, timeoutMs = 30_000) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sluice-token': token },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return (await response.json()) as Envelope<T>;
    },
  };
}

/** Direct children of a process, from /proc (Linux): the engine process of a server. */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // The process is gone.
  }
  return out;
}

/** Whether a pid is a live process (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** CPU time (user + system) a process has used so far, in clock ticks. */
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Polls until `check` holds; the bound turns a missed condition into a failure instead of a hang. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
