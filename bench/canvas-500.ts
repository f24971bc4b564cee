// Canvas at scale: opens a 500-node pipeline in Chromium against serve mode and
// measures the open time (navigation start → html[data-app-state="loaded"]) and
// the frame rate while a node is dragged, against a 10-node baseline in the same
// run. `npm run build` first; run with `npx tsx bench/canvas-500.ts`.
// SLUICE_BENCH_BEFORE=<dir>: also measures the build in that checkout (another
// commit, built there), interleaved with this one, for before/after in one run.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { serializePipeline } from '../common/pipeline/pipeline-file';
import { makeTempProject, removeTempDir, startServe } from '../e2e/fixtures/serve-process';
import { layeredPipeline } from './canvas-pipeline';
import { fmt, median } from './engine-bench-support';

const ROUNDS = Number(process.env.SLUICE_BENCH_ROUNDS ?? 3);
const DRAG_MOVES = 90;
const BEFORE = process.env.SLUICE_BENCH_BEFORE;

/** `sluice serve` of another checkout's build (the fixture's startServe serves this one). */
async function startServeFrom(repo: string, projectDir: string, userDataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(repo, 'bin', 'sluice.js'), 'serve', '--port', '0', '--project', projectDir, '--user-data', userDataDir], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Sluice is serving (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => reject(new Error(`sluice serve in ${repo} exited:\n${output}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface Measure {
  openMs: number;
  /** Navigation start → the pipeline:load reply arrived (server: read, parse, validate). */
  loadReplyMs: number;
  fps: number;
  /** The longest gap between two frames during the drag. */
  worstFrameMs: number;
}

async function measure(page: Page, url: string): Promise<Measure> {
  await page.goto(url);
  await page.waitForSelector('html[data-app-state="loaded"]', { state: 'attached', timeout: 60_000 });
  const openMs = (await page.evaluate('window.__loadedAt')) as number;
  const loadReplyMs = (await page.evaluate(
    `performance.getEntriesByType('resource').filter((entry) => entry.name.includes('pipeline:load')).map((entry) => entry.responseEnd)[0] ?? 0`,
  )) as number;
  const node = page.locator('.react-flow__node').filter({ has: page.locator('.flow-node__name') }).first();
  const box = (await node.boundingBox())!;
  const start = { x: box.x + 60, y: box.y + 12 };
  // Strings, not functions: tsx wraps named functions in a helper the page does not have.
  await page.evaluate(`(() => {
    const state = { frames: [], running: true };
    window.__frames = state;
    const tick = (time) => {
      state.frames.push(time);
      if (state.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= DRAG_MOVES; i++) await page.mouse.move(start.x + i * 3, start.y + Math.sin(i / 8) * 60);
  await page.mouse.up();
  const frames = (await page.evaluate('(() => { window.__frames.running = false; return window.__frames.frames; })()')) as number[];
  const elapsed = frames[frames.length - 1]! - frames[0]!;
  let worst = 0;
  for (let i = 1; i < frames.length; i++) worst = Math.max(worst, frames[i]! - frames[i - 1]!);
  return { openMs, loadReplyMs, fps: ((frames.length - 1) / elapsed) * 1000, worstFrameMs: worst };
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.SLUICE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Keys: node count, then `before` for the other checkout's build.
  const variants = BEFORE ? ['10', '500', '10 before', '500 before'] : ['10', '500'];
  const results: Record<string, Measure[]> = Object.fromEntries(variants.map((variant) => [variant, []]));
  const servers = [];
  try {
    const urls: Record<string, string> = {};
    for (const variant of variants) {
      const count = Number.parseInt(variant, 10);
      const temp = await makeTempProject();
      await mkdir(temp.projectDir, { recursive: true });
      // The only pipeline in the folder, so it is the one that opens.
      const { readdir, rm } = await import('node:fs/promises');
      for (const file of await readdir(temp.projectDir)) if (file.endsWith('.sluice.yaml')) await rm(path.join(temp.projectDir, file));
      await writeFile(path.join(temp.projectDir, 'bench.sluice.yaml'), serializePipeline(layeredPipeline(count)), 'utf8');
      const server = variant.endsWith('before') ? await startServeFrom(BEFORE!, temp.projectDir, temp.userDataDir) : await startServe(temp.projectDir, temp.userDataDir);
      servers.push({ server, root: temp.root });
      urls[variant] = server.url;
    }
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved, so drift on a shared machine hits every variant alike.
      for (const count of variants) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        await context.addInitScript(`
          const record = () => {
            if (document.documentElement.dataset.appState === 'loaded' && !window.__loadedAt) window.__loadedAt = performance.now();
          };
          new MutationObserver(record).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-app-state'] });
        `);
        const page = await context.newPage();
        results[count]!.push(await measure(page, urls[count]!));
        await context.close();
      }
    }
  } finally {
    await browser.close();
    for (const { server, root } of servers) {
      await server.stop();
      await removeTempDir(root);
    }
  }
  const summary = (variant: string) => {
    const runs = results[variant]!;
    return { open: median(runs.map((r) => r.openMs)), reply: median(runs.map((r) => r.loadReplyMs)), canvas: median(runs.map((r) => r.openMs - r.loadReplyMs)), fps: median(runs.map((r) => r.fps)), worst: median(runs.map((r) => r.worstFrameMs)) };
  };
  console.log(`rounds: ${ROUNDS}, drag: ${DRAG_MOVES} pointer moves, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
  for (const variant of variants) {
    const m = summary(variant);
    console.log(`${`${variant} nodes:`.padEnd(18)} open ${fmt(m.open)} (pipeline:load reply at ${fmt(m.reply)}, then ${fmt(m.canvas)} to a drawn canvas), drag ${m.fps.toFixed(1)} fps (worst frame ${fmt(m.worst)})`);
  }
  const small = summary('10');
  const large = summary('500');
  console.log(`ratio 500/10: open ×${(large.open / small.open).toFixed(2)}, after the reply ×${(large.canvas / small.canvas).toFixed(2)}, fps ×${(large.fps / small.fps).toFixed(2)}`);
  if (BEFORE) {
    const before = summary('500 before');
    const beforeSmall = summary('10 before');
    console.log(`after/before: 500 nodes open ×${(large.open / before.open).toFixed(2)}, reply ×${(large.reply / before.reply).toFixed(2)}, after the reply ×${(large.canvas / before.canvas).toFixed(2)}; 10 nodes open ×${(small.open / beforeSmall.open).toFixed(2)}`);
  }
  console.log(`targets: open < 1 s → ${large.open < 1000 ? 'met' : 'missed'}; drag ≥ 50 fps → ${large.fps >= 50 ? 'met' : 'missed'}`);
}

await main();
