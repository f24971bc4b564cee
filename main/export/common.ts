import path from 'node:path';
import { PYTHON_RUNTIME } from './python-runtime';
import { PYTHON_LOCKS, TOP_LEVEL_PINS } from './python-locks';
import type { ExportNode, ExportPlan } from './plan';
import type { ExportTarget } from './targets';

export interface ExportFile {
  /** Relative to the export folder, with forward slashes. */
  path: string;
  contents: string;
}

export type Granularity = 'node' | 'pipeline';

export interface ExportOptions {
  /** One task/asset per node (default), or one for the whole pipeline. */
  granularity?: Granularity;
  /**
   * Default roots baked into the export; each is overridden at run time by its
   * environment variable. Relative values are relative to the export folder.
   */
  dataRoot?: string;
  outputRoot?: string;
  workRoot?: string;
  /** Default task retries (SLUICE_RETRIES overrides). */
  retries?: number;
}

export const DEFAULT_WORK_ROOT = '.sluice-work';

export function resolvedOptions(options: ExportOptions): Required<Omit<ExportOptions, 'outputRoot'>> & { outputRoot: string | null } {
  return {
    granularity: options.granularity ?? 'node',
    dataRoot: options.dataRoot ?? '.',
    outputRoot: options.outputRoot ?? null,
    workRoot: options.workRoot ?? DEFAULT_WORK_ROOT,
    retries: options.retries ?? 0,
  };
}

// No version number: the same pipeline exports to the same bytes across releases
// unless the generated code itself changes (golden files, reviewable diffs).
export function generatedBy(): string {
  return 'Sluice';
}

function isPortable(root: string): boolean {
  return root.includes('://') || path.posix.isAbsolute(root);
}

/** A root as the runtime reads it from pipeline.json: relative to the package folder. */
function rootFromPackage(root: string, packageToExportRoot: string): string {
  return isPortable(root) ? root : path.posix.normalize(path.posix.join(packageToExportRoot, root));
}

export function sqlFileName(node: ExportNode): string {
  return `sql/${node.id}.sql`;
}

/** A header comment that says where the SQL came from, then the SQL exactly as compiled. */
export function sqlFileContents(node: ExportNode, body = node.sql): string {
  const lines = [`-- Node "${node.name.replaceAll('\n', ' ')}" (${node.type})`];
  if (node.description) lines.push(`-- ${node.description.replaceAll('\n', ' ')}`);
  if (node.inputs.length > 0) lines.push(`-- Reads: ${node.inputs.map((i) => i.name).join(', ')}`);
  return `${lines.join('\n')}\n${body}\n`;
}

/**
 * The Python package that runtime-based exports share: runtime.py, pipeline.json
 * and one .sql file per node.
 */
export function runtimePackageFiles(plan: ExportPlan, options: ExportOptions, packageDir: string): ExportFile[] {
  const resolved = resolvedOptions(options);
  const up = path.posix.relative(packageDir, '.') || '.';
  const manifest = {
    format: 1,
    generator: generatedBy(),
    pipeline: { id: plan.id, name: plan.name },
    defaults: {
      data_root: rootFromPackage(resolved.dataRoot, up),
      output_root: resolved.outputRoot === null ? null : rootFromPackage(resolved.outputRoot, up),
      work_root: rootFromPackage(resolved.workRoot, up),
    },
    params: plan.params.map((p) => ({ name: p.name, type: p.type, default: p.default, ...(p.description ? { description: p.description } : {}) })),
    nodes: plan.nodes.map((node) => ({
      id: node.id,
      name: node.name,
      type: node.type,
      role: node.role,
      sql: sqlFileName(node),
      inputs: node.inputs.map((i) => ({ id: i.id, name: i.name })),
      upstream: node.upstream.map((u) => ({ id: u.id, name: u.name })),
      setup: node.setup,
      teardown: node.teardown,
      check: node.check ? { severity: node.check.severity, sample_size: node.check.sampleSize } : null,
      sink: manifestSink(node),
    })),
  };
  return [
    { path: `${packageDir}/__init__.py`, contents: `"""The Sluice pipeline "${pyText(plan.name)}": runtime, node SQL and manifest."""\n` },
    { path: `${packageDir}/runtime.py`, contents: PYTHON_RUNTIME },
    { path: `${packageDir}/pipeline.json`, contents: `${JSON.stringify(manifest, null, 2)}\n` },
    ...plan.nodes.map((node) => ({ path: `${packageDir}/${sqlFileName(node)}`, contents: sqlFileContents(node) })),
  ];
}

