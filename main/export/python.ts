import { environmentSection, installCommand, nodeTable, paramsSection, pyString, pyText, requirementsFiles, resolvedOptions, runtimePackageFiles, type ExportFile, type ExportOptions } from './common';
import type { ExportPlan } from './plan';

/** Plain Python: one script, DuckDB only, nodes in dependency order, exit 1 on failure. */
export function generatePython(plan: ExportPlan, options: ExportOptions = {}): ExportFile[] {
  const { granularity } = resolvedOptions(options);
  const script = `#!/usr/bin/env python3
"""Runs the Sluice pipeline "${pyText(plan.name)}" with DuckDB, every node in dependency order.

Exit status: 0 when every node succeeded, 1 when a node or a check failed, 2 on bad arguments.
"""
from __future__ import annotations

import argparse
import logging
import sys
import time

from ${plan.id} import runtime


def _param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=${pyString(`Run the Sluice pipeline "${plan.name}".`)})
    parser.add_argument("--run-date", help="run date, YYYY-MM-DD (default: $SLUICE_RUN_DATE, else today in UTC)")
    parser.add_argument("--param", action="append", type=_param, default=[], metavar="NAME=VALUE", help=${pyString(plan.params.length > 0 ? `a pipeline parameter (${plan.params.map((p) => `${p.name}: ${p.type} = ${String(p.default)}`).join('; ')})` : 'a pipeline parameter (this pipeline declares none)')})
    parser.add_argument("--data-root", help="where source files are read (default: $SLUICE_DATA_ROOT)")
    parser.add_argument("--output-root", help="where sinks write (default: $SLUICE_OUTPUT_ROOT, else the data root)")
    parser.add_argument("--work-root", help="where intermediates go (default: $SLUICE_WORK_ROOT)")
    parser.add_argument(
        "--granularity",
        choices=["node", "pipeline"],
        default=${pyString(granularity)},
        help="node: each node in its own DuckDB connection, results as Parquet intermediates; "
        "pipeline: all nodes in one connection, only sinks written",
    )
    args = parser.parse_args(argv)
    params = dict(args.param)
    try:
        run = runtime.Run(args.run_date, params)
    except ValueError as error:
        parser.error(str(error))
    settings = runtime.Settings.from_env(args.data_root, args.output_root, args.work_root)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    started = time.monotonic()
    if args.granularity == "pipeline":
        try:
            for node_id, rows in runtime.run_pipeline(args.run_date, params, settings).items():
                print(f"{runtime.NODES[node_id]['name']}: {rows} rows")
        except runtime.NodeFailed as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    else:
        # Like the IDE: a failed node skips what reads it, a failed check does not,
        # and the run fails at the end.
        failed: set[str] = set()
        problems: list[str] = []
        for node_id in runtime.ORDER:
            node = runtime.NODES[node_id]
            if any(i["id"] in failed for i in node["inputs"]):
                failed.add(node_id)
                print(f"{node['name']}: skipped (an input failed)")
                continue
            try:
                rows = runtime.run_node(node_id, args.run_date, params, settings)
                print(f"{node['name']}: {rows} {'failing rows' if node['role'] == 'check' else 'rows'}")
            except runtime.CheckFailed as error:
                problems.append(str(error))
            except runtime.NodeFailed as error:
                failed.add(node_id)
                problems.append(str(error))
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        if problems:
            return 1
    print(f"done in {time.monotonic() - started:.1f} s (run date {run.date})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
`;
  const readme = `# ${plan.name} — plain Python export

Exported from Sluice. One script, [DuckDB](https://duckdb.org) only, no orchestrator.
${plan.description ? `\n${plan.description}\n` : ''}
## Files

\`\`\`
run.py                     the script (argparse; exit 1 when a node or check fails)
${plan.id}/runtime.py      how a node runs: inputs as views, COPY to a temp file, rename
${plan.id}/pipeline.json   the nodes, their inputs and outputs
${plan.id}/sql/*.sql       each node's SQL, exactly as the IDE compiled it
requirements.txt
\`\`\`

## Run

\`\`\`sh
python -m venv .venv && . .venv/bin/activate
${installCommand('python')}
SLUICE_DATA_ROOT=/path/to/project python run.py --run-date 2024-01-31
\`\`\`

\`python run.py --help\` lists the options. \`--granularity pipeline\` runs every node in one
DuckDB connection and writes only the sinks.

## Nodes

${nodeTable(plan, 'SQL file', (node) => `${plan.id}/sql/${node.id}.sql`)}

${paramsSection(plan, 'Pass them as `--param name=value` (repeatable); `--run-date` sets the run date.')}

${environmentSection()}
`;
  return [
    { path: 'README.md', contents: readme },
    ...requirementsFiles('python'),
    { path: 'run.py', contents: script },
    ...runtimePackageFiles(plan, options, plan.id),
  ];
}
