#!/usr/bin/env python3
"""Runs the Sluice pipeline "Routes by state" with DuckDB, every node in dependency order.

Exit status: 0 when every node succeeded, 1 when a node or a check failed, 2 on bad arguments.
"""
from __future__ import annotations

import argparse
import logging
import sys
import time

from routes_by_state import runtime


def _param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the Sluice pipeline \"Routes by state\".")
    parser.add_argument("--run-date", help="run date, YYYY-MM-DD (default: $SLUICE_RUN_DATE, else today in UTC)")
    parser.add_argument("--param", action="append", type=_param, default=[], metavar="NAME=VALUE", help="a pipeline parameter (min_flights: integer = 100)")
    parser.add_argument("--data-root", help="where source files are read (default: $SLUICE_DATA_ROOT)")
    parser.add_argument("--output-root", help="where sinks write (default: $SLUICE_OUTPUT_ROOT, else the data root)")
    parser.add_argument("--work-root", help="where intermediates go (default: $SLUICE_WORK_ROOT)")
    parser.add_argument(
        "--granularity",
        choices=["node", "pipeline"],
        default="node",
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
