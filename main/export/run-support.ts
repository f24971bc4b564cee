// Shared by the *.run.test.ts proofs: a real project on disk, Sluice's own run of it,
// the export run by the real tool from its venv, and a row-by-row comparison.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../common/contract/api';
import { parsePipelineFile } from '../../common/pipeline/pipeline-file';
import type { Pipeline } from '../../common/pipeline/model';
import { Engine } from '../engine/engine';
import { quoteLiteral } from '../engine/sql-text';
import { makeTempDir, REPO_ROOT, SAMPLE_PROJECT, VEGA_DATA } from '../test-support/temp';
import type { ExportOptions } from './common';
import { generateExport, prepareExport, type PreparedExport } from './index';
import type { ExportPlan } from './plan';
import { venvPython } from './python-venv';
import type { ExportTarget } from './targets';
import { writeExport } from './writer';

export const RUN_DATE = '2024-01-31';

export interface PipelineCase {
  label: string;
  file: string;
  /** The run must fail, and its output must name this check. */
  failingCheck?: RegExp;
  /** Makes files the pipeline reads beyond vega-datasets. */
  prepare?: (projectDir: string) => Promise<void>;
}

/** DuckDB sources and sinks, partitioned and JSON sinks: the runtime's other paths (Python target). */
export const FORMATS_CASE: PipelineCase = {
  label: 'DuckDB source and sink, partitioned and JSON sinks',
  file: path.join(REPO_ROOT, 'main/export/test-pipelines/weather.sluice.yaml'),
  prepare: async (projectDir) => {
    const instance = await DuckDBInstance.create(path.join(projectDir, 'data', 'weather.duckdb'));
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE weather AS SELECT * FROM read_csv(${quoteLiteral(path.join(VEGA_DATA, 'seattle-weather.csv'))})`);
    connection.closeSync();
    instance.closeSync();
  },
};

export const PIPELINE_CASES: PipelineCase[] = [
  { label: 'sample (flights by state)', file: path.join(SAMPLE_PROJECT, 'flights.sluice.yaml') },
  { label: 'join + aggregate + checks + parameter', file: path.join(REPO_ROOT, 'main/export/test-pipelines/routes.sluice.yaml') },
  { label: 'failing check', file: path.join(REPO_ROOT, 'main/export/test-pipelines/movies.sluice.yaml'), failingCheck: /rating.present/u },
];

const DATA_FILES = ['flights-3m.parquet', 'airports.csv', 'flights-airport.csv', 'movies.json'];

/**
 * Builds (or confirms) the target's venv with scripts/python-env.ts. Returns a skip
 * reason only when the venv is absent and SLUICE_SKIP_EXPORT_RUNS=1 says not to build it.
 */
export async function ensureVenv(target: ExportTarget): Promise<string | undefined> {
  if (process.env.SLUICE_SKIP_EXPORT_RUNS === '1' && !existsSync(venvPython(REPO_ROOT, target))) {
    return `the ${target} venv is absent and SLUICE_SKIP_EXPORT_RUNS=1 (build it with: npx tsx scripts/python-env.ts)`;
  }
  const result = await runCommand(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/python-env.ts', '--only', target], {
    cwd: REPO_ROOT,
    timeoutMs: 15 * 60_000,
  });
  if (result.code !== 0) throw new Error(`scripts/python-env.ts --only ${target} failed:\n${result.output}`);
  return undefined;
}

export interface Project {
  dir: string;
  pipeline: Pipeline;
}

/** A project folder: the pipeline file and its data (links to vega-datasets). */
export async function makeProject(into: string, file: string): Promise<Project> {
  const dir = path.join(into, 'project');
  await mkdir(path.join(dir, 'data'), { recursive: true });
  for (const name of DATA_FILES) await symlink(path.join(VEGA_DATA, name), path.join(dir, 'data', name));
  await copyFile(file, path.join(dir, path.basename(file)));
  const parsed = parsePipelineFile(await readFile(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
  return { dir, pipeline: parsed.pipeline };
}

/** Sluice's own run of the project: sinks land in the project folder. */
export async function runWithEngine(project: Project, runDir: string): Promise<RunReport> {
  const engine = await Engine.create({ threads: 2 });
  try {
    return await engine.run({ runId: 'proof', pipeline: project.pipeline, pipelinePath: null, projectDir: project.dir, cacheDir: path.join(runDir, 'engine-cache') });
  } finally {
    await engine.close();
  }
}

export async function exportProject(target: ExportTarget, prepared: PreparedExport, outDir: string, options: ExportOptions = {}): Promise<string> {
  await writeExport(generateExport(target, prepared, options), outDir);
  return outDir;
}

export { prepareExport };

export interface CommandResult {
  code: number | null;
  output: string;
  ms: number;
}

/** Runs a command to completion, stdout and stderr together; kills it past the timeout. */
export function runCommand(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const timer = setTimeout(() => {
      // The tools start servers and workers of their own: end the whole group.
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started });
    });
  });
}

/** Environment for an exported run: data from the project, outputs and intermediates apart. */
export function exportEnv(project: Project, runDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SLUICE_DATA_ROOT: project.dir,
    SLUICE_OUTPUT_ROOT: path.join(runDir, 'output'),
    SLUICE_WORK_ROOT: path.join(runDir, 'work'),
    SLUICE_RUN_DATE: RUN_DATE,
    SLUICE_DUCKDB_THREADS: '2',
    ...extra,
  };
}

function sinkRelation(sink: NonNullable<ExportPlan['nodes'][number]['sink']>, root: string): { setup: string[]; relation: string } {
  const file = path.join(root, sink.path);
  if (!existsSync(file)) throw new Error(`sink output ${file} does not exist`);
  if (sink.kind === 'duckdb') {
    const alias = `db_${Math.random().toString(36).slice(2, 10)}`;
    return { setup: [`ATTACH ${quoteLiteral(file)} AS ${alias} (READ_ONLY)`], relation: `${alias}.main."${sink.table.replaceAll('"', '""')}"` };
  }
  if (sink.partitioned) return { setup: [], relation: `read_parquet(${quoteLiteral(`${file}/**/*.parquet`)}, hive_partitioning = true)` };
  const reader = sink.format === 'csv' ? 'read_csv' : sink.format === 'json' ? 'read_json' : 'read_parquet';
  return { setup: [], relation: `${reader}(${quoteLiteral(file)})` };
}

