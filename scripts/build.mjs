// Builds every side: the Node entries (CLI, engine process, Electron main) and
// the preload with esbuild, the renderer with Vite, and the sample project's data.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const only = process.argv[2];

if (!only || only === 'node') {
  const entries = {
    cli: 'main/cli/cli.ts',
    'engine-process': 'main/engine/engine-process.ts',
    'electron-main': 'main/electron/main.ts',
  };
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file))),
    outdir: 'out/main',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  if (existsSync('preload/preload.ts')) {
    // Sandboxed preloads must be CommonJS.
    await build({
      entryPoints: { preload: 'preload/preload.ts' },
      outdir: 'out/preload',
      outExtension: { '.js': '.cjs' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron'],
      sourcemap: true,
      logLevel: 'warning',
    });
  }
}

if (!only || only === 'renderer') {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

if (!only || only === 'sample') {
  await import('./prepare-sample.mjs');
}
