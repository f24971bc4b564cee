import { describe, expect, it } from 'vitest';
import { parsePipelineFile, serializePipeline } from './pipeline-file';
import { NODE_TYPE_LABELS, PipelineNodeSchema } from './model';

/** A file with one node of every type, in canonical form: loading and saving it gives the same bytes. */
const catalog = `version: 1
name: Every node type
params:
  run_date: { type: date, default: 2001-01-10, description: the day being processed }
  min_delay: { default: 15 }
nodes:
  - name: flights
    type: source.file
    path: data/flights-*.parquet
    filename_column: source_file
    union_by_name: true
  - name: airports
    type: source.file
    path: data/airports.csv
    format: csv
    delimiter: ","
    encoding: latin-1
    header: true
    null_strings: [ NA, "" ]
    types:
      latitude: DOUBLE
      iata: VARCHAR
  - name: shop
    type: source.duckdb
    path: data/shop.duckdb
    query: |
      SELECT * FROM orders
  - name: codes
    type: source.sql
    sql: |
      VALUES ('a', 1), ('b', 2)
  - name: late
    type: transform.filter
    inputs: [ flights ]
    where: delay > getvariable('min_delay')
  - name: by_sql
    type: transform.sql
    inputs: [ late, codes ]
    sql: |
      SELECT l.*, c.column1 AS code
      FROM late AS l CROSS JOIN codes AS c
  - name: slim
    type: transform.select
    inputs: [ late ]
    columns:
      - date
      - { column: delay, as: delay_minutes, cast: INTEGER }
  - name: derived
    type: transform.derive
    inputs: [ slim ]
    columns:
      - { name: hours, expression: delay_minutes / 60 }
  - name: joined
    type: transform.join
    inputs: [ late, airports ]
    how: left
    on:
      - { left: origin, right: iata }
  - name: per_state
    type: transform.aggregate
    inputs: [ joined ]
    group_by: [ state ]
    aggregates:
      - { name: flights, function: count }
      - { name: worst, function: max, column: delay }
  - name: both
    type: transform.union
    inputs: [ late, flights ]
    by_name: true
  - name: ordered
    type: transform.sort
    inputs: [ per_state ]
    by:
      - { column: flights, descending: true }
      - state
  - name: top
    type: transform.limit
    inputs: [ ordered ]
    rows: 10
  - name: some
    type: transform.sample
    inputs: [ flights ]
    rows: 1000
    seed: 42
  - name: unique_flights
    type: transform.deduplicate
    inputs: [ flights ]
    keys: [ date, origin ]
    order_by: [ delay ]
    keep: last
  - name: wide
    type: transform.pivot
    inputs: [ per_state ]
    on: state
    values: [ CA, TX ]
    using:
      - { name: flights, function: sum, column: flights }
  - name: long
    type: transform.unpivot
    inputs: [ wide ]
    columns: [ CA, TX ]
    name_column: state
  - name: ranked
    type: transform.window
    inputs: [ late ]
    partition_by: [ origin ]
    order_by:
      - { column: delay, descending: true }
    columns:
      - { name: rank, function: rank }
      - { name: running, function: sum, column: delay, frame: running }
  - name: dates present
    type: check.not_null
    severity: warn
    inputs: [ flights ]
    columns: [ date ]
  - name: one per key
    type: check.unique
    inputs: [ unique_flights ]
    columns: [ date, origin ]
  - name: known states
    type: check.accepted_values
    inputs: [ per_state ]
    column: state
    values: [ CA, TX, 1, true ]
  - name: enough
    type: check.row_count
    inputs: [ flights ]
    min: 1
    max: 5000000
  - name: fresh
    type: check.freshness
    inputs: [ flights ]
    column: date
    max_age: 36 hours
  - name: contract
    type: check.schema
    inputs: [ slim ]
    columns:
      - { name: date, type: TIMESTAMP }
      - { name: delay_minutes, type: INTEGER }
    allow_extra: false
  - name: custom
    type: check.sql
    inputs: [ flights ]
    sql: |
      SELECT * FROM flights WHERE distance < 0
    sample_size: 5
  - name: out
    type: sink.file
    inputs: [ top ]
    path: out/top
    format: parquet
    partition_by: [ state ]
    compression: zstd
  - name: warehouse
    type: sink.duckdb
    inputs: [ per_state ]
    path: out/warehouse.duckdb
    schema: marts
    table: per_state
    mode: append
`;

