// Paging deep into a sorted 10M-row result: rows 1,000,000–1,000,200 through
// Engine.readRows (the node computed once into the cache, then a streaming scan
// of one Parquet file per page) against raw DuckDB `ORDER BY … LIMIT 200 OFFSET
// 1000000` on the same data, with the process's memory while paging.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { PipelineSchema } from '../common/pipeline/model';
import { Engine } from '../main/engine/engine';
import { benchFile, fmt, generateOnce, machine, median, mib, report, time, type Figure } from './engine-bench-support';

const ROWS = 10_000_000;
const OFFSET = 1_000_000;
const LIMIT = 200;

export async function benchPaging(): Promise<Figure[]> {
  const file = await generateOnce(benchFile('paging-10m.parquet'), (target) =>
    `COPY (SELECT i AS id, hash(i) % 1000000007 AS sort_key, 'payload ' || i AS label, i % 97 AS bucket FROM range(${ROWS}) t(i)) TO '${target}' (FORMAT parquet)`,
  );
  const projectDir = mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-paging-'));
  const pipeline = PipelineSchema.parse({
    version: 1,
    name: 'paging',
    nodes: [
      { name: 'rows', type: 'source.file', path: file },
      { name: 'sorted', type: 'transform.sort', inputs: ['rows'], by: ['sort_key', 'id'] },
    ],
  });
  const engine = await Engine.create();
  const raw = await DuckDBInstance.create(':memory:');
  const rawPage = async (offset: number) => {
    const connection = await raw.connect();
    try {
      const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}') ORDER BY sort_key, id LIMIT ${LIMIT} OFFSET ${offset}`);
      return reader.getColumns()[0]![0];
    } finally {
      connection.closeSync();
    }
  };
  const enginePage = async (offset: number, node = 'sorted', sort?: { column: string }[]) => {
    const page = await engine.readRows({ pipeline, projectDir, node, offset, limit: LIMIT, ...(sort ? { sort } : {}) });
    if (page.rowCount !== LIMIT || page.totalRows !== ROWS) throw new Error('wrong page');
    return page.columnData[0]![0];
  };

  const startRss = process.memoryUsage().rss;
  const cold = await time(() => enginePage(OFFSET));
  // Memory while paging through the whole result, deep pages included (before any raw query runs here).
  const rss: number[] = [];
  const deep: number[] = [];
  for (let offset = OFFSET; offset < ROWS; offset += 450_000) {
    deep.push((await time(() => enginePage(offset))).ms);
    rss.push(process.memoryUsage().rss);
  }
  const warm: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < 7; i++) {
    const a = await time(() => enginePage(OFFSET));
    const b = await time(() => rawPage(OFFSET));
    if (String(a.value) !== String(b.value)) throw new Error(`engine and raw disagree at row ${OFFSET}: ${a.value} vs ${b.value}`);
    warm.push(a.ms);
    baseline.push(b.ms);
  }
  const afterRaw = process.memoryUsage().rss;
  // A sort chosen in the grid (not a node): the first screen is a top-N query; the sorted view is written after it, then paged.
  const gridTop = await time(() => enginePage(0, 'rows', [{ column: 'label' }]));
  const gridCold = await time(() => enginePage(OFFSET, 'rows', [{ column: 'label' }]));
  const gridWarm = await time(() => enginePage(OFFSET + LIMIT, 'rows', [{ column: 'label' }]));
  await engine.close();
  raw.closeSync();
  rmSync(projectDir, { recursive: true, force: true });
  const ratio = median(warm) / median(baseline);
  return [
    { bench: 'paging 10M sorted rows', measure: `rows ${OFFSET.toLocaleString('en-US')}–${(OFFSET + LIMIT).toLocaleString('en-US')}, first request (sorts and caches the node)`, value: fmt(cold.ms) },
    { bench: 'paging 10M sorted rows', measure: 'same page again (median of 7)', value: fmt(median(warm)), baseline: `raw ORDER BY … OFFSET ${fmt(median(baseline))}`, ratio: `${ratio.toFixed(2)}x` },
    { bench: 'paging 10M sorted rows', measure: `${deep.length} pages from row 1M to 10M`, value: `median ${fmt(median(deep))}, worst ${fmt(Math.max(...deep))}` },
    {
      bench: 'paging 10M sorted rows',
      measure: 'process RSS: before / after the first page / after each later page (min–max) / after the raw sorts',
      value: `${mib(startRss)} / ${mib(rss[0]!)} / ${mib(Math.min(...rss))}–${mib(Math.max(...rss))} / ${mib(afterRaw)}`,
    },
    {
      bench: 'paging 10M sorted rows',
      measure: 'grid sort on a column: first screen / then a page at row 1M (waits for the view) / the next page',
      value: `${fmt(gridTop.ms)} / ${fmt(gridCold.ms)} / ${fmt(gridWarm.ms)}`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(machine());
  report(await benchPaging());
}