function manifestSink(node: ExportNode): Record<string, unknown> | null {
  const sink = node.sink;
  if (!sink) return null;
  if (sink.kind === 'file') return { kind: 'file', path: sink.path, format: sink.format, copy_options: sink.copyOptions, partitioned: sink.partitioned };
  return { kind: 'duckdb', path: sink.path, table: sink.table, statements: sink.statements, rollback: sink.rollback };
}

/** Text safe inside a Python double-quoted string or docstring. */
export function pyText(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', ' ');
}

/** A Python string literal. */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

export function requirementsFiles(target: ExportTarget): ExportFile[] {
  const files: ExportFile[] = [{ path: 'requirements.txt', contents: `${TOP_LEVEL_PINS[target].join('\n')}\n` }];
  if (target !== 'python') {
    files.push({
      path: 'constraints.txt',
      contents: `# Every package the pins above resolve to (uv pip compile --universal, Python 3.11+).\n# pip install -r requirements.txt -c constraints.txt\n${PYTHON_LOCKS[target].trimStart()}`,
    });
  }
  return files;
}

export function installCommand(target: ExportTarget): string {
  return target === 'python' ? 'pip install -r requirements.txt' : 'pip install -r requirements.txt -c constraints.txt';
}

/** Markdown table of the nodes, shared by the READMEs. */
export function nodeTable(plan: ExportPlan, column: string, name: (node: ExportNode) => string): string {
  const rows = plan.nodes.map((node) => `| ${mdCell(node.name)} | ${node.role} | \`${name(node)}\` | ${node.inputs.map((i) => mdCell(i.name)).join(', ')} |`);
  return [`| Node | Role | ${column} | Reads |`, '| --- | --- | --- | --- |', ...rows].join('\n');
}

function mdCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** Markdown list of the pipeline's parameters and how a target passes them. */
export function paramsSection(plan: ExportPlan, how: string): string {
  const lines = ['## Parameters', ''];
  if (plan.params.length === 0) {
    lines.push('The pipeline declares no parameters. The run date (default: today, UTC) names the intermediates.');
  } else {
    lines.push('Node SQL reads parameters with `getvariable(\'name\')`, as in the IDE.', '', '| Name | Type | Default | Description |', '| --- | --- | --- | --- |');
    for (const p of plan.params) lines.push(`| \`${p.name}\` | ${p.type} | \`${String(p.default)}\` | ${mdCell(p.description ?? '')} |`);
    if (!plan.params.some((p) => p.name === 'run_date')) lines.push('', 'The run date (default: today, UTC) names the intermediates.');
    else lines.push('', '`run_date` also names the intermediates of a run.');
  }
  lines.push('', how);
  return lines.join('\n');
}

export function environmentSection(): string {
  return [
    '## Paths and settings',
    '',
    '| Variable | Meaning | Default |',
    '| --- | --- | --- |',
    '| `SLUICE_DATA_ROOT` | folder (or `s3://…` prefix) the source files are read from, by their paths in the pipeline | set at export time (`pipeline.json` → `defaults`) |',
    '| `SLUICE_OUTPUT_ROOT` | where sinks write, by their paths in the pipeline | the data root |',
    '| `SLUICE_WORK_ROOT` | intermediates: `<work root>/<node>/<run date>.parquet` | `.sluice-work` in this folder |',
    '| `SLUICE_RUN_DATE` | run date (`YYYY-MM-DD`) when none is passed | today (UTC) |',
    '| `SLUICE_RETRIES` | task retries (orchestrators) | 0 |',
    '| `SLUICE_DUCKDB_THREADS`, `SLUICE_DUCKDB_MEMORY_LIMIT` | DuckDB limits per task | DuckDB\'s defaults |',
    '',
    'Local files are written under a temporary name and renamed when complete. An `s3://…` root',
    'needs DuckDB\'s httpfs extension and credentials (a DuckDB secret); objects are written directly.',
  ].join('\n');
}