function problemsOf(text: string) {
  const parsed = parsePipelineFile(text);
  if (parsed.ok) throw new Error('expected problems');
  return parsed.problems;
}

const one = (node: string) => `version: 1\nname: x\nnodes:\n  - name: a\n    type: source.sql\n    sql: select 1\n${node}`;

describe('node catalog schemas', () => {
  it('every node type parses and round-trips byte for byte in canonical form', () => {
    const parsed = parsePipelineFile(catalog);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(new Set(parsed.pipeline.nodes.map((n) => n.type))).toEqual(new Set(Object.keys(NODE_TYPE_LABELS)));
    expect(serializePipeline(parsed.pipeline)).toBe(catalog);
  });

  it('writes the canonical key order whatever order the object was built in', () => {
    const parsed = parsePipelineFile(catalog);
    if (!parsed.ok) throw new Error('catalog must parse');
    const shuffled = {
      ...parsed.pipeline,
      nodes: parsed.pipeline.nodes.map((node) => Object.fromEntries(Object.entries(node).reverse()) as typeof node),
    };
    expect(serializePipeline(shuffled)).toBe(catalog);
  });

  it('names the node, field and line of a bad setting', () => {
    const cases: [string, RegExp][] = [
      ['  - name: j\n    type: transform.join\n    inputs: [ a ]\n    on: [ id ]\n', /exactly two inputs/],
      ['  - name: p\n    type: source.file\n    path: x.parquet\n    delimiter: ";"\n', /delimiter applies to csv and tsv files only/],
      ['  - name: g\n    type: transform.aggregate\n    inputs: [ a ]\n    aggregates:\n      - { name: s, function: sum }\n', /sum needs a column/],
      ['  - name: c\n    type: transform.select\n    inputs: [ a ]\n    columns:\n      - { column: x, cast: "INT); DROP TABLE t; --" }\n', /not a DuckDB type name/],
      ['  - name: s\n    type: transform.sample\n    inputs: [ a ]\n    rows: 5\n    percent: 10\n', /either rows or percent/],
      ['  - name: r\n    type: check.row_count\n    inputs: [ a ]\n    min: 10\n    max: 1\n', /min is larger than max/],
      ['  - name: d\n    type: transform.deduplicate\n    inputs: [ a ]\n    keys: [ id ]\n    keep: last\n', /keep: last needs order_by/],
      ['  - name: f\n    type: check.freshness\n    inputs: [ a ]\n    column: ts\n    max_age: "1 day\'; DROP"\n', /an interval like/],
      ['  - name: k\n    type: sink.file\n    inputs: [ a ]\n    path: out.csv\n    compression: snappy\n', /csv files take gzip, zstd or none/],
      ['  - name: q\n    type: source.duckdb\n    path: x.duckdb\n', /either table or query/],
      ['  - name: w\n    type: transform.pivot\n    inputs: [ a ]\n    on: state\n    using:\n      - { name: n, function: count }\n', /values of "on" that become columns/],
    ];
    for (const [node, message] of cases) {
      const problems = problemsOf(one(node));
      expect(problems[0]?.message, node).toMatch(message);
      expect(problems[0]?.node, node).toBe(node.match(/name: (\S+)/)![1]);
      expect(problems[0]?.line, node).toBeGreaterThanOrEqual(7);
    }
  });

  it('checks parameter names and values', () => {
    const bad = problemsOf('version: 1\nname: x\nparams:\n  "run date": { default: 1 }\nnodes: []\n');
    expect(bad[0]?.message).toMatch(/letters, digits and _/);
    expect(problemsOf('version: 1\nname: x\nparams:\n  d: { type: date }\nnodes: []\n')[0]?.path).toBe('params.d.default');
  });

  it('accepts keyword, quote and unicode names for nodes and columns', () => {
    const node = PipelineNodeSchema.parse({ name: 'select "from"; --', type: 'check.not_null', inputs: ['Ünïcode 名前'], columns: ['order', 'it\'s "quoted"'] });
    expect(node.name).toBe('select "from"; --');
  });
});