/**
 * Every sink of the plan, as written by the engine (under `engineRoot`) and by the
 * export (under `exportRoot`): same columns, same rows in any order.
 */
export async function compareSinks(plan: ExportPlan, engineRoot: string, exportRoot: string): Promise<Record<string, number>> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const rows: Record<string, number> = {};
  try {
    for (const node of plan.nodes) {
      if (!node.sink) continue;
      const ide = sinkRelation(node.sink, engineRoot);
      const exported = sinkRelation(node.sink, exportRoot);
      for (const statement of [...ide.setup, ...exported.setup]) await connection.run(statement);
      const describe = async (relation: string) =>
        (await connection.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${relation})`)).getRows().map((r) => `${String(r[0])} ${String(r[1])}`);
      const [ideColumns, exportedColumns] = [await describe(ide.relation), await describe(exported.relation)];
      if (JSON.stringify(ideColumns) !== JSON.stringify(exportedColumns)) {
        throw new Error(`${node.name}: columns differ\n  IDE:    ${ideColumns.join(', ')}\n  export: ${exportedColumns.join(', ')}`);
      }
      const count = async (sql: string) => Number((await connection.runAndReadAll(sql)).getColumns()[0]![0]);
      const ideRows = await count(`SELECT count(*) FROM ${ide.relation}`);
      const exportedRows = await count(`SELECT count(*) FROM ${exported.relation}`);
      const different = await count(
        `SELECT count(*) FROM ((SELECT * FROM ${ide.relation} EXCEPT ALL SELECT * FROM ${exported.relation}) UNION ALL (SELECT * FROM ${exported.relation} EXCEPT ALL SELECT * FROM ${ide.relation}))`,
      );
      if (ideRows !== exportedRows || different !== 0) {
        throw new Error(`${node.name}: IDE wrote ${ideRows} rows, the export ${exportedRows}; ${different} rows are in one and not the other`);
      }
      rows[node.name] = ideRows;
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return rows;
}

/** One line per real orchestrator run, so timings show in the test output. */
export function reportTiming(target: string, label: string, result: CommandResult): void {
  process.stdout.write(`[export-run] ${target} · ${label}: exit ${String(result.code)} in ${(result.ms / 1000).toFixed(1)} s\n`);
}

export interface RunContext {
  target: ExportTarget;
  label: string;
  project: Project;
  prepared: PreparedExport;
  exportDir: string;
  /** Per-run scratch folder; the export writes sinks under <runDir>/output. */
  runDir: string;
}

/**
 * The proof for one target: every pipeline case exported, run by `runner` with the
 * real tool, and compared with Sluice's own run (or, for the failing check, failed).
 */
export function describeExportRuns(
  target: ExportTarget,
  runner: (ctx: RunContext) => Promise<CommandResult>,
  options: { exportOptions?: ExportOptions; title?: string; cases?: PipelineCase[]; setup?: () => Promise<void> } = {},
): void {
  describe(options.title ?? `${target} export, run for real`, () => {
    let skipReason: string | undefined;
    beforeAll(async () => {
      skipReason = await ensureVenv(target);
      if (!skipReason) await options.setup?.();
    }, 20 * 60_000);

    for (const pipelineCase of options.cases ?? PIPELINE_CASES) {
      it(pipelineCase.label, async (context) => {
        if (skipReason) {
          context.skip(skipReason);
          return;
        }
        const temp = await makeTempDir(`sluice-${target}-run-`);
        try {
          const project = await makeProject(temp.dir, pipelineCase.file);
          await pipelineCase.prepare?.(project.dir);
          const report = await runWithEngine(project, temp.dir);
          const prepared = await prepareExport(project.pipeline);
          const exportDir = await exportProject(target, prepared, path.join(temp.dir, 'export'), options.exportOptions);
          const result = await runner({ target, label: pipelineCase.label, project, prepared, exportDir, runDir: temp.dir });
          reportTiming(options.title ?? target, pipelineCase.label, result);
          const tail = result.output.slice(-6000);
          if (pipelineCase.failingCheck) {
            expect(report.status).toBe('failed');
            expect(result.code, tail).not.toBe(0);
            expect(result.output).toMatch(pipelineCase.failingCheck);
          } else {
            expect(report.status, JSON.stringify(report.nodes.filter((n) => n.error))).toBe('succeeded');
            expect(result.code, tail).toBe(0);
            const rows = await compareSinks(prepared.plan, project.dir, path.join(temp.dir, 'output'));
            expect(Object.keys(rows).length).toBeGreaterThan(0);
          }
        } finally {
          await temp.dispose();
        }
      }, 15 * 60_000);
    }
  });
}
