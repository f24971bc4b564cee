// Where the open of a pipeline spends its time, one line per request: opens a
// generated pipeline (SLUICE_BENCH_NODES, default 500) in Chromium against serve
// mode and prints, per round, each request's start and end (navigation-relative),
// paint marks and the loaded signal. With SLUICE_BENCH_PROFILE=file, also writes a
// CPU profile (.cpuprofile, open in Chrome DevTools) of the last round's open; with
// SLUICE_BENCH_TRACE=file, a performance trace of it (style, layout, paint; DevTools too).
// `npm run build` first; `npx tsx bench/canvas-timeline.ts`.
import { readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { serializePipeline } from '../common/pipeline/pipeline-file';
import { makeTempProject, removeTempDir, startServe } from '../e2e/fixtures/serve-process';
import { layeredPipeline } from './canvas-pipeline';

const ROUNDS = Number(process.env.SLUICE_BENCH_ROUNDS ?? 3);
const NODES = Number(process.env.SLUICE_BENCH_NODES ?? 500);
const PROFILE = process.env.SLUICE_BENCH_PROFILE;
const TRACE = process.env.SLUICE_BENCH_TRACE;

interface Entry {
  name: string;
  start: number;
  end: number;
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.SLUICE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const temp = await makeTempProject();
  for (const file of await readdir(temp.projectDir)) if (file.endsWith('.sluice.yaml')) await rm(path.join(temp.projectDir, file));
  await writeFile(path.join(temp.projectDir, 'bench.sluice.yaml'), serializePipeline(layeredPipeline(NODES)), 'utf8');
  const server = await startServe(temp.projectDir, temp.userDataDir);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addInitScript(`
        const record = () => {
          if (document.documentElement.dataset.appState === 'loaded' && !window.__loadedAt) {
            window.__loadedAt = performance.now();
            window.__cardsAtLoaded = document.querySelectorAll('.react-flow__node').length;
            // The first frame drawn after the signal: what the user sees, cards laid out and painted.
            requestAnimationFrame(() => setTimeout(() => {
              window.__paintedAt = performance.now();
              window.__cardsPainted = document.querySelectorAll('.react-flow__node').length;
              window.__edgesPainted = document.querySelectorAll('.react-flow__edge').length;
              window.__elements = document.getElementsByTagName('*').length;
            }));
          }
        };
        new MutationObserver(record).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-app-state'] });
      `);
      const page = await context.newPage();
      const profiling = PROFILE && round === ROUNDS - 1;
      const tracing = TRACE && round === ROUNDS - 1;
      if (tracing) await browser.startTracing(page, { path: TRACE, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'] });
      const cdp = profiling ? await context.newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      await page.goto(server.url);
      await page.waitForSelector('html[data-app-state="loaded"]', { state: 'attached', timeout: 60_000 });
      if (tracing) await browser.stopTracing();
      if (cdp) {
        const { profile } = await cdp.send('Profiler.stop');
        await writeFile(PROFILE!, JSON.stringify(profile));
      }
      await page.waitForFunction('window.__paintedAt !== undefined');
      const loadedAt = (await page.evaluate('window.__loadedAt')) as number;
      const counts = await page.evaluate('({ atLoaded: window.__cardsAtLoaded, cards: window.__cardsPainted, edges: window.__edgesPainted, elements: window.__elements, minimap: document.querySelectorAll(".react-flow__minimap-node").length })');
      const entries = (await page.evaluate(`(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const out = [{ name: 'document', start: nav.startTime, end: nav.responseEnd }, { name: 'domContentLoaded', start: nav.domContentLoadedEventStart, end: nav.domContentLoadedEventEnd }];
        for (const entry of performance.getEntriesByType('resource')) out.push({ name: entry.name.replace(/^https?:\\/\\/[^/]+/, '').replace(/\\?.*$/, ''), start: entry.startTime, end: entry.responseEnd });
        for (const entry of performance.getEntriesByType('paint')) out.push({ name: entry.name, start: entry.startTime, end: entry.startTime });
        return out;
      })()`)) as Entry[];
      entries.push({ name: 'loaded', start: loadedAt, end: loadedAt });
      const paintedAt = (await page.evaluate('window.__paintedAt')) as number;
      entries.push({ name: `next frame drawn (${JSON.stringify(counts)})`, start: paintedAt, end: paintedAt });
      entries.sort((a, b) => a.start - b.start);
      console.log(`round ${round + 1} (${NODES} nodes, load average ${os.loadavg()[0]!.toFixed(1)})`);
      for (const entry of entries) console.log(`  ${entry.start.toFixed(0).padStart(6)} → ${entry.end.toFixed(0).padStart(6)}  ${(entry.end - entry.start).toFixed(0).padStart(5)} ms  ${entry.name}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    await removeTempDir(temp.root);
  }
}

await main();
