import { ApiError } from '../../common/contract/envelope';
import { environmentSection, installCommand, nodeTable, paramsSection, pyString, requirementsFiles, resolvedOptions, type ExportFile, type ExportOptions } from './common';
import type { ExportNode, ExportPlan } from './plan';
import { PYTHON_PARAM_LITERAL } from './python-runtime';
import type { SqlAnalysis } from './sql-analysis';

// dbt-core + dbt-duckdb: one model per node. Upstream names in the SQL become
// ref() through the parse tree (sql-analysis.ts); source files are dbt sources
// whose external_location is the IDE's compiled relation; every model is an
// external (Parquet) materialization, sinks at their own path and format.

const SOURCE_NAME = 'sluice';

/** Jinja must not read the author's SQL: `{{` in a string literal stays text. */
function jinjaSafe(text: string): string {
  return /\{[{%#]/u.test(text) ? `{% raw %}${text}{% endraw %}` : text;
}

function yamlString(text: string): string {
  return JSON.stringify(text);
}

function unsupported(node: ExportNode, message: string): ApiError {
  return new ApiError({ code: 'unsupported', node: node.name, message: `${node.name}: ${message}` });
}

/** The node's SQL with upstream names as ref(), from the parse-tree template. */
function templatedSql(node: ExportNode, analysis: SqlAnalysis): string {
  const template = analysis.templates.get(node.id);
  if (!template) throw new ApiError({ code: 'internal', node: node.name, message: `${node.name}: no parse of its SQL` });
  let rest = template.text;
  const chunks: string[] = [];
  for (const ref of template.refs) {
    const at = rest.indexOf(ref.placeholder);
    chunks.push(jinjaSafe(rest.slice(0, at)), `{{ ref('${ref.node.id}') }}`);
    rest = rest.slice(at + ref.placeholder.length);
  }
  chunks.push(jinjaSafe(rest));
  return chunks.join('');
}

function header(node: ExportNode): string {
  const lines = [`-- Node "${node.name.replaceAll('\n', ' ')}" (${node.type})`];
  if (node.description) lines.push(`-- ${node.description.replaceAll('\n', ' ')}`);
  return lines.join('\n');
}

function jinjaValue(value: string | number | boolean): string {
  return typeof value === 'string' ? `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'` : typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

function sinkConfig(node: ExportNode): string {
  const source = node.node;
  if (source.type !== 'sink.file' || node.sink?.kind !== 'file') {
    throw unsupported(node, `${node.type} has no dbt-duckdb equivalent here; export this pipeline to another target`);
  }
  const options: string[] = [];
  if (source.compression !== undefined) options.push(`'compression': '${source.compression === 'none' ? (node.sink.format === 'parquet' ? 'uncompressed' : 'none') : source.compression}'`);
  if (source.delimiter !== undefined) options.push(`'delimiter': ${jinjaValue(source.delimiter)}`);
  if (node.sink.format === 'csv') options.push(`'header': ${source.header ?? true ? 'true' : 'false'}`);
  if (source.partition_by && source.partition_by.length > 0) options.push(`'partition_by': ${jinjaValue(source.partition_by.map((c) => `"${c.replaceAll('"', '""')}"`).join(', '))}`);
  const location = `sluice_output_location('${node.sink.path.replaceAll("'", "\\'")}')`;
  return `location="{{ ${location} }}", format='${node.sink.format}'${options.length > 0 ? `, options={${options.join(', ')}}` : ''}`;
}

function modelSql(node: ExportNode, analysis: SqlAnalysis): string {
  let body: string;
  if (node.type === 'source.file') body = `select * from {{ source('${SOURCE_NAME}', '${node.id}') }}`;
  else if (node.type === 'source.duckdb') throw unsupported(node, 'a DuckDB database source is not exported to dbt yet; export this pipeline to another target');
  else body = templatedSql(node, analysis);
  // The location stays a Jinja string: the external materialization renders it when
  // the model runs, so the run date is the run's, not the one of the last parse.
  const target = node.sink ? sinkConfig(node) : `location="{{ sluice_work_location('${node.id}') }}", format='parquet'`;
  return `{{ config(materialized='external', ${target}) }}\n${header(node)}\n${body}\n`;
}

type GenericTest = { model: string; column?: string; test: string; name: string; severity: 'error' | 'warn'; args?: string[] };

/** not_null, single-column unique and same-kind accepted_values are dbt's own generic tests. */
function genericTests(node: ExportNode): GenericTest[] | undefined {
  const source = node.node;
  const model = node.inputs[0]!.id;
  const severity = node.check!.severity;
  switch (source.type) {
    case 'check.not_null':
      return source.columns.map((column, i) => ({ model, column, test: 'not_null', name: source.columns.length > 1 ? `${node.id}_${i + 1}` : node.id, severity }));
    case 'check.unique':
      return source.columns.length === 1 ? [{ model, column: source.columns[0]!, test: 'unique', name: node.id, severity }] : undefined;
    case 'check.accepted_values': {
      const strings = source.values.every((v) => typeof v === 'string');
      const numbers = source.values.every((v) => typeof v === 'number');
      if (!strings && !numbers) return undefined;
      return [{ model, column: source.column, test: 'accepted_values', name: node.id, severity, args: [`values: ${JSON.stringify(source.values)}`, `quote: ${strings}`] }];
    }
    default:
      return undefined;
  }
}

function singularTest(node: ExportNode, analysis: SqlAnalysis): string {
  const severity = node.check!.severity === 'warn' ? `{{ config(severity='warn') }}\n` : '';
  return `${severity}${header(node)}\n-- A dbt test fails when this query returns rows: the check's failing rows.\n${templatedSql(node, analysis)}\n`;
}

function sourcesYaml(plan: ExportPlan): string {
  const sources = plan.nodes.filter((n) => n.type === 'source.file');
  if (sources.length === 0) return '';
  const tables = sources.map((node) => {
    if (/[{}]/u.test(node.sql)) {
      throw new ApiError({ code: 'unsupported', node: node.name, message: `${node.name}: dbt-duckdb formats external locations with str.format, so a path with { or } cannot be exported to dbt` });
    }
    const lines = [`      - name: ${node.id}`];
    if (node.description) lines.push(`        description: ${yamlString(node.description)}`);
    lines.push('        config:', '          meta:', `            external_location: ${yamlString(`(${node.sql})`)}`);
    return lines.join('\n');
  });
  return `version: 2

sources:
  - name: ${SOURCE_NAME}
    description: "Files the pipeline reads, under SLUICE_DATA_ROOT (the DuckDB variable sluice_data_root)."
    tables:
${tables.join('\n')}
`;
}

function yamlName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/u.test(name) ? name : yamlString(name);
}

function schemaYaml(plan: ExportPlan, tests: GenericTest[]): string {
  const models = plan.nodes.filter((n) => !n.check).map((node) => {
    const lines = [`  - name: ${node.id}`, `    description: ${yamlString(node.description ?? `Node "${node.name}" (${node.type})`)}`];
    const mine = tests.filter((t) => t.model === node.id);
    const columns = [...new Set(mine.map((t) => t.column!))];
    if (columns.length > 0) lines.push('    columns:');
    for (const column of columns) {
      lines.push(`      - name: ${yamlName(column)}`);
      if (!/^[a-z_][a-z0-9_]*$/u.test(column)) lines.push('        quote: true');
      lines.push('        data_tests:');
      for (const test of mine.filter((t) => t.column === column)) {
        lines.push(`          - ${test.test}:`, `              name: ${test.name}`);
        if (test.args) lines.push('              arguments:', ...test.args.map((a) => `                ${a}`));
        lines.push('              config:', `                severity: ${test.severity}`);
      }
    }
    return lines.join('\n');
  });
  return `version: 2

models:
${models.join('\n')}
`;
}

export function generateDbt(plan: ExportPlan, options: ExportOptions, analysis: SqlAnalysis): ExportFile[] {
  const resolved = resolvedOptions(options);
  const profile = `sluice_${plan.id}`;
  const dataDefault = resolved.dataRoot;
  const outputDefault = resolved.outputRoot;
  const outputExpr = outputDefault === null ? `env_var('SLUICE_DATA_ROOT', ${pyString(dataDefault)})` : pyString(outputDefault);
  const declaredRunDate = plan.params.find((p) => p.name === 'run_date');
  const checks = plan.nodes.filter((n) => n.check);
  for (const check of checks) {
    if (check.readers.length > 0) throw unsupported(check, `${check.readers[0]!.name} reads this check's rows; in dbt a check is a test, not a model`);
  }
  const generic = checks.flatMap((check) => genericTests(check) ?? []);
  const singular = checks.filter((check) => genericTests(check) === undefined);
  const project = `name: ${plan.id}
version: "1.0.0"
profile: ${profile}

model-paths: ["models"]
macro-paths: ["macros"]
test-paths: ["tests"]
target-path: target
clean-targets: [target, ${yamlString(resolved.workRoot)}]

models:
  ${plan.id}:
    +materialized: external
`;
  const profiles = `${profile}:
  target: local
  outputs:
    local:
      type: duckdb
      # Only dbt's catalog of views lives here; the data are Parquet files.
      path: "{{ env_var('SLUICE_DBT_DATABASE', 'target/${plan.id}.duckdb') }}"
      threads: 2
      module_paths: ["."]
      plugins:
        - module: sluice_dbt_plugin
          config:
            work_dirs: [${plan.nodes.filter((n) => !n.sink && !n.check).map((n) => yamlString(n.id)).join(', ')}]
            sink_paths: [${plan.nodes.filter((n) => n.sink).map((n) => yamlString(n.sink!.path)).join(', ')}]
`;
  const runDateFallback = declaredRunDate ? pyString(String(declaredRunDate.default)) : "run_started_at.strftime('%Y-%m-%d')";
  const macros = `{# Paths and run date of the Sluice export; the defaults match runtime.py of the other targets. #}

{% macro sluice_run_date() -%}
  {%- set value = (env_var('SLUICE_RUN_DATE', '') or ${runDateFallback}) | string -%}
  {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value[:10]) -%}
    {{ exceptions.raise_compiler_error('SLUICE_RUN_DATE must look like 2024-01-31, got ' ~ value) }}
  {%- endif -%}
  {{- return(value[:10]) -}}
{%- endmacro %}

{% macro sluice_work_location(node_id) -%}
  {{- return(env_var('SLUICE_WORK_ROOT', ${pyString(resolved.workRoot)}) ~ '/' ~ node_id ~ '/' ~ sluice_run_date() ~ '.parquet') -}}
{%- endmacro %}

{% macro sluice_output_location(path) -%}
  {{- return(env_var('SLUICE_OUTPUT_ROOT', ${outputExpr}) ~ '/' ~ path) -}}
{%- endmacro %}
`;
  const paramDefaults = `{${plan.params.map((p) => `${pyString(p.name)}: (${pyString(p.type)}, ${typeof p.default === 'boolean' ? (p.default ? 'True' : 'False') : typeof p.default === 'number' ? String(p.default) : pyString(p.default)})`).join(', ')}}`;
  const plugin = `"""dbt-duckdb plugin generated by Sluice.

DuckDB's COPY does not create folders, so the folders the models write to are made
here. Every cursor (models and tests alike) gets the DuckDB variables the node SQL
reads, as in the IDE: sluice_data_root (the source files' locations read it) and the
pipeline's parameters, from SLUICE_PARAM_<NAME> (run_date also from SLUICE_RUN_DATE).
"""
from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin

DATA_ROOT = os.environ.get("SLUICE_DATA_ROOT", ${pyString(dataDefault)})
OUTPUT_ROOT = os.environ.get("SLUICE_OUTPUT_ROOT", ${outputDefault === null ? 'DATA_ROOT' : pyString(outputDefault)})
WORK_ROOT = os.environ.get("SLUICE_WORK_ROOT", ${pyString(resolved.workRoot)})
# name: (type, default)
PARAMS: dict[str, tuple[str, Any]] = ${paramDefaults}
_DATE = re.compile(r"^\\d{4}-\\d{2}-\\d{2}$")
_TIMESTAMP = re.compile(r"^\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?)?$")


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


${PYTHON_PARAM_LITERAL}


def _local(root: str) -> bool:
    return "://" not in root


def _param_value(name: str, default: Any) -> Any:
    value = os.environ.get("SLUICE_PARAM_" + name.upper())
    if value is None and name == "run_date":
        value = os.environ.get("SLUICE_RUN_DATE")
    return default if value in (None, "") else value


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        if _local(WORK_ROOT):
            for node_id in plugin_config.get("work_dirs", []):
                Path(WORK_ROOT, node_id).mkdir(parents=True, exist_ok=True)
        if _local(OUTPUT_ROOT):
            for sink_path in plugin_config.get("sink_paths", []):
                Path(OUTPUT_ROOT, sink_path).parent.mkdir(parents=True, exist_ok=True)
        self.statements = [
            "SET VARIABLE sluice_data_root = " + quote_literal(DATA_ROOT.rstrip("/") if not _local(DATA_ROOT) else str(Path(DATA_ROOT).resolve()))
        ]
        for name, (kind, default) in PARAMS.items():
            self.statements.append(f"SET VARIABLE {quote_identifier(name)} = {param_literal(name, kind, _param_value(name, default))}")

    def configure_connection(self, conn: Any) -> None:
        for statement in self.statements:
            conn.execute(statement)

    def configure_cursor(self, cursor: Any) -> None:
        for statement in self.statements:
            cursor.execute(statement)
`;
  const duckdbOnly = new Map<string, string[]>();
  for (const node of plan.nodes) {
    for (const feature of analysis.duckdbOnly.get(node.id) ?? []) duckdbOnly.set(feature, [...(duckdbOnly.get(feature) ?? []), node.id]);
  }
  const duckdbOnlyList =
    duckdbOnly.size === 0
      ? 'The parse trees of the models show no DuckDB-only functions or syntax.'
      : [...duckdbOnly.entries()].map(([feature, ids]) => `- \`${feature}\` in ${ids.map((id) => `\`${id}\``).join(', ')}`).join('\n');
  const paramsHow = plan.params.length > 0
    ? 'Set them as environment variables `SLUICE_PARAM_<NAME>` (upper case), e.g. `SLUICE_PARAM_MIN_DELAY=30`; the dbt plugin turns them into DuckDB variables on every connection, for models and tests.'
    : 'Set the run date with `SLUICE_RUN_DATE`.';
  const readme = `# ${plan.name} — dbt export

Exported from Sluice for dbt-core with the dbt-duckdb adapter: one model per node, and a
data test per check node.
${plan.description ? `\n${plan.description}\n` : ''}
## Files

\`\`\`
dbt_project.yml             project; every model an external (Parquet) materialization
profiles.yml                the DuckDB profile (in-process, no server)
models/sources.yml          the files the pipeline reads, as sources with external locations
models/schema.yml           one entry per model; not_null / unique / accepted_values checks as data tests
models/*.sql                one model per node: the IDE's SQL, upstream names as ref()/source()
tests/*.sql                 the other checks as singular tests (their SQL selects failing rows)
macros/sluice.sql           run date and output locations (environment variables below)
sluice_dbt_plugin.py        makes output folders; sets sluice_data_root and the parameters in DuckDB
requirements.txt, constraints.txt
\`\`\`

## Run

From this folder:

\`\`\`sh
python -m venv .venv && . .venv/bin/activate
${installCommand('dbt')}
SLUICE_DATA_ROOT=/path/to/project SLUICE_RUN_DATE=2024-01-31 dbt build --profiles-dir .
\`\`\`

\`dbt build\` runs each model, then its tests; a failing test (severity error) fails the
build and skips what is downstream of the model it tested. Models write
\`<work root>/<model>/<run date>.parquet\`; sinks write their own path and format under the
output root. dbt-duckdb writes external files in place (DuckDB replaces an existing file
through a temporary one) and writes one row of NULLs for an empty result.

## Models

${nodeTable(plan, 'Model or test', (node) => node.id)}

${paramsSection(plan, paramsHow)}

${environmentSection()}
- \`SLUICE_DBT_DATABASE\`: dbt's DuckDB catalog file (views over the Parquet files), default \`target/${plan.id}.duckdb\`.

## Moving to a warehouse

The models are plain SQL with \`ref()\` and \`source()\`, so the project moves to another dbt
adapter (dbt-snowflake, dbt-bigquery, dbt-spark, dbt-postgres, …) by:

1. adding an output for the adapter in \`profiles.yml\` and pointing \`profile:\` at it;
2. loading the source files into warehouse tables and replacing \`external_location\` in
   \`models/sources.yml\` with their \`database\`/\`schema\`/\`identifier\`;
3. replacing \`+materialized: external\` in \`dbt_project.yml\` with \`table\` or \`view\`
   (sinks become tables, or exports by your warehouse's unload command), and replacing
   \`sluice_dbt_plugin\` and \`getvariable('…')\` with dbt \`var()\`s.

DuckDB-only SQL these models use, found from DuckDB's parse tree (rewrite it for the new
engine):

${duckdbOnlyList}
`;
  return [
    { path: 'README.md', contents: readme },
    ...requirementsFiles('dbt'),
    { path: 'dbt_project.yml', contents: project },
    { path: 'profiles.yml', contents: profiles },
    { path: 'macros/sluice.sql', contents: macros },
    { path: 'sluice_dbt_plugin.py', contents: plugin },
    ...(plan.nodes.some((n) => n.type === 'source.file') ? [{ path: 'models/sources.yml', contents: sourcesYaml(plan) }] : []),
    { path: 'models/schema.yml', contents: schemaYaml(plan, generic) },
    ...plan.nodes.filter((n) => !n.check).map((node) => ({ path: `models/${node.id}.sql`, contents: modelSql(node, analysis) })),
    ...singular.map((node) => ({ path: `tests/${node.id}.sql`, contents: singularTest(node, analysis) })),
  ];
}
